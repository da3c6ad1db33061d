/**
 * The reader's language in the console: their own choice (kept in localStorage), else the estates
 * they serve (mainland estates → 简体, Hong Kong → 繁體), else the browser's, else English. The
 * messages come from the shared catalogues (functions/messages); dates, times and money go through
 * Intl in the reader's locale and the estate's time zone when one is given.
 */
import { signal } from './state';
import { CATALOGUES, INTL_LOCALES, lookup, type MessageKey, type MessageVars } from '../../messages';
import { LANGUAGES, type Language } from '../../domain/vocabulary';

const LANGUAGE_KEY = 'complaints.staffLanguage';

export const language = signal<Language>('en');

export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return LANGUAGES.find((l) => l === value) ?? null;
  } catch {
    return null;
  }
}

/** The default for a person who has not chosen: from the jurisdictions of the estates they serve. */
export function defaultLanguage(jurisdictions: readonly string[], browserLanguages: readonly string[] = navigator.languages ?? []): Language {
  if (jurisdictions.length > 0 && jurisdictions.every((j) => j === 'CN')) return 'zh-Hans';
  if (jurisdictions.length > 0 && jurisdictions.every((j) => j === 'HK')) return 'zh-Hant';
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('en')) return 'en';
    if (/^zh-(hant|hk|tw|mo)/.test(lower) || lower.startsWith('yue')) return 'zh-Hant';
    if (lower.startsWith('zh')) return 'zh-Hans';
  }
  return 'en';
}

export function chooseLanguage(value: Language, remember: boolean): void {
  language.set(value);
  document.documentElement.lang = value;
  if (!remember) return;
  try {
    window.localStorage.setItem(LANGUAGE_KEY, value);
  } catch {
    // not remembered in private mode
  }
}

export function t(key: MessageKey, vars?: MessageVars): string {
  return lookup(CATALOGUES[language.get()], key, vars);
}

/** Looks up a key made from data (an event type, a status); `fallback` when the catalogue has none. */
export function tDynamic(key: string, fallback: string, vars?: MessageVars): string {
  const text = lookup(CATALOGUES[language.get()], key as MessageKey, vars);
  return text === key ? fallback : text;
}

const locale = () => INTL_LOCALES[language.get()];

export function formatDateTime(iso: string | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}

export function formatDate(iso: string | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(date);
}

export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(date);
}

export function formatMoney(amount: number | undefined, currency: string | undefined): string {
  if (typeof amount !== 'number') return '';
  if (!currency) return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(items);
}
