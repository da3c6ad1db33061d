/**
 * Per-IP and per-estate limits on public intake, through the local platform:
 * the same handler code and DynamoDB counters as in AWS. Requests come from
 * several loopback addresses (127.0.0.x), which the gateway reports as the
 * source IP as API Gateway would.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const PER_IP = 3;
const PER_ESTATE = 5;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; message: string } };
}

function postFrom(localAddress: string, body: string, contentType = 'application/json'): Promise<Reply> {
  const url = new URL('/api/v1/complaints', platform.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Reply['body'] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const complaint = (estateId: string) => JSON.stringify(aComplaint({ estateId }));

beforeAll(async () => {
  // A day-long window: the test cannot straddle a window boundary and see its counts reset.
  platform = await startTestPlatform({ intakeLimits: { perIp: PER_IP, perEstate: PER_ESTATE, windowSeconds: 86_400 } });
});
afterAll(async () => platform?.stop());

describe('per IP', () => {
  it(`lets ${PER_IP} complaints through from one address, then answers 429 with Retry-After and the error body`, async () => {
    for (let i = 0; i < PER_IP; i++) expect((await postFrom('127.0.0.1', complaint('EST01'))).status).toBe(201);
    const refused = await postFrom('127.0.0.1', complaint('EST01'));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
    expect(refused.body.error!.message).toMatch(/try again in \d+ seconds/);
    expect(refused.headers['x-frame-options']).toBe('DENY');
  });

  it('counts malformed attempts too, and refuses them once the address is over its limit', async () => {
    for (let i = 0; i < PER_IP; i++) expect((await postFrom('127.0.0.2', '{not json')).status).toBe(400);
    expect((await postFrom('127.0.0.2', complaint('EST01'))).status).toBe(429);
    expect((await postFrom('127.0.0.2', '{not json', 'text/plain')).status).toBe(429);
  });

  it('counts retries answered from the first attempt (replays) against the address as well', async () => {
    const body = complaint('SZ01');
    expect((await postFrom('127.0.0.4', body)).status).toBe(201);
    // An identical body without a key is a retry of the first: answered as a replay, and counted.
    for (let i = 1; i < PER_IP; i++) expect((await postFrom('127.0.0.4', body)).status).toBe(201);
    expect((await postFrom('127.0.0.4', body)).status).toBe(429);
  });

  it('counts a refused complaint (unknown estate) once, not twice', async () => {
    for (let i = 0; i < PER_IP; i++) expect((await postFrom('127.0.0.5', complaint('NOPE99'))).status).toBe(422);
    expect((await postFrom('127.0.0.5', complaint('NOPE99'))).status).toBe(429);
  });

  it('does not hold one address against another', async () => {
    expect((await postFrom('127.0.0.3', complaint('EST01'))).status).toBe(201);
  });
});

describe('per estate', () => {
  it(`lets ${PER_ESTATE} complaints into one estate from many addresses, then answers 429; other estates are unaffected`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ESTATE; i++) statuses.push((await postFrom(`127.0.1.${i + 1}`, complaint('EST02'))).status);
    expect(statuses).toEqual(Array(PER_ESTATE).fill(201));
    const refused = await postFrom('127.0.1.100', complaint('EST02'));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
    expect(refused.body.error!.message).toMatch(/estate/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await postFrom('127.0.1.101', complaint('SZ01'))).status).toBe(201);
  });

  it('counts only valid submissions against the estate', async () => {
    for (let i = 0; i < 3; i++) expect((await postFrom(`127.0.2.${i + 1}`, JSON.stringify({ ...aComplaint({ estateId: 'LDN01' }), email: 'not an email' }))).status).toBe(422);
    for (let i = 0; i < PER_ESTATE; i++) expect((await postFrom(`127.0.2.${i + 10}`, complaint('LDN01'))).status).toBe(201);
  });
});

describe('what a refusal stores', () => {
  it('records no case for a refused complaint', async () => {
    const before = await countCases();
    expect((await postFrom('127.0.0.1', complaint('EST01'))).status).toBe(429);
    expect(await countCases()).toBe(before);
  });
});

async function countCases(): Promise<number> {
  const { DynamoDBClient, ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let count = 0;
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: platform.tableName, FilterExpression: '#t = :case', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':case': { S: 'case' } }, Select: 'COUNT', ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  client.destroy();
  return count;
}
