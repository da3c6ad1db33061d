/**
 * The transactional email outbox on the local platform (DynamoDB Local, its
 * stream, the SES emulator): emails are queued with the case change they
 * report, sent once from the stream by `sendQueuedEmails`, retried by the
 * `retryQueuedEmails` sweep after a refusal, and handed to a person when in
 * doubt or refused too often. SES is reached through a proxy of the test's
 * own in front of the emulator, which can refuse (HTTP 503), lose the request
 * before SES, or deliver it and lose the answer (the case the outbox must
 * never resend on its own).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMutation, type ComplaintCase } from '../../functions/domain/complaintCase';
import { NotificationAlreadyClaimedError, VersionConflictError } from '../../functions/domain/errors';
import { type NotificationRecord, queuedEmail } from '../../functions/domain/notifications/outbox';
import { getDocumentClient } from '../../functions/platform/clients';
import { keys } from '../../functions/store/keys';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

const POLICY = { retryBaseSeconds: 0.3, retryMaxSeconds: 0.6, maxAttempts: 3, inDoubtAfterSeconds: 2, pickUpAfterSeconds: 30 };

interface SesProxy {
  url: string;
  /** Recipients whose emails SES refuses (503), and how many refusals it gave. */
  refuseTo: Set<string>;
  refused: number;
  /** The next n requests are lost before they reach SES. */
  dropNext: number;
  /** The next n requests reach SES (the email is delivered) but the answer is lost. */
  loseAnswerNext: number;
  stop(): Promise<void>;
}

async function startSesProxy(target: string): Promise<SesProxy> {
  const proxy = { refuseTo: new Set<string>(), refused: 0, dropNext: 0, loseAnswerNext: 0 };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let to: string[] = [];
    try {
      to = (JSON.parse(body.toString('utf8')) as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
    } catch {
      to = [];
    }
    if (to.some((address) => proxy.refuseTo.has(address))) {
      proxy.refused += 1;
      response.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailable' });
      response.end(JSON.stringify({ message: 'Service unavailable, try again later' }));
      return;
    }
    if (proxy.dropNext > 0) {
      proxy.dropNext -= 1;
      request.socket.destroy();
      return;
    }
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) as [string, string][]);
    const upstream = await fetch(`${target}${request.url}`, { method: request.method ?? 'POST', headers, ...(body.length > 0 ? { body } : {}) });
    const answer = await upstream.text();
    if (proxy.loseAnswerNext > 0) {
      proxy.loseAnswerNext -= 1;
      request.socket.destroy();
      return;
    }
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

let platform: TestPlatform;
let proxy: SesProxy;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  process.env.EMAIL_OUTBOX = JSON.stringify(POLICY);
  // Simulated time: backoff and in-doubt timings pass when the test moves the clock; the test runs the sweep.
  platform = await startTestPlatform({ timeScale: 'simulated' });
  proxy = await startSesProxy(platform.mailboxUrl);
  // Handlers create their SES client on first use, in this process: from now on they reach SES through the proxy.
  process.env.AWS_ENDPOINT_URL_SESV2 = proxy.url;
});
afterAll(async () => {
  await platform?.stop();
  await proxy?.stop();
});

const address = () => `resident.${randomBytes(4).toString('hex')}@example.com`;
const platformNow = () => platform.clock.date().toISOString();
const newCase = () => seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: platformNow() });
const message = (subject: string) => ({ subject, text: `${subject}: text`, html: `<p>${subject}: html</p>` });
const record = async (caseId: string, key: string) => (await platform.caseStore.getNotification(caseId, key))!;

async function queue(complaintCase: ComplaintCase, key: string, to: string): Promise<void> {
  expect(await platform.caseStore.queueEmail(queuedEmail({ caseId: complaintCase.caseId, notificationKey: key, to, message: message(`${key} ${complaintCase.reference}`), queuedAt: platformNow() }, POLICY))).toBe(true);
}

/** Lets the platform settle and looks; if not yet, moves platform time on a tenth of a second (no wall-clock sleeps). */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    await platform.settle();
    const value = await read();
    if (done(value)) return value;
    await platform.clock.advanceBy(100);
  }
  throw new Error(`never: ${what}`);
}

const sweep = () => platform.schedules.run('retryQueuedEmails') as Promise<{ woken: number; inDoubt: number }>;

describe('queuing', () => {
  it('stores an email with the case change it reports, in one transaction, once; the stream sends it once', async () => {
    const seeded = await newCase();
    const to = address();
    const change = (current: ComplaintCase, action: string) => planMutation(current, {}, { now: platformNow(), requestId: action, actor: { type: 'system', id: 'test' }, action });
    const email = (key: string, at: string) => queuedEmail({ caseId: seeded.caseId, notificationKey: key, to, message: message(`${key} ${seeded.reference}`), queuedAt: at }, POLICY);

    const first = change(seeded, 'test.first-change');
    const stale = change(seeded, 'test.stale-change');
    await platform.caseStore.applyMutation(first, { queueEmail: email('with-the-change', first.event.at) });
    // A change that loses the race stores neither itself nor its email.
    await expect(platform.caseStore.applyMutation(stale, { queueEmail: email('with-the-stale-change', stale.event.at) })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await platform.caseStore.getNotification(seeded.caseId, 'with-the-stale-change')).toBeUndefined();
    // The same notification again (a retried step) is refused, and the change with it.
    const again = change((await platform.caseStore.getCase(seeded.caseId))!, 'test.again');
    await expect(platform.caseStore.applyMutation(again, { queueEmail: email('with-the-change', again.event.at) })).rejects.toBeInstanceOf(NotificationAlreadyClaimedError);
    expect((await platform.caseStore.getCase(seeded.caseId))!.version).toBe(first.next.version);

    await platform.settle();
    const received = await driver.mailTo(to);
    expect(received.map((m) => m.subject)).toEqual([`with-the-change ${seeded.reference}`]);
    const sent = await record(seeded.caseId, 'with-the-change');
    expect(sent).toMatchObject({ status: 'sent', messageId: expect.any(String), sentAt: expect.any(String), recipient: to, attempts: 0 });
    expect(sent.message).toBeUndefined();
    expect((await driver.assertAuditTrail(seeded.caseId)).slice(-2)).toEqual(['test.first-change', 'email.sent:with-the-change']);
  });

  it('sends once when the same stream record reaches the sender twice, even at the same moment', async () => {
    const seeded = await newCase();
    const to = address();
    platform.tableStreams.disable();
    try {
      await queue(seeded, 'twice', to);
      const item = (await getDocumentClient().send(new GetCommand({ TableName: platform.tableName, Key: keys.notification(seeded.caseId, 'twice') }))).Item!;
      const event = {
        Records: [{ eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: '100000000000000000001', NewImage: marshall(item, { removeUndefinedValues: true }) } }],
      } as unknown as DynamoDBStreamEvent;
      const { handler } = await import('../../functions/streams/sendQueuedEmails');
      const context = (id: string) => ({ awsRequestId: id }) as Context;
      const results = await Promise.all([handler(event, context('a')), handler(event, context('b'))]);
      expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
      expect(await handler(event, context('c'))).toEqual({ batchItemFailures: [] });
      // Sent by one of the calls, while the stream poller was off.
      expect((await record(seeded.caseId, 'twice')).status).toBe('sent');
      expect(await driver.mailTo(to)).toHaveLength(1);
    } finally {
      platform.tableStreams.enable();
    }
    // The poller now delivers the real records (the insert, the claim, the sent mark): nothing more goes out.
    await platform.settle();
    expect(await driver.mailTo(to)).toHaveLength(1);
    expect((await driver.assertAuditTrail(seeded.caseId)).filter((a) => a === 'email.sent:twice')).toHaveLength(1);
  });
});

describe('sending, retrying and asking a person', () => {
  it('puts an email SES refused back in the queue with a backoff; the sweep sends it once when due', async () => {
    const seeded = await newCase();
    const to = address();
    proxy.refuseTo.add(to);
    await queue(seeded, 'refused-once', to);
    const waiting = await until('a refusal is recorded', () => record(seeded.caseId, 'refused-once'), (r) => r.status === 'queued' && (r.attempts ?? 0) === 1);
    expect(waiting.lastError).toBe('SES refused the message (503): ServiceUnavailable');
    expect(waiting.nextAttemptAt! > waiting.queuedAt!).toBe(true);
    proxy.refuseTo.delete(to);
    await platform.clock.advanceBy(POLICY.retryBaseSeconds * 1000 + 50);
    expect((await sweep()).woken).toBeGreaterThanOrEqual(1);
    await platform.settle();
    expect(await driver.mailTo(to)).toHaveLength(1);
    expect(await record(seeded.caseId, 'refused-once')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('never resends an email whose answer was lost; after a while the case asks a person, who confirms it was sent', async () => {
    const seeded = await newCase();
    const to = address();
    proxy.loseAnswerNext = 1;
    await queue(seeded, 'answer-lost', to);
    await platform.settle();
    // SES delivered it, but the sender cannot know: it stays `sending`.
    expect(await driver.mailTo(to)).toHaveLength(1);
    expect((await record(seeded.caseId, 'answer-lost')).status).toBe('sending');
    expect((await sweep()).inDoubt).toBe(0);
    await platform.clock.advanceBy(POLICY.inDoubtAfterSeconds * 1000);
    expect((await sweep()).inDoubt).toBe(1);
    await platform.settle();

    // Staff see it: on the case, in the list filter, and the estate desk got an alert.
    const flagged = await driver.getCase(seeded.caseId);
    expect((flagged as unknown as ComplaintCase).emailAttention).toEqual({ since: expect.any(String), emails: [{ notificationKey: 'answer-lost', reason: 'in-doubt', at: expect.any(String) }] });
    expect(flagged.allowedActions).toContain('settle-emails');
    expect(flagged.timeline.map((e) => e.action)).toContain('email.needs-attention:answer-lost:in-doubt');
    const listed = (await (await platform.get('/api/v1/cases?estateId=EST01&emailAttention=true&limit=100', await driver.auth('cslead.est01'))).json()) as { cases: { caseId: string; emailAttention: boolean }[] };
    expect(listed.cases).toContainEqual(expect.objectContaining({ caseId: seeded.caseId, emailAttention: true }));
    expect(listed.cases.every((c) => c.emailAttention)).toBe(true);
    const alerts = (await driver.mailTo('cs.est01@demo-group.example')).filter((m) => m.subject.includes(seeded.reference));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toContain('answer-lost');

    await driver.actOk(seeded.caseId, 'cslead.est01', { type: 'settle-emails', inDoubtEmails: 'were-sent' });
    expect((await driver.getCase(seeded.caseId)).allowedActions).not.toContain('settle-emails');
    expect(await record(seeded.caseId, 'answer-lost')).toMatchObject({ status: 'sent', confirmedBy: 'cslead.est01' });
    expect((await platform.caseStore.getCase(seeded.caseId))!.emailAttention).toBeUndefined();
    await platform.settle();
    expect(await driver.mailTo(to)).toHaveLength(1);
  });

  it('sends once, when a person says so, an email lost before it reached SES', async () => {
    const seeded = await newCase();
    const to = address();
    proxy.dropNext = 1;
    await queue(seeded, 'request-lost', to);
    await until('the attempt ends in doubt', () => record(seeded.caseId, 'request-lost'), (r) => r.status === 'sending');
    await platform.clock.advanceBy(POLICY.inDoubtAfterSeconds * 1000 + 100);
    expect((await sweep()).inDoubt).toBe(1);
    await platform.settle();
    expect(await driver.mailTo(to)).toEqual([]);
    await driver.actOk(seeded.caseId, 'cslead.est01', { type: 'settle-emails', inDoubtEmails: 'were-not-sent' });
    await platform.settle();
    expect(await driver.mailTo(to)).toHaveLength(1);
    expect(await record(seeded.caseId, 'request-lost')).toMatchObject({ status: 'sent', attempts: 0, requeuedBy: 'cslead.est01' } as Partial<NotificationRecord>);
  });

  it('gives an email refused too often to a person, who has it sent again once the address works', async () => {
    const seeded = await newCase();
    const to = address();
    proxy.refuseTo.add(to);
    await queue(seeded, 'refused-always', to);
    const failed = await until(
      'the email fails',
      async () => {
        const current = await record(seeded.caseId, 'refused-always');
        if (current.status === 'queued' && current.nextAttemptAt && current.nextAttemptAt <= platformNow()) await sweep();
        return current;
      },
      (r) => r.status === 'failed',
    );
    expect(failed).toMatchObject({ attempts: POLICY.maxAttempts, attention: { reason: 'refused' } });
    await platform.settle();
    const flagged = (await platform.caseStore.getCase(seeded.caseId))!;
    expect(flagged.emailAttention!.emails).toEqual([{ notificationKey: 'refused-always', reason: 'refused', at: expect.any(String) }]);
    // The desk's alert went out (other recipients are not refused).
    expect((await driver.mailTo('cs.est01@demo-group.example')).filter((m) => m.subject.includes(seeded.reference) && m.subject.includes('refused-always'))).toHaveLength(1);

    proxy.refuseTo.delete(to);
    await driver.actOk(seeded.caseId, 'cslead.est01', { type: 'settle-emails', inDoubtEmails: 'were-not-sent' });
    await platform.settle();
    expect(await driver.mailTo(to)).toHaveLength(1);
    expect(await record(seeded.caseId, 'refused-always')).toMatchObject({ status: 'sent', attempts: 0 });
    const actions = await driver.assertAuditTrail(seeded.caseId);
    expect(actions.filter((a) => a.startsWith('email.') || a.startsWith('emails.'))).toEqual([
      'email.needs-attention:refused-always:refused',
      expect.stringMatching(/^email\.sent:email-attention-\d+$/),
      'emails.settled',
      'email.sent:refused-always',
    ]);
  });
});
