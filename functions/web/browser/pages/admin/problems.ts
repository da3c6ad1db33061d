/**
 * The API's problems (code, parameters, English message; functions/domain/admin/problems.ts) in the
 * reader's language, from the catalogue's `console.adminProblems` block. A code this console does not
 * know (a newer API) falls back to the API's English text.
 */
import { PROBLEM_CODES, type ProblemCode } from '../../../../domain/admin/problems';
import { formatNumber, t } from '../../i18n';
import type { Errors, FieldSpec } from '../../ui/forms';

export interface ApiProblem {
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}
export interface ApiFieldProblem extends ApiProblem {
  field: string;
}

const known = (code: string | undefined): code is ProblemCode => code !== undefined && (PROBLEM_CODES as readonly string[]).includes(code);

/** Whether the text is the API's English (so the page can mark it `lang="en"`). */
export const inEnglishOnly = (problem: ApiProblem) => !known(problem.code);

export function problemText(problem: ApiProblem): string {
  if (!known(problem.code)) return problem.message;
  const vars = Object.fromEntries(Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'number' ? formatNumber(value) : value]));
  return t(`console.adminProblems.${problem.code}`, vars);
}

/**
 * A form's refused fields, each on the form field it names (`fieldOf` maps an API path such as
 * `departments.1.email` to a form field name; default: the field whose name the path is or starts
 * with), as "label: problem" in the reader's language. Problems on no field go to `(form)`.
 */
export function problemErrors(fields: readonly FieldSpec[], problems: readonly ApiFieldProblem[], fieldOf: (path: string) => string = (path) => path): Errors {
  const errors: Errors = {};
  for (const found of problems) {
    const path = fieldOf(found.field);
    const field = fields.find((f) => f.name === path || path.startsWith(`${f.name}.`));
    const name = field ? field.name : path;
    const text = problemText(found);
    errors[name] = errors[name] ? `${errors[name]} ${text}` : field ? `${t(field.label, field.labelVars)}: ${text}` : text;
  }
  return errors;
}
