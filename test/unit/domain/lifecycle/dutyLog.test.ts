/**
 * Class 3's duty log and published outcome (functions/domain/lifecycle/dutyLog.ts): routing's entry once per stage,
 * entries appended in order and never on another class, the outcome published once after the response, and the
 * notice residents read carrying nothing of the case but its reference, cause, dates and the text staff wrote.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { addDutyLogEntry, dutyLogActions, dutyLogRows, publicNotices, publishOutcomeNotice, routingDutyLogEntry } from '../../../../functions/domain/lifecycle/dutyLog';
import { dutyLogCsv } from '../../../../functions/api/dutyLog';

const NOW = '2026-03-03T02:00:00.000Z';
const classThree = {
  caseId: '01J00000000000000000000000',
  reference: 'EST01-2026-000042',
  estateId: 'EST01',
  status: 'in-progress',
  stage: 1,
  caseClass: 3,
  severity: 'serious',
  category: 'service-missing-or-not-working',
  receivedAt: '2026-03-02T01:00:00.000Z',
  description: 'Streetlights outside the south gate are off.',
  unit: 'Tower 2, 8/F, Flat C',
  complainant: { name: 'Lam Ka Yan', email: 'lam@example.com' },
  triage: { valid: true, externalParty: { name: 'Highways Department', email: 'lighting@highways.example', impact: 'Dark road' }, confirmedBy: 'cslead.est01', confirmedAt: NOW, corrected: false },
} as unknown as ComplaintCase;

describe('the duty log', () => {
  it('routing writes its entry once per stage, by the person who confirmed the triage, naming the report sent', () => {
    const first = routingDutyLogEntry(classThree, NOW)!;
    expect(first.dutyLog).toEqual([expect.objectContaining({ entryId: 'DL1', source: 'routing', recordedBy: 'cslead.est01', observedAt: classThree.receivedAt, stage: 1 })]);
    expect(first.dutyLog![0]!.actionTaken).toContain('Highways Department');
    expect(routingDutyLogEntry({ ...classThree, ...first }, NOW)).toBeUndefined();
    expect(routingDutyLogEntry({ ...classThree, ...first, stage: 2 }, NOW)!.dutyLog!.map((e) => e.entryId)).toEqual(['DL1', 'DL2']);
    expect(routingDutyLogEntry({ ...classThree, caseClass: 1 }, NOW)).toBeUndefined();
  });

  it('staff entries are appended, never before what is there, never in the future, never on another class', () => {
    const routed = { ...classThree, ...routingDutyLogEntry(classThree, NOW) };
    const added = addDutyLogEntry(routed, { observedAt: '2026-03-03T09:30:00+08:00', observed: 'Six lamps off', actionTaken: 'Phoned the hotline' }, 'frontline.est01', NOW);
    if ('status' in added) throw new Error(added.message);
    expect(added.patch.dutyLog!.slice(0, 1)).toEqual(routed.dutyLog);
    expect(added.patch.dutyLog![1]).toEqual({ entryId: 'DL2', recordedBy: 'frontline.est01', recordedAt: NOW, observedAt: '2026-03-03T01:30:00.000Z', observed: 'Six lamps off', actionTaken: 'Phoned the hotline', source: 'staff', stage: 1 });
    expect(addDutyLogEntry(routed, { observedAt: '2026-03-04T00:00:00Z', observed: 'x', actionTaken: 'y' }, 'a', NOW)).toMatchObject({ status: 422, fields: { observedAt: expect.any(String) } });
    expect(addDutyLogEntry({ ...classThree, caseClass: 2 }, { observedAt: NOW, observed: 'x', actionTaken: 'y' }, 'a', NOW)).toMatchObject({ status: 409, code: 'not_class_3' });
  });

  it('lists the entries of the estate oldest observation first, and exports them as CSV with formulas escaped', () => {
    const other = { ...classThree, caseId: '01J00000000000000000000001', reference: 'EST01-2026-000041', dutyLog: [{ entryId: 'DL1', recordedBy: 'a', recordedAt: NOW, observedAt: '2026-03-01T00:00:00.000Z', observed: '=1+1', actionTaken: '中文, "quoted"', source: 'staff' as const, stage: 1 as const }] };
    const rows = dutyLogRows([{ ...classThree, ...routingDutyLogEntry(classThree, NOW) }, other]);
    expect(rows.map((r) => r.reference)).toEqual(['EST01-2026-000041', 'EST01-2026-000042']);
    const csv = dutyLogCsv(rows);
    expect(csv.startsWith('\uFEFFreference,caseId,entryId,stage,observedAt,observed,actionTaken,recordedBy,recordedAt,source,caseStatus\r\n')).toBe(true);
    expect(csv).toContain(`EST01-2026-000041,01J00000000000000000000001,DL1,1,2026-03-01T00:00:00.000Z,'=1+1,"中文, ""quoted""",a,`);
  });
});

describe('the published outcome', () => {
  const responded = { ...classThree, response: { outcome: 'not-upheld', decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'x', accountability: 'y', by: 'cslead.est01', at: NOW } } as unknown as ComplaintCase;
  const texts = { 'zh-Hant': { title: '路燈已修復', summary: '路政署已修復路燈。' }, en: { title: 'Streetlights repaired', summary: 'The Highways Department repaired them.' } };

  it('is published once, after the response, on a class-3 case, with at least one language', () => {
    expect(publishOutcomeNotice(classThree, texts, 'cslead.est01', NOW)).toMatchObject({ status: 409, code: 'no_outcome_yet' });
    expect(publishOutcomeNotice(responded, {}, 'cslead.est01', NOW)).toMatchObject({ status: 422 });
    expect(publishOutcomeNotice({ ...responded, caseClass: 1 }, texts, 'cslead.est01', NOW)).toMatchObject({ status: 409, code: 'not_class_3' });
    const published = publishOutcomeNotice(responded, texts, 'cslead.est01', NOW);
    if ('status' in published) throw new Error(published.message);
    expect(published.patch.outcomeNotice).toEqual({ texts, publishedAt: NOW, publishedBy: 'cslead.est01' });
    const after = { ...responded, ...published.patch };
    expect(publishOutcomeNotice(after, texts, 'x', NOW)).toMatchObject({ status: 409, code: 'outcome_already_published' });
    expect(dutyLogActions(responded)).toEqual(['duty-log', 'publish-outcome']);
    expect(dutyLogActions(after)).toEqual(['duty-log']);
    expect(dutyLogActions({ ...responded, caseClass: 2 })).toEqual([]);
  });

  it("shows residents the text in their language where written, else the first written, and nothing of the case's people", () => {
    const published = { ...responded, outcomeNotice: { texts, publishedAt: NOW, publishedBy: 'cslead.est01' } };
    const [en] = publicNotices([published, classThree], 'en');
    expect(en).toEqual({ reference: 'EST01-2026-000042', category: 'service-missing-or-not-working', receivedAt: classThree.receivedAt, publishedAt: NOW, language: 'en', title: 'Streetlights repaired', summary: 'The Highways Department repaired them.' });
    expect(publicNotices([published], 'zh-Hans')[0]).toMatchObject({ language: 'zh-Hant', title: '路燈已修復' });
    const shown = JSON.stringify(publicNotices([published], 'en'));
    for (const personal of ['Lam Ka Yan', 'lam@example.com', 'Tower 2', 'Streetlights outside the south gate are off', 'lighting@highways.example']) expect(shown).not.toContain(personal);
    expect(publicNotices([{ ...published, caseClass: 1 }], 'en')).toEqual([]);
  });
});
