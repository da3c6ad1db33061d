/**
 * The tiny typed lookup over the message catalogues (./en.ts, ./zh-Hant.ts, ./zh-Hans.ts), used alike
 * by server-rendered pages, emails and browser modules. A key is a dotted path whose value is a
 * string (`'queue.title'`); the type system refuses a key that does not exist. `{name}` placeholders
 * are filled from `vars`. No Node or DOM APIs: it runs on both sides.
 */
import type { Language } from '../domain/vocabulary';
import type { Messages } from './en';

type Join<K extends string, P extends string> = `${K}.${P}`;

/** Every dotted path of `T` that leads to a string. */
export type KeysOf<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends Record<string, unknown> ? Join<K, KeysOf<T[K]>> : never;
}[keyof T & string];

export type MessageKey = KeysOf<Messages>;

export type MessageVars = Record<string, string | number>;

/** Replaces `{name}` with `vars.name`; an unknown placeholder stays as written (visible in tests, never blank). */
export function fill(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/** The string at a dotted path of a catalogue. */
export function lookup(messages: Messages, key: MessageKey, vars?: MessageVars): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? fill(node, vars) : key;
}

/** A translator bound to one catalogue: `t('queue.title')`. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;
export const translator = (messages: Messages): Translate => (key, vars) => lookup(messages, key, vars);

/** `A` with the blocks of a part `B` added, key by key (a part of the catalogue: ./admin.en.ts, ./selfAssessment.en.ts). */
export type WithPart<A, B> = {
  [K in keyof A | keyof B]: K extends keyof B ? (K extends keyof A ? (A[K] extends string ? A[K] : WithPart<A[K], B[K]>) : B[K]) : K extends keyof A ? A[K] : never;
};

/** Merges a part into a catalogue (a new object; neither is changed): nested blocks are merged, strings replaced. */
export function mergeTexts<A extends object, B extends object>(core: A, part: B): WithPart<A, B> {
  const merged = { ...core } as Record<string, unknown>;
  for (const [key, value] of Object.entries(part)) {
    const existing = merged[key];
    merged[key] = typeof value === 'object' && value !== null && typeof existing === 'object' && existing !== null ? mergeTexts(existing, value) : value;
  }
  return merged as WithPart<A, B>;
}

/** Intl locales of our languages: Hong Kong for Traditional Chinese, mainland for Simplified. */
export const INTL_LOCALES: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN' };
