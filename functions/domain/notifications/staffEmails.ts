/**
 * Lifecycle emails to staff and to external parties: bilingual, Traditional
 * Chinese first and then English, factual, with the case link (seed 000
 * subsystem 5, information transmission). The developer report (seed 001
 * §5.1.2 B) and the external-party special report (§5.1.2 C) are formal
 * written reports with numbered sections. They carry no complainant's name or
 * contact details; subjects carry nothing personal beyond the reference.
 */
import type {
  CompensationDecisionRequestFacts,
  CriticalAlertFacts,
  DeveloperReportFacts,
  EscalationFacts,
  ExternalPartyReportFacts,
  OnTheSpotReportFacts,
  RoutedToDepartmentFacts,
  UrgentTriageFacts,
} from './lifecycleEmailFacts';
import { type EmailMessage, formatDateForResident } from './emailMessage';
import { type Block, formatAmount, h, link, p, renderEmail } from './residentEmails';
import { vocabularyEn, vocabularyZhHant } from '../../messages/vocabulary';

// ---------------------------------------------------------------------------
// Bilingual vocabulary: [繁體中文, English], from the shared message catalogues (functions/messages/vocabulary.ts)

type Bilingual = readonly [zh: string, en: string];
type Vocabulary = typeof vocabularyEn;
const ZH = vocabularyZhHant;
const EN = vocabularyEn;

const both = ([zh, en]: Bilingual) => `${zh} / ${en}`;
const fromCatalogues = (pick: (words: Vocabulary) => Record<string, string>, value: string, fallback: Bilingual): Bilingual =>
  Object.hasOwn(pick(EN), value) ? [pick(ZH)[value]!, pick(EN)[value]!] : fallback;
const severity = (value: string) => fromCatalogues((m) => m.severities, value, [value, value]);
const caseClass = (value: number) => fromCatalogues((m) => m.classes, String(value), [`${value} 類`, `Class ${value}`]);
const category = (value: string) => fromCatalogues((m) => m.categories, value, [value, value]);

/** An instant with its time, in both languages, naming the zone so staff elsewhere are not misled. */
function when(iso: string, timeZone: string): string {
  return `${formatDateForResident(iso, 'zh-Hant', timeZone, true)} / ${formatDateForResident(iso, 'en', timeZone, true)} (${timeZone})`;
}

/** A deadline: the end of a local day, so the date alone. */
function by(iso: string, timeZone: string): string {
  return `${formatDateForResident(iso, 'zh-Hant', timeZone, false)} / ${formatDateForResident(iso, 'en', timeZone, false)}`;
}

const row = (label: Bilingual, value: string) => ({ label: both(label), value });
const fields = (rows: { label: string; value: string }[]): Block => ({ kind: 'fields', rows });
const zh = (text: string) => p(text, 'zh-Hant');
const en = (text: string) => p(text, 'en');
const caseLink = (url: string) => link('查看個案 / Open the case', url);

function staffEmail(subject: string, blocks: Block[]): EmailMessage {
  return renderEmail('zh-Hant', subject, blocks);
}

interface CaseSummary {
  reference: string;
  estateName: string;
  unit: string;
  severity: string;
  caseClass: number;
  category?: string;
  description: string;
}

function caseRows(f: CaseSummary) {
  return [
    row(['編號', 'Reference'], f.reference),
    row(['屋苑', 'Estate'], f.estateName),
    row(['單位', 'Unit'], f.unit),
    row(['嚴重程度', 'Severity'], both(severity(f.severity))),
    row(['投訴類別', 'Class'], both(caseClass(f.caseClass))),
    ...(f.category ? [row(['原因類別', 'Cause category'], both(category(f.category)))] : []),
  ];
}

// ---------------------------------------------------------------------------
// Critical complaint: HQ alerted at once (seed 002 §三)

export function criticalAlertEmail(f: CriticalAlertFacts): EmailMessage {
  const [sevZh, sevEn] = severity(f.severity);
  return staffEmail(`【緊急】${sevZh}投訴 ${f.reference}（${f.estateName}） / URGENT: ${sevEn.toLowerCase()} complaint ${f.reference} (${f.estateName})`, [
    zh(`${f.estateName}接獲一宗${sevZh}投訴，須即時處理。請立即跟進，並按危機處理程序通知相關負責人。`),
    en(`A ${sevEn.toLowerCase()} complaint has been received at ${f.estateName} and needs immediate attention. Please act at once and inform those responsible under the crisis procedure.`),
    fields([...caseRows(f), row(['接獲時間', 'Received'], when(f.receivedAt, f.timeZone)), row(['投訴內容', 'Description'], f.description)]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Possible crisis: the customer-service lead triages at once (the rules' safety net; HQ is not alarmed on a guess).
// In all three languages: the lead may read either Chinese script.

export function urgentTriageEmail(f: UrgentTriageFacts): EmailMessage {
  return staffEmail(`【可能危機・請即分流】投訴 ${f.reference}（${f.estateName}） / POSSIBLE CRISIS, triage now: complaint ${f.reference} (${f.estateName})`, [
    zh(`${f.estateName}接獲的投訴 ${f.reference} 含有危機跡象，但未足以自動判定為惡性投訴。請即時開啟個案親自分流：如屬危機，請定為惡性（系統會即時通知總部）並按危機處理程序行事；如否，照常分流。`),
    p(`${f.estateName}接获的投诉 ${f.reference} 含有危机迹象，但未足以自动判定为恶性投诉。请立即打开个案亲自分流：如属危机，请定为恶性（系统会即时通知总部）并按危机处理程序处理；如否，照常分流。`, 'zh-Hans'),
    en(`Complaint ${f.reference} at ${f.estateName} shows signs of a possible crisis that the rules could not confirm. Please open it and triage it yourself now: if it is a crisis, mark it critical (HQ is alerted at once) and follow the crisis procedure; if not, triage it as usual.`),
    fields([
      row(['編號', 'Reference'], f.reference),
      row(['屋苑', 'Estate'], f.estateName),
      row(['單位', 'Unit'], f.unit),
      row(['接獲時間', 'Received'], when(f.receivedAt, f.timeZone)),
      row(['危機跡象', 'Signs of a crisis'], f.reasons.join('\n')),
      row(['投訴內容', 'Description'], f.description),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Class 1 routed to the responsible department (seed 001 §5.1.2 A)

export function routedToDepartmentEmail(f: RoutedToDepartmentFacts): EmailMessage {
  const due = by(f.respondBy, f.timeZone);
  return staffEmail(`投訴 ${f.reference} 已分派至${f.departmentName} / Complaint ${f.reference} assigned to ${f.departmentName}`, [
    zh(`以下投訴已分派予${f.departmentName}跟進。請於 ${formatDateForResident(f.respondBy, 'zh-Hant', f.timeZone, false)} 前完成調查及處理並回覆投訴人，並在系統內記錄處理結果及根本原因。如未能如期完成，請盡早通知客戶服務負責人。`),
    en(
      `The complaint below has been assigned to ${f.departmentName}. Please investigate, resolve it and reply to the complainant by ${formatDateForResident(f.respondBy, 'en', f.timeZone, false)}, recording the outcome and root cause in the system. If this cannot be done in time, tell the customer-service lead as early as possible.`,
    ),
    fields([...caseRows(f), row(['負責部門', 'Department'], f.departmentName), row(['回覆限期', 'Respond by'], due), row(['投訴內容', 'Description'], f.description)]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Formal written reports (seed 001 §5.1.2 B and C)

function section(n: number, title: Bilingual, body: Block[]): Block[] {
  const zhNumbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  return [h(`${zhNumbers[n - 1] ?? n}、${title[0]} / ${n}. ${title[1]}`), ...body];
}

function replySection(n: number, replyTo: string, reference: string): Block[] {
  return section(n, ['回覆地址', 'Reply to'], [p(replyTo), zh(`回覆時請註明本處編號 ${reference}。`), en(`Please quote our reference ${reference} in your reply.`)]);
}

const fromOffice = (estate: string) => `${estate} 管理處客戶服務部 / Customer Service, ${estate} Management Office`;

export function developerReportEmail(f: DeveloperReportFacts): EmailMessage {
  const title: Bilingual = ['客戶投訴書面報告（房屋質量）', 'Written Report of a Customer Complaint (Building Quality)'];
  return staffEmail(`${title[0]} ${f.reference} / Written report: building-quality complaint ${f.reference}`, [
    h(both(title)),
    fields([row(['致', 'To'], '地產公司客戶服務中心 / Developer’s Customer Service Centre'), row(['發件', 'From'], fromOffice(f.estateName)), row(['本處編號', 'Our reference'], f.reference)]),
    zh('本處接獲業戶一宗有關房屋質量的投訴，現按投訴處理程序以書面形式向貴中心報告，敬請跟進處理。'),
    en('We have received a complaint from a resident about building quality. As our complaint-handling procedure requires, we report it to you in writing and ask you to deal with it.'),
    ...section(1, ['投訴事項', 'Matter'], [p(f.description)]),
    ...section(2, ['位置', 'Location'], [fields([row(['屋苑', 'Estate'], f.estateName), row(['單位', 'Unit'], f.unit)])]),
    ...section(3, ['接獲日期', 'Date received'], [p(when(f.receivedAt, f.timeZone))]),
    ...section(4, ['嚴重程度', 'Severity'], [p(both(severity(f.severity)))]),
    ...section(5, ['請求事項', 'Request'], [
      zh('敬請貴中心盡快安排查驗及維修，並以書面回覆擬採取的措施及預計完成日期。本處會向投訴人通報進度，如有需要可協助安排進入單位。'),
      en('Please arrange an inspection and repair as soon as possible, and reply in writing with the action you propose and the expected completion date. We keep the complainant informed of progress and can help arrange access to the unit.'),
    ]),
    ...replySection(6, f.replyTo, f.reference),
    p(fromOffice(f.estateName)),
  ]);
}

export function externalPartyReportEmail(f: ExternalPartyReportFacts): EmailMessage {
  const title: Bilingual = ['專題報告', 'Special Report'];
  return staffEmail(`${title[0]}：投訴 ${f.reference}（${f.estateName}） / Special report: complaint ${f.reference} (${f.estateName})`, [
    h(both(title)),
    fields([row(['致', 'To'], f.partyName), row(['發件', 'From'], fromOffice(f.estateName)), row(['本處編號', 'Our reference'], f.reference)]),
    zh('本處接獲業戶反映以下事項。此事不屬本管理處管轄範圍，現按投訴處理程序向貴方作專題報告，敬請跟進處理。'),
    en('Residents have told us about the matter below. It lies outside our jurisdiction, so, as our complaint-handling procedure requires, we report it to you and ask you to deal with it.'),
    ...section(1, ['事項', 'Matter'], [p(f.description)]),
    ...section(2, ['地點', 'Location'], [fields([row(['地點', 'Location'], f.location), row(['相關屋苑', 'Estate concerned'], f.estateName)])]),
    ...section(3, ['接獲日期', 'Date received'], [p(when(f.receivedAt, f.timeZone))]),
    ...section(4, ['影響程度', 'Impact'], [p(f.impact)]),
    ...section(5, ['請求事項', 'Request'], [
      zh('敬請貴方跟進處理，並將處理安排及結果回覆本處，以便我們通知受影響的業戶。'),
      en('Please look into the matter and tell us what you will do and the outcome, so that we can inform the residents affected.'),
    ]),
    ...replySection(6, f.replyTo, f.reference),
    p(fromOffice(f.estateName)),
  ]);
}

// ---------------------------------------------------------------------------
// Escalation to the estate manager or HQ (seed 001 §5.1.3)

const LEVEL: Record<EscalationFacts['level'], Bilingual> = { 1: ['管理處經理', 'the estate manager'], 2: ['集團總部', 'group headquarters'] };
const ESCALATION_REASON: Record<EscalationFacts['reason'], Bilingual> = {
  overdue: ['個案已逾期仍未解決。', 'The case is overdue.'],
  'by-staff': ['負責同事要求升級處理。', 'A member of staff asked for the case to be escalated.'],
  'stage-2': ['投訴人要求進行第二階段覆核。', 'The complainant asked for a stage 2 review.'],
};

export function escalationEmail(f: EscalationFacts): EmailMessage {
  const [toZh, toEn] = LEVEL[f.level];
  const [whyZh, whyEn] = ESCALATION_REASON[f.reason];
  return staffEmail(`投訴 ${f.reference} 已升級至${toZh} / Complaint ${f.reference} escalated to ${toEn}`, [
    zh(`${f.estateName}的投訴 ${f.reference} 已升級至${toZh}。原因：${whyZh}請提出處理意見，並確保於新限期 ${formatDateForResident(f.newDueBy, 'zh-Hant', f.timeZone, false)} 前解決。`),
    en(`Complaint ${f.reference} at ${f.estateName} has been escalated to ${toEn}. Reason: ${whyEn} Please set the handling opinion and make sure it is resolved by the new deadline, ${formatDateForResident(f.newDueBy, 'en', f.timeZone, false)}.`),
    fields([
      row(['編號', 'Reference'], f.reference),
      row(['屋苑', 'Estate'], f.estateName),
      row(['升級至', 'Escalated to'], `${toZh} / ${toEn}`),
      row(['原因', 'Reason'], `${whyZh} / ${whyEn}`),
      row(['原限期', 'Previous deadline'], by(f.previousDueBy, f.timeZone)),
      row(['新限期', 'New deadline'], by(f.newDueBy, f.timeZone)),
      ...(f.note?.trim() ? [row(['備註', 'Note'], f.note)] : []),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Resolved on the spot, still recorded in full and reported upward (seed 001 §5.1.2)

export function onTheSpotReportEmail(f: OnTheSpotReportFacts): EmailMessage {
  return staffEmail(`即場解決投訴報告 ${f.reference} / On-the-spot resolution report ${f.reference}`, [
    zh('以下投訴已於接獲時即場解決，現按程序記錄並向上匯報。請核實記錄，並安排回訪投訴人了解其滿意程度。'),
    en('The complaint below was resolved on the spot when it was received. It has been recorded in full and is reported to you as the procedure requires. Please check the record and arrange the satisfaction follow-up with the complainant.'),
    fields([
      row(['編號', 'Reference'], f.reference),
      row(['屋苑', 'Estate'], f.estateName),
      row(['單位', 'Unit'], f.unit),
      row(['記錄人', 'Recorded by'], f.recordedBy),
      row(['投訴內容', 'Description'], f.description),
      row(['處理方法', 'Resolution'], f.resolution),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Compensation claim awaiting the estate manager's or HQ's decision (seed 001 §5.5–5.6; 000 §4)

const APPROVER: Record<CompensationDecisionRequestFacts['approver'], Bilingual> = { 'estate-manager': ['管理處經理', 'estate manager'], hq: ['集團總部', 'group headquarters'] };

const SUMMARY_RECOMMENDATION: Record<NonNullable<CompensationDecisionRequestFacts['summary']>['recommendation'], Bilingual> = {
  approve: ['批准所要求的金額', 'approve the amount claimed'],
  amend: ['批准其他金額', 'approve another amount'],
  reject: ['拒絕', 'reject'],
};

export function compensationDecisionRequestEmail(f: CompensationDecisionRequestFacts): EmailMessage {
  const [whoZh, whoEn] = APPROVER[f.approver];
  const money = (amount: number) => formatAmount(amount, f.claim.currency, 'en');
  const blocks: Block[] = [
    zh(`${f.estateName}的投訴 ${f.reference} 有一項賠償申請，須由${whoZh}決定批准、修訂或拒絕。請在系統內作出決定並記錄理由。`),
    en(`Complaint ${f.reference} at ${f.estateName} has a compensation claim for the ${whoEn} to decide: approve, amend or reject. Please record your decision and the reasons in the system.`),
    fields([
      row(['編號', 'Reference'], f.reference),
      row(['屋苑', 'Estate'], f.estateName),
      row(['審批人', 'Decided by'], `${whoZh} / ${whoEn}`),
      row(['申索金額', 'Amount claimed'], money(f.claim.amount)),
      ...(f.claim.reason?.trim() ? [row(['申索理由', 'Reason given'], f.claim.reason)] : []),
      ...(f.proposal ? [row(['建議金額', 'Proposed amount'], money(f.proposal.amount)), row(['建議說明', 'Proposal note'], f.proposal.note)] : []),
      ...(f.summary
        ? [
            row(['客戶服務負責人建議', "Customer-service lead's recommendation"], `${SUMMARY_RECOMMENDATION[f.summary.recommendation].join(' / ')}: ${money(f.summary.amount)}`),
            row(['匯總理由', 'Reasons'], f.summary.reasons),
          ]
        : []),
    ]),
  ];
  if (f.valueRecovery) {
    const { originalServiceValueA: a, complainingCostB: b, proposedC: c } = f.valueRecovery;
    const meets = c >= a + b;
    blocks.push(
      h('價值補償原則 / Value-recovery guidance'),
      zh('第二次服務的價值 C 應不少於 A + B（A：原服務價值；B：投訴人的投訴成本）。'),
      en("The value of the second service, C, should be at least A + B (A: value of the original service; B: the complainant's cost of complaining)."),
      fields([
        row(['A 原服務價值', 'A original service'], money(a)),
        row(['B 投訴成本', 'B cost of complaining'], money(b)),
        { label: 'A + B', value: money(a + b) },
        row(['C 建議價值', 'C proposed'], money(c)),
        row(['結果', 'Result'], meets ? '符合原則 / Meets the guidance' : `不符合：較 A + B 少 ${money(a + b - c)} / Does not meet it: ${money(a + b - c)} short of A + B`),
      ]),
    );
  }
  blocks.push(link('審批賠償 / Decide the claim', f.caseUrl));
  return staffEmail(`賠償申請待審批 ${f.reference} / Compensation claim awaiting decision ${f.reference}`, blocks);
}
