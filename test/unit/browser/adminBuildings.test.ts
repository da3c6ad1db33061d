/**
 * The admin estate form's buildings editor (functions/web/browser/pages/admin/buildingRows.ts): kept unless the
 * administrator chooses to replace; the rows then are the whole new list (added, renamed, removed; none removes all),
 * a body the API's estate definition accepts; the API's coded problems land on the row field they name.
 */
import { describe, expect, it } from 'vitest';
import { parseWithProblems } from '../../../functions/domain/admin/problems';
import { estateDefinitionSchema } from '../../../functions/domain/admin/estateDefinition';

describe('the buildings editor of the estate form', async () => {
  const { buildingFields, buildingProblemField, buildingRowsIn, buildingsBody } = await import('../../../functions/web/browser/pages/admin/buildingRows');
  const { validate } = await import('../../../functions/web/browser/ui/forms');
  const { problemErrors } = await import('../../../functions/web/browser/pages/admin/problems');
  const i18n = await import('../../../functions/web/browser/i18n');
  await i18n.loadCatalogue('en');
  await i18n.loadCataloguePart('admin');
  const definition = {
    estateId: 'EST09', names: { 'zh-Hant': '海景', 'zh-Hans': '海景', en: 'Sea View' }, jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong', homes: 900,
    customerServiceEmail: 'cs.est09@demo-group.example', managerEmail: 'manager.est09@demo-group.example', departments: [{ departmentId: 'engineering', email: 'eng.est09@demo-group.example' }],
  };
  const row = (i: number, id: string, en: string) => ({ [`buildings.${i}.buildingId`]: id, [`buildings.${i}.names.zh-Hant`]: `${id}座`, [`buildings.${i}.names.zh-Hans`]: `${id}座`, [`buildings.${i}.names.en`]: en });

  it('sends no buildings while the stored list is kept (the rows hidden and unchecked)', () => {
    const values = { buildingsMode: 'keep', ...row(0, 'T1', '') };
    expect(validate(buildingFields(1), values)).toEqual({});
    expect(buildingsBody(values, 1)).toBeUndefined();
  });

  it('replaces the list with the rows: a body the estate definition accepts, names trimmed', () => {
    const values = { buildingsMode: 'replace', ...row(0, 'T1', ' Tower 1 '), ...row(1, 'T2', 'Tower Two') };
    expect(buildingRowsIn(values)).toBe(2);
    const fields = buildingFields(2);
    expect(fields.map((f) => f.name)).toEqual(['buildingsMode', 'buildings.0.buildingId', 'buildings.0.names.zh-Hant', 'buildings.0.names.zh-Hans', 'buildings.0.names.en', 'buildings.1.buildingId', 'buildings.1.names.zh-Hant', 'buildings.1.names.zh-Hans', 'buildings.1.names.en']);
    expect(validate(fields, values)).toEqual({});
    const buildings = buildingsBody(values, 2);
    expect(buildings).toEqual([
      { buildingId: 'T1', names: { 'zh-Hant': 'T1座', 'zh-Hans': 'T1座', en: 'Tower 1' } },
      { buildingId: 'T2', names: { 'zh-Hant': 'T2座', 'zh-Hans': 'T2座', en: 'Tower Two' } },
    ]);
    expect(parseWithProblems(estateDefinitionSchema, { ...definition, buildings }).ok).toBe(true);
    // The last row removed: its values stay typed in the form but are not sent; no rows at all removes every building.
    expect(buildingsBody(values, 1)).toHaveLength(1);
    expect(buildingsBody(values, 0)).toEqual([]);
  });

  it('asks for every name of a row in the reader’s language before sending', () => {
    const errors = validate(buildingFields(1), { buildingsMode: 'replace', 'buildings.0.buildingId': 'T1' });
    expect(Object.keys(errors).sort()).toEqual(['buildings.0.names.en', 'buildings.0.names.zh-Hans', 'buildings.0.names.zh-Hant']);
    expect(errors['buildings.0.names.en']).toContain('Building 1: name in English');
  });

  it('shows the API’s coded problems on the row field they name, and repeated ids on the choice', () => {
    const values = { buildingsMode: 'replace', ...row(0, 'T1', 'Tower 1'), ...row(1, 'bad id!', 'Tower 2'), ...row(2, 'T1', 'Tower 1 again') };
    const refused = parseWithProblems(estateDefinitionSchema, { ...definition, buildings: buildingsBody(values, 3) });
    expect(refused.ok).toBe(false);
    const fields = buildingFields(3);
    const errors = problemErrors(fields, refused.ok ? [] : refused.problems, (path) => buildingProblemField(path) ?? path);
    expect(errors['buildings.1.buildingId']).toMatch(/^Building 2: id: a building id must be 1–32 letters/);
    // Repeated ids are a problem of the list (`buildings`): on the keep/replace choice.
    const repeated = parseWithProblems(estateDefinitionSchema, { ...definition, buildings: buildingsBody({ ...values, 'buildings.1.buildingId': 'T1' }, 2) });
    expect(problemErrors(fields, repeated.ok ? [] : repeated.problems, (path) => buildingProblemField(path) ?? path)).toEqual({ buildingsMode: `Buildings: ${i18n.t('console.adminProblems.buildingIdsRepeated' as never)}` });
  });
});
