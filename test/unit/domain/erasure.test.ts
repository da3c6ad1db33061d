/** Erasure on request (functions/domain/erasure.ts) against the in-memory case store. */
import { describe, expect, it } from 'vitest';
import type { CaseMutation } from '../../../functions/domain/complaintCase';
import { ERASURE_ATTEMPTS, eraseComplainantData, type ErasurePorts } from '../../../functions/domain/erasure';
import { VersionConflictError } from '../../../functions/domain/errors';
import { planCaseHold } from '../../../functions/domain/recordsManagement';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';
import { aStoredCase } from '../../support/caseFixtures';

const context = { now: () => '2026-03-05T00:00:00.000Z', requestId: 'erase-1', actor: { type: 'staff' as const, id: 'dpo', role: 'admin' as const } };

function setUp(options: { heldEstates?: string[] } = {}) {
  const store = new InMemoryCaseStore();
  const calls: string[] = [];
  const ports: ErasurePorts & { beforeApply?: () => Promise<void> } = {
    getCase: (caseId) => store.getCase(caseId),
    estateHeld: async (estateId) => {
      calls.push(`hold? ${estateId}`);
      return options.heldEstates?.includes(estateId) ?? false;
    },
    stripEventPersonalData: async (caseId, throughSeq) => void calls.push(`strip ${caseId.slice(-2)} ≤${throughSeq}`),
    redactNotificationRecipients: async (caseId) => void calls.push(`redact ${caseId.slice(-2)}`),
    deleteCaseObjects: async (caseId) => {
      calls.push(`delete objects ${caseId.slice(-2)}`);
      return { files: 2, messages: 1 };
    },
    applyMutation: async (mutation: CaseMutation) => {
      await ports.beforeApply?.();
      calls.push(`erase ${mutation.next.caseId.slice(-2)} as seq ${mutation.event.seq}`);
      return store.applyMutation(mutation);
    },
  };
  const add = async (receivedAt?: string, estateId?: string) => {
    const opened = aStoredCase({ ...(receivedAt ? { receivedAt } : {}), ...(estateId ? { estateId } : {}) });
    await store.createCase({ ...opened, idempotency: { keyHash: opened.complaintCase.caseId, requestHash: 'r', caseId: opened.complaintCase.caseId, trackingToken: 't', expiresAt: 0 }, rateCharges: [] });
    return opened.complaintCase;
  };
  return { store, ports, calls, add };
}

describe('eraseComplainantData', () => {
  it('strips the events, then the email recipients, then appends the erasure event; the case loses its personal data', async () => {
    const { store, ports, calls, add } = setUp();
    const c = await add();

    const result = await eraseComplainantData({ caseIds: [c.caseId, c.caseId], reference: 'DSAR-42' }, ports, context);

    expect(result).toEqual({ cases: [{ caseId: c.caseId, reference: c.reference, outcome: 'erased', eventSeq: 2 }], notFound: [] });
    const id = c.caseId.slice(-2);
    expect(calls).toEqual([`hold? EST01`, `strip ${id} ≤1`, `redact ${id}`, `delete objects ${id}`, `erase ${id} as seq 2`, `strip ${id} ≤1`]);
    const erased = await store.getCase(c.caseId);
    // The files and raw emails deleted from storage are recorded with the erasure.
    expect(erased?.erasure).toMatchObject({ reference: 'DSAR-42', erasedAt: '2026-03-05T00:00:00.000Z', objectsDeleted: { files: 2, messages: 1 } });
    expect(erased?.complainant.email).toBeUndefined();
  });

  it('reports missing, held, and already erased cases, asking about each estate once', async () => {
    const { ports, calls, add } = setUp({ heldEstates: ['EST02'] });
    const first = await add();
    const held = await add(undefined, 'EST02');
    const alsoHeld = await add(undefined, 'EST02');
    await eraseComplainantData({ caseIds: [first.caseId], reference: 'DSAR-1' }, ports, context);
    calls.length = 0;

    const result = await eraseComplainantData({ caseIds: [first.caseId, held.caseId, alsoHeld.caseId, '01J99999999999999999999999'], reference: 'DSAR-2' }, ports, context);

    expect(result.cases.map((c) => c.outcome)).toEqual(['already-erased', 'legal-hold', 'legal-hold']);
    expect(result.notFound).toEqual(['01J99999999999999999999999']);
    expect(calls.filter((c) => c.startsWith('hold?'))).toEqual(['hold? EST01', 'hold? EST02']);
  });

  it('leaves a case under its own legal hold untouched', async () => {
    const { store, ports, add } = setUp();
    const c = await add();
    await store.applyMutation(planCaseHold(c, { since: '2026-03-01T00:00:00.000Z', by: 'legal', reason: 'litigation' }, { now: '2026-03-01T00:00:00.000Z', requestId: 'h', actor: { type: 'staff', id: 'legal', role: 'admin' } }));

    const result = await eraseComplainantData({ caseIds: [c.caseId], reference: 'DSAR-3' }, ports, context);

    expect(result.cases[0]!.outcome).toBe('legal-hold');
    expect((await store.getCase(c.caseId))?.erasure).toBeUndefined();
  });

  it('reloads and appends on the new version when the case moved on meanwhile, then strips what was added', async () => {
    const { store, ports, calls, add } = setUp();
    const c = await add();
    let moved = false;
    ports.beforeApply = async () => {
      if (moved) return;
      moved = true;
      // A staff note lands between reading the case and erasing it.
      await store.applyMutation(planCaseHold((await store.getCase(c.caseId))!, undefined, { now: '2026-03-04T00:00:00.000Z', requestId: 'n', actor: { type: 'staff', id: 'x', role: 'admin' } }));
    };

    const result = await eraseComplainantData({ caseIds: [c.caseId], reference: 'DSAR-4' }, ports, context);

    expect(result.cases[0]).toMatchObject({ outcome: 'erased', eventSeq: 3 });
    expect(calls.at(-1)).toBe(`strip ${c.caseId.slice(-2)} ≤2`);
  });

  it(`gives up after ${ERASURE_ATTEMPTS} conflicts, with the conflict`, async () => {
    const { ports, add } = setUp();
    const c = await add();
    let attempts = 0;
    ports.applyMutation = async (mutation) => {
      attempts += 1;
      throw new VersionConflictError(mutation.next.caseId, mutation.expectedVersion);
    };

    await expect(eraseComplainantData({ caseIds: [c.caseId], reference: 'DSAR-5' }, ports, context)).rejects.toBeInstanceOf(VersionConflictError);
    expect(attempts).toBe(ERASURE_ATTEMPTS);
  });
});
