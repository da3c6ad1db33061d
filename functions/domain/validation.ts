// Types only: schemas are run through their Standard Schema interface, so code that validates
// with schemas defined elsewhere does not itself bundle zod's runtime.
import type * as z from 'zod/mini';

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/**
 * Validates `input` and, on failure, reports one message per field path
 * (`compensationClaim.amount`), which is what API clients and the web form show.
 */
export function parseWithFieldErrors<S extends z.ZodMiniType>(schema: S, input: unknown): ParseResult<z.infer<S>> {
  const result = schema['~standard'].validate(input);
  if (result instanceof Promise) throw new Error('parseWithFieldErrors takes synchronous schemas only');
  if (!result.issues) return { ok: true, value: result.value as z.infer<S> };
  const fields: FieldErrors = {};
  // zod's Standard Schema issues are its own issues (code, path, message…).
  for (const issue of result.issues as readonly z.core.$ZodIssue[]) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[joinPath([...issue.path, key])] ??= 'is not a recognised field';
      continue;
    }
    fields[joinPath(issue.path)] ??= describeIssue(issue, valueAt(input, issue.path));
  }
  return { ok: false, fields };
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(body)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) return 'is required';
  if (issue.code === 'invalid_type') return `must be ${issue.expected}`;
  return issue.message;
}
