/**
 * Receipt and acknowledgement end to end, through the HTTP API, DynamoDB
 * Local, the local Step Functions and the SES emulator.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../functions/domain/complaint';
import { receiveComplaint } from '../../functions/domain/intake';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
});
afterAll(async () => {
  doc?.destroy();
  await platform?.stop();
});

async function casesOfEstate(estateId: string): Promise<number> {
  const result = await doc.send(new QueryCommand({ TableName: platform.tableName, IndexName: 'byEstateReceived', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ESTATE#${estateId}` }, Select: 'COUNT' }));
  return result.Count ?? 0;
}

const emailsTo = async (address: string) => (await platform.mailbox()).filter((e) => e.destination.to.includes(address));

describe('filing a complaint', () => {
  it('lists the estates with their names in each language', async () => {
    const response = await platform.get('/api/v1/estates');
    expect(response.status).toBe(200);
    const { estates } = (await response.json()) as { estates: { estateId: string; names: Record<string, string> }[] };
    expect(estates.map((e) => e.estateId)).toEqual(['EST01', 'EST02', 'LDN01', 'SZ01']);
    expect(estates[0]!.names).toEqual({ en: 'Harbour View Gardens', 'zh-Hant': '海景花園', 'zh-Hans': '海景花园' });
  });

  it('lists each estate\'s buildings and records the building a complaint names (an audited field)', async () => {
    const { estates } = (await (await platform.get('/api/v1/estates')).json()) as { estates: { estateId: string; buildings?: { buildingId: string; names: Record<string, string> }[] }[] };
    expect(estates.find((e) => e.estateId === 'SZ01')!.buildings!.map((b) => b.buildingId)).toEqual(['B1', 'B2', 'B3']);
    expect(estates.find((e) => e.estateId === 'LDN01')!.buildings).toBeUndefined();
    const response = await platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', buildingId: 'B2' }));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const stored = await platform.caseStore.getCase(id);
    expect(stored!.buildingId).toBe('B2');
    const [received] = await platform.caseStore.listEvents(id);
    expect(received!.changes).toContainEqual({ field: 'buildingId', before: null, after: 'B2' });
  });

  it('records it, acknowledges it by email in the chosen language, and shows it on the private link', async () => {
    const complaint = aComplaint({ language: 'zh-Hant', estateId: 'EST02' });
    const response = await platform.post('/api/v1/complaints', complaint, { 'idempotency-key': 'journey-0001' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; reference: string; status: string; trackingUrl: string };
    expect(created.reference).toMatch(/^EST02-\d{4}-000001$/);
    expect(created.trackingUrl).toContain(`${platform.url}/track/${created.id}?token=`);

    await platform.settle();
    const [email, ...others] = await emailsTo(complaint.email as string);
    expect(others).toHaveLength(0);
    expect(email!.subject).toBe(`我們已收到您的投訴 ${created.reference}`);
    expect(email!.from).toBe('complaints@demo-group.example');
    const link = /(http:\/\/\S+\/track\/\S+)/.exec(email!.body.text!)![1]!;
    const token = new URL(link).searchParams.get('token');

    const view = await platform.get(`/api/v1/complaints/${created.id}?token=${token}`);
    expect(view.status).toBe(200);
    const body = (await view.json()) as { status: string; reference: string; timeline: { kind: string }[] };
    expect(body).toMatchObject({ status: 'acknowledged', reference: created.reference });
    expect(body.timeline.map((t) => t.kind)).toEqual(['received', 'acknowledged']);
    expect(JSON.stringify(body)).not.toContain(complaint.name as string);
    expect(JSON.stringify(body)).not.toContain(complaint.email as string);

    // The link returned by the API works too.
    expect((await fetch(created.trackingUrl.replace('/track/', '/api/v1/complaints/'))).status).toBe(200);

    const caseRecord = await platform.caseStore.getCase(created.id);
    const events = await platform.caseStore.listEvents(created.id);
    // The acknowledgement was queued with the change, and the outbox recorded it sent once it went out.
    expect(events.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged', 'email.sent:acknowledgement']);
    expect(verifyCaseChain(events, caseRecord!.personalDataSalt)).toBeUndefined();
    // The lifecycle goes on: it now waits for a person to triage the complaint.
    const execution = await platform.stepFunctions.describeExecution(platform.stepFunctions.executionArn(created.id));
    expect(execution.status).toBe('RUNNING');
    expect((await platform.caseStore.getWait(created.id))?.waitingFor).toBe('triage');
  });

  it('answers a wrong token and an unknown case alike, revealing nothing', async () => {
    const created = (await (await platform.post('/api/v1/complaints', aComplaint())).json()) as { id: string };
    const wrongToken = await platform.get(`/api/v1/complaints/${created.id}?token=${'A'.repeat(43)}`);
    const unknownCase = await platform.get(`/api/v1/complaints/01ARZ3NDEKTSV4RRFFQ69G5FAV?token=${'A'.repeat(43)}`);
    expect(wrongToken.status).toBe(404);
    expect(unknownCase.status).toBe(404);
    expect(await wrongToken.json()).toEqual(await unknownCase.json());
  });

  it('gives a retry the same case and sends one email, even when the retries race', async () => {
    const complaint = aComplaint({ estateId: 'LDN01' });
    const responses = await Promise.all(Array.from({ length: 8 }, () => platform.post('/api/v1/complaints', complaint, { 'idempotency-key': 'race-key-0001' })));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string }[];
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    await platform.settle();
    expect(await emailsTo(complaint.email as string)).toHaveLength(1);
    expect(await casesOfEstate('LDN01')).toBe(1);
  });

  it('starts the lifecycle of a case stored by any path, from the table stream (intake itself starts nothing)', async () => {
    // As if an intake Lambda had stored the case and died before answering, and nobody retried:
    // the case is written by the domain code alone, with no handler around it.
    const outcome = await receiveComplaint(
      { submission: complaintSubmissionSchema.parse(aComplaint({ estateId: 'SZ01' })), requestId: 'no-handler', actor: { type: 'resident' } },
      { store: platform.caseStore, now: () => new Date(), publicBaseUrl: 'http://localhost' },
    );
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    const created = { id: outcome.caseId };
    await platform.settle();
    expect(platform.stepFunctions.runningCount()).toBeGreaterThan(0);
    expect((await platform.caseStore.getCase(created.id))?.acknowledgedAt).toBeDefined();
    expect(platform.tableStreams.deadLetters()).toEqual([]);
  });

  it('refuses an Idempotency-Key reused for another complaint', async () => {
    await platform.post('/api/v1/complaints', aComplaint(), { 'idempotency-key': 'reused-key-01' });
    const response = await platform.post('/api/v1/complaints', aComplaint(), { 'idempotency-key': 'reused-key-01' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
  });
});

describe('bad input', () => {
  const badRequests: [string, () => Promise<Response>, number, string, string?][] = [
    ['malformed JSON', () => platform.post('/api/v1/complaints', '{"estateId": "SZ01",'), 400, 'malformed_json'],
    ['a JSON array', () => platform.post('/api/v1/complaints', '[1,2]'), 400, 'invalid_body'],
    ['form encoding', () => fetch(`${platform.url}/api/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'estateId=SZ01' }), 415, 'unsupported_media_type'],
    ['a body over 64 KB', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', description: 'x'.repeat(70_000) })), 413, 'payload_too_large'],
    ['missing fields', () => platform.post('/api/v1/complaints', { estateId: 'SZ01' }), 422, 'validation_failed', 'name'],
    ['wrong types', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', unit: 12 })), 422, 'validation_failed', 'unit'],
    ['an unknown estate', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'NOPE99' })), 422, 'validation_failed', 'estateId'],
    ['a building the estate does not have', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', buildingId: 'T1' })), 422, 'validation_failed', 'buildingId'],
    ['a malformed building id', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', buildingId: 'B 1' })), 422, 'validation_failed', 'buildingId'],
    ['an invalid email', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', email: 'a@b' })), 422, 'validation_failed', 'email'],
    ['control characters in the name', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', name: 'Wang\u0000Bcc' })), 422, 'validation_failed', 'name'],
    ['a staff-only channel', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', channel: 'phone' })), 422, 'validation_failed', 'channel'],
    ['a description of 5001 characters', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01', description: 'y'.repeat(5001) })), 422, 'validation_failed', 'description'],
    ['a malformed Idempotency-Key', () => platform.post('/api/v1/complaints', aComplaint({ estateId: 'SZ01' }), { 'idempotency-key': 'short' }), 400, 'invalid_idempotency_key'],
    ['an unknown route', () => platform.get('/api/v1/nothing-here'), 404, 'not_found'],
  ];

  it.each(badRequests)('answers %s with a clear 4xx, stores nothing and sends nothing', async (_label, send, status, code, field) => {
    // Emails of earlier tests' complaints are sent by their workflows, which may still be at work.
    await platform.settle();
    const before = { cases: await casesOfEstate('SZ01'), emails: (await platform.mailbox()).length };
    const response = await send();
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    if (field) expect(body.error.fields?.[field]).toBeTruthy();
    await platform.settle();
    expect(await casesOfEstate('SZ01')).toBe(before.cases);
    expect((await platform.mailbox()).length).toBe(before.emails);
  });
});

describe('the API contract', () => {
  it('serves an OpenAPI 3 document generated from the schemas', async () => {
    const document = (await (await platform.get('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { required: string[]; properties: Record<string, unknown> } }> } } }> };
    expect(document.openapi).toMatch(/^3\./);
    const schema = document.paths['/api/v1/complaints']!.post!.requestBody.content['application/json']!.schema;
    expect(schema.required).toEqual(expect.arrayContaining(['estateId', 'unit', 'name', 'language', 'description']));
    expect(Object.keys(schema.properties)).toContain('compensationClaim');
  });

  it('reports health with the case store reachable', async () => {
    const response = await platform.get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { caseStore: { ok: true } } });
  });
});

describe('the API contract covers every route', () => {
  it('lists every API route of the catalog, with the request schemas and bearer auth for staff routes', async () => {
    const { httpRoutes, streamingRoutes } = await import('../../infra/catalog');
    const document = (await (await platform.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, { schema: { oneOf?: unknown[]; anyOf?: unknown[] } }> }; responses: Record<string, { content?: Record<string, { schema: { oneOf?: unknown[] } }> }> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    for (const route of [...httpRoutes, ...streamingRoutes].filter((r) => r.path.startsWith('/api/') || r.path === '/health')) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.auth === 'staff') expect(operation!.security, `${route.method} ${route.path}`).toEqual([{ staffBearer: [] }]);
      // Behind the JWT authorizer a 401 may be API Gateway's own body; a function URL's 401 is the API's.
      const unauthorized = operation!.responses['401']?.content?.['application/json']?.schema;
      if (route.auth === 'staff' && httpRoutes.includes(route)) expect(unauthorized?.oneOf, `${route.method} ${route.path}`).toContainEqual(expect.objectContaining({ required: ['message'] }));
      else if (route.auth === 'staff') expect(unauthorized?.oneOf, `${route.method} ${route.path}`).toBeUndefined();
    }
    expect(document.components.securitySchemes.staffBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const actions = document.paths['/api/v1/cases/{id}/actions']!.post!.requestBody!.content['application/json']!.schema;
    expect((actions.oneOf ?? actions.anyOf ?? []).length).toBeGreaterThanOrEqual(12);
  });
});
