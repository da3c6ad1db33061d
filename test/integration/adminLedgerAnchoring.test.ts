/**
 * The admin ledger anchored outside the table (functions/domain/admin/adminLedgerAnchor.ts): the daily
 * anchoring task publishes the ledger's head to the anchors bucket (create-only), once per change; the
 * ledger's verification compares the chain with the published heads, so a chain re-sealed in the table
 * (valid as a chain) is caught at the anchored seq. Administrators read the ledger too (adminLedger.read).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AdminLedgerEntry, hashAdminEntry } from '../../functions/domain/admin/adminLedger';
import { adminAnchorKey } from '../../functions/domain/admin/adminLedgerAnchor';
import { getJson as getObject } from '../../functions/platform/objectStorage';
import { BOOTSTRAP_ADMIN, demoUsers } from '../../infra/local/demoGroup';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

vi.setConfig({ testTimeout: 90_000 });

let platform: TestPlatform;
let admin: string;
let compliance: string;
/** Saved copies of the ledger, for `npm run audit -- verify-admin`. */
const copies = mkdtempSync(path.join(tmpdir(), 'admin-ledger-copies-'));

beforeAll(async () => {
  platform = await startTestPlatform({ empty: true, scheduledTasks: false });
  admin = await platform.issuer.mint(BOOTSTRAP_ADMIN);
  compliance = await platform.issuer.mint(demoUsers.find((u) => u.role === 'compliance')!);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  rmSync(copies, { recursive: true, force: true });
});

async function ledger(token = admin) {
  const response = await platform.get('/api/v1/admin/ledger', { authorization: `Bearer ${token}` });
  expect(response.status).toBe(200);
  return (await response.json()) as { count: number; verification: { valid: boolean }; anchors: Record<string, unknown>; entries: AdminLedgerEntry[] };
}
const anchorRun = async () => ((await platform.schedules.run('anchorEstateChains')) as { adminLedger: string }).adminLedger;

describe('the admin ledger anchored outside the table', () => {
  it('publishes the head once per change, create-only, and verification compares with the published heads', async () => {
    const before = await ledger();
    expect(before.anchors).toEqual({ valid: true, anchors: 0 });

    expect(await anchorRun()).toBe('anchored');
    const head = before.entries.at(-1)!;
    const published = await getObject(process.env.AUDIT_ANCHOR_BUCKET ?? 'complaint-audit-anchors', adminAnchorKey(head.seq));
    expect(published).toMatchObject({ found: true, content: { kind: 'admin-ledger-anchor', seq: head.seq, hash: head.hash } });
    expect(await anchorRun()).toBe('unchanged');

    // A change, then the next run anchors the new head; compliance sees the same.
    const settings = await platform.get('/api/v1/admin/settings', { authorization: `Bearer ${admin}` });
    const { settings: current } = (await settings.json()) as { settings: Record<string, unknown> };
    const saved = await platform.post('/api/v1/admin/settings', { ...current, followUpAfterDays: 9 }, { authorization: `Bearer ${admin}`, 'if-match': settings.headers.get('etag')! });
    expect(saved.status).toBe(200);
    expect(await anchorRun()).toBe('anchored');
    const after = await ledger(compliance);
    expect(after.verification).toEqual({ valid: true });
    expect(after.anchors).toEqual({ valid: true, anchors: 2, latest: { seq: after.count, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    writeFileSync(path.join(copies, 'genuine.json'), JSON.stringify(after));

    // Someone who can write the table re-seals the last entry: the chain alone still verifies, the published head does not.
    const last = after.entries.at(-1)!;
    const forged = { ...last, at: '2020-01-01T00:00:00.000Z' };
    const hash = hashAdminEntry(forged);
    const client = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const doc = DynamoDBDocumentClient.from(client);
    const sk = `ENTRY#${String(last.seq).padStart(9, '0')}`;
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { pk: 'ADMIN_LEDGER', sk }, UpdateExpression: 'SET #at = :at, #hash = :hash', ExpressionAttributeNames: { '#at': 'at', '#hash': 'hash' }, ExpressionAttributeValues: { ':at': forged.at, ':hash': hash } }));
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { pk: 'ADMIN_LEDGER', sk: 'HEAD' }, UpdateExpression: 'SET #hash = :hash', ExpressionAttributeNames: { '#hash': 'hash' }, ExpressionAttributeValues: { ':hash': hash } }));
    client.destroy();
    const forgedLedger = await ledger(compliance);
    expect(forgedLedger.verification).toEqual({ valid: true });
    expect(forgedLedger.anchors).toEqual({ valid: false, anchors: 2, seq: last.seq, problem: 'anchor-mismatch' });
    // The published copy is never replaced: the next run leaves the anchored seq alone, and the copy keeps the true hash.
    expect(await anchorRun()).toBe('unchanged');
    expect(await getObject(process.env.AUDIT_ANCHOR_BUCKET ?? 'complaint-audit-anchors', adminAnchorKey(last.seq))).toMatchObject({ found: true, content: { hash: last.hash } });
  });
});

/** `npm run audit -- verify-admin`, as a terminal runs it, with this process's environment (the S3 emulator's endpoint and the anchors bucket). */
async function verifyAdminCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit/cli.ts', 'verify-admin', ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('a saved copy against the published anchors (npm run audit -- verify-admin)', () => {
  it('passes a genuine copy and fails one re-sealed after its anchor was published, naming the entry', async () => {
    const genuine = await verifyAdminCli(path.join(copies, 'genuine.json'), '--json');
    expect(genuine.code, genuine.stderr).toBe(0);
    const verified = JSON.parse(genuine.stdout) as { ok: boolean; count: number; anchors: { anchors: number; compared: number; agreedThrough: { seq: number } } };
    expect(verified).toMatchObject({ ok: true, anchors: { anchors: 2, compared: 2, agreedThrough: { seq: verified.count } } });

    // The ledger as it is now in the table: its last entry re-sealed by the test above (a valid chain).
    const forged = await ledger(compliance);
    writeFileSync(path.join(copies, 'forged.json'), JSON.stringify(forged));
    const last = forged.entries.at(-1)!.seq;
    const refused = await verifyAdminCli(path.join(copies, 'forged.json'), '--anchors-bucket', process.env.AUDIT_ANCHOR_BUCKET!);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toContain(`anchor-mismatch at seq ${last}: entry ${last} has hash`);
    expect(refused.stdout).toContain('FAILED: 1 problem(s)');
    // The chain alone cannot tell: without the anchors the same copy verifies, and says the anchors were not compared.
    const chainOnly = await verifyAdminCli(path.join(copies, 'forged.json'), '--no-anchors');
    expect(chainOnly).toMatchObject({ code: 0, stdout: expect.stringContaining('anchors: not compared (--no-anchors)') });
    // Neither a bucket nor --no-anchors: a usage error rather than a silent chain-only check.
    const { AUDIT_ANCHOR_BUCKET: _bucket, ...withoutBucket } = process.env;
    const unnamed = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit/cli.ts', 'verify-admin', path.join(copies, 'forged.json')], { env: withoutBucket }).catch((error: { code: number; stderr: string }) => error);
    expect(unnamed).toMatchObject({ code: 2, stderr: expect.stringContaining('name the bucket') });
  });
});
