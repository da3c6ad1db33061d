/**
 * The bad-input corpus (test/fixtures/badInputs.ts) against one local
 * platform: every request is refused with a 4xx (never a 5xx, never a hang),
 * nothing is stored (the table holds exactly the items it held before, apart
 * from rate-limit counters) and no email is sent. Requests go out in batches.
 * Refusals carry the API's error body, except the 401 of API Gateway's JWT
 * authorizer on the staff routes of the catalog, which has its own.
 */
import { request } from 'node:http';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/catalog';
import { demoUsers } from '../../infra/local/demoGroup';
import { type BadInput, badInputs, validComplaint } from '../fixtures/badInputs';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

const BATCH = 12;

/** The routes of the HTTP API with its JWT authorizer: every `auth: 'staff'` entry of `httpRoutes` (streaming routes are function URLs, without one). */
const authorizerRoutes = httpRoutes
  .filter((r) => r.auth === 'staff')
  .map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`) }));
const behindAuthorizer = (input: BadInput) => {
  const { pathname } = new URL(input.path, 'http://localhost');
  return authorizerRoutes.some((r) => r.method === input.method && r.pattern.test(pathname));
};
/** API Gateway's refusal by the JWT authorizer: `401 {"message":"Unauthorized"}` with a Bearer challenge, none of the API's headers. */
const isAuthorizerRefusal = (result: { status: number; body: string; headers: Record<string, string | string[] | undefined> }) =>
  result.status === 401 && result.body === '{"message":"Unauthorized"}' && /^Bearer( |$)/.test(String(result.headers['www-authenticate'] ?? ''));

let platform: TestPlatform;
let staffToken = '';
let itemsBefore: Map<string, number>;
const results = new Map<BadInput, { status: number; body: string; headers: Record<string, string | string[] | undefined> } | { error: string }>();

function send(input: BadInput): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const { port } = new URL(platform.url);
  const body = input.body === undefined ? undefined : Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body, 'utf8');
  const headers: Record<string, string | number> = { ...input.headers, ...(input.staff ? { authorization: `Bearer ${staffToken}` } : {}) };
  if (body) headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: '127.0.0.1', port, method: input.method, path: input.path, headers, timeout: 20_000 }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    // The gateway answers an oversized body before reading all of it; writing the rest may then fail.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}

/** Items of the case table by type (cases, events, idempotency records, counters …). */
async function itemCounts(): Promise<Map<string, number>> {
  const client = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const counts = new Map<string, number>();
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: platform.tableName, ProjectionExpression: '#t, pk', ExpressionAttributeNames: { '#t': 'type' }, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const type = item.type?.S ?? String(item.pk?.S).split('#')[0]!;
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  client.destroy();
  counts.delete('rate-window');
  return counts;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  staffToken = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
  itemsBefore = await itemCounts();
  for (let i = 0; i < badInputs.length; i += BATCH) {
    await Promise.all(
      badInputs.slice(i, i + BATCH).map(async (input) => {
        try {
          results.set(input, await send(input));
        } catch (error) {
          results.set(input, { error: (error as Error).message });
        }
      }),
    );
  }
  // Let any workflow that should not exist run to its end, and the outbox send whatever it queued.
  await platform.settle();
}, 180_000);
afterAll(async () => platform?.stop());

describe('the corpus', () => {
  it('has at least 200 cases, in every group', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(200);
    const groups = new Set(badInputs.map((b) => b.group));
    for (const group of ['wrong types', 'overlong', 'unicode', 'injection', 'nesting', 'prototype', 'numbers', 'duplicates', 'content types', 'idempotency keys', 'status queries', 'staff ids']) {
      expect(groups, group).toContain(group);
    }
  });

  it('is refused with a 4xx, every case (and with the pinned status where there is one)', () => {
    const wrong: string[] = [];
    for (const input of badInputs) {
      const result = results.get(input)!;
      const where = `[${input.group}] ${input.label}`;
      if ('error' in result) wrong.push(`${where}: no answer (${result.error})`);
      else if (result.status < 400 || result.status > 499) wrong.push(`${where}: ${result.status} ${result.body.slice(0, 200)}`);
      else if (input.expect !== undefined && result.status !== input.expect) wrong.push(`${where}: expected ${input.expect}, got ${result.status} ${result.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers every refusal of the API with the contract's error body and the security headers", () => {
    const wrong: string[] = [];
    for (const input of badInputs) {
      const result = results.get(input)!;
      if ('error' in result || !input.path.startsWith('/api/v1/')) continue;
      const where = `[${input.group}] ${input.label}`;
      if (isAuthorizerRefusal(result)) {
        if (!behindAuthorizer(input)) wrong.push(`${where}: the JWT authorizer's 401 on a route without the authorizer`);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(result.body);
      } catch {
        wrong.push(`${where}: body is not JSON`);
        continue;
      }
      const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string') wrong.push(`${where}: no error code and message`);
      // Refusals by the local gateway itself (no route, wrong method, body over 10 MB, bad path) stand in for API Gateway's, which carry no headers of ours.
      const fromGateway = /"request_rejected"|"no route for |is not allowed on /.test(result.body);
      if (!fromGateway && (result.headers['x-content-type-options'] !== 'nosniff' || result.headers['x-frame-options'] !== 'DENY' || !result.headers['content-security-policy'])) {
        wrong.push(`${where}: no security headers`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every request to a staff route without a valid token at the JWT authorizer, before any handler', () => {
    const unsigned = badInputs.filter((input) => behindAuthorizer(input) && !input.staff);
    expect(unsigned.length).toBeGreaterThanOrEqual(20);
    const wrong = unsigned.filter((input) => {
      const result = results.get(input)!;
      return 'error' in result || !isAuthorizerRefusal(result);
    });
    expect(wrong.map((input) => `[${input.group}] ${input.label}`)).toEqual([]);
  });

  it('stores nothing', async () => {
    expect(Object.fromEntries(await itemCounts())).toEqual(Object.fromEntries(itemsBefore));
  });

  it('sends no email', async () => {
    expect(await platform.mailbox()).toEqual([]);
  });
});

describe('text that is valid but looks dangerous', () => {
  it('is stored as text and escaped in the acknowledgement email', async () => {
    const name = '<img src=x onerror=alert(1)> "Chan" & Co';
    const response = await platform.post('/api/v1/complaints', { ...validComplaint(), email: 'escaped.resident@example.com', name, description: '<script>alert("x")</script> The lift is broken 😀 since Monday.' });
    expect(response.status).toBe(201);
    // Settled: acknowledged by the workflow and sent by the outbox.
    await platform.settle();
    const email = (await platform.mailbox()).find((m) => m.destination.to.includes('escaped.resident@example.com'));
    if (!email) throw new Error('no acknowledgement email');
    expect(email.body.html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Chan&quot; &amp; Co');
    expect(email.body.html).not.toContain('<img');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
