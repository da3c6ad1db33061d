/**
 * Logs without personal data: complaints go through the local platform — intake,
 * the acknowledgement workflow and its email, the resident's view, a staff read,
 * refusals — with every log line captured (the handlers' JSON logger at
 * DEBUG, which writes JSON to stdout, and the local runtime's lines), and none
 * may contain the complainant's name, email, phone, unit, description or token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

const captured: string[] = [];
const restore: (() => void)[] = [];

/** Captures everything written to stdout, stderr and the console; stdout and the console are kept out of the test output. */
function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return stream === process.stderr ? (original as (...args: unknown[]) => boolean)(chunk, ...rest) : true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original as typeof stream.write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      if (method === 'warn' || method === 'error') original.apply(console, args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
}

let platform: TestPlatform;
const marker = `${Date.now().toString(36)}`;
const personal = {
  name: `Ho Ka Yan Privacy${marker}`,
  email: `privacy.${marker}@example.com`,
  phone: '+852 9123 4567',
  unit: `Block Q ${marker}, 7/F, Flat D`,
  description: `The intercom in the lobby of Block Q is broken; reference phrase ${marker} for the log test.`,
};
let caseId = '';
let token = '';

beforeAll(async () => {
  process.env.TEST_LOGS = '1';
  process.env.LOG_LEVEL = 'DEBUG';
  capture();
  platform = await startTestPlatform();
  // The test run keeps handler logs quiet (vitest.config.ts); this file needs every line, so it turns the shared logger up.
  process.env.LOG_LEVEL = 'DEBUG';
  const { logger } = await import('../../functions/platform/logger');
  logger.setLogLevel('DEBUG');

  const submission = aComplaint({ estateId: 'EST01', ...personal });
  const created = await platform.post('/api/v1/complaints', submission, { 'idempotency-key': `privacy-${marker}` });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: string; trackingUrl: string };
  caseId = body.id;
  token = new URL(body.trackingUrl).searchParams.get('token')!;
  // A retry, a refusal that names fields, a wrong token, the resident's view, a staff read.
  expect((await platform.post('/api/v1/complaints', submission, { 'idempotency-key': `privacy-${marker}` })).status).toBe(201);
  expect((await platform.post('/api/v1/complaints', { ...submission, email: `${personal.name} <${personal.email}>` })).status).toBe(422);
  expect((await platform.post('/api/v1/complaints', { ...submission, phone: `${personal.phone} ext ${marker}` })).status).toBe(422);
  expect((await platform.get(`/api/v1/complaints/${caseId}?token=${token}`)).status).toBe(200);
  expect((await platform.get(`/api/v1/complaints/${caseId}?token=${token}x`)).status).toBe(404);
  expect((await platform.get(`/track/${caseId}?token=${token}`)).status).toBe(200);
  const lead = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
  expect((await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${lead}` })).status).toBe(200);
  // Settled: the workflow's tasks ran, the stream consumers (the email sender among them) caught up and logged.
  await platform.settle();
  expect((await platform.mailbox()).some((m) => m.destination.to.includes(personal.email))).toBe(true);
  expect(captured.join('\n')).toContain('"consumer":"sendQueuedEmails"');
}, 120_000);

afterAll(async () => {
  for (const undo of restore.reverse()) undo();
  delete process.env.TEST_LOGS;
  await platform?.stop();
});

describe('log lines', () => {
  it('were captured, from the handlers, the workflow tasks and the local runtime', () => {
    const text = captured.join('\n');
    expect(text).toContain('"message":"request handled"');
    expect(text).toContain('"endpoint":"createComplaint"');
    expect(text).toContain('"message":"request refused"');
    expect(text).toContain('"task":"acknowledgeComplaint"');
    expect(text).toContain('"consumer":"sendQueuedEmails"');
    expect(text).toContain('"message":"http request"');
    expect(text).toContain(caseId);
  });

  it.each(Object.entries(personal))('never contain the complainant %s', (_field, value) => {
    const leaking = captured.filter((line) => line.includes(value));
    expect(leaking).toEqual([]);
  });

  it('never contain the tracking token', () => {
    expect(captured.filter((line) => line.includes(token))).toEqual([]);
  });

  it('never contain the personal data split into words the logger might have escaped', () => {
    const unicodeEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
    for (const value of Object.values(personal)) expect(captured.filter((line) => line.includes(unicodeEscaped(value)))).toEqual([]);
    expect(captured.filter((line) => line.includes(marker) && !line.includes('privacy-'))).toEqual([]);
  });
});
