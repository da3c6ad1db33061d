/** Gathers the facts lifecycle emails are written from (see notifications/lifecycleEmailFacts.ts). */
import type { ComplaintCase } from '../complaintCase';
import type { Estate } from '../estate';

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

export function staffFacts(complaintCase: ComplaintCase, estate: Estate, publicBaseUrl: string) {
  return {
    reference: complaintCase.reference,
    // Staff emails are bilingual; the estate's Traditional Chinese and English names both appear in the templates' headings.
    estateName: `${estate.names['zh-Hant']} / ${estate.names.en}`,
    timeZone: estate.timeZone,
    caseUrl: staffCaseUrl(publicBaseUrl, complaintCase.caseId),
  };
}

export function departmentOf(estate: Estate, departmentId: string | undefined) {
  return estate.departments.find((d) => d.departmentId === departmentId) ?? estate.departments.find((d) => d.departmentId === 'customer-service');
}
