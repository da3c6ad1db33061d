/**
 * What the complainant sees through their private link (ISO 10002
 * transparency): status, dates and a public timeline. Never internal notes,
 * staff statements or personal data: the link may be forwarded.
 */
import type { AuditEvent } from './auditTrail';
import type { Language } from './complaint';
import type { ComplaintCase } from './complaintCase';
import type { Estate } from './estate';

type Messages = Record<string, (params: Record<string, string | number>) => string>;

const TIMELINE_MESSAGES: Record<Language, Messages> = {
  en: {
    received: (p) => `Complaint received and recorded as ${p.reference}.`,
    acknowledged: () => 'Acknowledgement sent to you by email.',
    'needs-attention': () => 'Your case is with our customer-service team, who will contact you.',
  },
  'zh-Hant': {
    received: (p) => `已收到並記錄您的投訴，編號 ${p.reference}。`,
    acknowledged: () => '確認通知已以電郵發送給您。',
    'needs-attention': () => '您的個案已交由客戶服務部跟進，我們會與您聯絡。',
  },
  'zh-Hans': {
    received: (p) => `已收到并记录您的投诉，编号 ${p.reference}。`,
    acknowledged: () => '确认通知已通过电子邮件发送给您。',
    'needs-attention': () => '您的个案已交由客户服务部跟进，我们会与您联系。',
  },
};

const STATUS_LABELS: Record<Language, Record<string, string>> = {
  en: { received: 'Received', acknowledged: 'Acknowledged', 'needs-attention': 'With customer service' },
  'zh-Hant': { received: '已收到', acknowledged: '已確認', 'needs-attention': '客戶服務部跟進中' },
  'zh-Hans': { received: '已收到', acknowledged: '已确认', 'needs-attention': '客户服务部跟进中' },
};

export interface PublicCaseView {
  caseId: string;
  reference: string;
  estate: { estateId: string; name: string };
  language: Language;
  status: string;
  statusLabel: string;
  receivedAt: string;
  responseDueBy: string;
  timeline: { at: string; kind: string; message: string }[];
}

export function publicCaseView(complaintCase: ComplaintCase, events: readonly AuditEvent[], estate: Estate | undefined, language: Language = complaintCase.language): PublicCaseView {
  const messages = TIMELINE_MESSAGES[language];
  return {
    caseId: complaintCase.caseId,
    reference: complaintCase.reference,
    estate: { estateId: complaintCase.estateId, name: estate?.names[language] ?? complaintCase.estateId },
    language,
    status: complaintCase.status,
    statusLabel: STATUS_LABELS[language][complaintCase.status] ?? complaintCase.status,
    receivedAt: complaintCase.receivedAt,
    responseDueBy: complaintCase.responseDueBy,
    timeline: events
      .filter((event) => event.public)
      .map((event) => {
        const entry = event.public!;
        const render = messages[entry.kind];
        return { at: event.at, kind: entry.kind, message: render ? render(entry.params ?? {}) : entry.kind };
      }),
  };
}
