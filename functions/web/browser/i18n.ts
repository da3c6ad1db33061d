/**
 * The reader's language in the console: their own choice (kept in localStorage), else the estates
 * they serve (mainland estates → 简体, Hong Kong → 繁體), else the browser's, else English. The
 * messages come from the shared catalogues (functions/messages); dates, times and money go through
 * Intl in the reader's locale and the estate's time zone when one is given.
 */
import { signal } from './state';
import type { CoreMessages, Messages } from '../../messages/en';
import { INTL_LOCALES, lookup, mergeTexts, type MessageKey, type MessageVars } from '../../messages/lookup';
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

/**
 * Each language's catalogue is a chunk of its own, fetched when the reader first needs it: a reader downloads
 * one language's texts, not three (the dashboard page's budget, docs/INSIGHT.md). `main.tsx` loads the first
 * before rendering; a change of language shows the new texts once its catalogue has come.
 *
 * The texts of a few pages are parts of the catalogue of their own (functions/messages/admin.*.ts,
 * selfAssessment.*.ts), fetched when such a page opens (`loadCataloguePart`, from ./pages.ts), so that no page
 * carries the others' texts within its 60 KB (docs/CONSOLE.md). A part once fetched is fetched again with the
 * catalogue of a language the reader switches to.
 */
const CATALOGUE_LOADERS: Record<Language, () => Promise<CoreMessages>> = {
  en: () => import('../../messages/en').then((m) => m.en),
  'zh-Hant': () => import('../../messages/zh-Hant').then((m) => m.zhHant),
  'zh-Hans': () => import('../../messages/zh-Hans').then((m) => m.zhHans),
};
const PART_LOADERS = {
  admin: {
    en: () => import('../../messages/admin.en').then((m) => m.enAdminTexts),
    'zh-Hant': () => import('../../messages/admin.zh-Hant').then((m) => m.zhHantAdminTexts),
    'zh-Hans': () => import('../../messages/admin.zh-Hans').then((m) => m.zhHansAdminTexts),
  },
  selfAssessment: {
    en: () => import('../../messages/selfAssessment.en').then((m) => m.enSelfAssessmentTexts),
    'zh-Hant': () => import('../../messages/selfAssessment.zh-Hant').then((m) => m.zhHantSelfAssessmentTexts),
    'zh-Hans': () => import('../../messages/selfAssessment.zh-Hans').then((m) => m.zhHansSelfAssessmentTexts),
  },
} satisfies Record<string, Record<Language, () => Promise<object>>>;
export type CataloguePart = keyof typeof PART_LOADERS;

/** Each language's catalogue as far as it has come: the core, and the parts merged into it. */
const catalogues: Partial<Record<Language, Messages>> = {};
/**
 * One fetch per language and per part, however many callers ask at once (a page opening while the console picks
 * the reader's language): a second caller waits for the same fetch instead of storing its own copy of the core
 * over a catalogue a part has meanwhile been merged into.
 */
const coreLoads: Partial<Record<Language, Promise<void>>> = {};
const partLoads: Partial<Record<Language, Map<CataloguePart, Promise<void>>>> = {};
/** The parts the reader has needed so far (loaded again with another language's catalogue). */
const partsWanted = new Set<CataloguePart>();

function loadCore(value: Language): Promise<void> {
  return (coreLoads[value] ??= CATALOGUE_LOADERS[value]().then((core) => {
    catalogues[value] = core as Messages;
  }));
}

function loadPart(value: Language, part: CataloguePart): Promise<void> {
  const loads = (partLoads[value] ??= new Map<CataloguePart, Promise<void>>());
  let load = loads.get(part);
  if (!load) {
    load = Promise.all([loadCore(value), PART_LOADERS[part][value]()]).then(([, texts]) => {
      catalogues[value] = mergeTexts(catalogues[value]!, texts);
    });
    loads.set(part, load);
  }
  return load;
}

export async function loadCatalogue(value: Language): Promise<void> {
  // Until its parts have come, a key of theirs reads as the key itself (`lookup`), never as a blank.
  await loadCore(value);
  await Promise.all([...partsWanted].map((part) => loadPart(value, part)));
}

/** Fetches a part of the reader's catalogue (and keeps it for the languages the reader switches to). */
export async function loadCataloguePart(part: CataloguePart): Promise<void> {
  partsWanted.add(part);
  await loadCatalogue(language.get());
}

/** Each language's own name, for the picker (without loading its catalogue). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };

/** The reader's catalogue; before it has come, the last one loaded (the first is loaded before the console renders). */
function currentCatalogue(): Messages {
  return catalogues[language.get()] ?? catalogues.en ?? catalogues['zh-Hant'] ?? catalogues['zh-Hans']!;
}

/** Counts calls of `chooseLanguage`, so that only the latest one takes effect, whichever catalogue comes first. */
let languageRequests = 0;

/**
 * Shows the console in `value` once its catalogue has come. The latest call wins: a default picked when the session
 * started (its catalogue still on its way) never overrides the reader's own choice made meanwhile.
 */
export async function chooseLanguage(value: Language, remember: boolean): Promise<void> {
  const request = ++languageRequests;
  if (remember) {
    try {
      window.localStorage.setItem(LANGUAGE_KEY, value);
    } catch {
      // not remembered in private mode
    }
  }
  await loadCatalogue(value);
  if (request !== languageRequests) return;
  language.set(value);
  document.documentElement.lang = value;
}

export function t(key: MessageKey, vars?: MessageVars): string {
  return lookup(currentCatalogue(), key, vars);
}

/** Looks up a key made from data (an event type, a status); `fallback` when the catalogue has none. */
export function tDynamic(key: string, fallback: string, vars?: MessageVars): string {
  const text = lookup(currentCatalogue(), key as MessageKey, vars);
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
