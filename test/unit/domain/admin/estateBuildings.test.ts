/**
 * Estates list their buildings (issue #11): in the estate definition (form, API) and as one cell of an estate
 * file, with coded problems for a cell that is not of the form, a bad id or a repeated one; absent keeps the
 * stored list, empty removes it.
 */
import { describe, expect, it } from 'vitest';
import { estateDefinitionSchema, estateFromDefinition } from '../../../../functions/domain/admin/estateDefinition';
import { buildingsCell, parseBuildingsCell, planEstateImport, type EstateFileRow } from '../../../../functions/domain/admin/estateImport';
import { parseWithProblems } from '../../../../functions/domain/admin/problems';
import type { Estate } from '../../../../functions/domain/estate';

const departments = [{ departmentId: 'engineering', names: { 'zh-Hant': '工程部', 'zh-Hans': '工程部', en: 'Engineering' } }];
const context = { settings: { departments }, customPolicies: new Map(), existing: new Map<string, Estate>() };
const HEADER = ['estateId', 'name_zh-Hant', 'name_zh-Hans', 'name_en', 'jurisdiction', 'timeZone', 'homes', 'customerServiceEmail', 'managerEmail', 'department:engineering', 'buildings'];
const row = (line: number, buildings: string, estateId = `E${line}`): EstateFileRow => ({
  line,
  cells: {
    estateId,
    'name_zh-Hant': '花園', 'name_zh-Hans': '花园', name_en: 'Gardens',
    jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong', homes: '420',
    customerServiceEmail: 'cs@group.example', managerEmail: 'm@group.example', 'department:engineering': 'eng@group.example',
    buildings,
  },
});
const definition = {
  estateId: 'E1', names: { 'zh-Hant': '花園', 'zh-Hans': '花园', en: 'Gardens' }, jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong', homes: 420,
  customerServiceEmail: 'cs@group.example', managerEmail: 'm@group.example', departments: [{ departmentId: 'engineering', email: 'eng@group.example' }],
};
const T1 = { buildingId: 'T1', names: { 'zh-Hant': '第一座', 'zh-Hans': '第一座', en: 'Tower 1' } };
const T2 = { buildingId: 'T2', names: { 'zh-Hant': '第二座', 'zh-Hans': '第二座', en: 'Tower 2' } };

describe('buildings of an estate', () => {
  it('reads a buildings cell and writes it back the same', () => {
    const cell = 'T1=第一座|第一座|Tower 1; T2=第二座|第二座|Tower 2';
    expect(parseBuildingsCell(cell)).toEqual([T1, T2]);
    expect(buildingsCell([T1, T2])).toBe(cell);
    expect(parseBuildingsCell('')).toEqual([]);
    expect(parseBuildingsCell('T1=第一座|Tower 1')).toBeUndefined();
    expect(parseBuildingsCell('T1 第一座|第一座|Tower 1')).toBeUndefined();
  });

  it('imports buildings from a file, with a coded problem per bad cell on its line and column', () => {
    const plan = planEstateImport(HEADER, [row(2, 'T1=第一座|第一座|Tower 1; T2=第二座|第二座|Tower 2'), row(3, '')], context);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes[0]!.after.buildings).toEqual([T1, T2]);
    expect(plan.changes[1]!.after.buildings).toBeUndefined();

    const bad = planEstateImport(HEADER, [row(2, 'T1=第一座|Tower 1'), row(3, 'T 1=第一座|第一座|Tower 1'), row(4, 'T1=a|b|c; T1=d|e|f'), row(5, 'T1=|第一座|Tower 1')], context);
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems;
    expect(problems).toContainEqual(expect.objectContaining({ line: 2, column: 'buildings', code: 'buildingsCell' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 3, column: 'buildings', code: 'buildingIdFormat' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 4, column: 'buildings', code: 'buildingIdsRepeated' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 5, column: 'buildings', code: 'required' }));
  });

  it('keeps the stored buildings when a definition leaves them out, and removes them when it gives none', () => {
    const parsed = parseWithProblems(estateDefinitionSchema, { ...definition, buildings: [T1] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const stored = estateFromDefinition(parsed.value, context);
    expect(stored.buildings).toEqual([T1]);
    const existing = new Map([['E1', stored]]);
    const { buildings: _omitted, ...without } = parsed.value;
    expect(estateFromDefinition(without, { ...context, existing }).buildings).toEqual([T1]);
    expect(estateFromDefinition({ ...without, buildings: [] }, { ...context, existing }).buildings).toBeUndefined();
    // A file without the column keeps every estate's list.
    const header = HEADER.filter((c) => c !== 'buildings');
    const { buildings: _cell, ...cells } = row(2, '', 'E1').cells;
    const plan = planEstateImport(header, [{ line: 2, cells }], { ...context, existing });
    expect(plan.ok && plan.changes.length === 0 && plan.unchanged === 1).toBe(true);
  });
});
