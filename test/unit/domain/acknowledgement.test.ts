import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT, acknowledgeComplaint, EmailRefusedError, NotificationInDoubtError, type OutgoingEmail } from '../../../functions/domain/acknowledgement';
import { verifyCaseChain } from '../../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { receiveComplaint } from '../../../functions/domain/intake';
import { trackingTokenMatches } from '../../../functions/domain/trackingToken';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

async function newCase(language: 'en' | 'zh-Hant' | 'zh-Hans' = 'zh-Hans') {
  const store = new InMemoryCaseStore(demoEstates);
  const now = () => new Date('2026-11-23T02:00:00Z');
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({ estateId: 'SZ01', unit: '3栋 1201', name: '王<b>小明</b>', email: 'wang@example.com', language, description: '电梯已经坏了三天，无人处理。' }),
      requestId: 'r1',
      actor: { type: 'resident' },
    },
    { store, startLifecycle: async () => undefined, now, publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const sent: OutgoingEmail[] = [];
  let refuseNext = false;
  const email = {
    async send(message: OutgoingEmail) {
      if (refuseNext) {
        refuseNext = false;
        throw new EmailRefusedError('throttled');
      }
      sent.push(message);
      return `msg-${sent.length}`;
    },
  };
  return { store, caseId: outcome.caseId, sent, deps: { store, email, now, publicBaseUrl: 'https://complaints.example' }, refuseOnce: () => (refuseNext = true) };
}

describe('acknowledging a complaint', () => {
  it('emails the complainant once, in their language, with a working private link, and records it', async () => {
    const { store, caseId, sent, deps } = await newCase('zh-Hans');
    expect(await acknowledgeComplaint(caseId, 'exec-1', deps)).toEqual({ caseId, status: 'acknowledged', emailed: true, resolvedOnTheSpot: false });
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message!.to).toBe('wang@example.com');
    expect(message!.subject).toBe('我们已收到您的投诉 SZ01-2026-000001');
    expect(message!.text).toContain('2026年11月30日');
    expect(message!.html).toContain('王&lt;b&gt;小明&lt;/b&gt;');
    const token = /token=([\w-]+)/.exec(message!.text)![1]!;
    const stored = store.cases.get(caseId)!;
    expect(trackingTokenMatches(token, stored.trackingTokenHashes)).toBe(true);
    expect(stored.status).toBe('acknowledged');
    expect(store.notifications.get(`${caseId}#${ACKNOWLEDGEMENT}`)).toMatchObject({ status: 'sent', messageId: 'msg-1' });
    const events = store.events.get(caseId)!;
    expect(events.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged']);
    expect(verifyCaseChain(events, stored.personalDataSalt)).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('does not email again when the task is retried after success', async () => {
    const { caseId, sent, deps } = await newCase();
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect(sent).toHaveLength(1);
  });

  it('sends on retry when the email service refused the first attempt', async () => {
    const { caseId, sent, deps, refuseOnce } = await newCase();
    refuseOnce();
    await expect(acknowledgeComplaint(caseId, 'exec-1', deps)).rejects.toBeInstanceOf(EmailRefusedError);
    expect(sent).toHaveLength(0);
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect(sent).toHaveLength(1);
  });

  it('refuses to guess when an earlier attempt claimed the email but never confirmed it', async () => {
    const { store, caseId, sent, deps } = await newCase();
    store.notifications.set(`${caseId}#${ACKNOWLEDGEMENT}`, { notificationKey: ACKNOWLEDGEMENT, status: 'claimed', claimedAt: '2026-11-23T02:00:01Z' });
    await expect(acknowledgeComplaint(caseId, 'exec-1', deps)).rejects.toBeInstanceOf(NotificationInDoubtError);
    expect(sent).toHaveLength(0);
  });

  it.each([
    ['en', 'We have received your complaint SZ01-2026-000001', 'Monday, 30 November 2026'],
    ['zh-Hant', '我們已收到您的投訴 SZ01-2026-000001', '2026年11月30日'],
  ] as const)('writes the %s acknowledgement', async (language, subject, due) => {
    const { caseId, sent, deps } = await newCase(language);
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect(sent[0]!.subject).toBe(subject);
    expect(sent[0]!.text).toContain(due);
  });
});
