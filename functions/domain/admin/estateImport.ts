/**
 * Importing estates from a file (CSV or XLSX; the platform reads either into
 * rows, functions/platform/estateFile.ts): one row per estate, a header row
 * naming the columns. The file is validated as a whole: every problem is
 * reported with its line and column, and nothing is written unless there is
 * none. Then only estates whose content differs from the stored one are
 * written, so importing the same file again changes nothing.
 *
 * Columns (header names; order free):
 *   estateId, referencePrefix?, name_zh-Hant, name_zh-Hans, name_en, jurisdiction, holidayCalendar?,
 *   timeZone, homes, deadlinePolicy?, customerServiceEmail, managerEmail,
 *   developerLiaisonEmail?, ombudsmanContact?, active? (yes/no),
 *   buildings? (`T1=第一座|第一座|Tower 1; T2=第二座|第二座|Tower 2`: id=names in zh-Hant|zh-Hans|en,
 *   separated by ";"; an empty cell means no buildings, no column keeps each estate's stored list),
 *   department:<departmentId> (one column per department of the group; the cell
 *   is that department's mailbox at the estate, empty if the estate has none).
 */
import type { Estate } from '../estate';
import {
  contextProblems,
  type DefinitionContext,
  type EstateDefinition,
  estateDefinitionSchema,
  estateDigest,
  estateFieldChanges,
  estateFromDefinition,
} from './estateDefinition';
import { type Problem, problem, parseWithProblems } from './problems';

/** One data row of the file: its line (the header is line 1) and its cells by column name. */
export interface EstateFileRow {
  line: number;
  cells: Readonly<Record<string, string>>;
}

/** A problem of the file (code and parameters for the reader's language; `message` in English). */
export interface ImportProblem extends Problem {
  /** Line of the file (1 = header). */
  line: number;
  /** The column at fault, as the header names it (or `(file)` / `(row)`). */
  column: string;
}

const at = (line: number, column: string, found: Problem): ImportProblem => ({ line, column, ...found });

export const MAX_ESTATES_PER_FILE = 10_000;

const SIMPLE_COLUMNS: Readonly<Record<string, string>> = {
  estateId: 'estateId',
  referencePrefix: 'referencePrefix',
  'name_zh-Hant': 'names.zh-Hant',
  'name_zh-Hans': 'names.zh-Hans',
  name_en: 'names.en',
  jurisdiction: 'jurisdiction',
  holidayCalendar: 'holidayCalendar',
  timeZone: 'timeZone',
  homes: 'homes',
  deadlinePolicy: 'deadlinePolicyId',
  customerServiceEmail: 'customerServiceEmail',
  managerEmail: 'managerEmail',
  developerLiaisonEmail: 'developerLiaisonEmail',
  ombudsmanContact: 'ombudsmanContact',
  active: 'active',
  buildings: 'buildings',
};
export const REQUIRED_COLUMNS = ['estateId', 'name_zh-Hant', 'name_zh-Hans', 'name_en', 'jurisdiction', 'timeZone', 'homes', 'customerServiceEmail', 'managerEmail'] as const;
const DEPARTMENT_COLUMN = /^department:(.+)$/;

/** The header columns a file for this group has (for a template and the docs). */
export function estateFileColumns(departmentIds: readonly string[]): string[] {
  return [...Object.keys(SIMPLE_COLUMNS), ...departmentIds.map((id) => `department:${id}`)];
}

/** Header problems: unknown, duplicated or missing columns (all on line 1). */
export function headerProblems(header: readonly string[], departmentIds: readonly string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) problems.push(at(1, column, problem('columnTwice', 'this column appears twice')));
    seen.add(column);
    const department = DEPARTMENT_COLUMN.exec(column);
    if (department) {
      if (!departmentIds.includes(department[1]!)) {
        problems.push(at(1, column, problem('unknownDepartmentColumn', `"${department[1]}" is not a department of the group (${departmentIds.join(', ')})`, { department: department[1]!, departments: departmentIds.join(', ') })));
      }
    } else if (!(column in SIMPLE_COLUMNS)) {
      const columns = estateFileColumns(departmentIds).join(', ');
      problems.push(at(1, column, problem('unknownColumn', `unknown column; the columns are ${columns}`, { columns })));
    }
  }
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) problems.push(at(1, column, problem('columnRequired', 'this column is required')));
  if (![...seen].some((c) => DEPARTMENT_COLUMN.test(c))) problems.push(at(1, 'department:<id>', problem('departmentColumnRequired', 'at least one department column is required')));
  return problems;
}

const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否']);

/** A row's cells as a definition (empty cells absent), and where each field came from. */
function rowToDefinition(cells: Readonly<Record<string, string>>): { input: Record<string, unknown>; columnOf: (path: string) => string; cellProblems: Record<string, Problem> } {
  const input: Record<string, unknown> = {};
  /** Cells that are not even of their column's kind, told in the file's words (column → message). */
  const cellProblems: Record<string, Problem> = {};
  const names: Record<string, string> = {};
  const departments: { departmentId: string; email: string }[] = [];
  const departmentColumns: string[] = [];
  for (const [column, raw] of Object.entries(cells)) {
    const value = raw.trim();
    if (column === 'buildings') {
      const buildings = parseBuildingsCell(value);
      if (buildings) input.buildings = buildings;
      else cellProblems[column] = problem('buildingsCell', 'buildings are written id=Traditional Chinese name|Simplified Chinese name|English name, separated by ";"');
      continue;
    }
    if (value === '') continue;
    const department = DEPARTMENT_COLUMN.exec(column);
    if (department) {
      departments.push({ departmentId: department[1]!, email: value });
      departmentColumns.push(column);
      continue;
    }
    const field = SIMPLE_COLUMNS[column];
    if (!field) continue;
    if (field.startsWith('names.')) names[field.slice(6)] = value;
    else if (field === 'homes') {
      if (/^\d+$/.test(value)) input.homes = Number(value);
      else cellProblems[column] = problem('notWholeNumber', 'homes must be a whole number');
    } else if (field === 'active') {
      if (YES.has(value.toLowerCase())) input.active = true;
      else if (NO.has(value.toLowerCase())) input.active = false;
      else cellProblems[column] = problem('notYesNo', 'active must be yes or no');
    }
    else input[field] = value;
  }
  input.names = names;
  input.departments = departments;
  const byField = new Map(Object.entries(SIMPLE_COLUMNS).map(([column, field]) => [field, column]));
  return {
    input,
    cellProblems,
    columnOf: (path) => {
      const departmentIndex = /^departments\.(\d+)/.exec(path);
      if (departmentIndex) return departmentColumns[Number(departmentIndex[1])] ?? 'department:<id>';
      if (path === 'departments') return 'department:<id>';
      if (path === 'names') return 'name_en';
      if (path.startsWith('buildings')) return 'buildings';
      return byField.get(path) ?? path;
    },
  };
}

/**
 * The buildings of one cell: `id=zh-Hant|zh-Hans|en` separated by ";" (empty: none), or undefined when the cell is not
 * of that form. Ids and names are checked by the estate's schema afterwards (format, length, repeats).
 */
export function parseBuildingsCell(cell: string): { buildingId: string; names: Record<string, string> }[] | undefined {
  const buildings: { buildingId: string; names: Record<string, string> }[] = [];
  for (const entry of cell.split(';')) {
    if (entry.trim() === '') continue;
    const match = /^([^=|]*)=([^|]*)\|([^|]*)\|([^|]*)$/.exec(entry.trim());
    if (!match) return undefined;
    const [, buildingId, zhHant, zhHans, en] = match.map((part) => part.trim()) as [string, string, string, string, string];
    buildings.push({ buildingId, names: { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en } });
  }
  return buildings;
}

/** A building list as one cell (the inverse of `parseBuildingsCell`, for exporting an estate file). */
export function buildingsCell(buildings: readonly { buildingId: string; names: Record<string, string> }[] | undefined): string {
  return (buildings ?? []).map((b) => `${b.buildingId}=${b.names['zh-Hant']}|${b.names['zh-Hans']}|${b.names.en}`).join('; ');
}

export type ImportPlan =
  | { ok: false; problems: ImportProblem[] }
  | {
      ok: true;
      /** Estates to write, with what they were (absent: new) and the field changes. */
      changes: EstateChange[];
      unchanged: number;
    };

export interface EstateChange {
  line?: number;
  before?: Estate;
  after: Estate;
  /** Digest of `before` as stored: the write is conditional on it (or on the estate's absence). */
  beforeDigest?: string;
  afterDigest: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

/**
 * Validates every row (each field, then against the group: catalogue, policies, stored estates,
 * duplicates within the file) and, when nothing is wrong, the writes that bring the store to the file.
 */
export function planEstateImport(header: readonly string[], rows: readonly EstateFileRow[], context: DefinitionContext): ImportPlan {
  const departmentIds = context.settings.departments.map((d) => d.departmentId);
  const problems = headerProblems(header, departmentIds);
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [at(2, '(file)', problem('noEstates', 'the file has no estates'))] };
  if (rows.length > MAX_ESTATES_PER_FILE) return { ok: false, problems: [at(rows.length + 1, '(file)', problem('tooManyEstates', `at most ${MAX_ESTATES_PER_FILE} estates per file`, { max: MAX_ESTATES_PER_FILE }))] };

  const definitions: { line: number; definition: EstateDefinition }[] = [];
  const lineOfId = new Map<string, number>();
  const lineOfPrefix = new Map<string, number>();
  for (const row of rows) {
    const { input, columnOf, cellProblems } = rowToDefinition(row.cells);
    for (const [column, found] of Object.entries(cellProblems)) problems.push(at(row.line, column, found));
    const parsed = parseWithProblems(estateDefinitionSchema, input);
    if (!parsed.ok) {
      for (const { field, ...found } of parsed.problems) {
        const column = columnOf(field);
        if (!(column in cellProblems)) problems.push(at(row.line, column, found));
      }
      continue;
    }
    if (Object.keys(cellProblems).length > 0) continue;
    const definition = parsed.value;
    const rowProblems = contextProblems(definition, context);
    for (const [path, found] of Object.entries(rowProblems)) problems.push(at(row.line, columnOf(path), found));
    const firstLine = lineOfId.get(definition.estateId);
    if (firstLine !== undefined) problems.push(at(row.line, 'estateId', problem('estateAlsoOnLine', `estate ${definition.estateId} is also on line ${firstLine}`, { estate: definition.estateId, line: firstLine })));
    else lineOfId.set(definition.estateId, row.line);
    const prefix = estateFromDefinition(definition, { ...context, customPolicies: new Map(), existing: new Map() }).referencePrefix;
    const prefixLine = lineOfPrefix.get(prefix);
    if (prefixLine !== undefined && firstLine === undefined) {
      problems.push(at(row.line, 'referencePrefix', problem('referencePrefixAlsoOnLine', `reference prefix ${prefix} is also used on line ${prefixLine}`, { prefix, line: prefixLine })));
    }
    else lineOfPrefix.set(prefix, row.line);
    if (Object.keys(rowProblems).length === 0) definitions.push({ line: row.line, definition });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const changes: EstateChange[] = [];
  let unchanged = 0;
  for (const { line, definition } of definitions) {
    const change = planEstateChange(definition, context);
    if (change) changes.push({ ...change, line });
    else unchanged += 1;
  }
  return { ok: true, changes, unchanged };
}

/** The write one (checked) definition needs, or undefined when the stored estate already is that. */
export function planEstateChange(definition: EstateDefinition, context: DefinitionContext): EstateChange | undefined {
  return changeBetween(context.existing.get(definition.estateId), estateFromDefinition(definition, context));
}

/** The write that turns `before` (absent: no estate) into `after`, or undefined when they define the same estate. */
export function changeBetween(before: Estate | undefined, after: Estate): EstateChange | undefined {
  const afterDigest = estateDigest(after);
  const beforeDigest = before ? estateDigest(before) : undefined;
  if (beforeDigest === afterDigest) return undefined;
  return { ...(before ? { before, beforeDigest } : {}), after, afterDigest, fields: estateFieldChanges(before, after) };
}
