/**
 * Hands out complaint reference numbers from blocks reserved in one counter
 * update, so a busy intake does not pay a DynamoDB round trip per complaint.
 * The block size adapts: one number at a time while complaints are sparse
 * (references stay gap-free in normal use), doubling up to `MAX_BLOCK` while
 * blocks run out within `BUSY_WINDOW_MS` of each other. A number whose case
 * was not stored (a refused or replayed request) goes back to be used next.
 *
 * Numbers are unique and increase per estate-year within one container;
 * across containers they interleave, and a container that stops with part of
 * a block unused leaves a gap. docs/DATA_MODEL.md says so.
 */
export const MAX_BLOCK = 32;
const BUSY_WINDOW_MS = 5_000;

interface Block {
  next: number;
  last: number;
  size: number;
  reservedAt: number;
  returned: number[];
  refill?: Promise<void>;
}

export class ReferenceBlocks {
  private readonly blocks = new Map<string, Block>();

  /** `reserve(count)` adds `count` to the stored counter and answers its new value (the block's last number). */
  constructor(private readonly now: () => number = Date.now) {}

  async next(key: string, reserve: (count: number) => Promise<number>): Promise<number> {
    let block = this.blocks.get(key);
    if (!block) {
      block = { next: 1, last: 0, size: 0, reservedAt: -Infinity, returned: [] };
      this.blocks.set(key, block);
    }
    for (;;) {
      if (block.returned.length > 0) return block.returned.shift()!;
      if (block.next <= block.last) return block.next++;
      if (!block.refill) {
        const current = block;
        const size = this.now() - current.reservedAt < BUSY_WINDOW_MS ? Math.min(MAX_BLOCK, Math.max(1, current.size * 2)) : 1;
        current.refill = reserve(size)
          .then((last) => {
            current.next = last - size + 1;
            current.last = last;
            current.size = size;
            current.reservedAt = this.now();
          })
          .finally(() => {
            current.refill = undefined;
          });
      }
      await block.refill;
    }
  }

  /** A number handed out for a case that was not stored: the next complaint gets it. */
  giveBack(key: string, number: number): void {
    const block = this.blocks.get(key);
    if (!block || block.returned.includes(number)) return;
    block.returned.push(number);
    block.returned.sort((a, b) => a - b);
  }
}
