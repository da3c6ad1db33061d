/**
 * What the complainant sees through their private link (ISO 10002
 * transparency): status, dates, the public timeline, and the whole story a
 * complainant should know: their complaint as filed (the text, not their
 * name or contacts), what they added since, our response with its outcome and
 * remedy once sent, the compensation decided, and how to take it further.
 * Never internal notes, staff statements, root cause or accountability.
 */
import type { AuditEvent } from './auditTrail';
import type { Language } from './complaint';
import type { ComplaintCase } from './complaintCase';
import type { Estate } from './estate';
import { answeredOffer, compensationOffer } from './lifecycle/residentChoices';

type Messages = Record<string, (params: Record<string, string | number>) => string>;

const OUTCOME: Record<Language, Record<string, string>> = {
  en: { upheld: 'upheld', 'partly-upheld': 'partly upheld', 'not-upheld': 'not upheld' },
  'zh-Hant': { upheld: '成立', 'partly-upheld': '部分成立', 'not-upheld': '不成立' },
  'zh-Hans': { upheld: '成立', 'partly-upheld': '部分成立', 'not-upheld': '不成立' },
};

const TIMELINE_MESSAGES: Record<Language, Messages> = {
  en: {
    received: (p) => `Complaint received and recorded as ${p.reference}.`,
    acknowledged: () => 'Acknowledgement sent to you by email.',
    'acknowledged-by-letter': () => 'Acknowledgement sent to you by letter.',
    triaged: () => 'Your complaint has been assessed and passed to the team responsible.',
    'routed-department': () => 'The department responsible is looking into it.',
    'routed-developer': () => 'Recorded by our customer-service desk; building-quality matters are reported to the developer.',
    'actions-done': () => 'All the actions we promised in our response are done.',
    'outcome-published': () => 'The outcome has been published on the estate\'s notice page.',
    'routed-external-party': (p) => `This matter is outside our management; we have reported it${p.party ? ` to ${p.party}` : ''} and will keep you informed.`,
    'resolved-on-the-spot': () => 'Resolved when you reported it; we will ask how satisfied you are.',
    'clock-paused': (p) => `We are waiting on something before we can continue: ${p.reason}. The time we take to reply is paused meanwhile.`,
    'clock-resumed': () => 'We have resumed work on your complaint; the date we will reply by has moved accordingly.',
    'deadline-extended': () => 'We need more time; we have written to you with the reason and the new date.',
    'interim-response': () => 'We have written to you with an update on our progress.',
    escalated: () => 'Your complaint has been escalated to a more senior colleague.',
    'new-deadline': () => 'A senior colleague has set a new date for our reply.',
    'compensation-review': () => 'Your claim for compensation is being reviewed.',
    'compensation-decided': () => 'A decision on your claim for compensation has been made.',
    responded: (p) => `We have sent you our response: your complaint was ${OUTCOME.en[String(p.outcome)] ?? 'answered'}.`,
    'follow-up-sent': () => 'We have asked how satisfied you are.',
    'feedback-received': () => 'Thank you for your rating.',
    'stage-2-opened': () => 'Your complaint is being reviewed again at stage 2 by someone not involved before.',
    'stage-2-acknowledged': () => 'We have acknowledged your stage 2 request in writing, with who handles it and the date of our final response.',
    closed: () => 'Your complaint is closed.',
    'closed-invalid': () => 'Your complaint is closed; we have written to you to explain why.',
    'needs-attention': () => 'Your case is with our customer-service team, who will contact you.',
    'resident-added': (p) => `You added information${Number(p.files) > 0 ? ` and ${p.files} file(s)` : ''}.`,
    'files-added': (p) => `${p.files} file(s) you sent were added to your complaint.`,
    'compensation-accepted': () => 'You accepted the compensation offered.',
    'compensation-declined': () => 'You declined the compensation offered.',
    'withdrawal-requested': () => 'You asked to withdraw your complaint.',
    'closed-withdrawn': () => 'Your complaint is withdrawn, as you asked, and closed.',
  },
  'zh-Hant': {
    received: (p) => `已收到並記錄您的投訴，編號 ${p.reference}。`,
    acknowledged: () => '確認通知已以電郵發送給您。',
    'acknowledged-by-letter': () => '確認通知已以書面寄送給您。',
    triaged: () => '您的投訴已完成評估，並交由負責部門處理。',
    'routed-department': () => '負責部門正在跟進。',
    'routed-developer': () => '客戶服務部已記錄；屬房屋質量的問題會向發展商反映。',
    'actions-done': () => '我們在回覆中承諾的跟進工作已全部完成。',
    'outcome-published': () => '處理結果已於屋苑通告頁公布。',
    'routed-external-party': (p) => `此事不屬本公司管轄範圍，我們已向${p.party ?? '有關方面'}反映，並會通知您進展。`,
    'resolved-on-the-spot': () => '已於受理時即場處理；我們稍後會請您評價。',
    'clock-paused': (p) => `我們需等待以下事項才能繼續：${p.reason}。期間回覆時限暫停計算。`,
    'clock-resumed': () => '我們已恢復處理您的投訴，回覆日期已相應調整。',
    'deadline-extended': () => '我們需要更多時間，已以書面說明原因及新日期。',
    'interim-response': () => '我們已以書面向您更新處理進度。',
    escalated: () => '您的投訴已轉交更高層級同事跟進。',
    'new-deadline': () => '高層同事已訂定新的回覆日期。',
    'compensation-review': () => '您的賠償要求正在審批中。',
    'compensation-decided': () => '您的賠償要求已有決定。',
    responded: (p) => `我們已向您發出回覆：投訴${OUTCOME['zh-Hant'][String(p.outcome)] ?? '已處理'}。`,
    'follow-up-sent': () => '我們已邀請您評價是次處理。',
    'feedback-received': () => '感謝您的評價。',
    'stage-2-opened': () => '您的投訴已進入第二階段，由未曾參與的同事重新審視。',
    'stage-2-acknowledged': () => '我們已書面確認收到您的第二階段覆核要求，並告知負責人及最終回覆日期。',
    closed: () => '您的投訴已結案。',
    'closed-invalid': () => '您的投訴已結案，我們已以書面說明原因。',
    'needs-attention': () => '您的個案已交由客戶服務部跟進，我們會與您聯絡。',
    'resident-added': (p) => `您補充了資料${Number(p.files) > 0 ? `及 ${p.files} 個檔案` : ''}。`,
    'files-added': (p) => `您傳送的 ${p.files} 個檔案已加入投訴。`,
    'compensation-accepted': () => '您已接受所提出的賠償。',
    'compensation-declined': () => '您已拒絕所提出的賠償。',
    'withdrawal-requested': () => '您已要求撤回投訴。',
    'closed-withdrawn': () => '您的投訴已按您的要求撤回並結案。',
  },
  'zh-Hans': {
    received: (p) => `已收到并记录您的投诉，编号 ${p.reference}。`,
    acknowledged: () => '确认通知已通过电子邮件发送给您。',
    'acknowledged-by-letter': () => '确认通知已以书面寄送给您。',
    triaged: () => '您的投诉已完成评估，并交由负责部门处理。',
    'routed-department': () => '负责部门正在跟进。',
    'routed-developer': () => '客户服务部已记录；属房屋质量的问题会向开发商反映。',
    'actions-done': () => '我们在答复中承诺的跟进事项已全部完成。',
    'outcome-published': () => '处理结果已于小区公告页公布。',
    'routed-external-party': (p) => `此事不属本公司管辖范围，我们已向${p.party ?? '有关方面'}反映，并会通知您进展。`,
    'resolved-on-the-spot': () => '已于受理时当场处理；我们稍后会请您评价。',
    'clock-paused': (p) => `我们需等待以下事项才能继续：${p.reason}。期间回复时限暂停计算。`,
    'clock-resumed': () => '我们已恢复处理您的投诉，回复日期已相应调整。',
    'deadline-extended': () => '我们需要更多时间，已以书面说明原因及新日期。',
    'interim-response': () => '我们已以书面向您更新处理进度。',
    escalated: () => '您的投诉已转交更高层级同事跟进。',
    'new-deadline': () => '高层同事已订定新的回复日期。',
    'compensation-review': () => '您的赔偿要求正在审批中。',
    'compensation-decided': () => '您的赔偿要求已有决定。',
    responded: (p) => `我们已向您发出回复：投诉${OUTCOME['zh-Hans'][String(p.outcome)] ?? '已处理'}。`,
    'follow-up-sent': () => '我们已邀请您评价本次处理。',
    'feedback-received': () => '感谢您的评价。',
    'stage-2-opened': () => '您的投诉已进入第二阶段，由未曾参与的同事重新审视。',
    'stage-2-acknowledged': () => '我们已书面确认收到您的第二阶段复核请求，并告知负责人及最终答复日期。',
    closed: () => '您的投诉已结案。',
    'closed-invalid': () => '您的投诉已结案，我们已以书面说明原因。',
    'needs-attention': () => '您的个案已交由客户服务部跟进，我们会与您联系。',
    'resident-added': (p) => `您补充了资料${Number(p.files) > 0 ? `及 ${p.files} 个文件` : ''}。`,
    'files-added': (p) => `您发送的 ${p.files} 个文件已加入投诉。`,
    'compensation-accepted': () => '您已接受所提出的赔偿。',
    'compensation-declined': () => '您已拒绝所提出的赔偿。',
    'withdrawal-requested': () => '您已要求撤回投诉。',
    'closed-withdrawn': () => '您的投诉已按您的要求撤回并结案。',
  },
};

const STATUS_LABELS: Record<Language, Record<string, string>> = {
  en: { received: 'Received', acknowledged: 'Acknowledged', 'in-progress': 'Being handled', 'awaiting-compensation-decision': 'Compensation under review', responded: 'Responded', closed: 'Closed', 'needs-attention': 'With customer service' },
  'zh-Hant': { received: '已收到', acknowledged: '已確認', 'in-progress': '處理中', 'awaiting-compensation-decision': '賠償審批中', responded: '已回覆', closed: '已結案', 'needs-attention': '客戶服務部跟進中' },
  'zh-Hans': { received: '已收到', acknowledged: '已确认', 'in-progress': '处理中', 'awaiting-compensation-decision': '赔偿审批中', responded: '已回复', closed: '已结案', 'needs-attention': '客户服务部跟进中' },
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
  /** The estate's time zone, in which dates are shown to the complainant. */
  timeZone: string;
  stage: 1 | 2;
  timeline: { at: string; kind: string; message: string }[];
  /** The complaint as filed: their words and the claim they made (no name, contacts or unit: the link may be forwarded). */
  complaint: { description: string; channel: string; compensationClaim?: { amount: number; currency: string } };
  /** What they added after filing, oldest first. */
  additions: { at: string; source: string; text: string; files: { name: string; contentType: string }[] }[];
  /** Files of the case they sent (by email, the form or this page). */
  files: { name: string; contentType: string; addedAt: string }[];
  /** Our response, once it was sent to them. */
  response?: { outcome: string; outcomeLabel: string; decision: string; reasons: string; remedy?: string; outstandingActions: { action: string; dueBy: string; doneAt?: string }[]; at: string };
  /** Compensation decided on their claim (the final amount; HQ's approval where the group's threshold needs it). */
  compensation?: { outcome: 'approved' | 'amended' | 'rejected'; amount: number; currency: string; reasons: string };
  /** What the complainant can decide on the page: the compensation offered (and their answer), withdrawing the complaint. */
  choices: { compensationAnswerable: boolean; compensationAnswer?: 'accepted' | 'declined'; withdrawable: boolean; withdrawalRequested: boolean };
  /** How to take it further: a stage-2 review after our response, and the ombudsman where the estate names one. */
  escalation: { stage2Available: boolean; ombudsman?: string };
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
    timeZone: estate?.timeZone ?? 'UTC',
    stage: complaintCase.stage,
    timeline: events
      .filter((event) => event.public)
      .map((event) => {
        const entry = event.public!;
        const render = messages[entry.kind];
        return { at: event.at, kind: entry.kind, message: render ? render(entry.params ?? {}) : entry.kind };
      }),
    ...wholeStory(complaintCase, estate, language),
    choices: residentChoicesNow(complaintCase),
  };
}

/**
 * What the page offers (residentChoices.ts decides for real when they send it). Withdrawing is offered while we
 * are handling the complaint: not once we responded, nor while it is with customer service, nor after a request.
 */
function residentChoicesNow(c: ComplaintCase): PublicCaseView['choices'] {
  const answer = answeredOffer(c);
  const withdrawalRequested = Boolean(c.withdrawal && c.withdrawal.stage === c.stage);
  return {
    compensationAnswerable: compensationOffer(c) !== undefined && answer === undefined,
    ...(answer ? { compensationAnswer: answer.answer } : {}),
    withdrawable: !withdrawalRequested && !['closed', 'responded', 'needs-attention'].includes(c.status) && !c.purge,
    withdrawalRequested,
  };
}

function wholeStory(c: ComplaintCase, estate: Estate | undefined, language: Language): Pick<PublicCaseView, 'complaint' | 'additions' | 'files' | 'response' | 'compensation' | 'escalation'> {
  const files = c.files ?? [];
  const fileById = new Map(files.map((f) => [f.fileId, f]));
  const decision = c.compensation?.hqApproval ?? c.compensation?.decision;
  const responded = Boolean(c.response?.sentAt);
  return {
    complaint: {
      description: c.description,
      channel: c.channel,
      ...(c.compensationClaim ? { compensationClaim: { amount: c.compensationClaim.amount, currency: c.compensationClaim.currency } } : {}),
    },
    additions: (c.residentAdditions ?? []).map((a) => ({
      at: a.at,
      source: a.source,
      text: a.text,
      files: a.fileIds.flatMap((id) => {
        const file = fileById.get(id);
        return file ? [{ name: file.name, contentType: file.contentType }] : [];
      }),
    })),
    files: files.map((f) => ({ name: f.name, contentType: f.contentType, addedAt: f.addedAt })),
    // Only what was sent to them: a response drafted but not yet issued is internal.
    ...(c.response && responded
      ? {
          response: {
            outcome: c.response.outcome,
            outcomeLabel: OUTCOME[language][c.response.outcome] ?? c.response.outcome,
            decision: c.response.decision,
            reasons: c.response.reasons,
            ...(c.response.remedy ? { remedy: c.response.remedy } : {}),
            // What is to be done and when, and whether it is done: never who owns it or staff's notes.
            outstandingActions: c.response.outstandingActions.map((a) => ({ action: a.action, dueBy: a.dueBy, ...(a.doneAt ? { doneAt: a.doneAt } : {}) })),
            at: c.response.sentAt!,
          },
        }
      : {}),
    ...(decision && c.compensationClaim && responded ? { compensation: { outcome: decision.outcome, amount: decision.amount, currency: c.compensationClaim.currency, reasons: decision.reasons } } : {}),
    escalation: { stage2Available: c.status === 'responded' && c.stage === 1, ...(estate?.ombudsmanContact ? { ombudsman: estate.ombudsmanContact } : {}) },
  };
}
