import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../functions/domain/complaint';
import type { EmailMessage } from '../../../../functions/domain/notifications/emailMessage';
import type {
  CaseClosedFacts,
  ClockPausedFacts,
  ClockResumedFacts,
  CompensationDecisionRequestFacts,
  CriticalAlertFacts,
  DeveloperReportFacts,
  EscalationFacts,
  ExternalPartyReportFacts,
  FollowUpRequestFacts,
  InterimResponseFacts,
  InvalidClosureFacts,
  OnTheSpotReportFacts,
  ResponseFacts,
  RoutedToDepartmentFacts,
  Stage2OpenedFacts,
} from '../../../../functions/domain/notifications/lifecycleEmailFacts';
import {
  caseClosedEmail,
  clockPausedEmail,
  clockResumedEmail,
  compensationDecisionRequestEmail,
  criticalAlertEmail,
  developerReportEmail,
  escalationEmail,
  externalPartyReportEmail,
  followUpRequestEmail,
  interimResponseEmail,
  invalidClosureEmail,
  onTheSpotReportEmail,
  responseEmail,
  routedToDepartmentEmail,
  stage2OpenedEmail,
} from '../../../../functions/domain/notifications/lifecycleEmails';

const LANGS: Language[] = ['en', 'zh-Hant', 'zh-Hans'];
const REF = 'HK01-2026-000123';
const XSS = '<script>alert(1)</script>';
/** 17:00 UTC on 30 November is already 1 December in Hong Kong. */
const LATE_UTC = '2026-11-30T17:00:00Z';
const HK_DAY: Record<Language, string> = { en: '1 December 2026', 'zh-Hant': '2026年12月1日', 'zh-Hans': '2026年12月1日' };
const UTC_DAY: Record<Language, string> = { en: '30 November 2026', 'zh-Hant': '2026年11月30日', 'zh-Hans': '2026年11月30日' };

/** User text with an optional suffix (e.g. markup) appended. */
const sfx = (x: string) => (x ? ` ${x}` : '');

const resident = (language: Language, text = '') => ({
  language,
  complainantName: `Chan ${text}Tai Man`,
  reference: REF,
  estateName: 'Harbour View',
  timeZone: 'Asia/Hong_Kong',
  trackingUrl: 'https://complaints.example/track/abc?token=t0k3n',
});
const HONG_KONG_FORM: Language[] = ['zh-Hant', 'en'];
const staff = { languages: HONG_KONG_FORM, reference: REF, estateName: 'Harbour View', timeZone: 'Asia/Hong_Kong', caseUrl: 'https://staff.example/cases/01J' };

const links = (kind: string) => [1, 2, 3, 4, 5].map((n) => `https://complaints.example/rate?q=${kind}&score=${n}&token=t0k3n`);

const residentFacts = {
  invalidClosure: (l: Language, x = ''): InvalidClosureFacts => ({ ...resident(l, x), explanation: `The car park is run by the council.${sfx(x)}` }),
  interimResponse: (l: Language, x = ''): InterimResponseFacts => ({
    ...resident(l, x),
    reason: `Spare part on order${sfx(x)}`,
    measures: `Temporary repair done${sfx(x)}`,
    newDueBy: LATE_UTC,
    ombudsmanContact: `Housing Ombudsman 0300 111 3000${sfx(x)}`,
  }),
  clockPaused: (l: Language, x = ''): ClockPausedFacts => ({ ...resident(l, x), reason: `Waiting for access to the flat${sfx(x)}` }),
  clockResumed: (l: Language, x = ''): ClockResumedFacts => ({ ...resident(l, x), newDueBy: LATE_UTC }),
  response: (l: Language, x = ''): ResponseFacts => ({
    ...resident(l, x),
    stage: 1,
    outcome: 'partly-upheld',
    decision: `Lift to be repaired${sfx(x)}`,
    reasons: `The lift was out of order for three days${sfx(x)}`,
    remedy: `Written apology${sfx(x)}`,
    outstandingActions: [{ action: `Replace the motor${sfx(x)}`, dueBy: LATE_UTC }],
    compensation: { outcome: 'approved', amount: 500, currency: 'HKD', reasons: `Inconvenience${sfx(x)}` },
    nextStepsUrl: 'https://complaints.example/track/abc/stage-2?token=t0k3n',
  }),
  followUp: (l: Language, x = ''): FollowUpRequestFacts => ({ ...resident(l, x), outcomeLinks: links('outcome'), processLinks: links('process'), answerBy: LATE_UTC }),
  stage2Opened: (l: Language, x = ''): Stage2OpenedFacts => ({ ...resident(l, x), newDueBy: LATE_UTC, handledBy: 1, ombudsmanContact: `The Ombudsman${sfx(x)}` }),
  caseClosed: (l: Language, x = ''): CaseClosedFacts => ({ ...resident(l, x), reason: 'final-dissatisfied', ombudsmanContact: `The Ombudsman${sfx(x)}` }),
};

const residentTemplates: [string, (l: Language, x?: string) => EmailMessage, string[]][] = [
  ['invalidClosureEmail', (l, x) => invalidClosureEmail(residentFacts.invalidClosure(l, x)), ['The car park is run by the council.']],
  ['interimResponseEmail', (l, x) => interimResponseEmail(residentFacts.interimResponse(l, x)), ['Spare part on order', 'Temporary repair done', 'Housing Ombudsman 0300 111 3000']],
  ['clockPausedEmail', (l, x) => clockPausedEmail(residentFacts.clockPaused(l, x)), ['Waiting for access to the flat']],
  ['clockResumedEmail', (l, x) => clockResumedEmail(residentFacts.clockResumed(l, x)), []],
  ['responseEmail', (l, x) => responseEmail(residentFacts.response(l, x)), ['Lift to be repaired', 'three days', 'Written apology', 'Replace the motor', 'HK$500.00', 'Inconvenience', '/stage-2?token=t0k3n']],
  ['followUpRequestEmail', (l, x) => followUpRequestEmail(residentFacts.followUp(l, x)), ['score=1', 'score=5']],
  ['stage2OpenedEmail', (l, x) => stage2OpenedEmail(residentFacts.stage2Opened(l, x)), []],
  ['caseClosedEmail', (l, x) => caseClosedEmail(residentFacts.caseClosed(l, x)), ['The Ombudsman']],
];

const staffFacts = {
  criticalAlert: (x = ''): CriticalAlertFacts => ({ ...staff, severity: 'critical', category: 'staff-attitude', caseClass: 1, unit: `Block 2, 12/F${sfx(x)}`, description: `Guard assaulted a visitor${sfx(x)}`, receivedAt: LATE_UTC }),
  routed: (x = ''): RoutedToDepartmentFacts => ({ ...staff, departmentName: `Engineering${sfx(x)}`, caseClass: 1, severity: 'general', unit: `Block 2, 12/F${sfx(x)}`, description: `Lift broken${sfx(x)}`, respondBy: LATE_UTC }),
  developerReport: (x = ''): DeveloperReportFacts => ({ languages: HONG_KONG_FORM, reference: REF, estateName: 'Harbour View', timeZone: 'Asia/Hong_Kong', unit: `Block 2, 12/F${sfx(x)}`, description: `Ceiling leaks${sfx(x)}`, receivedAt: LATE_UTC, severity: 'serious', replyTo: `cs@harbour.example${sfx(x)}` }),
  externalReport: (x = ''): ExternalPartyReportFacts => ({
    languages: HONG_KONG_FORM,
    reference: REF,
    estateName: 'Harbour View',
    timeZone: 'Asia/Hong_Kong',
    partyName: `Highways Department${sfx(x)}`,
    location: `Bus stop outside gate 2${sfx(x)}`,
    description: `Broken street light${sfx(x)}`,
    impact: `Residents walk in the dark${sfx(x)}`,
    receivedAt: LATE_UTC,
    replyTo: `cs@harbour.example${sfx(x)}`,
  }),
  escalation: (x = ''): EscalationFacts => ({ ...staff, level: 1, reason: 'overdue', previousDueBy: '2026-11-20T15:59:59.999Z', newDueBy: LATE_UTC, note: `Contractor delayed${sfx(x)}` }),
  onTheSpot: (x = ''): OnTheSpotReportFacts => ({ ...staff, recordedBy: `Lee Siu Ming${sfx(x)}`, resolution: `Reset the gate${sfx(x)}`, unit: `Block 2, 12/F${sfx(x)}`, description: `Gate stuck${sfx(x)}` }),
  compensation: (x = ''): CompensationDecisionRequestFacts => ({
    ...staff,
    claim: { amount: 300, currency: 'HKD', reason: `Damaged carpet${sfx(x)}` },
    proposal: { amount: 200, note: `Cleaning cost only${sfx(x)}` },
    valueRecovery: { originalServiceValueA: 100, complainingCostB: 50, proposedC: 200 },
    approver: 'estate-manager',
  }),
};

const staffTemplates: [string, (x?: string) => EmailMessage, string[]][] = [
  ['criticalAlertEmail', (x) => criticalAlertEmail(staffFacts.criticalAlert(x)), ['Guard assaulted a visitor', 'Block 2, 12/F', '惡性 / Critical', 'Staff attitude', staff.caseUrl]],
  ['routedToDepartmentEmail', (x) => routedToDepartmentEmail(staffFacts.routed(x)), ['Engineering', 'Lift broken', 'Block 2, 12/F', staff.caseUrl]],
  ['developerReportEmail', (x) => developerReportEmail(staffFacts.developerReport(x)), ['Ceiling leaks', 'Block 2, 12/F', '嚴重 / Serious', 'cs@harbour.example']],
  ['externalPartyReportEmail', (x) => externalPartyReportEmail(staffFacts.externalReport(x)), ['Highways Department', 'Bus stop outside gate 2', 'Broken street light', 'Residents walk in the dark', 'cs@harbour.example']],
  ['escalationEmail', (x) => escalationEmail(staffFacts.escalation(x)), ['管理處經理', 'the estate manager', 'Contractor delayed', staff.caseUrl]],
  ['onTheSpotReportEmail', (x) => onTheSpotReportEmail(staffFacts.onTheSpot(x)), ['Lee Siu Ming', 'Reset the gate', 'Gate stuck', staff.caseUrl]],
  ['compensationDecisionRequestEmail', (x) => compensationDecisionRequestEmail(staffFacts.compensation(x)), ['HK$300.00', 'HK$200.00', 'Damaged carpet', 'Cleaning cost only', staff.caseUrl]],
];

describe('resident lifecycle emails', () => {
  describe.each(residentTemplates)('%s', (_name, render, keyFacts) => {
    it.each(LANGS)('renders in %s with the reference, tracking link and key facts', (language) => {
      const email = render(language);
      expect(email.subject).toContain(REF);
      expect(email.subject).not.toContain('Chan');
      expect(email.html).toContain(`<html lang="${language}">`);
      for (const part of [email.text, email.html]) {
        expect(part).toContain(REF);
        expect(part).toContain('Chan Tai Man');
        expect(part).toContain('Harbour View');
        for (const fact of keyFacts) expect(part).toContain(fact);
      }
      expect(email.text).toContain('https://complaints.example/track/abc?token=t0k3n');
      expect(email.html).toContain('href="https://complaints.example/track/abc?token=t0k3n"');
    });

    it.each(LANGS)('escapes user text in the HTML (%s)', (language) => {
      const email = render(language, XSS);
      expect(email.html).not.toContain('<script>');
      expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(email.text).toContain(XSS);
    });
  });

  it('puts a single line in the subject when the reference and estate contain line breaks', () => {
    const evil = { reference: `${REF}\r\nBcc: victim@example.com`, estateName: 'Harbour\nView' };
    const emails = LANGS.flatMap((l) => [
      invalidClosureEmail({ ...residentFacts.invalidClosure(l), ...evil }),
      interimResponseEmail({ ...residentFacts.interimResponse(l), ...evil }),
      clockPausedEmail({ ...residentFacts.clockPaused(l), ...evil }),
      clockResumedEmail({ ...residentFacts.clockResumed(l), ...evil }),
      responseEmail({ ...residentFacts.response(l), ...evil }),
      responseEmail({ ...residentFacts.response(l), ...evil, stage: 2 }),
      followUpRequestEmail({ ...residentFacts.followUp(l), ...evil }),
      stage2OpenedEmail({ ...residentFacts.stage2Opened(l), ...evil }),
      caseClosedEmail({ ...residentFacts.caseClosed(l), ...evil }),
    ]);
    for (const email of emails) {
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject).toContain(`${REF} Bcc: victim@example.com`);
    }
  });

  it.each(LANGS)('renders dates in the estate time zone (%s)', (language) => {
    const hk = interimResponseEmail(residentFacts.interimResponse(language));
    expect(hk.text).toContain(HK_DAY[language]);
    expect(hk.text).not.toContain(UTC_DAY[language]);
    const london = clockResumedEmail({ ...residentFacts.clockResumed(language), timeZone: 'Europe/London' });
    expect(london.text).toContain(UTC_DAY[language]);
    for (const email of [clockResumedEmail(residentFacts.clockResumed(language)), stage2OpenedEmail(residentFacts.stage2Opened(language)), followUpRequestEmail(residentFacts.followUp(language)), responseEmail(residentFacts.response(language))]) {
      expect(email.text).toContain(HK_DAY[language]);
    }
  });

  describe('response', () => {
    it.each([
      ['upheld', 'We have upheld your complaint.', '您的投訴成立。', '您的投诉成立。'],
      ['partly-upheld', 'We have partly upheld your complaint.', '您的投訴部分成立。', '您的投诉部分成立。'],
      ['not-upheld', 'We have not upheld your complaint.', '您的投訴不成立。', '您的投诉不成立。'],
    ] as const)('states the outcome %s in every language', (outcome, en, hant, hans) => {
      expect(responseEmail({ ...residentFacts.response('en'), outcome }).text).toContain(en);
      expect(responseEmail({ ...residentFacts.response('zh-Hant'), outcome }).text).toContain(hant);
      expect(responseEmail({ ...residentFacts.response('zh-Hans'), outcome }).text).toContain(hans);
    });

    it('at stage 1 offers a stage-2 review without a reason, through the link', () => {
      const en = responseEmail(residentFacts.response('en'));
      expect(en.text).toContain('You do not need to give a reason');
      expect(en.text).toContain('Ask for a stage 2 review: https://complaints.example/track/abc/stage-2?token=t0k3n');
      expect(en.html).toContain('href="https://complaints.example/track/abc/stage-2?token=t0k3n"');
      expect(responseEmail(residentFacts.response('zh-Hant')).text).toContain('無須說明理由');
      expect(responseEmail(residentFacts.response('zh-Hans')).text).toContain('无需说明理由');
    });

    it('at stage 2 gives the ombudsman contact when there is one', () => {
      const facts = { ...residentFacts.response('en'), stage: 2 as const, ombudsmanContact: 'Housing Ombudsman, 0300 111 3000' };
      const email = responseEmail(facts);
      expect(email.subject).toBe(`Our final response to your complaint ${REF}`);
      expect(email.text).toContain('refer your complaint to the ombudsman: Housing Ombudsman, 0300 111 3000');
      expect(email.text).not.toContain('You do not need to give a reason');
      expect(responseEmail({ ...facts, ombudsmanContact: undefined }).text).toContain('the link below explains the options open to you');
    });

    it('lists outstanding actions with their dates and the compensation decision', () => {
      const facts = residentFacts.response('en');
      const email = responseEmail({ ...facts, outstandingActions: [...facts.outstandingActions, { action: 'Inspect the other lifts', dueBy: '2026-12-08T15:59:59.999Z' }] });
      expect(email.text).toContain('- Replace the motor (by Tuesday, 1 December 2026)');
      expect(email.text).toContain('- Inspect the other lifts (by Tuesday, 8 December 2026)');
      expect(email.text).toContain('We have agreed to pay you HK$500.00.');
      const rejected = responseEmail({ ...facts, compensation: { outcome: 'rejected', amount: 0, currency: 'HKD', reasons: 'Not caused by us' } });
      expect(rejected.text).toContain('not able to offer the compensation you asked for');
      expect(rejected.text).toContain('Not caused by us');
      const bare = responseEmail({ ...facts, remedy: undefined, compensation: undefined, outstandingActions: [] });
      expect(bare.text).not.toContain('Compensation');
      expect(bare.text).not.toContain('Actions still to be completed');
      expect(bare.text).not.toContain('put things right');
    });
  });

  describe('follow-up request', () => {
    it.each(LANGS)('asks two questions, each with five distinct links in order 1..5 (%s)', (language) => {
      const facts = residentFacts.followUp(language);
      const email = followUpRequestEmail(facts);
      const hrefs = [...email.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((u) => u.includes('/rate?'));
      expect(hrefs).toEqual([...facts.outcomeLinks, ...facts.processLinks]);
      expect(new Set(hrefs).size).toBe(10);
      const textOrder = [...facts.outcomeLinks, ...facts.processLinks].map((u) => email.text.indexOf(u));
      expect(textOrder.every((pos) => pos >= 0)).toBe(true);
      expect([...textOrder].sort((a, b) => a - b)).toEqual(textOrder);
    });

    it('labels the scale and says the link opens a confirmation page', () => {
      const en = followUpRequestEmail(residentFacts.followUp('en')).text;
      expect(en).toContain('How satisfied are you with the outcome');
      expect(en).toContain('How satisfied are you with how we handled your complaint');
      expect(en).toMatch(/1 – Very dissatisfied: .*score=1/);
      expect(en).toMatch(/5 – Very satisfied: .*score=5/);
      expect(en).toContain('Each link opens a page where you confirm your answer');
      expect(followUpRequestEmail(residentFacts.followUp('zh-Hant')).text).toContain('確認頁面');
      expect(followUpRequestEmail(residentFacts.followUp('zh-Hans')).text).toContain('确认页面');
    });

    it('refuses to send a scale that is not five links', () => {
      expect(() => followUpRequestEmail({ ...residentFacts.followUp('en'), processLinks: links('process').slice(0, 4) })).toThrow();
    });
  });

  it('closes a case in words fitted to why it closed', () => {
    expect(caseClosedEmail({ ...residentFacts.caseClosed('en'), reason: 'satisfied' }).text).toContain('you are satisfied');
    expect(caseClosedEmail({ ...residentFacts.caseClosed('en'), reason: 'satisfied' }).text).not.toContain('The Ombudsman');
    expect(caseClosedEmail({ ...residentFacts.caseClosed('en'), reason: 'no-response' }).text).toContain('we will gladly look at it again');
    expect(caseClosedEmail(residentFacts.caseClosed('zh-Hant')).text).toContain('申訴專員：The Ombudsman');
  });

  it('only links web addresses', () => {
    const email = responseEmail({ ...residentFacts.response('en'), nextStepsUrl: 'javascript:alert(1)' });
    expect(email.html).not.toContain('href="javascript:');
  });
});

describe('staff and external lifecycle emails', () => {
  describe.each(staffTemplates)('%s', (_name, render, keyFacts) => {
    it('is bilingual, Traditional Chinese first, with the reference and key facts', () => {
      const email = render();
      expect(email.subject).toContain(REF);
      expect(email.subject).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
      for (const part of [email.text, email.html]) {
        expect(part).toContain(REF);
        for (const fact of keyFacts) expect(part).toContain(fact);
      }
      const firstChinese = email.text.search(/[\u4e00-\u9fff]{4}/);
      const firstEnglishSentence = email.text.search(/[A-Z][a-z]+ [a-z]+ [a-z]+/);
      expect(firstChinese).toBeGreaterThanOrEqual(0);
      expect(firstChinese).toBeLessThan(firstEnglishSentence);
    });

    it('escapes user text in the HTML', () => {
      const email = render(XSS);
      expect(email.html).not.toContain('<script>');
      expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('keeps user text out of the subject, or on one line', () => {
      const email = render(`line\r\nBcc: x@example.com ${XSS}`);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject).not.toContain('Block 2');
    });
  });

  it('puts a single line in staff subjects when the reference contains line breaks', () => {
    const evil = { reference: `${REF}\nBcc: victim@example.com`, estateName: 'Harbour\r\nView' };
    for (const email of [
      criticalAlertEmail({ ...staffFacts.criticalAlert(), ...evil }),
      routedToDepartmentEmail({ ...staffFacts.routed(), ...evil, departmentName: 'Eng\nineering' }),
      developerReportEmail({ ...staffFacts.developerReport(), ...evil }),
      externalPartyReportEmail({ ...staffFacts.externalReport(), ...evil }),
      escalationEmail({ ...staffFacts.escalation(), ...evil }),
      onTheSpotReportEmail({ ...staffFacts.onTheSpot(), ...evil }),
      compensationDecisionRequestEmail({ ...staffFacts.compensation(), ...evil }),
    ]) {
      expect(email.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('renders staff dates in the estate time zone, naming it', () => {
    const email = criticalAlertEmail(staffFacts.criticalAlert());
    expect(email.text).toContain('2026年12月1日');
    expect(email.text).toContain('1 December 2026 at 01:00 (Asia/Hong_Kong)');
    const london = criticalAlertEmail({ ...staffFacts.criticalAlert(), timeZone: 'Europe/London' });
    expect(london.text).toContain('30 November 2026 at 17:00 (Europe/London)');
    expect(routedToDepartmentEmail(staffFacts.routed()).text).toContain('Tuesday, 1 December 2026');
    expect(escalationEmail(staffFacts.escalation()).text).toContain('Friday, 20 November 2026');
  });

  it.each([
    ['developer report', () => developerReportEmail(staffFacts.developerReport()), ['一、投訴事項 / 1. Matter', '二、位置 / 2. Location', '三、接獲日期 / 3. Date received', '四、嚴重程度 / 4. Severity', '五、請求事項 / 5. Request', '六、回覆地址 / 6. Reply to']],
    ['external-party report', () => externalPartyReportEmail(staffFacts.externalReport()), ['一、事項 / 1. Matter', '二、地點 / 2. Location', '三、接獲日期 / 3. Date received', '四、影響程度 / 4. Impact', '五、請求事項 / 5. Request', '六、回覆地址 / 6. Reply to']],
  ] as const)('the %s is a formal report with numbered sections in order', (_name, render, sections) => {
    const email = render();
    const positions = sections.map((s) => email.text.indexOf(s));
    expect(positions.every((pos) => pos >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(email.html).toContain('<h2');
    expect(email.text).toContain('2026年12月1日');
  });

  it('addresses the external report to the party and the developer report to the developer', () => {
    expect(externalPartyReportEmail(staffFacts.externalReport()).text).toContain('致 / To: Highways Department');
    expect(developerReportEmail(staffFacts.developerReport()).text).toContain('地產公司客戶服務中心');
  });

  it('escalation names the level and reason', () => {
    const hq = escalationEmail({ ...staffFacts.escalation(), level: 2, reason: 'stage-2' });
    expect(hq.subject).toBe(`投訴 ${REF} 已升級至集團總部 / Complaint ${REF} escalated to group headquarters`);
    expect(hq.text).toContain('The complainant asked for a stage 2 review.');
  });

  it('compensation request shows the value-recovery check C ≥ A + B', () => {
    expect(compensationDecisionRequestEmail(staffFacts.compensation()).text).toContain('Meets the guidance');
    const short = compensationDecisionRequestEmail({ ...staffFacts.compensation(), valueRecovery: { originalServiceValueA: 100, complainingCostB: 50, proposedC: 120 }, approver: 'hq' });
    expect(short.text).toContain('HK$30.00 short of A + B');
    expect(short.text).toContain('集團總部');
    const plain = compensationDecisionRequestEmail({ ...staffFacts.compensation(), valueRecovery: undefined, proposal: undefined });
    expect(plain.text).not.toContain('Value-recovery');
    expect(plain.text).not.toContain('Proposed amount');
  });
});
