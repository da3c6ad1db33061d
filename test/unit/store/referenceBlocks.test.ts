import { describe, expect, it } from 'vitest';
import { MAX_BLOCK, ReferenceBlocks } from '../../../functions/store/referenceBlocks';

/** A stored counter, as DynamoDB's `ADD` keeps it, recording each reservation. */
function counter() {
  let value = 0;
  const reservations: number[] = [];
  return {
    reservations,
    reserve: async (count: number) => {
      reservations.push(count);
      value += count;
      return value;
    },
  };
}

describe('reference number blocks', () => {
  it('reserves one number at a time while complaints are sparse, so references stay gap-free', async () => {
    let clock = 0;
    const blocks = new ReferenceBlocks(() => clock);
    const stored = counter();
    const numbers: number[] = [];
    for (let i = 0; i < 4; i++) {
      numbers.push(await blocks.next('EST01#2026', stored.reserve));
      clock += 60_000;
    }
    expect(numbers).toEqual([1, 2, 3, 4]);
    expect(stored.reservations).toEqual([1, 1, 1, 1]);
  });

  it('doubles the block while blocks run out quickly, up to the maximum, and never hands a number out twice', async () => {
    const blocks = new ReferenceBlocks(() => 0);
    const stored = counter();
    const numbers = await Promise.all(Array.from({ length: 200 }, () => blocks.next('EST01#2026', stored.reserve)));
    expect(new Set(numbers).size).toBe(200);
    expect(stored.reservations.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 32]);
    expect(Math.max(...stored.reservations)).toBe(MAX_BLOCK);
    expect(stored.reservations.length).toBeLessThan(15);
  });

  it('keeps each estate-year apart', async () => {
    const blocks = new ReferenceBlocks(() => 0);
    const a = counter();
    const b = counter();
    expect([await blocks.next('EST01#2026', a.reserve), await blocks.next('SZ01#2026', b.reserve), await blocks.next('EST01#2026', a.reserve)]).toEqual([1, 1, 2]);
  });

  it('hands a number given back to the next complaint, smallest first', async () => {
    let clock = 0;
    const blocks = new ReferenceBlocks(() => clock);
    const stored = counter();
    const first = await blocks.next('EST01#2026', stored.reserve);
    const second = await blocks.next('EST01#2026', stored.reserve);
    blocks.giveBack('EST01#2026', second);
    blocks.giveBack('EST01#2026', first);
    blocks.giveBack('EST01#2026', first);
    clock += 60_000;
    expect([await blocks.next('EST01#2026', stored.reserve), await blocks.next('EST01#2026', stored.reserve), await blocks.next('EST01#2026', stored.reserve)]).toEqual([1, 2, 3]);
  });

  it('lets a failed reservation fail the request and tries again on the next', async () => {
    const blocks = new ReferenceBlocks(() => 0);
    let fail = true;
    const reserve = async (count: number) => {
      if (fail) throw new Error('throttled');
      return count;
    };
    await expect(blocks.next('EST01#2026', reserve)).rejects.toThrow('throttled');
    fail = false;
    expect(await blocks.next('EST01#2026', reserve)).toBe(1);
  });
});
