/**
 * One message catalogue per language, shared by the staff console (browser), the server-rendered
 * pages and the staff emails. `en` defines the shape; the Chinese catalogues are typed against it,
 * and test/unit/messages/catalogue.test.ts checks at run time that every key exists, non-empty, in
 * all three, with the same `{placeholders}`.
 */
import type { Language } from '../domain/vocabulary';
import { en, type Messages } from './en';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';
import { translator, type Translate } from './lookup';

export type { Messages } from './en';
export { fill, INTL_LOCALES, lookup, translator, type MessageKey, type MessageVars, type Translate } from './lookup';

export const CATALOGUES: Record<Language, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export const messagesFor = (language: Language): Messages => CATALOGUES[language];
export const translate = (language: Language): Translate => translator(CATALOGUES[language]);
