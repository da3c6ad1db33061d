import { describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { type IntakeRequest, receiveComplaint } from '../../../functions/domain/intake';
import { trackingTokenMatches } from '../../../functions/domain/trackingToken';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

const submission = complaintSubmissionSchema.parse({
  estateId: 'EST01',
  unit: 'Block A, 12/F, Flat 3',
  name: 'Chan Tai Man',
  email: 'chan@example.com',
  language: 'en',
  description: 'The lift in Block A has been out of service for three days.',
});

function setUp() {
  const store = new InMemoryCaseStore(demoEstates);
  // Monday 2026-11-23, 10:00 in Hong Kong.
  const deps = { store, now: () => new Date('2026-11-23T02:00:00Z'), publicBaseUrl: 'https://complaints.example' };
  const request = (overrides: Partial<IntakeRequest> = {}): IntakeRequest => ({ submission, requestId: 'req-1', actor: { type: 'resident' }, ...overrides });
  return { store, deps, request };
}

describe('receiving a complaint', () => {
  it('records the case with a reference, a tracking link and a first audit event', async () => {
    const { store, deps, request } = setUp();
    const outcome = await receiveComplaint(request(), deps);
    expect(outcome).toMatchObject({ kind: 'created', reference: 'EST01-2026-000001', status: 'received' });
    if (outcome.kind !== 'created') throw new Error('not created');
    const stored = store.cases.get(outcome.caseId)!;
    expect(stored).toMatchObject({ estateId: 'EST01', channel: 'web', stage: 1, version: 1, eventSeq: 1 });
    // Five working days after Monday 23 November: end of Monday 30 November, Hong Kong time.
    expect(stored.responseDueBy).toBe('2026-11-30T15:59:59.999Z');
    const token = new URL(outcome.trackingUrl).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(trackingTokenMatches(token, stored.trackingTokenHashes)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);
    const events = store.events.get(outcome.caseId)!;
    expect(events.map((e) => e.action)).toEqual(['complaint.received']);
    expect(verifyCaseChain(events, stored.personalDataSalt)).toBeUndefined();
    expect(JSON.stringify(events[0]!.changes)).not.toContain('Chan Tai Man');
  });

  it('numbers references per estate and year', async () => {
    const { deps, request } = setUp();
    const first = await receiveComplaint(request({ idempotencyKey: 'key-00000001' }), deps);
    const second = await receiveComplaint(request({ idempotencyKey: 'key-00000002' }), deps);
    const other = await receiveComplaint(request({ idempotencyKey: 'key-00000003', submission: { ...submission, estateId: 'SZ01' } }), deps);
    expect([first, second, other].map((o) => ('reference' in o ? o.reference : o.kind))).toEqual(['EST01-2026-000001', 'EST01-2026-000002', 'SZ01-2026-000001']);
  });

  it('answers a retry with the same key with the same case and the same link, and gives back the reference number it drew', async () => {
    const { store, deps, request } = setUp();
    const first = await receiveComplaint(request({ idempotencyKey: 'retry-key-1' }), deps);
    const retry = await receiveComplaint(request({ idempotencyKey: 'retry-key-1' }), deps);
    expect(retry).toMatchObject({ kind: 'replayed', caseId: (first as { caseId: string }).caseId, trackingUrl: (first as { trackingUrl: string }).trackingUrl });
    expect(store.cases.size).toBe(1);
    expect(store.returnedReferences).toEqual(['EST01#2026#2']);
  });

  it('treats an identical submission without a key as a retry', async () => {
    const { store, deps, request } = setUp();
    await receiveComplaint(request(), deps);
    expect((await receiveComplaint(request(), deps)).kind).toBe('replayed');
    expect(store.cases.size).toBe(1);
  });

  it('refuses a key reused for a different complaint, storing nothing', async () => {
    const { store, deps, request } = setUp();
    await receiveComplaint(request({ idempotencyKey: 'same-key-123' }), deps);
    const reused = await receiveComplaint(request({ idempotencyKey: 'same-key-123', submission: { ...submission, description: 'A different complaint about parking.' } }), deps);
    expect(reused).toEqual({ kind: 'idempotency-key-reused' });
    expect(store.cases.size).toBe(1);
  });

  it('refuses an unknown estate and staff-only channels from the public, storing nothing', async () => {
    const { store, deps, request } = setUp();
    expect(await receiveComplaint(request({ submission: { ...submission, estateId: 'NOPE' } }), deps)).toEqual({ kind: 'unknown-estate' });
    expect(await receiveComplaint(request({ submission: { ...submission, channel: 'phone' } }), deps)).toEqual({ kind: 'channel-not-public', channel: 'phone' });
    expect(store.cases.size).toBe(0);
  });
});
