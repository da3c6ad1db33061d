/**
 * The insight emails (the Monday weekly report, the early-warning alert) read in each recipient's language,
 * every sentence from the staff emails' catalogue (functions/messages/staffEmail.*.ts): subject, body and
 * labels; dates in the language's format. Inline snapshots pin the whole text of each language.
 */
import { describe, expect, it } from 'vitest';
import { earlyWarningEmail, type EarlyWarningAlertFacts } from '../../../../functions/domain/insight/earlyWarningEmail';
import type { WeeklyReport } from '../../../../functions/domain/insight/weeklyReport';
import { weeklyReportEmail } from '../../../../functions/domain/insight/weeklyReportEmail';
import { LANGUAGES } from '../../../../functions/domain/vocabulary';
import { fill } from '../../../../functions/messages';
import { STAFF_EMAIL_CATALOGUES } from '../../../../functions/messages/staffEmail';

const report: WeeklyReport = {
  estateId: 'EST01',
  week: '2026-W48',
  from: '2026-11-22T16:00:00.000Z',
  to: '2026-11-29T16:00:00.000Z',
  generatedAt: '2026-11-30T01:00:00.000Z',
  summary: { received: 5, referred: 1, responded: 4, answeredOnTime: 3, closed: 2, open: 6, overdue: 1 },
  received: [],
  open: [],
};

const alert: EarlyWarningAlertFacts = {
  estateName: 'Harbour View',
  category: 'staff-attitude',
  window: { from: '2026-11-24', to: '2026-11-30' },
  count: 8,
  expected: 1.2,
  pValue: 0.0000123,
  cases: [{ reference: 'HV-2026-0042', receivedAt: '2026-11-28T02:30:00.000Z', status: 'in-progress', url: 'https://complaints.example/staff?case=C42' }],
  timeZone: 'Asia/Hong_Kong',
};

describe('the weekly report email', () => {
  it.each(LANGUAGES)('in %s, every sentence is the catalogue’s', (language) => {
    const texts = STAFF_EMAIL_CATALOGUES[language].email.insight.weeklyReport;
    const email = weeklyReportEmail(report, language, 'Harbour View', 'Asia/Hong_Kong');
    expect(email.subject).toBe(fill(texts.subject, { estate: 'Harbour View', week: '2026-W48' }));
    for (const sentence of [texts.figuresTitle, texts.attachment, texts.noPersonalData, ...Object.values(texts.figures)]) expect(email.text).toContain(sentence);
    // The intro's words around its values (estate, dates) are the catalogue's.
    for (const piece of texts.intro.split(/\{[a-z]+\}/).filter((p) => p.trim())) expect(email.text).toContain(piece);
  });

  it('writes the week in each language (subject, intro, figures)', () => {
    expect(LANGUAGES.map((language) => weeklyReportEmail(report, language, 'Harbour View', 'Asia/Hong_Kong').text.split('\n').slice(0, 3).join(' | '))).toMatchInlineSnapshot(`
      [
        "附上Harbour View由2026年11月23日星期一至2026年11月29日星期日一週的投訴報告（試算表）。 |  | 數字",
        "附上Harbour View由2026年11月23日星期一至2026年11月29日星期日一周的投诉报告（电子表格）。 |  | 数字",
        "The complaints report of Harbour View for the week from Monday, 23 November 2026 to Sunday, 29 November 2026 is attached as a spreadsheet. |  | In figures",
      ]
    `);
  });
});

describe('the early-warning email', () => {
  it.each(LANGUAGES)('in %s, every sentence is the catalogue’s', (language) => {
    const texts = STAFF_EMAIL_CATALOGUES[language].email.insight.earlyWarning;
    const email = earlyWarningEmail(alert, language);
    expect(email.subject).not.toContain('{');
    expect(email.text).toContain(texts.cases);
    for (const template of [texts.subject, texts.intro, texts.chance]) for (const piece of template.split(/\{[a-z]+\}/).filter((p) => p.trim())) expect(`${email.subject}\n${email.text}`).toContain(piece);
    expect(email.text).toContain('HV-2026-0042');
  });

  it('says a building’s alert is measured against the building’s own last twelve weeks, in each language', () => {
    const intros = LANGUAGES.map((language) => earlyWarningEmail({ ...alert, estateName: 'Harbour View · Tower 2', forBuilding: true }, language).text.split('\n')[0]);
    expect(intros[0]).toContain('按本座大廈過去十二週');
    expect(intros[1]).toContain('按本栋楼过去十二周');
    expect(intros[2]).toContain("the building's own last twelve weeks");
    for (const intro of intros) expect(intro).not.toMatch(/estate's own|本屋苑|本小区/);
  });

  it('names the cause and the days in each language', () => {
    expect(LANGUAGES.map((language) => `${earlyWarningEmail(alert, language).subject} | ${earlyWarningEmail(alert, language).text.split('\n')[0]}`)).toMatchInlineSnapshot(`
      [
        "預警：Harbour View「員工服務態度」投訴上升 | 由2026年11月24日星期二至2026年11月30日星期一收到8宗關於「員工服務態度」的投訴；按本屋苑過去十二週的情況，預期約1.2宗。",
        "预警：Harbour View「员工服务态度」投诉上升 | 由2026年11月24日星期二至2026年11月30日星期一收到8宗关于「员工服务态度」的投诉；按本小区过去十二周的情况，预期约1.2宗。",
        "Early warning: Staff attitude complaints rising at Harbour View | 8 complaints about Staff attitude were received from Tuesday, 24 November 2026 to Monday, 30 November 2026, where the estate's own last twelve weeks make about 1.2 likely.",
      ]
    `);
  });
});
