/**
 * Complaints by email end to end on the local platform: each message of the
 * corpus (test/fixtures/inboundMailCorpus.ts) goes through the SMTP listener
 * (nodemailer as the sending client), is stored in the S3 emulator's
 * inbound-mail bucket and handled by `receiveInboundEmail`, and becomes the
 * right complaint, reply, attachment or refusal.
 */
import { ListObjectsV2Command, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createTransport, type Transporter } from 'nodemailer';
import piexif from 'piexifjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import {
  deliveryStatusNotification,
  disguisedExecutable,
  forwardedMessage,
  jpegWithLocation,
  legacyCharsetMessage,
  messageWithAttachment,
  messageWithInlinePhoto,
  newMessageId,
  outlookReply,
  outOfOffice,
  plainMessage,
} from '../fixtures/inboundMailCorpus';

let platform: TestPlatform;
let smtp: Transporter;
let s3: S3Client;
let domain: string;
const FLOOD_LIMIT = 3;

beforeAll(async () => {
  // Per-sender limit of the email channel is the per-address limit of web intake.
  platform = await startTestPlatform({ intakeLimits: { perIp: FLOOD_LIMIT, perEstate: 1_000_000 } });
  domain = platform.inboundMail.domain;
  smtp = createTransport({ host: '127.0.0.1', port: platform.ports.smtpPort, secure: false, ignoreTLS: true });
  s3 = new S3Client({ endpoint: platform.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  smtp?.close();
  s3?.destroy();
  await platform?.stop();
});

const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}@example.net`;

/** Sends a raw message through the SMTP listener; returns the id it was stored under, once it is handled. */
async function send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const info = await smtp.sendMail({ envelope, raw });
  const id = /queued as (\S+)/.exec(info.response)?.[1];
  if (!id) throw new Error(`unexpected SMTP answer: ${info.response}`);
  await platform.settle();
  return id;
}

/** Where the handler filed a message: handled/<disposition>/… or set-aside/<reason>/…; `incoming` if not yet. */
async function filedAs(id: string): Promise<string> {
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: platform.inboundMail.bucket }));
  const key = (listing.Contents ?? []).map((o) => o.Key!).find((k) => k.endsWith(`/${id}`));
  // Complaints and replies are filed under their case: handled/complaint/<case id>/<message>.
  return key ? key.slice(0, key.length - id.length - 1).replace(/^(handled\/(?:complaint|reply))\/[0-9A-Z]{26}$/, '$1') : 'missing';
}

async function emailsTo(address: string) {
  return (await platform.mailbox()).filter((m) => m.destination.to.includes(address)) as (Awaited<ReturnType<TestPlatform['mailbox']>>[number] & { replyTo: string[] })[];
}

async function caseOfAcknowledgement(address: string): Promise<ComplaintCase> {
  const [ack] = await emailsTo(address);
  const caseId = /\/track\/([0-9A-Z]{26})/.exec(ack?.body.text ?? '')?.[1];
  if (!caseId) throw new Error(`no acknowledgement with a tracking link to ${address}`);
  return (await platform.caseStore.getCase(caseId))!;
}

describe('complaints by email', () => {
  it('files a Big5 email to an estate address as a Traditional Chinese complaint and acknowledges it with the reference, the link and a reply address', async () => {
    const from = unique('chan');
    const id = await send(
      legacyCharsetMessage({ from, fromName: '陳大文', to: `est01@${domain}`, subject: '電梯故障', body: 'A座電梯已經壞了三天，請盡快維修。我住在12樓。', charset: 'big5' }),
      { from, to: [`est01@${domain}`] },
    );
    expect(await filedAs(id)).toBe('handled/complaint');
    const complaint = await caseOfAcknowledgement(from);
    expect(complaint).toMatchObject({ estateId: 'EST01', channel: 'email', language: 'zh-Hant', complainant: { name: '陳大文', email: from } });
    expect(complaint.description).toContain('A座電梯已經壞了三天');
    expect(complaint.description).toContain('電梯故障');
    const [ack] = await emailsTo(from);
    expect(ack!.subject).toContain(complaint.reference);
    expect(ack!.replyTo).toHaveLength(1);
    expect(ack!.replyTo[0]).toMatch(new RegExp(`^case\\+${complaint.caseId.toLowerCase()}\\.[0-9a-z]{16}@${domain.replace(/\./g, '\\.')}$`));
  });

  it('files a GB2312 email as a Simplified Chinese complaint, once however often it is delivered (same Message-ID)', async () => {
    const from = unique('li');
    const messageId = newMessageId();
    const raw = legacyCharsetMessage({ from, fromName: '李小明', to: `est01@${domain}`, subject: '垃圾没有清理', messageId, body: '楼下的垃圾已经三天没有人清理了，气味很大。', charset: 'gb2312' });
    await send(raw, { from, to: [`est01@${domain}`] });
    const second = await send(raw, { from, to: [`est01@${domain}`] });
    expect(await filedAs(second)).toBe('handled/complaint');
    const complaint = await caseOfAcknowledgement(from);
    expect(complaint.language).toBe('zh-Hans');
    expect(complaint.description).toContain('楼下的垃圾已经三天没有人清理了');
    expect(await emailsTo(from)).toHaveLength(1);
  });

  it('keeps an inline photo as a file of the case, without its GPS location', async () => {
    const from = unique('photo');
    const photo = jpegWithLocation();
    expect(Object.keys(piexif.load(photo.toString('binary')).GPS as object).length).toBeGreaterThan(0);
    const id = await send(messageWithInlinePhoto({ from, fromName: 'Mary Wong', to: `est01@${domain}`, subject: 'Water leaking from the ceiling', body: 'Water is leaking from the ceiling of the lobby, see the photo.', photo, photoName: 'IMG_2041.jpg' }), { from, to: [`est01@${domain}`] });
    expect(await filedAs(id)).toBe('handled/complaint');
    const complaint = await caseOfAcknowledgement(from);
    expect(complaint.language).toBe('en');
    expect(complaint.files).toHaveLength(1);
    expect(complaint.files![0]).toMatchObject({ name: 'IMG_2041.jpg', contentType: 'image/jpeg', source: 'email' });
    const stored = await s3.send(new GetObjectCommand({ Bucket: platform.inboundMail.caseFilesBucket, Key: complaint.files![0]!.objectKey }));
    const bytes = Buffer.from(await stored.Body!.transformToByteArray());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(Object.keys((piexif.load(bytes.toString('binary')).GPS ?? {}) as object)).toEqual([]);
    const events = await platform.caseStore.listEvents(complaint.caseId);
    expect(events.map((e) => e.action)).toContain('case.files-attached');
  });

  it('files forwarded mail with the forwarded text in the complaint', async () => {
    const from = unique('fwd');
    await send(
      forwardedMessage({ from, to: `est01@${domain}`, subject: 'Fwd: noise from the car park', note: 'Forwarding my neighbour’s note; the noise goes on every night.', original: { from: 'Neighbour <n@example.org>', subject: 'noise from the car park', body: 'Motorbikes race in the car park after midnight.' } }),
      { from, to: [`est01@${domain}`] },
    );
    const complaint = await caseOfAcknowledgement(from);
    expect(complaint.description).toContain('Motorbikes race in the car park after midnight.');
  });

  it('adds a reply to the case (by its reply address, and by In-Reply-To to the estate address), quoted history trimmed, as one audit event each', async () => {
    const from = unique('replier');
    await send(plainMessage({ from, fromName: 'Peter Ho', to: `est01@${domain}`, subject: 'Broken gate', body: 'The car park gate has not closed since Friday.' }), { from, to: [`est01@${domain}`] });
    const complaint = await caseOfAcknowledgement(from);
    const [ack] = await emailsTo(from);
    const replyTo = ack!.replyTo[0]!;
    const quoted = ack!.body.text!;

    const first = await send(outlookReply({ from, to: replyTo, subject: `RE: ${ack!.subject}`, inReplyTo: `${ack!.messageId}@email.amazonses.com`, newText: 'It is still open tonight; a stranger walked in at 10 pm.', quoted }), { from, to: [replyTo] });
    expect(await filedAs(first)).toBe('handled/reply');
    // Outlook answering the estate address instead: matched by the id of the email it answers.
    const second = await send(outlookReply({ from, to: `est01@${domain}`, subject: `RE: ${ack!.subject}`, inReplyTo: `${ack!.messageId}@email.amazonses.com`, newText: 'Now the barrier arm is broken too.', quoted }), { from, to: [`est01@${domain}`] });
    expect(await filedAs(second)).toBe('handled/reply');

    const updated = (await platform.caseStore.getCase(complaint.caseId))!;
    expect(updated.residentAdditions?.map((a) => a.text)).toEqual(['It is still open tonight; a stranger walked in at 10 pm.', 'Now the barrier arm is broken too.']);
    const events = await platform.caseStore.listEvents(complaint.caseId);
    const added = events.filter((e) => e.action === 'resident.information-added:email');
    expect(added).toHaveLength(2);
    // The text is personal data: digested in the chain like the rest, erasable.
    for (const event of added) {
      expect(event.personalDataDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(event.changes)).not.toContain('stranger');
      expect(event.public).toEqual({ kind: 'resident-added', params: { files: 0 } });
    }
  });

  it('does not add a reply that answers our email from someone other than the complainant', async () => {
    const from = unique('owner');
    await send(plainMessage({ from, to: `est01@${domain}`, subject: 'Lobby lights', body: 'The lobby lights flicker all night long.' }), { from, to: [`est01@${domain}`] });
    const complaint = await caseOfAcknowledgement(from);
    const [ack] = await emailsTo(from);
    const stranger = unique('stranger');
    const id = await send(outlookReply({ from: stranger, to: `est01@${domain}`, subject: `RE: ${ack!.subject}`, inReplyTo: `${ack!.messageId}@email.amazonses.com`, newText: 'I want to add something to this case.', quoted: 'x' }), { from: stranger, to: [`est01@${domain}`] });
    expect(await filedAs(id)).toBe('set-aside/reply-not-matched');
    expect((await platform.caseStore.getCase(complaint.caseId))!.residentAdditions).toBeUndefined();
  });

  it('a forged reply address (wrong MAC) reaches no case', async () => {
    const from = unique('forger');
    const id = await send(plainMessage({ from, to: `case+01jabcdefghjkmnpqrstvwxyz0.0000000000000000@${domain}`, subject: 'hello', body: 'Trying to write into a case I do not own.' }), { from, to: [`case+01jabcdefghjkmnpqrstvwxyz0.0000000000000000@${domain}`] });
    expect(await filedAs(id)).toBe('set-aside/unknown-address');
  });

  it('never files auto-replies, bounces or our own mail coming back, and answers none of them', async () => {
    const from = unique('ooo');
    const autoReply = await send(outOfOffice({ from, to: `est01@${domain}`, subject: 'Automatic reply: We have received your complaint' }), { from, to: [`est01@${domain}`] });
    const bounce = await send(deliveryStatusNotification({ to: `est01@${domain}`, failedRecipient: from }), { from: '', to: [`est01@${domain}`] });
    const loop = await send(plainMessage({ from: 'complaints@demo-group.example', to: `est01@${domain}`, subject: 'We have received your complaint', body: 'Thank you for telling us about your concern.', extraHeaders: ['X-Complaint-Platform: outbound'] }), { from: 'complaints@demo-group.example', to: [`est01@${domain}`] });
    expect(await filedAs(autoReply)).toBe('handled/ignored-auto-reply');
    expect(await filedAs(bounce)).toBe('handled/ignored-bounce');
    expect(await filedAs(loop)).toBe('handled/ignored-loop');
    expect(await emailsTo(from)).toEqual([]);
    expect(await emailsTo('complaints@demo-group.example')).toEqual([]);
  });

  it('marks our acknowledgement Auto-Submitted (RFC 3834); the same email coming back to a complaints address is not filed', async () => {
    const from = unique('autosubmitted');
    await send(plainMessage({ from, to: `est01@${domain}`, subject: 'Broken letterbox', body: 'The letterbox of my flat has been broken for two weeks.' }), { from, to: [`est01@${domain}`] });
    const [ack] = await emailsTo(from);
    expect(ack?.headers).toEqual(expect.arrayContaining([{ name: 'Auto-Submitted', value: 'auto-generated' }]));
    // A resident's mail rule forwards it, headers and all, from their own address (not ours) to the estate address.
    const returned = await send(
      plainMessage({ from, to: `est01@${domain}`, subject: ack!.subject, body: ack!.body.text ?? '', extraHeaders: ack!.headers!.map((h) => `${h.name}: ${h.value}`) }),
      { from, to: [`est01@${domain}`] },
    );
    expect(await filedAs(returned)).toMatch(/^handled\/ignored-/);
    expect(await emailsTo(from)).toHaveLength(1);
  });

  it('refuses a forged sender (DMARC fail, or our own domain in From) without answering the forged address', async () => {
    const victim = unique('victim');
    const forged = await send(
      plainMessage({ from: victim, to: `est01@${domain}`, subject: 'Complaint', body: 'This message claims to come from someone it does not.', extraHeaders: ['Authentication-Results: amazonses.com; spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net'] }),
      { from: victim, to: [`est01@${domain}`] },
    );
    expect(await filedAs(forged)).toBe('set-aside/sender-not-authenticated');
    const ownDomain = await send(plainMessage({ from: 'manager.est01@demo-group.example', to: `est01@${domain}`, subject: 'Complaint', body: 'A forged message in the name of our own staff.' }), { from: 'x@example.net', to: [`est01@${domain}`] });
    expect(await filedAs(ownDomain)).toBe('handled/ignored-loop');
    expect(await emailsTo(victim)).toEqual([]);
  });

  it('sets aside a message with a program disguised as a photo, or a photo over 10 MB, and tells the sender why', async () => {
    const from = unique('attach');
    const dangerous = await send(messageWithAttachment({ from, to: `est01@${domain}`, subject: 'Photo of the damage', body: 'Please see the attached photo of the damage.', attachment: disguisedExecutable(), fileName: 'damage.jpg', declaredType: 'image/jpeg' }), { from, to: [`est01@${domain}`] });
    expect(await filedAs(dangerous)).toBe('set-aside/file-dangerous');
    const big = Buffer.concat([jpegWithLocation(), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const oversized = await send(messageWithAttachment({ from, to: `est01@${domain}`, subject: 'Big photo', body: 'A very large photo of the damage.', attachment: big, fileName: 'big.jpg', declaredType: 'image/jpeg' }), { from, to: [`est01@${domain}`] });
    expect(await filedAs(oversized)).toBe('set-aside/file-too-large');
    const notices = await emailsTo(from);
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.body.text)).toEqual([expect.stringContaining('a program or a document with macros'), expect.stringContaining('larger than 10 MB')]);
    expect(notices[0]!.subject).toContain('We could not accept your email');
  });

  it('answers mail to an address that is no estate, and refuses other domains at RCPT', async () => {
    const from = unique('lost');
    const id = await send(plainMessage({ from, to: `est99@${domain}`, subject: 'Complaint', body: 'Nobody cleans the stairs of our block.' }), { from, to: [`est99@${domain}`] });
    expect(await filedAs(id)).toBe('set-aside/unknown-address');
    expect((await emailsTo(from))[0]!.body.text).toContain('not sent to the complaints address of one of our estates');
    await expect(smtp.sendMail({ envelope: { from, to: ['someone@elsewhere.example'] }, raw: plainMessage({ from, to: 'someone@elsewhere.example', subject: 'x', body: 'y' }) })).rejects.toThrow(/550/);
  });

  it('limits a sender flooding an estate address like web intake, and sets the excess aside unanswered', async () => {
    const from = unique('flood');
    const ids: string[] = [];
    for (let i = 0; i < FLOOD_LIMIT + 1; i += 1) {
      ids.push(await send(plainMessage({ from, to: `est02@${domain}`, subject: `Complaint ${i}`, body: `Complaint number ${i} about the same broken lift.` }), { from, to: [`est02@${domain}`] }));
    }
    const filed = await Promise.all(ids.map(filedAs));
    expect(filed.slice(0, FLOOD_LIMIT)).toEqual(Array(FLOOD_LIMIT).fill('handled/complaint'));
    expect(filed[FLOOD_LIMIT]).toBe('set-aside/rate-limited');
    expect(await emailsTo(from)).toHaveLength(FLOOD_LIMIT);
  });
});

describe('erasure of a complaint made by email', () => {
  it('deletes its raw messages and its photos from storage and records how many', async () => {
    const from = unique('erase');
    const id = await send(
      messageWithInlinePhoto({ from, to: `est01@${domain}`, subject: 'Broken gate', body: 'The car park gate is broken; photo attached.', photo: jpegWithLocation(), photoName: 'gate.jpg' }),
      { from, to: [`est01@${domain}`] },
    );
    const complaint = await caseOfAcknowledgement(from);
    const keys = async (bucket: string, prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
    expect(await keys(platform.inboundMail.bucket, `handled/complaint/${complaint.caseId}/`)).toEqual([`handled/complaint/${complaint.caseId}/${id}`]);
    expect(await keys(platform.inboundMail.caseFilesBucket, `cases/${complaint.caseId}/`)).toHaveLength(1);

    const { demoUsers } = await import('../../infra/local/demoGroup');
    const admin = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'admin')!);
    const response = await platform.post('/api/v1/privacy/erasure', { caseIds: [complaint.caseId], reference: 'DSAR-2026-0101' }, { authorization: `Bearer ${admin}` });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await keys(platform.inboundMail.bucket, `handled/complaint/${complaint.caseId}/`)).toEqual([]);
    expect(await keys(platform.inboundMail.caseFilesBucket, `cases/${complaint.caseId}/`)).toEqual([]);
    const erased = (await platform.caseStore.getCase(complaint.caseId))!;
    expect(erased.erasure?.objectsDeleted).toEqual({ files: 1, messages: 1 });
    const event = (await platform.caseStore.listEvents(complaint.caseId)).find((e) => e.action === 'personal-data.erased')!;
    expect(JSON.stringify(event.changes)).toContain('objectsDeleted');
  });
});
