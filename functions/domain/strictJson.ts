/**
 * JSON as the API accepts it: what `JSON.parse` takes, minus what it lets
 * through silently — duplicate keys (the last one wins, so a validator and a
 * later reader could disagree), prototype-polluting keys, nesting deeper than
 * any request needs, and strings that are not well-formed Unicode (lone
 * surrogates, which break storage, email and hashing downstream).
 *
 * Iterative, so no input can exhaust the stack.
 */

export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A lone UTF-16 surrogate: a string that cannot be encoded as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type StrictJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; code: 'malformed_json' | 'too_deeply_nested' | 'duplicate_key' | 'forbidden_key' | 'invalid_unicode'; message: string };

export function parseStrictJson(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed_json', message: 'request body is not valid JSON' };
  }
  // The text is valid JSON from here on, which keeps the scan below simple.
  const stack: ({ kind: 'object'; keys: Set<string>; expectKey: boolean } | { kind: 'array' })[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_JSON_DEPTH) return { ok: false, code: 'too_deeply_nested', message: `request body must not nest more than ${MAX_JSON_DEPTH} levels` };
      stack.push(c === '{' ? { kind: 'object', keys: new Set(), expectKey: true } : { kind: 'array' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
    } else if (c === ':') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = false;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const raw = text.slice(i, end + 1);
      i = end;
      const decoded = JSON.parse(raw) as string;
      if (LONE_SURROGATE.test(decoded)) return { ok: false, code: 'invalid_unicode', message: 'request body contains text that is not valid Unicode (a lone surrogate)' };
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        if (FORBIDDEN_KEYS.has(decoded)) return { ok: false, code: 'forbidden_key', message: `"${decoded}" is not allowed as a key` };
        if (top.keys.has(decoded)) return { ok: false, code: 'duplicate_key', message: `key "${printable(decoded)}" appears more than once in the same object` };
        top.keys.add(decoded);
      }
    }
  }
  return { ok: true, value };
}

function printable(key: string): string {
  return key.replace(/[^\x20-\x7E]/g, '?').slice(0, 64);
}
