/**
 * Administrators' problems as codes and parameters (functions/domain/admin/problems.ts): an estate file's
 * every kind of bad cell gets its code, and every code reads in zh-Hant, zh-Hans and en with its
 * placeholders filled; the department catalogue keeps departments estates use.
 */
import { describe, expect, it } from 'vitest';
import { planEstateImport, type EstateFileRow } from '../../../../functions/domain/admin/estateImport';
import { departmentsStillInUse, groupSettingsSchema } from '../../../../functions/domain/admin/groupSettingsSchema';
import { parseWithProblems, PROBLEM_CODES, type Problem } from '../../../../functions/domain/admin/problems';
import { deadlinePolicySchema } from '../../../../functions/domain/deadlinePolicySchema';
import { DEADLINE_POLICY_PRESETS } from '../../../../functions/domain/deadlinePolicy';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { CATALOGUES, lookup, type MessageKey } from '../../../../functions/messages';
import { LANGUAGES } from '../../../../functions/domain/vocabulary';

const departments = [
  { departmentId: 'engineering', names: { 'zh-Hant': '工程部', 'zh-Hans': '工程部', en: 'Engineering' } },
  { departmentId: 'security', names: { 'zh-Hant': '保安部', 'zh-Hans': '保安部', en: 'Security' } },
];
const context = { settings: { departments }, customPolicies: new Map(), existing: new Map() };
const HEADER = ['estateId', 'name_zh-Hant', 'name_zh-Hans', 'name_en', 'jurisdiction', 'timeZone', 'homes', 'deadlinePolicy', 'customerServiceEmail', 'managerEmail', 'active', 'department:engineering'];
const good = (id: string): Record<string, string> => ({
  estateId: id,
  'name_zh-Hant': '花園',
  'name_zh-Hans': '花园',
  name_en: 'Gardens',
  jurisdiction: 'HK',
  timeZone: 'Asia/Hong_Kong',
  homes: '420',
  deadlinePolicy: '',
  customerServiceEmail: 'cs@group.example',
  managerEmail: 'm@group.example',
  active: '',
  'department:engineering': 'eng@group.example',
});

describe('problem codes of an estate file', () => {
  it('gives each kind of bad cell its code, on its line and column', () => {
    const bad: [Record<string, string>, string, string][] = [
      [{ estateId: 'BAD 1' }, 'estateId', 'estateIdFormat'],
      [{ 'name_zh-Hans': '' }, 'name_zh-Hans', 'required'],
      [{ name_en: 'a\u202Eb' }, 'name_en', 'controlCharacters'],
      [{ jurisdiction: 'FR' }, 'jurisdiction', 'notOneOf'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'notTimeZone'],
      [{ homes: 'many' }, 'homes', 'notWholeNumber'],
      [{ homes: '300000' }, 'homes', 'tooLarge'],
      [{ deadlinePolicy: 'nothing-like-it' }, 'deadlinePolicy', 'unknownPolicy'],
      [{ managerEmail: 'nobody' }, 'managerEmail', 'notEmail'],
      [{ active: 'perhaps' }, 'active', 'notYesNo'],
      [{ 'department:engineering': '' }, 'department:<id>', 'tooFew'],
    ];
    const rows: EstateFileRow[] = bad.map(([cells], i) => ({ line: i + 2, cells: { ...good(`E${i}`), ...cells } }));
    const plan = planEstateImport(HEADER, rows, context);
    expect(plan.ok).toBe(false);
    const problems = plan.ok ? [] : plan.problems;
    bad.forEach(([, column, code], i) => expect(problems, `${column} → ${code}`).toContainEqual(expect.objectContaining({ line: i + 2, column, code })));
    expect(problems.find((p) => p.code === 'tooLarge')!.params).toEqual({ max: 200_000 });
    expect(problems.find((p) => p.code === 'notOneOf')!.params).toEqual({ options: 'HK, CN, GB-ENG' });
  });

  it('names duplicates and header problems with their parameters', () => {
    const twice = planEstateImport(HEADER, [{ line: 2, cells: good('A1') }, { line: 3, cells: good('A1') }], context);
    expect(twice.ok ? [] : twice.problems).toEqual([{ line: 3, column: 'estateId', code: 'estateAlsoOnLine', params: { estate: 'A1', line: 2 }, message: 'estate A1 is also on line 2' }]);
    const header = planEstateImport([...HEADER, 'department:kitchen', 'colour', 'homes'], [], context);
    expect((header.ok ? [] : header.problems).map((p) => [p.column, p.code])).toEqual([
      ['department:kitchen', 'unknownDepartmentColumn'],
      ['colour', 'unknownColumn'],
      ['homes', 'columnTwice'],
    ]);
  });
});

describe('problem codes of the settings and deadline policies', () => {
  it('names the field and the limit', () => {
    const found = parseWithProblems(groupSettingsSchema, { ...DEFAULT_GROUP_SETTINGS, feedbackWindowDays: 0, hqEmail: 'x', departments: [...departments, departments[0]!] });
    expect(found.ok ? [] : found.problems).toEqual([
      { field: 'hqEmail', code: 'notEmail', message: 'must be an email address' },
      { field: 'feedbackWindowDays', code: 'tooSmall', params: { min: 1 }, message: 'feedbackWindowDays must be at least 1' },
      { field: 'departments', code: 'departmentIdsRepeated', message: 'department ids must be unique' },
    ]);
    const preset = Object.values(DEADLINE_POLICY_PRESETS)[0]!;
    const policy = parseWithProblems(deadlinePolicySchema, { ...preset, id: 'Not An Id', stages: [{ ...preset.stages[0]!, id: 'x y' }], colour: 'red' });
    expect((policy.ok ? [] : policy.problems).map((p) => [p.field, p.code])).toEqual([
      ['id', 'policyIdFormat'],
      ['stages.0.id', 'stageIdFormat'],
      ['colour', 'unknownField'],
    ]);
  });
});

describe('every problem code in three languages', () => {
  const sample: Record<string, string | number> = { min: 1, max: 2, expected: 'number', options: 'A, B', department: 'kitchen', departments: 'engineering', estates: 'HV01', policy: 'p', prefix: 'HV', estate: 'HV01', line: 3, columns: 'estateId' };
  for (const language of LANGUAGES) {
    it(`reads every code in ${language}, placeholders filled`, () => {
      for (const code of PROBLEM_CODES) {
        const text = lookup(CATALOGUES[language], `console.adminProblems.${code}` as MessageKey, sample);
        expect(text, code).not.toBe(`console.adminProblems.${code}`);
        expect(text, code).not.toMatch(/\{[a-z]+\}/i);
      }
    });
  }
  it('says a refused file in the reader language: the same problem, three texts', () => {
    const plan = planEstateImport(HEADER, [{ line: 2, cells: { ...good('A1'), homes: 'many' } }], context);
    const problem = (plan.ok ? [] : plan.problems)[0] as Problem;
    const texts = LANGUAGES.map((language) => lookup(CATALOGUES[language], `console.adminProblems.${problem.code}`, problem.params));
    expect(texts).toEqual(['必須是整數。', '必须是整数。', 'must be a whole number.']);
  });
});

describe('the department catalogue', () => {
  const estates = [
    { estateId: 'HV02', departments: [{ departmentId: 'security' }] },
    { estateId: 'HV01', departments: [{ departmentId: 'engineering' }, { departmentId: 'security' }] },
  ];
  it('refuses to drop a department estates give a mailbox, naming them; an unused one goes', () => {
    const withGardening = [...departments, { departmentId: 'gardening' }];
    expect(departmentsStillInUse(withGardening, [departments[0]!], estates)).toEqual([{ departmentId: 'security', estateIds: ['HV01', 'HV02'] }]);
    expect(departmentsStillInUse(withGardening, departments, estates)).toEqual([]);
  });
});
