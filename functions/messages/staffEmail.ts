/**
 * The staff side of the message catalogues (./staffEmail.en.ts, ./staffEmail.zh-Hant.ts, ./staffEmail.zh-Hans.ts):
 * the texts of emails to staff (`email.insight`: the weekly report and the early-warning alert). Server only:
 * imported by functions/domain/insight, never by a browser module, so the console's bundle does not carry it.
 * test/unit/messages/catalogue.test.ts checks every key in all three languages.
 */
import type { Language } from '../domain/vocabulary';
import { fill, type KeysOf, type MessageVars } from './lookup';
import { enStaffEmail, type StaffEmailMessages } from './staffEmail.en';
import { zhHansStaffEmail } from './staffEmail.zh-Hans';
import { zhHantStaffEmail } from './staffEmail.zh-Hant';

export type { StaffEmailMessages } from './staffEmail.en';

export const STAFF_EMAIL_CATALOGUES: Record<Language, StaffEmailMessages> = { en: enStaffEmail, 'zh-Hant': zhHantStaffEmail, 'zh-Hans': zhHansStaffEmail };

export const staffEmailMessagesFor = (language: Language): StaffEmailMessages => STAFF_EMAIL_CATALOGUES[language];

export type StaffEmailKey = KeysOf<StaffEmailMessages>;

/** A translator over the staff emails' catalogue: `text('email.insight.earlyWarning.subject', { estate })`. */
export function staffEmailText(language: Language): (key: StaffEmailKey, vars?: MessageVars) => string {
  return (key, vars) => {
    let node: unknown = STAFF_EMAIL_CATALOGUES[language];
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? fill(node, vars) : key;
  };
}
