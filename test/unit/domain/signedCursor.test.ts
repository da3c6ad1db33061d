import { describe, expect, it } from 'vitest';
import { InvalidCursorError, openCursor, signCursor } from '../../../functions/domain/signedCursor';

const secret = 'k'.repeat(40);
const binding = { query: '{"filters":{}}', subject: 'hq.director' };

describe('signed cursors', () => {
  const cursor = signCursor(secret, binding, [{ m: '2026-01', k: { pk: 'CASE#1' } }]);

  it('round-trips the position', () => {
    expect(openCursor(secret, binding, cursor)).toEqual([{ m: '2026-01', k: { pk: 'CASE#1' } }]);
  });

  it.each([
    ['another secret', () => openCursor('x'.repeat(40), binding, cursor)],
    ['another query', () => openCursor(secret, { ...binding, query: '{}' }, cursor)],
    ['another user', () => openCursor(secret, { ...binding, subject: 'someone' }, cursor)],
    ['an expired cursor', () => openCursor(secret, binding, signCursor(secret, binding, [], Date.now() - 2 * 86400_000))],
    ['an edited payload', () => openCursor(secret, binding, `${Buffer.from('{"q":"{\\"filters\\":{}}","u":"hq.director","e":9999999999,"p":[]}').toString('base64url')}.${cursor.split('.')[1]}`)],
    ['garbage', () => openCursor(secret, binding, '...')],
  ])('refuses %s', (_label, open) => {
    expect(open).toThrow(InvalidCursorError);
  });
});
