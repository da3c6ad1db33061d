/**
 * Lifecycle emails to the complainant, in their language (ISO 10002
 * "communicating the decision", transparency and responsiveness; seed 003
 * §4.3: sincere, never blaming, realistic times). Each one thanks them, gives
 * the reference, says what happens next and ends with the private tracking
 * link. Dates are rendered in the estate's time zone.
 *
 * Also home of the small block renderer the staff emails share: copy is
 * written as plain strings and every string is escaped once, here, for HTML.
 */
import type { Language } from '../complaint';
import type {
  CaseClosedFacts,
  ClockPausedFacts,
  ClockResumedFacts,
  FollowUpRequestFacts,
  InterimResponseFacts,
  InvalidClosureFacts,
  ResponseFacts,
  Stage2OpenedFacts,
} from './lifecycleEmailFacts';
import { type EmailMessage, escapeHtml, formatDateForResident, htmlDocument, safeSubject } from './emailMessage';

// ---------------------------------------------------------------------------
// Rendering (shared with staffEmails.ts)

export type Block =
  | { kind: 'paragraph'; text: string; lang?: Language }
  | { kind: 'heading'; text: string; lang?: Language }
  | { kind: 'list'; items: string[] }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'links'; links: { label: string; url: string }[] }
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  | { kind: 'rule' };

export const p = (text: string, lang?: Language): Block => ({ kind: 'paragraph', text, lang });
export const h = (text: string, lang?: Language): Block => ({ kind: 'heading', text, lang });
export const link = (label: string, url: string): Block => ({ kind: 'link', label, url });

/** Escaped text with line breaks kept. */
function inline(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>\n');
}

/** Only web and mail links become anchors; anything else is shown as text. */
function anchor(label: string, url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim())
    ? `<a href="${escapeHtml(url.trim())}">${escapeHtml(label)}</a>`
    : `${escapeHtml(label)}: ${escapeHtml(url)}`;
}

/** Columns in a monospaced mail reader: CJK and other wide characters take two. */
const displayWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const langAttr = (lang?: Language) => (lang ? ` lang="${lang}"` : '');
const indent = (text: string) => text.replace(/\r\n|\r|\n/g, '\n  ');

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(40, Math.max(4, displayWidth(block.text))))}`;
    case 'list':
      return block.items.map((item) => `- ${indent(item)}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'links':
      return block.links.map((l) => `  ${l.label}: ${l.url}`).join('\n');
    case 'fields':
      return block.rows.map((r) => (/[\r\n]/.test(r.value) ? `${r.label}:\n  ${indent(r.value)}` : `${r.label}: ${r.value}`)).join('\n');
    case 'rule':
      return '————————————————————';
  }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${langAttr(block.lang)}>${inline(block.text)}</p>`;
    case 'heading':
      return `<h2${langAttr(block.lang)} style="font-size:1.1em">${inline(block.text)}</h2>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'link':
      return `<p>${anchor(block.label, block.url)}</p>`;
    case 'links':
      return `<ul style="list-style:none;padding-left:0">${block.links.map((l) => `<li style="margin:.4em 0">${anchor(l.label, l.url)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<table style="border-collapse:collapse">${block.rows
        .map((r) => `<tr><th style="text-align:left;vertical-align:top;padding:.2em 1em .2em 0">${inline(r.label)}</th><td style="padding:.2em 0">${inline(r.value)}</td></tr>`)
        .join('')}</table>`;
    case 'rule':
      return '<hr>';
  }
}

/** The subject is made a single safe line; the HTML escapes every string in the blocks. */
export function renderEmail(language: Language, subject: string, blocks: Block[]): EmailMessage {
  const safe = safeSubject(subject);
  return {
    subject: safe,
    text: `${blocks.map(blockText).join('\n\n')}\n`,
    html: htmlDocument(language, safe, blocks.map(blockHtml).join('\n')),
  };
}

const NUMBER_LOCALES: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN' };

export function formatAmount(amount: number, currency: string, language: Language): string {
  try {
    return new Intl.NumberFormat(NUMBER_LOCALES[language], { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

// ---------------------------------------------------------------------------
// Shared resident copy

interface ResidentBase {
  language: Language;
  complainantName: string;
  estateName: string;
  trackingUrl: string;
}

const frame: Record<Language, { greeting: (name: string) => string; track: string; trackLabel: string; signOff: (estate: string) => string }> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    track: 'You can follow your complaint at any time through your private link below. Please keep it to yourself.',
    trackLabel: 'Track your complaint',
    signOff: (estate) => `Yours sincerely,\nCustomer Service, ${estate}`,
  },
  'zh-Hant': {
    greeting: (name) => `${name} 您好：`,
    track: '您可隨時透過以下私人連結查看處理進度。請勿轉發此連結。',
    trackLabel: '查看投訴進度',
    signOff: (estate) => `${estate} 客戶服務部\n謹啟`,
  },
  'zh-Hans': {
    greeting: (name) => `${name} 您好：`,
    track: '您可随时通过以下私人链接查看处理进度。请勿转发此链接。',
    trackLabel: '查看投诉进度',
    signOff: (estate) => `${estate} 客户服务部\n敬上`,
  },
};

/** The paragraph that introduces the private link, in each language: a printed letter, which has no link, leaves it out (letters/letterDocument.ts). */
export const TRACKING_LINK_PARAGRAPHS: readonly string[] = Object.values(frame).map((each) => each.track);

function residentEmail(f: ResidentBase, subject: string, body: Block[]): EmailMessage {
  const c = frame[f.language];
  return renderEmail(f.language, subject, [p(c.greeting(f.complainantName)), ...body, p(c.track), link(c.trackLabel, f.trackingUrl), p(c.signOff(f.estateName))]);
}

const date = (iso: string, f: { language: Language; timeZone: string }) => formatDateForResident(iso, f.language, f.timeZone, false);

type Copy<F> = Record<Language, (f: F) => { subject: string; body: Block[] }>;

function build<F extends ResidentBase>(copy: Copy<F>): (facts: F) => EmailMessage {
  return (facts) => {
    const { subject, body } = copy[facts.language](facts);
    return residentEmail(facts, subject, body);
  };
}

// ---------------------------------------------------------------------------
// Invalid complaint closed with a reasoned, polite explanation (seed 001 §5.4)

export const invalidClosureEmail = build<InvalidClosureFacts>({
  en: (f) => ({
    subject: `Your complaint ${f.reference}: our reply`,
    body: [
      p(`Thank you for contacting us about your concern at ${f.estateName} (reference ${f.reference}). We have looked into it carefully.`),
      p('Having done so, we are not able to take it forward under our complaints procedure, for the following reason:'),
      p(f.explanation),
      p(`We have therefore closed this case. If we have misunderstood your concern, or if you have more information, please contact us quoting ${f.reference} and we will gladly look at it again. Contacting us is free of charge.`),
    ],
  }),
  'zh-Hant': (f) => ({
    subject: `您的投訴 ${f.reference}：我們的回覆`,
    body: [
      p(`感謝您就${f.estateName}的情況與我們聯絡（編號 ${f.reference}）。我們已仔細了解有關事項。`),
      p('經了解後，此事未能按投訴程序跟進，原因如下：'),
      p(f.explanation),
      p(`因此，我們已將此個案結束。如我們對您的意見有所誤解，或您有補充資料，歡迎隨時聯絡我們並提供編號 ${f.reference}，我們樂意再次跟進。聯絡我們不收取任何費用。`),
    ],
  }),
  'zh-Hans': (f) => ({
    subject: `您的投诉 ${f.reference}：我们的答复`,
    body: [
      p(`感谢您就${f.estateName}的情况与我们联系（编号 ${f.reference}）。我们已认真了解相关情况。`),
      p('经了解，此事无法按投诉程序处理，原因如下：'),
      p(f.explanation),
      p(`因此，我们已将此投诉办结。如我们对您的意见有所误解，或您有补充材料，欢迎随时联系我们并提供编号 ${f.reference}，我们乐意再次跟进。联系我们不收取任何费用。`),
    ],
  }),
});

// ---------------------------------------------------------------------------
// Written interim response when the deadline cannot be met (seed 003 §4.3)

export const interimResponseEmail = build<InterimResponseFacts>({
  en: (f) => ({
    subject: `Your complaint ${f.reference}: an update on timing`,
    body: [
      p(`Thank you for your patience while we look into your complaint (reference ${f.reference}) about ${f.estateName}.`),
      p('We are sorry that we cannot give you our full response by the date we gave you. We want to be open with you about why, and about what we have done so far.'),
      h('Why we need more time'),
      p(f.reason),
      h('What we have done so far'),
      p(f.measures),
      p(`We will send you our full response by ${date(f.newDueBy, f)}. If anything changes, we will let you know straight away.`),
      ...(f.ombudsmanContact ? [p(`If you are unhappy with this extension, you can contact: ${f.ombudsmanContact}`)] : []),
    ],
  }),
  'zh-Hant': (f) => ({
    subject: `您的投訴 ${f.reference}：處理進度及時間安排`,
    body: [
      p(`感謝您耐心等候。我們正在跟進您就${f.estateName}提出的投訴（編號 ${f.reference}）。`),
      p('很抱歉，我們未能在原定日期前給您完整回覆。現向您說明原因，以及我們至今已採取的措施。'),
      h('需要更多時間的原因'),
      p(f.reason),
      h('我們已採取的措施'),
      p(f.measures),
      p(`我們會在 ${date(f.newDueBy, f)} 前給您完整回覆；如有任何變化，我們會即時通知您。`),
      ...(f.ombudsmanContact ? [p(`如您對是次延期有任何不滿，可聯絡：${f.ombudsmanContact}`)] : []),
    ],
  }),
  'zh-Hans': (f) => ({
    subject: `您的投诉 ${f.reference}：处理进度及时间安排`,
    body: [
      p(`感谢您的耐心等待。我们正在处理您就${f.estateName}提出的投诉（编号 ${f.reference}）。`),
      p('很抱歉，我们未能在原定日期前给您完整答复。现向您说明原因，以及我们目前已采取的措施。'),
      h('需要更多时间的原因'),
      p(f.reason),
      h('我们已采取的措施'),
      p(f.measures),
      p(`我们会在 ${date(f.newDueBy, f)} 前给您完整答复；如有任何变化，我们会第一时间通知您。`),
      ...(f.ombudsmanContact ? [p(`如您对此次延期有任何不满，可联系：${f.ombudsmanContact}`)] : []),
    ],
  }),
});

// ---------------------------------------------------------------------------
// The response clock paused and resumed

export const clockPausedEmail = build<ClockPausedFacts>({
  en: (f) => ({
    subject: `Your complaint ${f.reference}: response time limit paused`,
    body: [
      p(`Thank you for your complaint (reference ${f.reference}) about ${f.estateName}. We are writing to let you know that we have paused the time limit for our response, for this reason:`),
      p(f.reason),
      p(`We are still working on your complaint. As soon as the time limit runs again, we will write to tell you the new date for our response. If you have any questions, or anything that would help us move forward, please contact us quoting ${f.reference}.`),
    ],
  }),
  'zh-Hant': (f) => ({
    subject: `您的投訴 ${f.reference}：回覆時限暫停計算`,
    body: [
      p(`感謝您就${f.estateName}提出的投訴（編號 ${f.reference}）。現通知您，我們已暫停計算回覆您的時限，原因如下：`),
      p(f.reason),
      p(`我們仍會繼續跟進您的投訴。時限恢復計算後，我們會即時以書面通知您新的回覆日期。如有任何疑問，或有任何資料有助我們跟進，歡迎聯絡我們並提供編號 ${f.reference}。`),
    ],
  }),
  'zh-Hans': (f) => ({
    subject: `您的投诉 ${f.reference}：答复时限暂停计算`,
    body: [
      p(`感谢您就${f.estateName}提出的投诉（编号 ${f.reference}）。现通知您，我们已暂停计算答复您的时限，原因如下：`),
      p(f.reason),
      p(`我们会继续跟进您的投诉。时限恢复计算后，我们会及时书面通知您新的答复日期。如有任何疑问，或有任何材料有助于我们处理，欢迎联系我们并提供编号 ${f.reference}。`),
    ],
  }),
});

export const clockResumedEmail = build<ClockResumedFacts>({
  en: (f) => ({
    subject: `Your complaint ${f.reference}: new response date`,
    body: [
      p(`Thank you for your patience. The time limit for our response to your complaint (reference ${f.reference}) about ${f.estateName} is running again.`),
      p(`We will send you our full response by ${date(f.newDueBy, f)}. If we cannot finish by then, we will write to explain why and what we are doing.`),
    ],
  }),
  'zh-Hant': (f) => ({
    subject: `您的投訴 ${f.reference}：新的回覆日期`,
    body: [
      p(`感謝您耐心等候。我們回覆您就${f.estateName}提出的投訴（編號 ${f.reference}）的時限已恢復計算。`),
      p(`我們會在 ${date(f.newDueBy, f)} 前給您完整回覆；如未能如期完成，我們會以書面說明原因及已採取的措施。`),
    ],
  }),
  'zh-Hans': (f) => ({
    subject: `您的投诉 ${f.reference}：新的答复日期`,
    body: [
      p(`感谢您的耐心等待。我们答复您就${f.estateName}提出的投诉（编号 ${f.reference}）的时限已恢复计算。`),
      p(`我们会在 ${date(f.newDueBy, f)} 前给您完整答复；如未能如期完成，我们会书面说明原因及已采取的措施。`),
    ],
  }),
});

// ---------------------------------------------------------------------------
// The response: outcome, decision, reasons, remedy, actions, compensation, next steps

interface ResponseCopy {
  subject: (f: ResponseFacts) => string;
  opening: (f: ResponseFacts) => string;
  decisionHeading: string;
  outcome: Record<ResponseFacts['outcome'], string>;
  reasonsHeading: string;
  remedyHeading: string;
  actionsHeading: string;
  action: (action: string, due: string) => string;
  compensationHeading: string;
  compensation: Record<NonNullable<ResponseFacts['compensation']>['outcome'], (amount: string) => string>;
  compensationReasons: (reasons: string) => string;
  escalateHeading: string;
  stage1: string;
  stage1Link: string;
  stage1Ombudsman: (contact: string) => string;
  stage2: string;
  stage2Ombudsman: (contact: string) => string;
  stage2NoOmbudsman: string;
  stage2Link: string;
  followUp: string;
}

const responseCopy: Record<Language, ResponseCopy> = {
  en: {
    subject: (f) => (f.stage === 1 ? `Our response to your complaint ${f.reference}` : `Our final response to your complaint ${f.reference}`),
    opening: (f) =>
      f.stage === 1
        ? `Thank you for raising your complaint (reference ${f.reference}) about ${f.estateName}, and for your patience while we looked into it. This is our response.`
        : `Thank you for asking us to review your complaint (reference ${f.reference}) about ${f.estateName}, and for your patience while we did so. This is our final response, at stage 2 of our complaints procedure.`,
    decisionHeading: 'Our decision',
    outcome: {
      upheld: 'We have upheld your complaint.',
      'partly-upheld': 'We have partly upheld your complaint. We have set out below what we agree with and why.',
      'not-upheld': 'We have not upheld your complaint. We understand this may be disappointing, and we have set out our reasons below.',
    },
    reasonsHeading: 'Our reasons',
    remedyHeading: 'What we will do to put things right',
    actionsHeading: 'Actions still to be completed',
    action: (action, due) => `${action} (by ${due})`,
    compensationHeading: 'Compensation',
    compensation: {
      approved: (amount) => `We have agreed to pay you ${amount}.`,
      amended: (amount) => `We are offering you ${amount}, which is different from the amount you asked for.`,
      rejected: () => 'We are sorry that we are not able to offer the compensation you asked for.',
    },
    compensationReasons: (reasons) => `Why: ${reasons}`,
    escalateHeading: 'If you are not satisfied',
    stage1:
      'If you are not satisfied with this response, you can ask for your complaint to be reviewed at stage 2 of our complaints procedure by a more senior colleague. You do not need to give a reason. Please use the link below.',
    stage1Link: 'Ask for a stage 2 review',
    stage1Ombudsman: (contact) => `You can also contact the ombudsman for advice at any time: ${contact}`,
    stage2: 'This response completes our complaints procedure.',
    stage2Ombudsman: (contact) => `If you remain dissatisfied, you can refer your complaint to the ombudsman: ${contact}`,
    stage2NoOmbudsman: 'If you remain dissatisfied, the link below explains the options open to you.',
    stage2Link: 'Your options from here',
    followUp: 'In a few days we will ask how satisfied you are with the outcome and with how we handled your complaint. Your answer helps us improve.',
  },
  'zh-Hant': {
    subject: (f) => (f.stage === 1 ? `我們對您的投訴 ${f.reference} 的回覆` : `我們對您的投訴 ${f.reference} 的最終回覆`),
    opening: (f) =>
      f.stage === 1
        ? `感謝您就${f.estateName}提出投訴（編號 ${f.reference}），並耐心等候我們的調查結果。現將我們的回覆說明如下。`
        : `感謝您要求我們覆核您就${f.estateName}提出的投訴（編號 ${f.reference}），並耐心等候覆核結果。以下是我們按投訴程序第二階段作出的最終回覆。`,
    decisionHeading: '處理結果',
    outcome: {
      upheld: '經調查，您的投訴成立。',
      'partly-upheld': '經調查，您的投訴部分成立。以下說明我們認同的部分及理由。',
      'not-upheld': '經調查，您的投訴不成立。我們明白這未必是您期望的結果，以下詳細說明理由。',
    },
    reasonsHeading: '理由',
    remedyHeading: '我們的補救措施',
    actionsHeading: '尚待完成的跟進工作',
    action: (action, due) => `${action}（將於 ${due} 前完成）`,
    compensationHeading: '賠償',
    compensation: {
      approved: (amount) => `我們同意向您支付 ${amount}。`,
      amended: (amount) => `我們向您提出 ${amount} 的賠償，與您要求的金額有所不同。`,
      rejected: () => '很抱歉，我們未能提供您所要求的賠償。',
    },
    compensationReasons: (reasons) => `理由：${reasons}`,
    escalateHeading: '如您對回覆不滿意',
    stage1: '如您對此回覆不滿意，可要求由較高級的同事按投訴程序第二階段覆核您的投訴，無須說明理由。請使用以下連結提出。',
    stage1Link: '要求第二階段覆核',
    stage1Ombudsman: (contact) => `您亦可隨時向申訴專員查詢意見：${contact}`,
    stage2: '此回覆為我們投訴程序的最終回覆。',
    stage2Ombudsman: (contact) => `如您仍不滿意，可將投訴轉介申訴專員：${contact}`,
    stage2NoOmbudsman: '如您仍不滿意，以下連結說明您可採取的其他途徑。',
    stage2Link: '了解其他途徑',
    followUp: '數天後，我們會邀請您就處理結果及處理過程評分。您的意見有助我們改善服務。',
  },
  'zh-Hans': {
    subject: (f) => (f.stage === 1 ? `我们对您的投诉 ${f.reference} 的答复` : `我们对您的投诉 ${f.reference} 的最终答复`),
    opening: (f) =>
      f.stage === 1
        ? `感谢您就${f.estateName}提出投诉（编号 ${f.reference}），并耐心等待我们的调查结果。现将我们的答复说明如下。`
        : `感谢您申请复核您就${f.estateName}提出的投诉（编号 ${f.reference}），并耐心等待复核结果。以下是我们按投诉程序第二阶段作出的最终答复。`,
    decisionHeading: '处理结果',
    outcome: {
      upheld: '经调查，您的投诉成立。',
      'partly-upheld': '经调查，您的投诉部分成立。以下说明我们认同的部分及理由。',
      'not-upheld': '经调查，您的投诉不成立。我们理解这可能不是您期望的结果，以下详细说明理由。',
    },
    reasonsHeading: '理由',
    remedyHeading: '我们的补救措施',
    actionsHeading: '尚待完成的跟进事项',
    action: (action, due) => `${action}（将于 ${due} 前完成）`,
    compensationHeading: '赔偿',
    compensation: {
      approved: (amount) => `我们同意向您支付 ${amount}。`,
      amended: (amount) => `我们向您提出 ${amount} 的赔偿，与您申请的金额有所不同。`,
      rejected: () => '很抱歉，我们无法提供您申请的赔偿。',
    },
    compensationReasons: (reasons) => `理由：${reasons}`,
    escalateHeading: '如您对答复不满意',
    stage1: '如您对本次答复不满意，可申请由更高一级的同事按投诉程序第二阶段复核您的投诉，无需说明理由。请通过以下链接提出申请。',
    stage1Link: '申请第二阶段复核',
    stage1Ombudsman: (contact) => `您也可以随时向申诉专员咨询：${contact}`,
    stage2: '本答复为我们投诉程序的最终答复。',
    stage2Ombudsman: (contact) => `如您仍不满意，可将投诉提交申诉专员：${contact}`,
    stage2NoOmbudsman: '如您仍不满意，以下链接说明您可以选择的其他途径。',
    stage2Link: '了解其他途径',
    followUp: '几天后，我们会邀请您对处理结果和处理过程进行评价。您的意见有助于我们改进服务。',
  },
};

export function responseEmail(f: ResponseFacts): EmailMessage {
  const c = responseCopy[f.language];
  const body: Block[] = [p(c.opening(f)), h(c.decisionHeading), p(c.outcome[f.outcome]), p(f.decision), h(c.reasonsHeading), p(f.reasons)];
  if (f.remedy?.trim()) body.push(h(c.remedyHeading), p(f.remedy));
  if (f.outstandingActions.length > 0) {
    body.push(h(c.actionsHeading), { kind: 'list', items: f.outstandingActions.map((a) => c.action(a.action, date(a.dueBy, f))) });
  }
  if (f.compensation) {
    const { outcome, amount, currency, reasons } = f.compensation;
    body.push(h(c.compensationHeading), p(c.compensation[outcome](formatAmount(amount, currency, f.language))));
    if (reasons.trim()) body.push(p(c.compensationReasons(reasons)));
  }
  body.push(h(c.escalateHeading));
  if (f.stage === 1) {
    body.push(p(c.stage1), link(c.stage1Link, f.nextStepsUrl));
    if (f.ombudsmanContact) body.push(p(c.stage1Ombudsman(f.ombudsmanContact)));
  } else {
    body.push(p(c.stage2), p(f.ombudsmanContact ? c.stage2Ombudsman(f.ombudsmanContact) : c.stage2NoOmbudsman), link(c.stage2Link, f.nextStepsUrl));
  }
  body.push(p(c.followUp));
  return residentEmail(f, c.subject(f), body);
}

// ---------------------------------------------------------------------------
// Satisfaction follow-up (回訪): two separate 1–5 scales, each link opens a confirmation page

const ratingLabels: Record<Language, string[]> = {
  en: ['1 – Very dissatisfied', '2 – Dissatisfied', '3 – Neither satisfied nor dissatisfied', '4 – Satisfied', '5 – Very satisfied'],
  'zh-Hant': ['1 分 – 非常不滿意', '2 分 – 不滿意', '3 分 – 一般', '4 分 – 滿意', '5 分 – 非常滿意'],
  'zh-Hans': ['1 分 – 非常不满意', '2 分 – 不满意', '3 分 – 一般', '4 分 – 满意', '5 分 – 非常满意'],
};

const followUpCopy: Record<Language, (f: FollowUpRequestFacts, answerBy: string) => { subject: string; intro: string; outcomeQ: string; processQ: string; explain: string; after: string }> = {
  en: (f, answerBy) => ({
    subject: `How did we do? Your complaint ${f.reference}`,
    intro: `Thank you again for raising your complaint (reference ${f.reference}) about ${f.estateName}. We would be grateful if you could tell us how satisfied you are. There are two separate questions; each needs just one click.`,
    outcomeQ: '1. How satisfied are you with the outcome of your complaint?',
    processQ: '2. How satisfied are you with how we handled your complaint?',
    explain: '1 means very dissatisfied and 5 means very satisfied. Each link opens a page where you confirm your answer; nothing is recorded until you confirm.',
    after: `Please answer by ${answerBy}. If you tell us you are not satisfied, we will reopen your complaint and a more senior colleague will look at it again.`,
  }),
  'zh-Hant': (f, answerBy) => ({
    subject: `請為我們的服務評分：投訴 ${f.reference}`,
    intro: `再次感謝您就${f.estateName}提出投訴（編號 ${f.reference}）。誠邀您告訴我們您的滿意程度。以下有兩條獨立的問題，每條只需點擊一次。`,
    outcomeQ: '一、您對投訴處理結果的滿意程度',
    processQ: '二、您對我們處理投訴過程的滿意程度',
    explain: '1 分代表非常不滿意，5 分代表非常滿意。點擊連結後會開啟一個確認頁面，您確認後我們才會記錄評分。',
    after: `請於 ${answerBy} 前回覆。如您表示不滿意，我們會重新開啟您的投訴，並由較高級的同事再次跟進。`,
  }),
  'zh-Hans': (f, answerBy) => ({
    subject: `请评价我们的服务：投诉 ${f.reference}`,
    intro: `再次感谢您就${f.estateName}提出投诉（编号 ${f.reference}）。诚邀您告诉我们您的满意程度。以下是两个独立的问题，每个问题只需点击一次。`,
    outcomeQ: '一、您对投诉处理结果的满意程度',
    processQ: '二、您对我们处理投诉过程的满意程度',
    explain: '1 分表示非常不满意，5 分表示非常满意。点击链接后将打开确认页面，您确认后我们才会记录评价。',
    after: `请于 ${answerBy} 前作答。如您表示不满意，我们会重新处理您的投诉，并由更高一级的同事再次跟进。`,
  }),
};

export function followUpRequestEmail(f: FollowUpRequestFacts): EmailMessage {
  if (f.outcomeLinks.length !== 5 || f.processLinks.length !== 5) {
    throw new Error('A follow-up request needs exactly five outcome links and five process links');
  }
  const labels = ratingLabels[f.language];
  const scale = (urls: string[]): Block => ({ kind: 'links', links: urls.map((url, i) => ({ label: labels[i]!, url })) });
  const c = followUpCopy[f.language](f, date(f.answerBy, f));
  return residentEmail(f, c.subject, [p(c.intro), h(c.outcomeQ), scale(f.outcomeLinks), h(c.processQ), scale(f.processLinks), p(c.explain), p(c.after)]);
}

// ---------------------------------------------------------------------------
// Stage 2 review opened; case closed

export const stage2OpenedEmail = build<Stage2OpenedFacts>({
  en: (f) => ({
    subject: `Your complaint ${f.reference}: stage 2 review started`,
    body: [
      p(`Thank you for letting us know that you are not satisfied with our response to your complaint (reference ${f.reference}) about ${f.estateName}. We have started a stage 2 review.`),
      p(
        `What happens next: a more senior colleague will look at your complaint again, including our first response and any new information you have given us. We will send you our final response by ${date(f.newDueBy, f)}. If we cannot finish by then, we will write to explain why and what we are doing.`,
      ),
    ],
  }),
  'zh-Hant': (f) => ({
    subject: `您的投訴 ${f.reference}：已展開第二階段覆核`,
    body: [
      p(`感謝您告訴我們，您對我們就投訴（編號 ${f.reference}）所作的回覆不滿意。我們已展開第二階段覆核。`),
      p(`接下來：較高級的同事會重新審視您的投訴，包括我們的首次回覆及您提供的任何新資料。我們會在 ${date(f.newDueBy, f)} 前給您最終回覆；如未能如期完成，我們會以書面說明原因及已採取的措施。`),
    ],
  }),
  'zh-Hans': (f) => ({
    subject: `您的投诉 ${f.reference}：已启动第二阶段复核`,
    body: [
      p(`感谢您告诉我们，您对我们就投诉（编号 ${f.reference}）作出的答复不满意。我们已启动第二阶段复核。`),
      p(`接下来：更高一级的同事将重新审查您的投诉，包括我们的首次答复以及您提供的任何新材料。我们会在 ${date(f.newDueBy, f)} 前给您最终答复；如未能如期完成，我们会书面说明原因及已采取的措施。`),
    ],
  }),
});

const closedCopy: Record<Language, { subject: (ref: string) => string; reason: Record<CaseClosedFacts['reason'], (ref: string) => string>; ombudsman: (contact: string) => string; thanks: (estate: string) => string }> = {
  en: {
    subject: (ref) => `Your complaint ${ref} is now closed`,
    reason: {
      satisfied: (ref) => `Thank you for letting us know that you are satisfied with how we dealt with your complaint (reference ${ref}). We have now closed it.`,
      'no-response': (ref) =>
        `We recently asked how satisfied you are with our response to your complaint (reference ${ref}). As we have not heard back, we have now closed it. If anything is still not right, please contact us quoting ${ref} and we will gladly look at it again.`,
      'final-dissatisfied': (ref) => `We are sorry that we have not been able to resolve your complaint (reference ${ref}) to your satisfaction. Our complaints procedure is now complete and we have closed the case.`,
      withdrawn: (ref) => `As you asked, we have withdrawn your complaint (reference ${ref}) and closed it. If you would like us to look at the matter again, you are welcome to make a new complaint at any time.`,
    },
    ombudsman: (contact) => `If you remain dissatisfied, you can refer your complaint to the ombudsman: ${contact}`,
    thanks: (estate) => `Thank you for taking the time to tell us. Your feedback helps us improve our service at ${estate}.`,
  },
  'zh-Hant': {
    subject: (ref) => `您的投訴 ${ref} 已結案`,
    reason: {
      satisfied: (ref) => `感謝您告訴我們您對投訴（編號 ${ref}）的處理感到滿意。我們現已將個案結束。`,
      'no-response': (ref) => `我們早前邀請您就投訴（編號 ${ref}）的回覆評分，由於未有收到您的回覆，現已將個案結束。如仍有任何未解決的問題，歡迎隨時聯絡我們並提供編號 ${ref}，我們樂意再次跟進。`,
      'final-dissatisfied': (ref) => `很抱歉，我們未能令您對投訴（編號 ${ref}）的處理感到滿意。我們的投訴程序已經完成，個案現已結束。`,
      withdrawn: (ref) => `按照您的要求，我們已撤回您的投訴（編號 ${ref}）並將個案結束。如日後希望我們再跟進此事，歡迎隨時重新提出投訴。`,
    },
    ombudsman: (contact) => `如您仍不滿意，可將投訴轉介申訴專員：${contact}`,
    thanks: (estate) => `感謝您抽空與我們聯絡。您的意見有助我們改善${estate}的服務。`,
  },
  'zh-Hans': {
    subject: (ref) => `您的投诉 ${ref} 已办结`,
    reason: {
      satisfied: (ref) => `感谢您告诉我们您对投诉（编号 ${ref}）的处理感到满意。我们现已将该投诉办结。`,
      'no-response': (ref) => `我们此前邀请您对投诉（编号 ${ref}）的答复进行评价，由于未收到您的回复，现已将该投诉办结。如仍有任何未解决的问题，欢迎随时联系我们并提供编号 ${ref}，我们乐意再次跟进。`,
      'final-dissatisfied': (ref) => `很抱歉，我们未能使您对投诉（编号 ${ref}）的处理感到满意。我们的投诉程序已经完成，该投诉现已办结。`,
      withdrawn: (ref) => `按照您的要求，我们已撤回您的投诉（编号 ${ref}）并将其办结。如日后希望我们再跟进此事，欢迎随时重新提出投诉。`,
    },
    ombudsman: (contact) => `如您仍不满意，可将投诉提交申诉专员：${contact}`,
    thanks: (estate) => `感谢您抽出时间与我们联系。您的意见有助于我们改进${estate}的服务。`,
  },
};

export function caseClosedEmail(f: CaseClosedFacts): EmailMessage {
  const c = closedCopy[f.language];
  const body = [p(c.reason[f.reason](f.reference))];
  if (f.ombudsmanContact && f.reason !== 'satisfied' && f.reason !== 'withdrawn') body.push(p(c.ombudsman(f.ombudsmanContact)));
  body.push(p(c.thanks(f.estateName)));
  return residentEmail(f, c.subject(f.reference), body);
}
