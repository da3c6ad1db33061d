/**
 * One message catalogue per language, shared by the staff console (browser), the server-rendered
 * pages and the staff emails. `en` defines the shape; the Chinese catalogues are typed against it,
 * and test/unit/messages/catalogue.test.ts checks at run time that every key exists, non-empty, in
 * all three, with the same `{placeholders}`.
 */
import type { Language } from '../domain/vocabulary';
import { enAdminTexts } from './admin.en';
import { zhHansAdminTexts } from './admin.zh-Hans';
import { zhHantAdminTexts } from './admin.zh-Hant';
import { en, type Messages } from './en';
import { mergeTexts, translator, type Translate } from './lookup';
import { enSelfAssessmentTexts } from './selfAssessment.en';
import { zhHansSelfAssessmentTexts } from './selfAssessment.zh-Hans';
import { zhHantSelfAssessmentTexts } from './selfAssessment.zh-Hant';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { Messages } from './en';
export { fill, INTL_LOCALES, lookup, mergeTexts, translator, type MessageKey, type MessageVars, type Translate } from './lookup';

/** Every language's whole catalogue: the core with its parts (which the console fetches apart, functions/web/browser/i18n.ts). */
export const CATALOGUES: Record<Language, Messages> = {
  en: mergeTexts(mergeTexts(en, enAdminTexts), enSelfAssessmentTexts),
  'zh-Hant': mergeTexts(mergeTexts(zhHant, zhHantAdminTexts), zhHantSelfAssessmentTexts),
  'zh-Hans': mergeTexts(mergeTexts(zhHans, zhHansAdminTexts), zhHansSelfAssessmentTexts),
};

export const messagesFor = (language: Language): Messages => CATALOGUES[language];
export const translate = (language: Language): Translate => translator(CATALOGUES[language]);
