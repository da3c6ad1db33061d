/**
 * Property: however the stream delivers a set of case histories — in order,
 * shuffled across and within cases, with records delivered again — the
 * incrementally maintained aggregates equal the sum of the contributions of
 * each case's latest version, computed from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { aggregateDifferences, aggregateFromScratch, countCaseVersion, planAggregateUpdate } from '../../../../functions/domain/insight/aggregatePlan';
import { type ContributionContext, contributionOf } from '../../../../functions/domain/insight/caseContribution';
import { buildHistory, caseHistorySpec } from '../../../support/caseHistories';
import { InMemoryAggregateStore } from '../../../support/inMemoryAggregateStore';

const estates: Record<string, ContributionContext['estate']> = {
  EST01: { estateId: 'EST01', jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong' },
  LDN01: { estateId: 'LDN01', jurisdiction: 'GB-ENG', timeZone: 'Europe/London', deadlinePolicyId: 'uk-housing-ombudsman-2024' },
};
const contextOf = (c: ComplaintCase): ContributionContext => ({ estate: estates[c.estateId]!, reportingTimeZone: 'Asia/Hong_Kong' });

async function deliver(store: InMemoryAggregateStore, records: ComplaintCase[]) {
  for (const record of records) await countCaseVersion(store, record.caseId, record.version, contributionOf(record, contextOf(record)));
}

/**
 * From scratch: each case's latest version. A retention tombstone keeps what its case last contributed, which the
 * store knows and the tombstone does not: for those the expected contribution is the stored one.
 */
function fromScratch(histories: ComplaintCase[][], store: InMemoryAggregateStore) {
  return aggregateFromScratch(
    histories.map((versions) => {
      const latest = versions.at(-1)!;
      return latest.purge ? (store.contributions.get(latest.caseId)?.contribution ?? null) : contributionOf(latest, contextOf(latest));
    }),
  );
}

const histories = fc.array(caseHistorySpec(Object.keys(estates)), { minLength: 1, maxLength: 8 }).map((specs) => specs.map((spec, i) => buildHistory(spec, i)));

describe('incremental aggregates', () => {
  it('equal a from-scratch computation when every record arrives once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(histories, async (cases) => {
        const store = new InMemoryAggregateStore();
        await deliver(store, cases.flat());
        expect(aggregateDifferences(fromScratch(cases, store), store.buckets)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('equal it when records are redelivered and reordered (each record arrives at least once)', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories.chain((cases) => {
          const records = cases.flat();
          return fc.tuple(
            fc.constant(cases),
            // A position for each record (a full shuffle), and redeliveries: any record again, anywhere.
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: records.length, maxLength: records.length }),
            fc.array(fc.tuple(fc.nat({ max: records.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: records.length * 2 }),
          );
        }),
        async ([cases, positions, again]) => {
          const records = cases.flat();
          const delivery = [...records.map((r, i) => ({ r, at: positions[i]! })), ...again.map(([i, at]) => ({ r: records[i]!, at }))]
            .sort((a, b) => a.at - b.at)
            .map((d) => d.r);
          const store = new InMemoryAggregateStore();
          await deliver(store, delivery);
          const expected = fromScratch(cases, store);
          expect(aggregateDifferences(expected, store.buckets)).toEqual([]);
          // And once more from the start: nothing changes.
          await deliver(store, records);
          expect(aggregateDifferences(expected, store.buckets)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it('skips a version already counted and one older than it', () => {
    const [v1, v2] = buildHistory({ estateId: 'EST01', channel: 'web', receivedMinute: 0, steps: [{ step: { kind: 'acknowledge' }, afterHours: 1 }] }, 1);
    const c1 = contributionOf(v1!, contextOf(v1!));
    const c2 = contributionOf(v2!, contextOf(v2!));
    const stored = { caseId: v2!.caseId, version: 2, contribution: c2 };
    expect(planAggregateUpdate(v2!.caseId, stored, 2, c2)).toEqual({ kind: 'skip', reason: 'already-counted' });
    expect(planAggregateUpdate(v1!.caseId, stored, 1, c1)).toEqual({ kind: 'skip', reason: 'older-than-counted' });
    const plan = planAggregateUpdate(v1!.caseId, { caseId: v1!.caseId, version: 1, contribution: c1 }, 2, c2);
    expect(plan.kind).toBe('apply');
    // Acknowledging moves the case from `received` to `acknowledged` in each of its 24 buckets (4 slices × 3 periods × estate and group).
    if (plan.kind === 'apply') {
      expect(plan.deltas.size).toBe(24);
      for (const delta of plan.deltas.values()) expect(delta).toMatchObject({ 'status:received': -1, 'status:acknowledged': 1, 'ack:count': 1 });
    }
  });

  it('loses no update when two consumers race on one case', async () => {
    const versions = buildHistory({ estateId: 'EST01', channel: 'web', receivedMinute: 0, steps: [{ step: { kind: 'acknowledge' }, afterHours: 1 }, { step: { kind: 'close' }, afterHours: 1 }] }, 2);
    const store = new InMemoryAggregateStore();
    await Promise.all(versions.map((v) => countCaseVersion(store, v.caseId, v.version, contributionOf(v, contextOf(v)))));
    expect(store.contributions.get(versions[0]!.caseId)?.version).toBe(3);
    expect(aggregateDifferences(fromScratch([versions], store), store.buckets)).toEqual([]);
  });
});
