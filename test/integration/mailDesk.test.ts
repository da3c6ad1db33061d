/**
 * The mail desk end to end on the local platform: messages refused by receiveInboundEmail (sent through
 * the SMTP listener) are put on their estate's desk or HQ's desk of mail to no known estate; staff file
 * one as a complaint, add one to a case, refuse one (with the notice only where safe); each step is a
 * verified mail-desk ledger entry and the raw message leaves `set-aside/` for `handled/`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CopyObjectCommand, DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMailDesk } from '../../functions/domain/inboundMail/mailDesk';
import { fileOlderRawMessages } from '../../functions/platform/olderRawMessages';
import { verifyMailDeskLedgerDocument } from '../../scripts/audit/verifyAdminLedgerFile';
import { DynamoMailDesk } from '../../functions/store/mailDeskStore';
import { DynamoRawMessageIndex } from '../../functions/store/rawMessageIndex';
import { demoUsers } from '../../infra/local/demoGroup';
import { disguisedExecutable, jpegWithLocation, messageWithAttachment, plainMessage } from '../fixtures/inboundMailCorpus';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let smtp: Transporter;
let s3: S3Client;
let dynamo: DynamoDBClient;
let desk: DynamoMailDesk;
let domain: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  platform = await startTestPlatform();
  domain = platform.inboundMail.domain;
  smtp = createTransport({ host: '127.0.0.1', port: platform.ports.smtpPort, secure: false, ignoreTLS: true });
  s3 = new S3Client({ endpoint: platform.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  dynamo = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  desk = new DynamoMailDesk(DynamoDBDocumentClient.from(dynamo), platform.tableName);
  for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
});

afterAll(async () => {
  smtp?.close();
  s3?.destroy();
  dynamo?.destroy();
  await platform?.stop();
});

const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}@example.net`;
const as = (userId: string) => ({ authorization: `Bearer ${tokens.get(userId)}` });

async function send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const info = await smtp.sendMail({ envelope, raw });
  const id = /queued as (\S+)/.exec(info.response)?.[1];
  if (!id) throw new Error(`unexpected SMTP answer: ${info.response}`);
  await platform.settle();
  return id;
}

async function keyOf(id: string): Promise<string | undefined> {
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: platform.inboundMail.bucket }));
  return (listing.Contents ?? []).map((o) => o.Key!).find((k) => k.endsWith(`/${id}`));
}

interface Listed {
  messageId: string;
  reason: string;
  receivedAt: string;
  maskedSender: string;
  subject: string;
  noticeAllowed: boolean;
}
async function listDesk(path: string, userId: string): Promise<{ status: number; messages: Listed[] }> {
  const response = await platform.get(path, as(userId));
  return { status: response.status, messages: response.ok ? ((await response.json()) as { messages: Listed[] }).messages : [] };
}

describe('the mail desk', () => {
  it('puts mail to no known estate on HQ’s desk; HQ files it as a complaint on an estate, and the raw message moves under the case', async () => {
    const from = unique('lost');
    const id = await send(plainMessage({ from, fromName: 'Kelly Lam', to: `nowhere@${domain}`, subject: 'Leaking pipe in the car park', body: 'A pipe has been leaking in car park level 2 for a week.' }), { from, to: [`nowhere@${domain}`] });
    expect(await keyOf(id)).toBe(`set-aside/unknown-address/${id}`);

    const listed = await listDesk('/api/v1/set-aside-mail', 'hq.director');
    const entry = listed.messages.find((m) => m.messageId === id);
    expect(entry).toMatchObject({ reason: 'unknown-address', subject: 'Leaking pipe in the car park', noticeAllowed: true });
    // The sender's address is personal data: masked, never listed whole.
    expect(entry!.maskedSender).toBe(`l***@example.net`);
    expect(JSON.stringify(listed.messages)).not.toContain(from);
    // Mail to no known estate is HQ's alone.
    expect((await listDesk('/api/v1/set-aside-mail', 'cslead.est01')).status).toBe(403);

    const missingEstate = await platform.post(`/api/v1/set-aside-mail/${id}`, { action: 'file' }, as('hq.director'));
    expect(missingEstate.status).toBe(422);
    expect(((await missingEstate.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('estateId');

    const filed = await platform.post(`/api/v1/set-aside-mail/${id}`, { action: 'file', estateId: 'EST01' }, as('hq.director'));
    expect(filed.status).toBe(200);
    const { caseId } = (await filed.json()) as { caseId: string };
    const complaint = (await platform.caseStore.getCase(caseId))!;
    expect(complaint).toMatchObject({ estateId: 'EST01', channel: 'email', complainant: { name: 'Kelly Lam', email: from } });
    expect(complaint.description).toContain('car park level 2');
    expect(await keyOf(id)).toBe(`handled/complaint/${caseId}/${id}`);
    expect((await listDesk('/api/v1/set-aside-mail', 'hq.director')).messages.map((m) => m.messageId)).not.toContain(id);
    // Handled once: the same decision again finds nothing waiting.
    expect((await platform.post(`/api/v1/set-aside-mail/${id}`, { action: 'file', estateId: 'EST01' }, as('hq.director'))).status).toBe(404);

    const ledger = await desk.ledger();
    expect(verifyMailDesk(ledger)).toBeUndefined();
    const steps = ledger.filter((e) => e.messageId === id);
    expect(steps.map((e) => e.action)).toEqual(['inbound-mail.set-aside', 'inbound-mail.filed-as-complaint']);
    expect(steps[1]).toMatchObject({ actor: { type: 'staff', id: 'hq.director' }, before: { objectKey: `set-aside/unknown-address/${id}`, reason: 'unknown-address' }, after: { caseId, objectKey: `handled/complaint/${caseId}/${id}` } });
  });

  it('puts mail with a dangerous attachment on its estate’s desk; the CS lead adds it to a case as the resident’s reply, without the dangerous file', async () => {
    const created = await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }), { 'idempotency-key': `mail-desk-${Math.random().toString(36).slice(2)}` });
    expect(created.status).toBe(201);
    const { id: caseId } = (await created.json()) as { id: string };
    const from = unique('attach');
    const id = await send(
      messageWithAttachment({ from, to: `est01@${domain}`, subject: 'More about my complaint', body: 'The water has now reached the lift lobby.', attachment: disguisedExecutable(), fileName: 'lobby.jpg', declaredType: 'image/jpeg' }),
      { from, to: [`est01@${domain}`] },
    );
    expect(await keyOf(id)).toBe(`set-aside/file-dangerous/${id}`);
    expect((await listDesk('/api/v1/estates/EST01/set-aside-mail', 'cslead.est01')).messages.map((m) => m.messageId)).toContain(id);
    // Another estate's lead does not see this desk at all.
    expect((await listDesk('/api/v1/estates/EST01/set-aside-mail', 'cslead.est02')).status).toBe(404);
    expect((await listDesk('/api/v1/estates/EST01/set-aside-mail', 'frontline.est01')).status).toBe(403);

    const attached = await platform.post(`/api/v1/estates/EST01/set-aside-mail/${id}`, { action: 'attach', caseId }, as('cslead.est01'));
    expect(attached.status).toBe(200);
    expect(await attached.json()).toMatchObject({ caseId, filesLeftOut: 1, action: 'inbound-mail.attached-to-case' });
    const updated = (await platform.caseStore.getCase(caseId))!;
    expect(updated.residentAdditions?.map((a) => a.text)).toEqual(['The water has now reached the lift lobby.']);
    expect(updated.files ?? []).toEqual([]);
    const events = await platform.caseStore.listEvents(caseId);
    expect(events.find((e) => e.action === 'resident.information-added:email')?.actor).toMatchObject({ type: 'staff', id: 'cslead.est01' });
    expect(await keyOf(id)).toBe(`handled/reply/${caseId}/${id}`);
  });

  it('two people adding one message to two different cases at the same moment: one succeeds, the other gets 409 and adds nothing', async () => {
    const newCase = async () => {
      const created = await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }), { 'idempotency-key': `mail-desk-race-${Math.random().toString(36).slice(2)}` });
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: string }).id;
    };
    const [first, second] = [await newCase(), await newCase()];
    const from = unique('race');
    const id = await send(
      messageWithAttachment({ from, to: `est01@${domain}`, subject: 'Which case is this?', body: 'The lift is broken again.', attachment: disguisedExecutable(), fileName: 'lift.jpg', declaredType: 'image/jpeg' }),
      { from, to: [`est01@${domain}`] },
    );
    const [a, b] = await Promise.all([
      platform.post(`/api/v1/estates/EST01/set-aside-mail/${id}`, { action: 'attach', caseId: first }, as('cslead.est01')),
      platform.post(`/api/v1/estates/EST01/set-aside-mail/${id}`, { action: 'attach', caseId: second }, as('manager.est01')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? first : second;
    const loser = winner === first ? second : first;
    expect((await platform.caseStore.getCase(winner))!.residentAdditions?.map((x) => x.text)).toEqual(['The lift is broken again.']);
    expect((await platform.caseStore.getCase(loser))!.residentAdditions ?? []).toEqual([]);
    expect((await platform.caseStore.listEvents(loser)).map((e) => e.action)).not.toContain('resident.information-added:email');
    const steps = (await desk.ledger()).filter((e) => e.messageId === id);
    expect(steps.map((e) => e.action)).toEqual(['inbound-mail.set-aside', 'inbound-mail.attached-to-case']);
    expect(steps[1]!.after.caseId).toBe(winner);
    expect(await keyOf(id)).toBe(`handled/reply/${winner}/${id}`);
  });

  it('adds a set-aside message to a case named by its reference, only among the estates the caller serves', async () => {
    const newCase = async (estateId: string) => {
      const created = await platform.post('/api/v1/complaints', aComplaint({ estateId }), { 'idempotency-key': `mail-desk-ref-${Math.random().toString(36).slice(2)}` });
      expect(created.status).toBe(201);
      return (await platform.caseStore.getCase(((await created.json()) as { id: string }).id))!;
    };
    const ours = await newCase('EST01');
    const theirs = await newCase('EST02');
    const from = unique('byreference');
    const id = await send(
      messageWithAttachment({ from, to: `est01@${domain}`, subject: `About ${ours.reference}`, body: 'The noise has started again.', attachment: disguisedExecutable(), fileName: 'noise.jpg', declaredType: 'image/jpeg' }),
      { from, to: [`est01@${domain}`] },
    );
    const attach = (body: Record<string, unknown>) => platform.post(`/api/v1/estates/EST01/set-aside-mail/${id}`, { action: 'attach', ...body }, as('cslead.est01'));
    const fieldsOf = async (response: Response) => ((await response.json()) as { error: { fields: Record<string, string> } }).error.fields;

    const unknown = await attach({ reference: 'EST01-1999-000001' });
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toHaveProperty('reference');
    // Another estate's case is as unknown as one that does not exist.
    const notServed = await attach({ reference: theirs.reference });
    expect(notServed.status).toBe(422);
    expect(await fieldsOf(notServed)).toHaveProperty('reference');
    const malformed = await attach({ reference: 'not a reference' });
    expect(malformed.status).toBe(422);
    expect(await fieldsOf(malformed)).toHaveProperty('reference');
    const both = await attach({ reference: ours.reference, caseId: ours.caseId });
    expect(both.status).toBe(422);
    expect((await platform.caseStore.getCase(theirs.caseId))!.residentAdditions ?? []).toEqual([]);
    expect((await listDesk('/api/v1/estates/EST01/set-aside-mail', 'cslead.est01')).messages.map((m) => m.messageId)).toContain(id);

    // As typed: lower case, spaces around.
    const attached = await attach({ reference: ` ${ours.reference.toLowerCase()} ` });
    expect(attached.status).toBe(200);
    expect(await attached.json()).toMatchObject({ caseId: ours.caseId, action: 'inbound-mail.attached-to-case' });
    expect((await platform.caseStore.getCase(ours.caseId))!.residentAdditions?.map((a) => a.text)).toEqual(['The noise has started again.']);
  });

  it('adds a set-aside message’s acceptable photo, cleaned, when staff file it', async () => {
    const from = unique('photo');
    const id = await send(messageWithAttachment({ from, to: `nobody@${domain}`, subject: 'Cracked tiles', body: 'The tiles in the lobby are cracked.', attachment: jpegWithLocation(), fileName: 'tiles.jpg', declaredType: 'image/jpeg' }), { from, to: [`nobody@${domain}`] });
    const filed = await platform.post(`/api/v1/set-aside-mail/${id}`, { action: 'file', estateId: 'EST02' }, as('hq.director'));
    expect(filed.status).toBe(200);
    const { caseId, filesLeftOut } = (await filed.json()) as { caseId: string; filesLeftOut: number };
    expect(filesLeftOut).toBe(0);
    expect((await platform.caseStore.getCase(caseId))!.files?.map((f) => f.name)).toEqual(['tiles.jpg']);
  });

  it('refuses set-aside mail, answering the sender only where that is safe, and only once', async () => {
    const victim = unique('victim');
    const forged = await send(
      plainMessage({ from: victim, to: `est01@${domain}`, subject: 'Complaint', body: 'Claims to come from someone it does not.', extraHeaders: ['Authentication-Results: amazonses.com; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net'] }),
      { from: victim, to: [`est01@${domain}`] },
    );
    const listed = (await listDesk('/api/v1/estates/EST01/set-aside-mail', 'manager.est01')).messages.find((m) => m.messageId === forged);
    expect(listed).toMatchObject({ reason: 'sender-not-authenticated', noticeAllowed: false });
    const unsafe = await platform.post(`/api/v1/estates/EST01/set-aside-mail/${forged}`, { action: 'refuse', notify: true }, as('manager.est01'));
    expect(unsafe.status).toBe(422);
    const refused = await platform.post(`/api/v1/estates/EST01/set-aside-mail/${forged}`, { action: 'refuse', notify: false }, as('manager.est01'));
    expect(refused.status).toBe(200);
    expect(await keyOf(forged)).toBe(`handled/refused/${forged}`);
    await platform.settle();
    expect((await platform.mailbox()).filter((m) => m.destination.to.includes(victim))).toEqual([]);

    const lost = unique('wrongaddress');
    const id = await send(plainMessage({ from: lost, to: `est99@${domain}`, subject: 'Noise', body: 'Noise at night from the club house.' }), { from: lost, to: [`est99@${domain}`] });
    const answered = await platform.post(`/api/v1/set-aside-mail/${id}`, { action: 'refuse', notify: true }, as('hq.director'));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ notice: true, action: 'inbound-mail.refused' });
    await platform.settle();
    // The notice sent at receipt and the one staff asked for are the same email.
    expect((await platform.mailbox()).filter((m) => m.destination.to.includes(lost))).toHaveLength(1);
    const ledger = await desk.ledger();
    expect(verifyMailDesk(ledger)).toBeUndefined();
    expect(ledger.filter((e) => e.action === 'inbound-mail.refused').map((e) => e.messageId)).toEqual(expect.arrayContaining([forged, id]));
  });
});

describe('raw messages of a case', () => {
  async function emailComplaint(subject: string): Promise<{ id: string; caseId: string; from: string }> {
    const from = unique('raw');
    const id = await send(plainMessage({ from, to: `est01@${domain}`, subject, body: `${subject}: it has been like this for a week.` }), { from, to: [`est01@${domain}`] });
    const key = await keyOf(id);
    const caseId = /^handled\/complaint\/([0-9A-Z]{26})\//.exec(key ?? '')?.[1];
    if (!caseId) throw new Error(`not filed as a complaint: ${key}`);
    return { id, caseId, from };
  }
  const index = () => new DynamoRawMessageIndex(DynamoDBDocumentClient.from(dynamo), platform.tableName);
  /** Moves a raw message back to where messages were filed before they were kept under their case, and forgets its index entry. */
  async function asFiledBefore(id: string, caseId: string): Promise<string> {
    const bucket = platform.inboundMail.bucket;
    const older = `handled/complaint/${id}`;
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: older, CopySource: `${bucket}/handled/complaint/${caseId}/${id}` }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `handled/complaint/${caseId}/${id}` }));
    await DynamoDBDocumentClient.from(dynamo).send(new DeleteCommand({ TableName: platform.tableName, Key: { pk: `CASE#${caseId}`, sk: `RAWMAIL#${id}` } }));
    return older;
  }
  const erase = (caseId: string) => platform.post('/api/v1/privacy/erasure', { caseIds: [caseId], reference: `RAW-${caseId.slice(-6)}` }, as('admin'));

  it('lists a case’s raw messages in its evidence pack', async () => {
    const { id, caseId } = await emailComplaint('Broken intercom');
    const pack = await platform.get(`/api/v1/cases/${caseId}/evidence`, as('compliance.auditor'));
    expect(pack.status).toBe(200);
    const body = (await pack.json()) as { inboundMessages: { name: string; objectKey: string; disposition: string }[] };
    expect(body.inboundMessages).toEqual([expect.objectContaining({ name: id, objectKey: `handled/complaint/${caseId}/${id}`, disposition: 'complaint' })]);
  });

  it('finds the case of messages filed before they were kept under it, and erasure then deletes them', async () => {
    const { id, caseId } = await emailComplaint('Dripping air conditioner');
    const older = await asFiledBefore(id, caseId);
    const result = await fileOlderRawMessages();
    expect(result.filed).toContainEqual({ name: id, caseId });
    expect(await keyOf(id)).toBe(`handled/complaint/${caseId}/${id}`);
    expect((await index().list(caseId)).map((r) => r.objectKey)).toEqual([`handled/complaint/${caseId}/${id}`]);
    expect(await keyOf(id)).not.toBe(older);
    expect((await erase(caseId)).status).toBe(200);
    expect(await keyOf(id)).toBeUndefined();
  });

  it('erasure deletes a raw message the index names wherever it is', async () => {
    const { id, caseId } = await emailComplaint('Flickering corridor light');
    const older = await asFiledBefore(id, caseId);
    await index().record(caseId, { name: id, objectKey: older, disposition: 'complaint', filedAt: new Date().toISOString() });
    expect((await erase(caseId)).status).toBe(200);
    expect(await keyOf(id)).toBeUndefined();
  });
});

describe('the mail-desk ledger in the audit verification', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const verify = async () => {
    const response = await platform.get(`/api/v1/audit/verify?estateId=EST01&from=${day(-30)}&to=${day(2)}`, as('compliance.auditor'));
    expect(response.status).toBe(200);
    return (await response.json()) as { ok: boolean; mailDesk?: { entries: number; entriesOfEstate: number }; problems: { problem: string; mailDeskSeq?: number }[] };
  };

  it('verifies the mail-desk ledger with the estate’s audit trail and finds a tampered entry', async () => {
    const from = unique('tamper');
    const id = await send(plainMessage({ from, to: `est01@${domain}`, subject: 'Tamper test', body: 'Forged.', extraHeaders: ['Authentication-Results: amazonses.com; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net'] }), { from, to: [`est01@${domain}`] });
    const before = await verify();
    expect(before.problems.filter((p) => p.problem.startsWith('mail-desk'))).toEqual([]);
    expect(before.mailDesk?.entries).toBe((await desk.ledger()).length);
    expect(before.mailDesk?.entriesOfEstate).toBeGreaterThanOrEqual(1);

    const entry = (await desk.ledger()).find((e) => e.messageId === id && e.action === 'inbound-mail.set-aside')!;
    const doc = DynamoDBDocumentClient.from(dynamo);
    const key = { pk: 'MAIL_DESK_LEDGER', sk: `ENTRY#${String(entry.seq).padStart(9, '0')}` };
    // Someone with table access rewrites where the message went.
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key, UpdateExpression: 'SET #after.#objectKey = :other', ExpressionAttributeNames: { '#after': 'after', '#objectKey': 'objectKey' }, ExpressionAttributeValues: { ':other': 'handled/refused/elsewhere' } }));
    try {
      const after = await verify();
      expect(after.ok).toBe(false);
      expect(after.problems).toContainEqual(expect.objectContaining({ problem: 'mail-desk-hash-mismatch', mailDeskSeq: entry.seq }));
    } finally {
      await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key, UpdateExpression: 'SET #after.#objectKey = :original', ExpressionAttributeNames: { '#after': 'after', '#objectKey': 'objectKey' }, ExpressionAttributeValues: { ':original': entry.after.objectKey } }));
    }
    expect((await verify()).problems.filter((p) => p.problem.startsWith('mail-desk'))).toEqual([]);
  });
  it('exports the mail-desk ledger to compliance with its verification; a changed copy fails `verify-mail-desk`', async () => {
    expect((await platform.get('/api/v1/audit/mail-desk-ledger', as('cslead.est01'))).status).toBe(403);
    const response = await platform.get('/api/v1/audit/mail-desk-ledger', as('compliance.auditor'));
    expect(response.status).toBe(200);
    const text = await response.text();
    const document = JSON.parse(text) as { kind: string; count: number; verification: { valid: boolean }; entries: { seq: number; after: { objectKey: string } }[] };
    expect(document).toMatchObject({ kind: 'mail-desk-ledger', count: (await desk.ledger()).length, verification: { valid: true } });
    // No sender addresses in it: ids, keys and masked facts only.
    expect(text).not.toMatch(/@example\.net/);
    expect(verifyMailDeskLedgerDocument(text).problems).toEqual([]);
    document.entries[0]!.after.objectKey = 'handled/refused/elsewhere';
    expect(verifyMailDeskLedgerDocument(JSON.stringify(document)).problems).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', seq: document.entries[0]!.seq }));
  });
});
