/**
 * The audit trail end to end on DynamoDB Local: concurrent writes to one case,
 * the compliance export and its verification (tamper tests on real files),
 * who may export, anchors and live verification, erasure, legal hold,
 * retention purge and the evidence pack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEvent, verifyCaseChain } from '../../functions/domain/auditTrail';
import { type ComplaintCase, planMutation } from '../../functions/domain/complaintCase';
import { VersionConflictError } from '../../functions/domain/errors';
import { verifyExportFile } from '../../scripts/audit/verifyExportFile';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
const tokens = new Map<string, string>();
const auth = async (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return { authorization: `Bearer ${tokens.get(userId)!}` };
};
const from = new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10);
const to = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);

async function exportFile(query: Record<string, string>, name: string): Promise<string> {
  const response = await platform.get(`/api/v1/audit/export?${new URLSearchParams({ from, to, ...query })}`, await auth('compliance.auditor'));
  expect(response.status).toBe(200);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

async function fileWith(path: string, edit: (lines: string[]) => string[], name: string): Promise<string> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const trailing = lines.pop();
  const out = join(dir, name);
  writeFileSync(out, [...edit(lines), trailing].join('\n'));
  return out;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  // Real complaints through the API (received + acknowledged by the workflow), in two estates.
  const ids: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const response = await platform.post('/api/v1/complaints', aComplaint({ estateId: i % 2 === 0 ? 'EST01' : 'EST02', description: `Complaint number ${i}: the corridor lights are out.` }));
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
  }
  // The workflows then wait for a person (triage): settled, nothing moves until someone acts.
  await platform.settle();
}, 120_000);
afterAll(async () => platform?.stop());

describe('concurrent changes to one case', () => {
  it('loses no update: 20 parallel writers, versions strictly increasing, chain intact', async () => {
    const start = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: new Date().toISOString() });
    const writers = Array.from({ length: 20 }, (_, i) => async () => {
      for (let attempt = 1; ; attempt += 1) {
        const current = (await platform.caseStore.getCase(start.caseId))!;
        const mutation = planMutation(current, { trackingTokenHashes: [...current.trackingTokenHashes, `writer-${i}`] }, {
          now: new Date().toISOString(), requestId: `writer-${i}-${attempt}`, actor: { type: 'system', id: `writer-${i}` }, action: 'test.concurrent-write',
        });
        try {
          await platform.caseStore.applyMutation(mutation);
          return attempt;
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
    });
    const attempts = await Promise.all(writers.map((w) => w()));
    expect(attempts.some((a) => a > 1)).toBe(true); // they really did collide
    const final = (await platform.caseStore.getCase(start.caseId))!;
    const events = await platform.caseStore.listEvents(start.caseId);
    expect(final.version).toBe(21);
    for (let i = 0; i < 20; i += 1) expect(final.trackingTokenHashes).toContain(`writer-${i}`);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(verifyCaseChain(events, final.personalDataSalt)).toBeUndefined();
    expect(final.headHash).toBe(events.at(-1)!.hash);
  });
});

describe('compliance export', () => {
  let jsonl: string;
  let csv: string;
  beforeAll(async () => {
    jsonl = await exportFile({ estateId: 'EST01' }, 'est01.jsonl');
    csv = await exportFile({ estateId: 'EST01', format: 'csv' }, 'est01.csv');
  });

  it('streams every event of the estate and period with a manifest, and verifies', async () => {
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    const manifest = (JSON.parse(lines.at(-1)!) as { manifest: Record<string, unknown> }).manifest;
    const events = lines.slice(0, -1).map((l) => JSON.parse(l) as { estateId: string; caseId: string; n: number; personalData?: unknown });
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(events.every((e) => e.estateId === 'EST01')).toBe(true);
    expect(events.some((e) => 'personalData' in e)).toBe(false);
    expect(manifest).toMatchObject({ format: 'jsonl', count: events.length, estateIds: ['EST01'], generatedBy: { userId: 'compliance.auditor', role: 'compliance' }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readFileSync(jsonl, 'utf8')).not.toContain('Chan Tai Man');
    expect((await verifyExportFile(jsonl)).problems).toEqual([]);
  });

  it('exports the same events as CSV, which verifies too', async () => {
    const result = await verifyExportFile(csv);
    expect(result.format).toBe('csv');
    expect(result.problems).toEqual([]);
    expect(result.count).toBe((await verifyExportFile(jsonl)).count);
  });

  it('exports the whole group without an estate, estate by estate', async () => {
    const path = await exportFile({}, 'group.jsonl');
    const result = await verifyExportFile(path);
    expect(result.problems).toEqual([]);
    expect(result.manifest!.estateIds).toEqual(expect.arrayContaining(['EST01', 'EST02', 'SZ01', 'LDN01']));
  });

  describe('detects and locates tampering', () => {
    const kinds = async (path: string) => (await verifyExportFile(path)).problems;

    it('a flipped byte', async () => {
      const path = await fileWith(jsonl, (lines) => lines.map((l, i) => (i === 2 ? l.replace('"action":"complaint.', '"action":"complaint!') : l)), 'flip.jsonl');
      const problems = await kinds(path);
      const target = JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[2]!) as { caseId: string; seq: number };
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', line: 3, caseId: target.caseId, seq: target.seq }));
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'manifest-mismatch' }));
    });

    it('a flipped byte in CSV', async () => {
      const path = await fileWith(csv, (lines) => lines.map((l, i) => (i === 3 ? l.replace(',complaint.', ',complaint!') : l)), 'flip.csv');
      expect(await kinds(path)).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', line: 4 }));
    });

    it('a dropped event', async () => {
      const original = readFileSync(jsonl, 'utf8').split('\n');
      const dropped = JSON.parse(original[3]!) as { n: number };
      const path = await fileWith(jsonl, (lines) => lines.filter((_, i) => i !== 3), 'drop.jsonl');
      const problems = await kinds(path);
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'lines-missing', line: 4, detail: expect.stringContaining(`${dropped.n}..${dropped.n}`) }));
    });

    it('two events reordered', async () => {
      const path = await fileWith(jsonl, (lines) => {
        const copy = [...lines];
        [copy[1], copy[4]] = [copy[4]!, copy[1]!];
        return copy;
      }, 'reorder.jsonl');
      const problems = await kinds(path);
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'line-number-repeated', line: 3 }));
      expect(problems.some((p) => p.kind === 'out-of-order')).toBe(true);
    });

    it('an inserted event', async () => {
      const path = await fileWith(jsonl, (lines) => {
        const forged = JSON.parse(lines[2]!) as Record<string, unknown>;
        forged.action = 'case.forged';
        return [...lines.slice(0, 3), JSON.stringify(forged), ...lines.slice(3)];
      }, 'insert.jsonl');
      const problems = await kinds(path);
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'line-number-repeated', line: 4 }));
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', line: 4 }));
    });

    it('a cut-off file (no manifest)', async () => {
      const path = join(dir, 'cut.jsonl');
      writeFileSync(path, readFileSync(jsonl, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
      expect(await kinds(path)).toContainEqual(expect.objectContaining({ kind: 'manifest-missing' }));
    });
  });

  describe('who may export', () => {
    const exportAs = async (userId: string, estateId: string) => (await platform.get(`/api/v1/audit/export?from=${from}&to=${to}&estateId=${estateId}`, await auth(userId))).status;
    it('lets compliance export', async () => expect(await exportAs('compliance.auditor', 'EST02')).toBe(200));
    it('refuses the estate CS lead (403)', async () => expect(await exportAs('cslead.est01', 'EST01')).toBe(403));
    it('answers staff of another estate 404', async () => expect(await exportAs('cslead.est02', 'EST01')).toBe(404));
    it('refuses a caller without a token (401)', async () => expect((await platform.get(`/api/v1/audit/export?from=${from}&to=${to}`)).status).toBe(401));
    it('rejects a bad period with 422', async () => {
      const response = await platform.get(`/api/v1/audit/export?from=${to}&to=${from}`, await auth('compliance.auditor'));
      expect(response.status).toBe(422);
    });
  });
});

describe('anchors and live verification', () => {
  const verify = async (userId = 'compliance.auditor', estateId = 'EST01') =>
    platform.get(`/api/v1/audit/verify?estateId=${estateId}&from=${from}&to=${to}`, await auth(userId));

  it('anchors every estate, then skips estates whose heads did not change', async () => {
    const first = (await platform.schedules.run('anchorEstateChains')) as { estates: number; anchored: number };
    expect(first.anchored).toBeGreaterThanOrEqual(2);
    const second = (await platform.schedules.run('anchorEstateChains')) as { anchored: number };
    expect(second.anchored).toBe(0);
  });

  it('verifies the live store: chains, ledger and the anchor', async () => {
    const response = await verify();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; complete: boolean; cases: number; anchor: { digestMatches: boolean; headsChecked: number }; problems: unknown[] };
    expect(body.problems).toEqual([]);
    expect(body).toMatchObject({ ok: true, complete: true });
    expect(body.cases).toBeGreaterThanOrEqual(3);
    expect(body.anchor.digestMatches).toBe(true);
    expect(body.anchor.headsChecked).toBeGreaterThanOrEqual(3);
  });

  it('locates an event changed in the table, and a chain rewritten after its anchor', async () => {
    const victim = await seedCase(platform.caseStore, { estateId: 'EST02', receivedAt: new Date().toISOString(), patch: { status: 'in-progress' } });
    await platform.schedules.run('anchorEstateChains');
    const { DynamoDBDocumentClient, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const report = async () => (await (await verify('compliance.auditor', 'EST02')).json()) as { ok: boolean; problems: { caseId: string; seq: number; problem: string }[] };
    // A clumsy edit: the event no longer matches its hash.
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { pk: `CASE#${victim.caseId}`, sk: 'EVENT#000000002' }, UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'action' }, ExpressionAttributeValues: { ':a': 'case.quietly-changed' } }));
    const clumsy = await report();
    expect(clumsy.ok).toBe(false);
    expect(clumsy.problems).toContainEqual(expect.objectContaining({ caseId: victim.caseId, seq: 2, problem: 'hash-mismatch' }));
    // A careful rewrite: new hash, new case head — the chain is consistent again, but no longer the one anchored.
    const [, second] = await platform.caseStore.listEvents(victim.caseId);
    const { hash: _old, personalData: _pd, ...rest } = second!;
    const rehashed = hashEvent(rest);
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { pk: `CASE#${victim.caseId}`, sk: 'EVENT#000000002' }, UpdateExpression: 'SET #h = :h', ExpressionAttributeNames: { '#h': 'hash' }, ExpressionAttributeValues: { ':h': rehashed } }));
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { pk: `CASE#${victim.caseId}`, sk: 'CASE' }, UpdateExpression: 'SET headHash = :h', ExpressionAttributeValues: { ':h': rehashed } }));
    const careful = await report();
    expect(careful.problems).toEqual([expect.objectContaining({ caseId: victim.caseId, seq: 2, problem: 'anchor-mismatch' })]);
    doc.destroy();
  });

  it('is for compliance: the estate CS lead gets 403, another estate 404', async () => {
    expect((await verify('cslead.est01')).status).toBe(403);
    expect((await verify('cslead.est02')).status).toBe(404);
  });
});

describe('erasure on request', () => {
  it('removes the personal data from the case, its events and its emails, and the chain still verifies', async () => {
    const email = `erase.me.${Date.now()}@example.com`;
    const ids: string[] = [];
    for (const estateId of ['EST01', 'SZ01']) {
      const response = await platform.post('/api/v1/complaints', aComplaint({ estateId, email, name: 'Wong Siu Ming', unit: 'Tower 9, 30/F, Flat B', description: 'My neighbour Mr Lee keeps blocking the fire exit.' }));
      ids.push(((await response.json()) as { id: string }).id);
    }
    // Let the workflows acknowledge the complaints and their emails go out (each sent email is an event of the case).
    await platform.settle();

    const response = await platform.post('/api/v1/privacy/erasure', { email, reference: 'DSAR-2026-0042 (GDPR Art. 17)' }, await auth('admin'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { cases: { caseId: string; outcome: string }[] };
    expect(body.cases.map((c) => c.outcome)).toEqual(['erased', 'erased']);

    for (const id of ids) {
      const erased = (await platform.caseStore.getCase(id))!;
      const events = await platform.caseStore.listEvents(id);
      const stored = JSON.stringify({ erased, events, emails: await new (await import('../../functions/store/recordsStore')).RecordsStore((platform.caseStore as unknown as { doc: never }).doc, platform.tableName).notifications(id) });
      for (const pii of ['Wong Siu Ming', email, 'Tower 9', 'Mr Lee']) expect(stored).not.toContain(pii);
      expect(events.at(-1)).toMatchObject({ action: 'personal-data.erased', actor: { type: 'staff', id: 'admin', role: 'admin' } });
      expect(events.every((e) => e.personalData === undefined)).toBe(true);
      expect(verifyCaseChain(events, erased.personalDataSalt)).toBeUndefined();
      expect(erased.erasure).toMatchObject({ reference: 'DSAR-2026-0042 (GDPR Art. 17)' });
    }
    // The contact index forgets them: a second request finds nothing.
    const again = (await (await platform.post('/api/v1/privacy/erasure', { email, reference: 'DSAR-2026-0042 (repeat)' }, await auth('admin'))).json()) as { cases: unknown[] };
    expect(again.cases).toEqual([]);
  });

  it('is for administrators only', async () => {
    const response = await platform.post('/api/v1/privacy/erasure', { email: 'x@example.com', reference: 'DSAR-1' }, await auth('compliance.auditor'));
    expect(response.status).toBe(403);
  });

  it('leaves a case under legal hold alone', async () => {
    const held = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: new Date().toISOString(), email: 'held.resident@example.com' });
    const hold = await platform.post(`/api/v1/cases/${held.caseId}/legal-hold`, { hold: true, reason: 'Litigation HCA 123/2026' }, await auth('hq.director'));
    expect(hold.status).toBe(200);
    const body = (await (await platform.post('/api/v1/privacy/erasure', { email: 'held.resident@example.com', reference: 'DSAR-7' }, await auth('admin'))).json()) as { cases: { outcome: string }[] };
    expect(body.cases).toEqual([expect.objectContaining({ caseId: held.caseId, outcome: 'legal-hold' })]);
    expect((await platform.caseStore.getCase(held.caseId))!.complainant.email).toBe('held.resident@example.com');
    expect((await platform.caseStore.listEvents(held.caseId)).at(-1)).toMatchObject({ action: 'legal-hold.placed', actor: { id: 'hq.director' } });
  });
});

describe('retention and legal hold', () => {
  const yearsAgo = (years: number, days = 0) => new Date(Date.now() - years * 365.25 * 86400_000 - days * 86400_000).toISOString();
  let expired: ComplaintCase;
  let recent: ComplaintCase;
  let heldByEstate: ComplaintCase;
  let longerRule: ComplaintCase;

  beforeAll(async () => {
    const closed = (receivedAt: string) => ({ status: 'closed' as const, closedAt: new Date(new Date(receivedAt).getTime() + 10 * 86400_000).toISOString() });
    const old = yearsAgo(4);
    expired = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: old, patch: closed(old), changedAt: closed(old).closedAt });
    recent = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt: yearsAgo(2), patch: closed(yearsAgo(2)), changedAt: closed(yearsAgo(2)).closedAt });
    heldByEstate = await seedCase(platform.caseStore, { estateId: 'EST02', receivedAt: old, patch: closed(old), changedAt: closed(old).closedAt });
    // London: six years.
    longerRule = await seedCase(platform.caseStore, { estateId: 'LDN01', receivedAt: old, patch: closed(old), changedAt: closed(old).closedAt });
    await platform.schedules.run('anchorEstateChains');
    const hold = await platform.post('/api/v1/estates/EST02/legal-hold', { hold: true, reason: 'Regulator inquiry 2026-17' }, await auth('admin'));
    expect(hold.status).toBe(200);
    // The expired case has a photo and its raw email in storage; the held case has a photo too.
    const s3 = caseObjectsClient();
    await s3.send(new PutObjectCommand({ Bucket: platform.inboundMail.caseFilesBucket, Key: `cases/${expired.caseId}/files/aa.jpg`, Body: 'photo' }));
    await s3.send(new PutObjectCommand({ Bucket: platform.inboundMail.bucket, Key: `handled/complaint/${expired.caseId}/message-1`, Body: 'raw' }));
    await s3.send(new PutObjectCommand({ Bucket: platform.inboundMail.caseFilesBucket, Key: `cases/${heldByEstate.caseId}/files/bb.jpg`, Body: 'photo' }));
  });
  const caseObjectsClient = () => new S3Client({ endpoint: platform.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const keysUnder = async (bucket: string, prefix: string) => ((await caseObjectsClient().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);

  it('purges what expired and is not held, leaving a tombstone whose chain still verifies', async () => {
    const result = (await platform.schedules.run('purgeExpiredRecords')) as { purged: number; held: number };
    expect(result.purged).toBe(1);
    expect(result.held).toBe(1);
    const tombstone = (await platform.caseStore.getCase(expired.caseId))!;
    const events = await platform.caseStore.listEvents(expired.caseId);
    expect(tombstone.purge).toMatchObject({ purgedThroughSeq: 2, rule: 'HK: 3 years after closure' });
    expect(JSON.stringify(tombstone)).not.toContain('Resident');
    expect(events.map((e) => [e.seq, e.action])).toEqual([[3, 'retention.purged']]);
    expect(verifyCaseChain(events, tombstone.personalDataSalt, { seq: 2, hash: tombstone.purge!.purgedThroughHash })).toBeUndefined();
    for (const kept of [recent, heldByEstate, longerRule]) expect((await platform.caseStore.getCase(kept.caseId))!.purge).toBeUndefined();
    // Its files and raw emails went with it, and the tombstone says how many; a held case keeps its files.
    expect(tombstone.purge!.objectsDeleted).toEqual({ files: 1, messages: 1 });
    expect(await keysUnder(platform.inboundMail.caseFilesBucket, `cases/${expired.caseId}/`)).toEqual([]);
    expect(await keysUnder(platform.inboundMail.bucket, `handled/complaint/${expired.caseId}/`)).toEqual([]);
    expect(await keysUnder(platform.inboundMail.caseFilesBucket, `cases/${heldByEstate.caseId}/`)).toHaveLength(1);
  });

  it('records every export in the ledger of each estate exported: who, which period, how many, the file digest', async () => {
    const path = await exportFile({ estateId: 'EST01', format: 'jsonl' }, 'recorded.jsonl');
    const manifest = JSON.parse(readFileSync(path, 'utf8').trim().split('\n').pop()!).manifest ?? JSON.parse(readFileSync(path, 'utf8').trim().split('\n').pop()!);
    const records = new (await import('../../functions/store/recordsStore')).RecordsStore((platform.caseStore as unknown as { doc: never }).doc, platform.tableName);
    const entry = (await records.ledger('EST01')).filter((e) => e.action === 'audit.exported').at(-1);
    expect(entry).toMatchObject({ actor: { type: 'staff', id: 'compliance.auditor', role: 'compliance' }, details: { format: 'jsonl', sha256: manifest.sha256, count: manifest.count } });
    expect(String(entry!.details.from).slice(0, 10)).toBe(from);
  });

  it('keeps the anchors verifiable after the purge, and records the purge in the estate ledger', async () => {
    const response = await platform.get(`/api/v1/audit/verify?estateId=EST01&from=${yearsAgo(5)}&to=${to}`, await auth('compliance.auditor'));
    const body = (await response.json()) as { problems: unknown[]; ledgerEntries: number };
    expect(body.problems).toEqual([]);
    const records = new (await import('../../functions/store/recordsStore')).RecordsStore((platform.caseStore as unknown as { doc: never }).doc, platform.tableName);
    expect((await records.ledger('EST01')).filter((e) => e.action === 'retention.purged').at(-1)).toMatchObject({ action: 'retention.purged', details: { caseIds: [expired.caseId] } });
    expect((await records.ledger('EST02')).some((e) => e.action === 'legal-hold.placed')).toBe(true);
  });

  it('drops the purged case from listings', async () => {
    const response = await platform.get(`/api/v1/cases?estateId=EST01&limit=100`, await auth('hq.director'));
    const body = (await response.json()) as { cases: { caseId: string }[] };
    expect(body.cases.map((c) => c.caseId)).not.toContain(expired.caseId);
    expect(body.cases.map((c) => c.caseId)).toContain(recent.caseId);
  });

  it('lets only HQ and administrators place a hold', async () => {
    expect((await platform.post(`/api/v1/cases/${recent.caseId}/legal-hold`, { hold: true, reason: 'x-test' }, await auth('cslead.est01'))).status).toBe(403);
    expect((await platform.post('/api/v1/estates/EST01/legal-hold', { hold: true, reason: 'x-test' }, await auth('compliance.auditor'))).status).toBe(403);
  });
});

describe('evidence pack', () => {
  it('gives compliance one JSON document: case, verified timeline, deadlines, emails, chain proof', async () => {
    const created = (await (await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }))).json()) as { id: string };
    // Settled: acknowledged by the workflow, and the acknowledgement sent by the outbox.
    await platform.settle();
    await platform.schedules.run('anchorEstateChains');
    const response = await platform.get(`/api/v1/cases/${created.id}/evidence`, await auth('compliance.auditor'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="evidence-EST01-/);
    const text = await response.text();
    expect(response.headers.get('x-content-sha256')).toBe((await import('node:crypto')).createHash('sha256').update(text).digest('hex'));
    const pack = JSON.parse(text) as Record<string, any>;
    expect(pack.verification).toMatchObject({ ok: true, problems: [] });
    expect(pack.timeline[0]).toMatchObject({ seq: 1, action: 'complaint.received' });
    expect(pack.deadlines).toMatchObject({ receivedAt: expect.any(String), responseDueBy: expect.any(String), calendar: { jurisdiction: 'HK' } });
    expect(pack.emails.some((e: { notificationKey: string; status: string }) => e.notificationKey === 'acknowledgement' && e.status === 'sent')).toBe(true);
    expect(pack.timeline.map((e: { action: string }) => e.action)).toContain('email.sent:acknowledgement');
    // Never an email's body (a queued one would hold a private link), nor the outbox's index keys.
    for (const email of pack.emails) expect(Object.keys(email)).not.toEqual(expect.arrayContaining(['message']));
    expect(text).not.toContain('gsi8');
    expect(pack.chainProof.anchor).toMatchObject({ headStillInChain: true, head: { caseId: created.id } });
    expect(pack.case).not.toHaveProperty('personalDataSalt');
  });

  it('is refused to the estate CS lead (403) and to another estate (404)', async () => {
    const [any] = (await (await platform.get('/api/v1/cases?estateId=EST01&limit=1', await auth('hq.director'))).json() as { cases: { caseId: string }[] }).cases;
    expect((await platform.get(`/api/v1/cases/${any!.caseId}/evidence`, await auth('cslead.est01'))).status).toBe(403);
    expect((await platform.get(`/api/v1/cases/${any!.caseId}/evidence`, await auth('cslead.est02'))).status).toBe(404);
  });
});
