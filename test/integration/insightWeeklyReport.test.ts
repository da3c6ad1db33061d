/**
 * The Monday report (seed 001 §5.3) on the real emulators: the figures and
 * rows match the cases of the week, in each language; the XLSX opens and
 * reads back; the report is archived once; the schedule compiles last week's
 * of every estate; only the estate's own staff (and HQ) may fetch it; it is mailed to the CS lead with HQ
 * in copy, each in their language, the XLSX attached, once.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import { weeklyReportCopy } from '../../functions/domain/insight/weeklyReport';
import type { MailboxEmail } from '../../infra/local/mailbox';
import type { Language } from '../../functions/domain/vocabulary';
import { demoUsers } from '../../infra/local/demoGroup';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
const tokens = new Map<string, string>();
async function get(userId: string, path: string) {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return platform.get(path, { authorization: `Bearer ${tokens.get(userId)!}` });
}

/** Hong Kong time, October 2026: week 41 is Monday 5 to Sunday 11. */
const hk = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 9, day, hour - 8, minute)).toISOString();
const response = (sentAt: string) => ({ outcome: 'upheld' as const, decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'rc', accountability: 'a', by: 'engineering.est01', at: sentAt, sentAt });
const cases: Record<string, ComplaintCase> = {};

beforeAll(async () => {
  platform = await startTestPlatform();
  const seeds: Record<string, Parameters<typeof seedCase>[1]> = {
    // Just inside the week (Monday 00:30 Hong Kong time), answered on time and closed.
    answered: { estateId: 'EST01', receivedAt: hk(5, 0, 30), responseDueBy: hk(9, 23), changedAt: hk(7, 10), patch: { status: 'closed', caseClass: 1, category: 'staff-attitude', departmentId: 'security', response: response(hk(7, 10)) } },
    // Referred by the government; still open, its deadline long past.
    government: { estateId: 'EST01', receivedAt: hk(6, 9), responseDueBy: hk(8, 23), patch: { channel: 'government-referral', status: 'in-progress', caseClass: 1, severity: 'serious', departmentId: 'engineering' } },
    // Referred by the group; answered late.
    group: { estateId: 'EST01', receivedAt: hk(11, 23, 30), responseDueBy: hk(13, 23), changedAt: hk(15, 9), patch: { channel: 'group-referral', status: 'responded', response: response(hk(15, 9)) } },
    // The week after (Monday 00:10): not received last week, but open.
    nextWeek: { estateId: 'EST01', receivedAt: hk(12, 0, 10), responseDueBy: '2099-01-01T00:00:00.000Z' },
    // The Sunday before the week.
    weekBefore: { estateId: 'EST01', receivedAt: hk(4, 23, 55), responseDueBy: hk(9, 23), changedAt: hk(6, 9), patch: { status: 'closed' } },
    otherEstate: { estateId: 'EST02', receivedAt: hk(7, 9) },
  };
  for (const [name, seed] of Object.entries(seeds)) cases[name] = await seedCase(platform.caseStore, seed);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('GET /api/v1/reports/weekly', () => {
  it("lists the week's complaints, how each was handled, and what is open and overdue", async () => {
    const res = await get('cslead.est01', '/api/v1/reports/weekly?estateId=EST01&week=2026-W41');
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, any>;
    expect(report).toMatchObject({ estateId: 'EST01', week: '2026-W41', from: hk(5, 0), to: hk(12, 0) });
    expect(report.received.map((r: { reference: string }) => r.reference)).toEqual([cases.answered!.reference, cases.government!.reference, cases.group!.reference]);
    expect(report.summary).toEqual({ received: 3, referred: 2, responded: 2, answeredOnTime: 1, closed: 1, open: 3, overdue: 1 });
    expect(report.received[0]).toMatchObject({ status: 'closed', outcome: 'upheld', answeredOnTime: true, departmentId: 'security' });
    expect(report.received[2]).toMatchObject({ channel: 'group-referral', referred: true, answeredOnTime: false });
    // Overdue first, then the other open cases (all weeks) by deadline.
    expect(report.open.map((r: { reference: string }) => r.reference)).toEqual([cases.government!.reference, cases.group!.reference, cases.nextWeek!.reference]);
    expect(report.open[0]).toMatchObject({ overdue: true, channel: 'government-referral' });
    expect(JSON.stringify(report)).not.toMatch(/Resident|example\.com|Seeded complaint/);
  });

  it.each<[Language, string]>([['en', 'Staff attitude'], ['zh-Hant', '員工態度'], ['zh-Hans', '员工态度']])('gives an XLSX in %s that reads back with the same figures', async (language, staffAttitude) => {
    const res = await get('manager.est01', `/api/v1/reports/weekly?estateId=EST01&week=2026-W41&format=xlsx&language=${language}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const copy = weeklyReportCopy(language);
    expect(sheets.map((s) => s.sheet)).toEqual([copy.summary, copy.received, copy.open]);
    const summary = Object.fromEntries(sheets[0]!.data.map((row) => [row[0], row[1]]));
    expect(summary[copy.figures.received]).toBe(3);
    expect(summary[copy.figures.referred]).toBe(2);
    expect(summary[copy.figures.overdue]).toBe(1);
    const [headings, ...rows] = sheets[1]!.data;
    expect(headings![0]).toBe(copy.columns.reference);
    expect(rows.map((r) => r[0])).toEqual([cases.answered!.reference, cases.government!.reference, cases.group!.reference]);
    expect(rows[0]).toContain(staffAttitude);
    expect(sheets[2]!.data.slice(1).map((r) => r[0])).toEqual([cases.government!.reference, cases.group!.reference, cases.nextWeek!.reference]);
  });

  it('is archived once: asked again, it is the same report', async () => {
    const first = (await (await get('hq.director', '/api/v1/reports/weekly?estateId=EST01&week=2026-W41')).json()) as { generatedAt: string };
    await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: hk(8, 9) });
    const again = (await (await get('hq.director', '/api/v1/reports/weekly?estateId=EST01&week=2026-W41')).json()) as { generatedAt: string; summary: { received: number } };
    expect(again.generatedAt).toBe(first.generatedAt);
    expect(again.summary.received).toBe(3);
  });

  it("is compiled for last week for every estate by the Monday schedule", async () => {
    await platform.schedules.run('compileWeeklyReports');
    const report = (await (await get('cslead.sz01', '/api/v1/reports/weekly?estateId=SZ01')).json()) as { estateId: string; week: string; generatedAt: string };
    expect(report.estateId).toBe('SZ01');
    expect(new Date(report.generatedAt).getTime()).toBeLessThan(Date.now());
  });

  it("refuses another estate's report, a week not over, and a malformed week", async () => {
    expect((await get('cslead.est02', '/api/v1/reports/weekly?estateId=EST01&week=2026-W41')).status).toBe(404);
    expect((await get('engineering.est01', '/api/v1/reports/weekly?estateId=EST01&week=2026-W41')).status).toBe(403);
    expect((await get('cslead.est01', '/api/v1/reports/weekly?estateId=EST01&week=2099-W01')).status).toBe(422);
    const bad = await get('cslead.est01', '/api/v1/reports/weekly?estateId=EST01&week=2026-41');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('week');
  });
});

describe('the weekly report by email', () => {
  const invoke = async (payload: unknown) => {
    const lambda = new LambdaClient({ endpoint: platform.lambdaApi.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'compileWeeklyReports', Payload: Buffer.from(JSON.stringify(payload)) }));
    return JSON.parse(Buffer.from(result.Payload!).toString('utf8')) as { estates: number; mailed: number; alreadyMailed: number };
  };
  const reportMails = async () => (await platform.mailbox()).filter((m) => m.tags?.report === 'weekly' && m.tags.estate === 'EST01' && m.tags.week === '2026-W41');

  it("goes to the estate's CS lead in the estate's language and to HQ in HQ's, with the XLSX attached, once", async () => {
    const first = await invoke({ week: '2026-W41', estateIds: ['EST01'] });
    expect(first).toMatchObject({ estates: 1, mailed: 2, alreadyMailed: 0 });
    const mails = await reportMails();
    expect(mails).toHaveLength(2);
    const byLanguage = Object.fromEntries(mails.map((m) => [m.tags!.language, m])) as Record<string, MailboxEmail>;
    // The CS lead of EST01 (Hong Kong) reads Traditional Chinese; the demo HQ director reads English.
    expect(byLanguage['zh-Hant']!.destination.to).toEqual(['cs.est01@demo-group.example']);
    expect(byLanguage.en!.destination.to).toEqual(['hq.cs@demo-group.example']);
    expect(byLanguage['zh-Hant']!.subject).toContain('每週投訴報告');
    expect(byLanguage.en!.subject).toContain('Weekly complaints report');
    for (const [language, mail] of Object.entries(byLanguage) as [Language, MailboxEmail][]) {
      const copy = weeklyReportCopy(language);
      expect(mail.body.text).toContain(`${copy.figures.received}: 3`);
      expect(mail.body.text).toContain(`${copy.figures.overdue}: 1`);
      expect(mail.attachments).toHaveLength(1);
      const attachment = mail.attachments![0]!;
      expect(attachment).toMatchObject({ fileName: `weekly-report-EST01-2026-W41-${language}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const sheets = await readXlsxFile(Buffer.from(attachment.content, 'base64'));
      expect(sheets.map((sheet) => sheet.sheet)).toEqual([copy.summary, copy.received, copy.open]);
      const summary = Object.fromEntries(sheets[0]!.data.map((row) => [row[0], row[1]]));
      expect(summary[copy.figures.received]).toBe(3);
      expect(sheets[1]!.data.slice(1).map((r) => r[0])).toEqual([cases.answered!.reference, cases.government!.reference, cases.group!.reference]);
      // No personal data in the email either.
      expect(JSON.stringify(mail)).not.toMatch(/Resident|example\.com|Seeded complaint/);
    }

    // A rerun (the scheduler's retry, or on demand again) sends nothing twice.
    const again = await invoke({ week: '2026-W41', estateIds: ['EST01'] });
    expect(again).toMatchObject({ estates: 1, mailed: 0, alreadyMailed: 2 });
    expect(await reportMails()).toHaveLength(2);
  });

  it('copies HQ when HQ reads the same language as the CS lead', async () => {
    const mails = (await platform.mailbox()).filter((m) => m.tags?.report === 'weekly' && m.tags.estate === 'LDN01');
    if (mails.length === 0) await invoke({ estateIds: ['LDN01'] });
    const london = (await platform.mailbox()).filter((m) => m.tags?.report === 'weekly' && m.tags.estate === 'LDN01');
    expect(london).toHaveLength(1);
    expect(london[0]!.destination).toMatchObject({ to: ['cs.ldn01@demo-group.example'], cc: ['hq.cs@demo-group.example'] });
    expect(london[0]!.tags!.language).toBe('en');
  });
});

describe('GET /api/v1/cases/{id}/similar', () => {
  it("lists the estate's past cases most like this one, with their outcomes, to whoever may read it", async () => {
    const lift = 'service-missing-or-not-working' as const;
    const older = await seedCase(platform.caseStore, { estateId: 'SZ01', receivedAt: hk(1, 9), changedAt: hk(2, 9), patch: { description: '三座電梯經常故障，困住住客', category: lift, status: 'closed', response: response(hk(2, 9)) } });
    const unrelated = await seedCase(platform.caseStore, { estateId: 'SZ01', receivedAt: hk(2, 10), patch: { description: '大堂清潔工人態度惡劣', category: 'staff-attitude' } });
    const otherEstate = await seedCase(platform.caseStore, { estateId: 'EST02', receivedAt: hk(2, 11), patch: { description: '電梯故障', category: lift } });
    const current = await seedCase(platform.caseStore, { estateId: 'SZ01', receivedAt: hk(3, 9), patch: { description: '電梯又再故障，維修太慢', category: lift } });
    const res = await get('cslead.sz01', `/api/v1/cases/${current.caseId}/similar`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { similar: { caseId: string; reference: string; outcome?: string; sharedWords: string[] }[] };
    expect(body.similar.map((s) => s.caseId)).toEqual([older.caseId]);
    expect(body.similar[0]).toMatchObject({ reference: older.reference, outcome: 'upheld', sameCategory: true });
    expect(body.similar[0]!.sharedWords).toEqual(expect.arrayContaining(['電梯', '故障']));
    expect(JSON.stringify(body)).not.toContain('困住住客');
    expect(body.similar.map((s) => s.caseId)).not.toContain(unrelated.caseId);
    expect(body.similar.map((s) => s.caseId)).not.toContain(otherEstate.caseId);
    expect((await get('cslead.est02', `/api/v1/cases/${current.caseId}/similar`)).status).toBe(404);
    expect((await get('cslead.sz01', `/api/v1/cases/${current.caseId}/similar?limit=99`)).status).toBe(422);
  });
});
