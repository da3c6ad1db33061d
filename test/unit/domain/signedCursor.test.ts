import { describe, expect, it } from 'vitest';
import { InvalidCursorError, openCursor, signCursor } from '../../../functions/domain/signedCursor';

const secret = 'k'.repeat(40);
const binding = { query: '{"filters":{}}', subject: 'hq.director' };
const now = Date.parse('2026-03-02T09:00:00Z');

describe('signed cursors', () => {
  const cursor = signCursor(secret, binding, [{ m: '2026-01', k: { pk: 'CASE#1' } }], now);

  it('round-trips the position', () => {
    expect(openCursor(secret, binding, cursor, now)).toEqual([{ m: '2026-01', k: { pk: 'CASE#1' } }]);
  });

  it.each([
    ['another secret', () => openCursor('x'.repeat(40), binding, cursor, now)],
    ['another query', () => openCursor(secret, { ...binding, query: '{}' }, cursor, now)],
    ['another user', () => openCursor(secret, { ...binding, subject: 'someone' }, cursor, now)],
    ['an expired cursor', () => openCursor(secret, binding, signCursor(secret, binding, [], now - 2 * 86400_000), now)],
    ['an edited payload', () => openCursor(secret, binding, `${Buffer.from('{"q":"{\\"filters\\":{}}","u":"hq.director","e":9999999999,"p":[]}').toString('base64url')}.${cursor.split('.')[1]}`, now)],
    ['garbage', () => openCursor(secret, binding, '...', now)],
  ])('refuses %s', (_label, open) => {
    expect(open).toThrow(InvalidCursorError);
  });
});
