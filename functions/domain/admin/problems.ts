/**
 * Problems with what an administrator submitted (an estate file's cells, the estate form, the
 * settings, a deadline policy), stated as a code and its parameters so that the console says them
 * in the reader's language (message catalogue block `console.adminProblems`), with the English
 * text kept beside them for API clients and logs.
 *
 * A zod issue becomes a code by its kind (required, too short, not an email…); the few rules that
 * are neither a size nor a type carry their code in the schema (`params: { code }` on a refine),
 * and checks that need the group (catalogue, policies, stored estates) state theirs directly.
 */
import type * as z from 'zod/mini';

export const PROBLEM_CODES = [
  // From the shape of a value (any schema).
  'required',
  'unknownField',
  'wrongType',
  'notWholeNumber',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooLarge',
  'tooFew',
  'tooMany',
  'notEmail',
  'notOneOf',
  'badFormat',
  'estateIdFormat',
  'referencePrefixFormat',
  'departmentIdFormat',
  'policyIdFormat',
  'stageIdFormat',
  'controlCharacters',
  'notTimeZone',
  'departmentIdsRepeated',
  'stageIdsRepeated',
  'invalid',
  // Buildings of an estate (form and file).
  'buildingIdsRepeated',
  'buildingIdFormat',
  'buildingsCell',
  // Against the group.
  'unknownDepartment',
  'departmentTwice',
  'departmentInUse',
  'unknownPolicy',
  'presetPolicyId',
  'policyIdTaken',
  'referencePrefixFixed',
  'referencePrefixTaken',
  // An estate file as a whole.
  'estateAlsoOnLine',
  'referencePrefixAlsoOnLine',
  'columnTwice',
  'unknownColumn',
  'unknownDepartmentColumn',
  'columnRequired',
  'departmentColumnRequired',
  'noEstates',
  'tooManyEstates',
  'notYesNo',
  'unreadableCsv',
  'unreadableXlsx',
  'emptyFile',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

/** One problem: what (code and parameters, for the reader's language) and the same in English. */
export interface Problem {
  code: ProblemCode;
  params?: ProblemParams;
  message: string;
}

/** A problem on a field of a JSON body (`departments.1.email`). */
export interface FieldProblem extends Problem {
  field: string;
}

export const problem = (code: ProblemCode, message: string, params?: ProblemParams): Problem => (params ? { code, params, message } : { code, message });

/** Regex rules whose meaning depends on the field they check, by the field's last path segment. */
const FORMAT_CODES: Readonly<Record<string, ProblemCode>> = {
  estateId: 'estateIdFormat',
  referencePrefix: 'referencePrefixFormat',
  departmentId: 'departmentIdFormat',
  deadlinePolicyId: 'policyIdFormat',
  buildingId: 'buildingIdFormat',
};

const isProblemCode = (value: unknown): value is ProblemCode => typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value);

/** The code and parameters of one zod issue on `value` (the English message is the issue's own). */
export function problemOfIssue(issue: z.core.$ZodIssue, value: unknown, path: readonly PropertyKey[]): Problem {
  const last = String(path[path.length - 1] ?? '');
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return problem('required', 'is required');
      if (issue.expected === 'int' && typeof value === 'number') return problem('notWholeNumber', issue.message);
      return problem('wrongType', `must be ${issue.expected}`, { expected: String(issue.expected) });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? problem('required', issue.message) : problem('tooShort', issue.message, { min });
      if (issue.origin === 'array' || issue.origin === 'set') return problem('tooFew', issue.message, { min });
      return problem('tooSmall', issue.message, { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return problem('tooLong', issue.message, { max });
      if (issue.origin === 'array' || issue.origin === 'set') return problem('tooMany', issue.message, { max });
      return problem('tooLarge', issue.message, { max });
    }
    case 'invalid_format':
      if (issue.format === 'email') return problem('notEmail', issue.message);
      if (last === 'id' && path.includes('stages')) return problem('stageIdFormat', issue.message);
      if (last === 'id') return problem('policyIdFormat', issue.message);
      return problem(FORMAT_CODES[last] ?? 'badFormat', issue.message);
    case 'invalid_value':
      return problem('notOneOf', issue.message, { options: issue.values.map(String).join(', ') });
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return isProblemCode(code) ? problem(code, issue.message) : problem('invalid', issue.message);
    }
    default:
      return problem('invalid', issue.message);
  }
}

export type ProblemsResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * Validates `input` and, on failure, gives one problem per field path (the first issue of each),
 * in the order of the issues. The same paths and English texts as `parseWithFieldErrors`.
 */
export function parseWithProblems<S extends z.ZodMiniType>(schema: S, input: unknown): ProblemsResult<z.infer<S>> {
  const result = schema['~standard'].validate(input);
  if (result instanceof Promise) throw new Error('parseWithProblems takes synchronous schemas only');
  if (!result.issues) return { ok: true, value: result.value as z.infer<S> };
  const byField = new Map<string, FieldProblem>();
  for (const issue of result.issues as readonly z.core.$ZodIssue[]) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = joinPath([...issue.path, key]);
        if (!byField.has(field)) byField.set(field, { field, ...problem('unknownField', 'is not a recognised field') });
      }
      continue;
    }
    const field = joinPath(issue.path);
    if (!byField.has(field)) byField.set(field, { field, ...problemOfIssue(issue, valueAt(input, issue.path), issue.path) });
  }
  return { ok: false, problems: [...byField.values()] };
}

/** The `fields` object API clients already read (path → English message). */
export const fieldMessages = (problems: readonly FieldProblem[]): Record<string, string> => Object.fromEntries(problems.map((p) => [p.field, p.message]));

function joinPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(body)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
