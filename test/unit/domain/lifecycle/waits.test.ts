import { describe, expect, it } from 'vitest';
import { deliverPendingSignal, registerWait, type WorkflowCallbacks } from '../../../../functions/domain/lifecycle/waits';
import type { WorkflowSignal } from '../../../../functions/domain/lifecycle/workflowWait';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const triaged: WorkflowSignal = { event: 'triaged', eventSeq: 2 } as unknown as WorkflowSignal;

function callbacks(answer: 'delivered' | 'gone') {
  const completed: [string, WorkflowSignal][] = [];
  const api: WorkflowCallbacks = {
    async complete(taskToken, signal) {
      completed.push([taskToken, signal]);
      return answer;
    },
  };
  return { api, completed };
}

describe('hand-offs between the workflow and people', () => {
  it('carries a decision made before the wait began into the new wait, for the stream to deliver', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    await store.putWait({ caseId: 'C1', waitingFor: 'triage', taskToken: '', since: '2026-11-23T00:00:00Z', pendingSignal: { waitingFor: 'triage', signal: triaged } });
    expect(await registerWait(store, { caseId: 'C1', waitingFor: 'triage', taskToken: 'token-1', now: '2026-11-23T00:01:00Z' })).toEqual({ caseId: 'C1', waitingFor: 'triage', redelivered: true });
    expect(await store.getWait('C1')).toMatchObject({ taskToken: 'token-1', pendingSignal: { waitingFor: 'triage', signal: triaged } });
  });

  it('does not carry a decision meant for another kind of wait', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    await store.putWait({ caseId: 'C1', waitingFor: 'resolution', taskToken: '', since: '2026-11-23T00:00:00Z', pendingSignal: { waitingFor: 'resolution', signal: triaged } });
    await registerWait(store, { caseId: 'C1', waitingFor: 'triage', taskToken: 'token-1', now: '2026-11-23T00:01:00Z' });
    expect((await store.getWait('C1'))?.pendingSignal).toBeUndefined();
  });

  it('completes the task with the pending signal and removes the wait', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const wait = { caseId: 'C1', waitingFor: 'triage' as const, taskToken: 'token-1', since: 'x', pendingSignal: { waitingFor: 'triage' as const, signal: triaged } };
    await store.putWait(wait);
    const { api, completed } = callbacks('delivered');
    expect(await deliverPendingSignal(store, api, wait)).toBe('delivered');
    expect(completed).toEqual([['token-1', triaged]]);
    expect(await store.getWait('C1')).toBeUndefined();
  });

  it('keeps the signal pending when the workflow no longer waits on that token', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const wait = { caseId: 'C1', waitingFor: 'triage' as const, taskToken: 'token-1', since: 'x', pendingSignal: { waitingFor: 'triage' as const, signal: triaged } };
    await store.putWait(wait);
    expect(await deliverPendingSignal(store, callbacks('gone').api, wait)).toBe('gone');
    expect((await store.getWait('C1'))?.pendingSignal).toBeDefined();
  });

  it('does nothing for a wait without a token or without a signal', async () => {
    const store = new InMemoryCaseStore(demoEstates);
    const { api, completed } = callbacks('delivered');
    expect(await deliverPendingSignal(store, api, { caseId: 'C1', taskToken: '', pendingSignal: { waitingFor: 'triage', signal: triaged } })).toBe('nothing-pending');
    expect(await deliverPendingSignal(store, api, { caseId: 'C1', taskToken: 'token-1' })).toBe('nothing-pending');
    expect(completed).toEqual([]);
  });
});
