/**
 * The resident side of the message catalogues (./resident.en.ts, ./resident.zh-Hant.ts,
 * ./resident.zh-Hans.ts): the resident emails and pages. Server
 * only: imported by functions/domain/notifications/residentEmails.ts and functions/web/webCopy.ts,
 * never by a browser module, so the staff console's bundle does not carry it.
 */
import type { Language } from '../domain/vocabulary';
import { enResident, type ResidentMessages } from './resident.en';
import { zhHansResident } from './resident.zh-Hans';
import { zhHantResident } from './resident.zh-Hant';

export type { ResidentMessages } from './resident.en';

export const RESIDENT_CATALOGUES: Record<Language, ResidentMessages> = { en: enResident, 'zh-Hant': zhHantResident, 'zh-Hans': zhHansResident };

export const residentMessagesFor = (language: Language): ResidentMessages => RESIDENT_CATALOGUES[language];
