/** What the search digests of a stored case should be now (functions/domain/searchReindex.ts). */
import { describe, expect, it } from 'vitest';
import { lookupDigestsOf } from '../../../functions/domain/caseLookup';
import { digestsDiffer, type ReindexSubject, searchDigestsNow } from '../../../functions/domain/searchReindex';

const KEY = 'k'.repeat(40);
const subject = (overrides: Partial<ReindexSubject> = {}): ReindexSubject => ({ estateId: 'EST01', unit: 'Block A 12/F Flat 3', complainant: { name: 'Chan', phone: '+852 9123 4567' }, ...overrides });

describe('search digests of a stored case', () => {
  it('are the ones intake writes, from the case as it is now', () => {
    expect(searchDigestsNow(KEY, subject())).toEqual(lookupDigestsOf(KEY, { estateId: 'EST01', unit: 'Block A 12/F Flat 3', phone: '+852 9123 4567' }));
    expect(searchDigestsNow(KEY, subject({ unit: 'Block A 11/F Flat 3' }))!.unit).not.toBe(searchDigestsNow(KEY, subject())!.unit);
    expect(searchDigestsNow(KEY, subject({ complainant: { name: 'Chan' } }))).toEqual({ unit: expect.any(String) });
  });

  it('are none for an erased or purged case, or a unit with nothing to find it by', () => {
    expect(searchDigestsNow(KEY, subject({ erasure: { erasedAt: '2026-12-01T00:00:00.000Z', reference: 'DSR-1', fields: ['unit'] } }))).toBeUndefined();
    expect(searchDigestsNow(KEY, subject({ purge: {} as ReindexSubject['purge'] }))).toBeUndefined();
    expect(searchDigestsNow(KEY, subject({ unit: '—/—' }))).toBeUndefined();
  });

  it('differ from the stored ones when missing, stale or left over', () => {
    const now = searchDigestsNow(KEY, subject());
    expect(digestsDiffer(now, now)).toBe(false);
    expect(digestsDiffer(undefined, now)).toBe(true);
    expect(digestsDiffer(now, undefined)).toBe(true);
    expect(digestsDiffer({ unit: now!.unit }, now)).toBe(true);
    expect(digestsDiffer(undefined, undefined)).toBe(false);
  });
});
