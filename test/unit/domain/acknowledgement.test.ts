import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT, acknowledgeComplaint } from '../../../functions/domain/acknowledgement';
import { verifyCaseChain } from '../../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { receiveComplaint } from '../../../functions/domain/intake';
import { trackingTokenMatches } from '../../../functions/domain/trackingToken';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

async function newCase(language: 'en' | 'zh-Hant' | 'zh-Hans' = 'zh-Hans', email: string | null = 'wang@example.com') {
  const store = new InMemoryCaseStore(demoEstates);
  const now = () => new Date('2026-11-23T02:00:00Z');
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({ estateId: 'SZ01', unit: '3栋 1201', name: '王<b>小明</b>', ...(email ? { email } : { phone: '+86 755 1234 5678', channel: 'phone' }), language, description: '电梯已经坏了三天，无人处理。' }),
      requestId: 'r1',
      actor: email ? { type: 'resident' } : { type: 'staff', id: 'frontline.sz01', role: 'frontline' },
    },
    { store, now, publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  return { store, caseId: outcome.caseId, deps: { store, now, publicBaseUrl: 'https://complaints.example' } };
}

describe('acknowledging a complaint', () => {
  it('queues the acknowledgement with the change, in their language, with a working private link', async () => {
    const { store, caseId, deps } = await newCase('zh-Hans');
    expect(await acknowledgeComplaint(caseId, 'exec-1', deps)).toEqual({ caseId, status: 'acknowledged', emailQueued: true, resolvedOnTheSpot: false });
    const queued = (await store.getNotification(caseId, ACKNOWLEDGEMENT))!;
    expect(queued).toMatchObject({ status: 'queued', recipient: 'wang@example.com', subject: '我们已收到您的投诉 SZ01-2026-000001', language: 'zh-Hans', attempts: 0, publicWhenSent: { kind: 'acknowledged' } });
    expect(queued.message!.text).toContain('2026年11月30日');
    expect(queued.message!.html).toContain('王&lt;b&gt;小明&lt;/b&gt;');
    const token = /token=([\w-]+)/.exec(queued.message!.text)![1]!;
    const stored = store.cases.get(caseId)!;
    expect(trackingTokenMatches(token, stored.trackingTokenHashes)).toBe(true);
    expect(stored.status).toBe('acknowledged');
    const events = store.events.get(caseId)!;
    expect(events.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged']);
    // "Acknowledgement sent to you by email" is not on the timeline until it is sent.
    expect(events[1]!.public).toBeUndefined();
    // The queued email and the change have one time: they were written together.
    expect(queued.queuedAt).toBe(events[1]!.at);
    expect(verifyCaseChain(events, stored.personalDataSalt)).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('queues nothing more, and changes nothing, when the task is retried', async () => {
    const { store, caseId, deps } = await newCase();
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    const before = structuredClone(await store.getNotification(caseId, ACKNOWLEDGEMENT));
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect(store.events.get(caseId)!.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged']);
    expect(await store.getNotification(caseId, ACKNOWLEDGEMENT)).toEqual(before);
    expect(await store.listNotifications(caseId)).toHaveLength(1);
  });

  it('queues it again only if the design before the outbox released it after a refusal', async () => {
    const { store, caseId, deps } = await newCase();
    store.notifications.set(`${caseId}#${ACKNOWLEDGEMENT}`, { caseId, notificationKey: ACKNOWLEDGEMENT, status: 'released', claimedAt: '2026-11-23T01:00:00Z' });
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect((await store.getNotification(caseId, ACKNOWLEDGEMENT))!.status).toBe('queued');
  });

  it('does not queue again over a legacy claim in doubt: a person settles that one', async () => {
    const { store, caseId, deps } = await newCase();
    store.notifications.set(`${caseId}#${ACKNOWLEDGEMENT}`, { caseId, notificationKey: ACKNOWLEDGEMENT, status: 'claimed', claimedAt: '2026-11-23T01:00:00Z' });
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect((await store.getNotification(caseId, ACKNOWLEDGEMENT))!.status).toBe('claimed');
  });

  it('acknowledges a complaint without an email address in writing: a letter to send, its timeline entry when it is sent', async () => {
    const { store, caseId, deps } = await newCase('en', null);
    expect(await acknowledgeComplaint(caseId, 'exec-1', deps)).toMatchObject({ status: 'acknowledged', emailQueued: false });
    expect(await store.listNotifications(caseId)).toEqual([]);
    expect(store.events.get(caseId)![1]!.public).toBeUndefined();
    const stored = store.cases.get(caseId)!;
    expect(stored.lettersToSend).toBe(1);
    expect(stored.letters).toEqual([
      expect.objectContaining({ letterKey: ACKNOWLEDGEMENT, status: 'to-send', language: 'en', subject: 'We have received your complaint SZ01-2026-000001', publicWhenSent: { kind: 'acknowledged-by-letter' } }),
    ]);
    expect(stored.letters![0]!.text).toContain('Monday, 30 November 2026');
    // No private link on paper, and no token issued for one.
    expect(stored.letters![0]!.text).not.toContain('token=');
    expect(stored.trackingTokenHashes).toHaveLength(1);
  });

  it.each([
    ['en', 'We have received your complaint SZ01-2026-000001', 'Monday, 30 November 2026'],
    ['zh-Hant', '我們已收到您的投訴 SZ01-2026-000001', '2026年11月30日'],
  ] as const)('writes the %s acknowledgement', async (language, subject, due) => {
    const { store, caseId, deps } = await newCase(language);
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    const queued = (await store.getNotification(caseId, ACKNOWLEDGEMENT))!;
    expect(queued.subject).toBe(subject);
    expect(queued.message!.text).toContain(due);
  });
});

describe('the triage proposal made at acknowledgement', () => {
  async function receive(store: InMemoryCaseStore, at: string, unit: string, description: string, key: string) {
    const outcome = await receiveComplaint(
      { submission: complaintSubmissionSchema.parse({ estateId: 'SZ01', unit, name: '王小明', email: 'wang@example.com', language: 'zh-Hans', description }), requestId: key, actor: { type: 'resident' }, idempotencyKey: key },
      { store, now: () => new Date(at), publicBaseUrl: 'https://complaints.example' },
    );
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    return outcome.caseId;
  }
  const deps = (store: InMemoryCaseStore) => ({ store, now: () => new Date('2026-11-23T05:00:00Z'), publicBaseUrl: 'https://complaints.example' });

  it('proposes a duplicate of an earlier open case of the same unit and category, with its reference; never of a later one', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const first = await receive(store, '2026-11-20T02:00:00Z', '3栋 1201', '3号楼电梯已经坏了三天了，一直没人修。', 'k1');
    const second = await receive(store, '2026-11-23T02:00:00Z', '3栋-1201', '上周已经投诉过电梯故障，到现在还是坏的，我再投诉一次。', 'k2');
    const otherUnit = await receive(store, '2026-11-23T03:00:00Z', '5栋 0801', '上周已经投诉过电梯故障，到现在还是坏的，我再投诉一次。', 'k3');
    await acknowledgeComplaint(first, 'exec-1', deps(store));
    await acknowledgeComplaint(second, 'exec-2', deps(store));
    await acknowledgeComplaint(otherUnit, 'exec-3', deps(store));
    const firstReference = store.cases.get(first)!.reference;
    expect(store.cases.get(second)!.proposedTriage!.validity).toEqual({ proposed: 'duplicate', reason: expect.stringContaining(firstReference), duplicateOf: { caseId: first, reference: firstReference } });
    expect(store.cases.get(first)!.proposedTriage!.validity).toEqual({ proposed: 'valid' });
    expect(store.cases.get(otherUnit)!.proposedTriage!.validity).toEqual({ proposed: 'valid' });
    // Only a proposal: the case waits for triage like any other.
    expect(store.cases.get(second)!.status).toBe('acknowledged');
  });

  it('never proposes a duplicate of a case received after it, even one acknowledged first', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const earlier = await receive(store, '2026-11-20T02:00:00Z', '3栋 1201', '3号楼电梯已经坏了三天了，一直没人修。', 'k1');
    const later = await receive(store, '2026-11-23T02:00:00Z', '3栋 1201', '3号楼电梯又坏了，到现在还是坏的。', 'k2');
    await acknowledgeComplaint(later, 'exec-2', deps(store));
    await acknowledgeComplaint(earlier, 'exec-1', deps(store));
    expect(store.cases.get(earlier)!.proposedTriage!.validity?.proposed).toBe('valid');
  });

  it('does not count a closed case of the unit', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const first = await receive(store, '2026-11-20T02:00:00Z', '3栋 1201', '3号楼电梯已经坏了三天了，一直没人修。', 'k1');
    await acknowledgeComplaint(first, 'exec-1', deps(store));
    store.cases.set(first, { ...store.cases.get(first)!, status: 'closed' });
    const second = await receive(store, '2026-11-23T02:00:00Z', '3栋 1201', '电梯又坏了，到现在还是坏的。', 'k2');
    await acknowledgeComplaint(second, 'exec-2', deps(store));
    expect(store.cases.get(second)!.proposedTriage!.validity?.proposed).toBe('valid');
  });
});

describe('the response date promised at acknowledgement follows the estate\'s policy', () => {
  async function acknowledgedIn(estateId: string, receivedAt: string, acknowledgedAt: string) {
    const store = new InMemoryCaseStore(demoEstates);
    const outcome = await receiveComplaint(
      { submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Jane Smith', email: 'jane@example.com', language: 'en', description: 'The communal heating has been off since Monday.' }), requestId: 'r', actor: { type: 'resident' } },
      { store, now: () => new Date(receivedAt), publicBaseUrl: 'https://complaints.example' },
    );
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    const atReceipt = store.cases.get(outcome.caseId)!.responseDueBy;
    await acknowledgeComplaint(outcome.caseId, 'exec-1', { store, now: () => new Date(acknowledgedAt), publicBaseUrl: 'https://complaints.example' });
    return { atReceipt, acknowledged: store.cases.get(outcome.caseId)!, email: (await store.getNotification(outcome.caseId, ACKNOWLEDGEMENT))!.message!.text };
  }

  it('Housing Ombudsman 2024 (LDN01): 10 working days from the acknowledgement, not 5 from receipt', async () => {
    // Received Friday 20 November, acknowledged Monday 23 November: ten working days after the Monday is Monday 7 December.
    const { atReceipt, acknowledged, email } = await acknowledgedIn('LDN01', '2026-11-20T10:00:00Z', '2026-11-23T09:00:00Z');
    expect(atReceipt).toBe('2026-12-04T23:59:59.999Z');
    expect(acknowledged.responseDueBy).toBe('2026-12-07T23:59:59.999Z');
    expect(acknowledged.deadline).toMatchObject({ policyId: 'uk-housing-ombudsman-2024', stageId: 'stage-1' });
    expect(email).toContain('7 December 2026');
  });

  it('seed default (EST01, Hong Kong): 5 working days from receipt, whenever it is acknowledged', async () => {
    // Received Friday 20 November 2026 (HKT): Mon 23 … Fri 27 is the fifth working day.
    const { acknowledged } = await acknowledgedIn('EST01', '2026-11-20T02:00:00Z', '2026-11-23T02:00:00Z');
    expect(acknowledged.responseDueBy).toBe('2026-11-27T15:59:59.999Z');
    expect(acknowledged.deadline).toMatchObject({ policyId: 'seed-default' });
  });
});

describe('the acknowledgement period of the estate\'s policy', () => {
  async function acknowledged(estateId: string, receivedAt: string, acknowledgedAt: string) {
    const store = new InMemoryCaseStore(demoEstates);
    const outcome = await receiveComplaint(
      { submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Jane Smith', email: 'jane@example.com', language: 'en', description: 'The communal heating has been off since Monday.' }), requestId: 'r', actor: { type: 'resident' } },
      { store, now: () => new Date(receivedAt), publicBaseUrl: 'https://complaints.example' },
    );
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    await acknowledgeComplaint(outcome.caseId, 'exec-1', { store, now: () => new Date(acknowledgedAt), publicBaseUrl: 'https://complaints.example' });
    return store.cases.get(outcome.caseId)!;
  }

  it('records when it was due and that it was on time (Housing Ombudsman: 5 working days)', async () => {
    expect((await acknowledged('LDN01', '2026-11-20T10:00:00Z', '2026-11-23T09:00:00Z')).acknowledgement).toEqual({ dueBy: '2026-11-27T23:59:59.999Z', late: false });
  });

  it('flags an acknowledgement later than the policy allows (seed default: the next working day)', async () => {
    // Received Friday 20 November (HKT); due by the end of Monday 23; acknowledged Tuesday (the workflow was parked).
    expect((await acknowledged('EST01', '2026-11-20T02:00:00Z', '2026-11-24T02:00:00Z')).acknowledgement).toEqual({ dueBy: '2026-11-23T15:59:59.999Z', late: true });
  });
});
