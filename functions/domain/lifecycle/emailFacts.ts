/** Gathers the facts lifecycle emails are written from (see notifications/lifecycleEmailFacts.ts). */
import type { ComplaintCase } from '../complaintCase';
import type { Language } from '../vocabulary';
import type { Estate } from '../estate';
import { staffEmailLanguages } from '../notifications/staffNotices';

export function residentFacts(complaintCase: ComplaintCase, estate: Estate, trackingUrl: string) {
  return {
    language: complaintCase.language,
    complainantName: complaintCase.complainant.name,
    reference: complaintCase.reference,
    estateName: estate.names[complaintCase.language],
    timeZone: estate.timeZone,
    trackingUrl,
  };
}

/** Staff emails link to the case in the staff console. */
export function staffCaseUrl(publicBaseUrl: string, caseId: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/staff?case=${encodeURIComponent(caseId)}`;
}

/** The estate's name in each of the email's languages, side by side (`海景花園 / Harbour View` in Hong Kong). */
export const namesIn = (names: Record<Language, string>, languages: readonly Language[]) => languages.map((language) => names[language]).join(' / ');

export function staffFacts(complaintCase: ComplaintCase, estate: Estate, publicBaseUrl: string) {
  // The estate's form from its record in the store (its jurisdiction), not from the environment.
  const languages = staffEmailLanguages(estate);
  return {
    languages,
    reference: complaintCase.reference,
    estateName: namesIn(estate.names, languages),
    timeZone: estate.timeZone,
    caseUrl: staffCaseUrl(publicBaseUrl, complaintCase.caseId),
  };
}

export function departmentOf(estate: Estate, departmentId: string | undefined) {
  return estate.departments.find((d) => d.departmentId === departmentId) ?? estate.departments.find((d) => d.departmentId === 'customer-service');
}
