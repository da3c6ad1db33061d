/**
 * Residents' files from the tracking page against the S3 emulator: upload
 * links are presigned POSTs limited by content-length-range; each upload is
 * checked by its content when it is added to the case (type and size: the
 * emulator does not enforce POST policies, the check after upload does);
 * images lose their location; staff download through presigned GET links.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import piexif from 'piexifjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { disguisedExecutable, jpegWithLocation } from '../fixtures/inboundMailCorpus';

let platform: TestPlatform;
let s3: S3Client;
let caseId: string;
let token: string;
let staffToken: string;

interface Slot { uploadId: string; url: string; fields: Record<string, string>; maxBytes: number }

beforeAll(async () => {
  platform = await startTestPlatform();
  s3 = new S3Client({ endpoint: platform.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const response = await platform.post('/api/v1/complaints', aComplaint());
  const created = (await response.json()) as { id: string; trackingUrl: string };
  caseId = created.id;
  token = new URL(created.trackingUrl).searchParams.get('token')!;
  const { demoUsers } = await import('../../infra/local/demoGroup');
  staffToken = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
});

afterAll(async () => {
  s3?.destroy();
  await platform?.stop();
});

async function slots(count: number): Promise<Slot[]> {
  const response = await platform.post(`/api/v1/complaints/${caseId}/uploads?token=${token}`, { count });
  expect(response.status).toBe(201);
  return ((await response.json()) as { uploads: Slot[] }).uploads;
}

/** What the browser does: a multipart form POST straight to S3, the file last. */
async function upload(slot: Slot, content: Buffer, name: string): Promise<number> {
  const form = new FormData();
  for (const [field, value] of Object.entries(slot.fields)) form.append(field, value);
  form.append('file', new Blob([content]), name);
  const response = await fetch(slot.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

const add = (body: unknown) => platform.post(`/api/v1/complaints/${caseId}/additions?token=${token}`, body);

describe('uploads from the tracking page', () => {
  it('hands out presigned POSTs limited to 10 MB, at most 5 at a time, only with the tracking token', async () => {
    const [slot] = await slots(1);
    expect(slot!.url.startsWith(platform.s3Endpoint)).toBe(true);
    expect(slot!.fields.key).toBe(`uploads/${caseId}/${slot!.uploadId}`);
    const policy = JSON.parse(Buffer.from(slot!.fields.Policy!, 'base64').toString('utf8')) as { conditions: unknown[]; expiration: string };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect((await platform.post(`/api/v1/complaints/${caseId}/uploads?token=${token}`, { count: 6 })).status).toBe(422);
    expect((await platform.post(`/api/v1/complaints/${caseId}/uploads?token=${'x'.repeat(43)}`, { count: 1 })).status).toBe(404);
  });

  it('refuses the whole addition when one file is a program in disguise, storing nothing', async () => {
    const [photoSlot, programSlot] = await slots(2);
    expect(await upload(photoSlot!, jpegWithLocation(), 'lobby.jpg')).toBeLessThan(300);
    expect(await upload(programSlot!, disguisedExecutable(), 'receipt.jpg')).toBeLessThan(300);
    const response = await add({ text: 'Two photos of the damage.', uploads: [{ uploadId: photoSlot!.uploadId, name: 'lobby.jpg' }, { uploadId: programSlot!.uploadId, name: 'receipt.jpg' }] });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields['uploads[1]']).toContain('program');
    expect((await platform.caseStore.getCase(caseId))!.files).toBeUndefined();
  });

  it('refuses a file over 10 MB that reached the bucket (the emulator does not enforce the POST policy; the check after upload does)', async () => {
    const [slot] = await slots(1);
    expect(await upload(slot!, Buffer.concat([jpegWithLocation(), Buffer.alloc(10 * 1024 * 1024)]), 'huge.jpg')).toBeLessThan(300);
    const response = await add({ uploads: [{ uploadId: slot!.uploadId, name: 'huge.jpg' }] });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields['uploads[0]']).toContain('larger than 10 MB');
  });

  it('refuses an upload id that was never uploaded, and an empty addition', async () => {
    const [slot] = await slots(1);
    expect((await add({ uploads: [{ uploadId: slot!.uploadId, name: 'never.jpg' }] })).status).toBe(422);
    expect((await add({ text: '   ' })).status).toBe(422);
  });

  it('adds a photo, without its location, with the text, once however often the request is repeated; staff download it by a presigned link', async () => {
    const [slot] = await slots(1);
    expect(await upload(slot!, jpegWithLocation(), 'ceiling.jpg')).toBeLessThan(300);
    const request = { text: 'The leak is worse after last night’s rain.', uploads: [{ uploadId: slot!.uploadId, name: 'ceiling.jpg' }] };
    const first = await add(request);
    expect(first.status).toBe(201);
    expect((await add(request)).status).toBe(201);
    const stored = (await platform.caseStore.getCase(caseId))!;
    expect(stored.files).toHaveLength(1);
    expect(stored.files![0]).toMatchObject({ name: 'ceiling.jpg', contentType: 'image/jpeg', source: 'tracking-page' });
    expect(stored.residentAdditions).toEqual([expect.objectContaining({ source: 'tracking-page', text: request.text, fileIds: [stored.files![0]!.fileId] })]);
    const object = await s3.send(new GetObjectCommand({ Bucket: platform.inboundMail.caseFilesBucket, Key: stored.files![0]!.objectKey }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(Object.keys(piexif.load(bytes.toString('binary')).GPS ?? {})).toEqual([]);

    const link = await platform.get(`/api/v1/cases/${caseId}/files/${stored.files![0]!.fileId}`, { authorization: `Bearer ${staffToken}` });
    expect(link.status).toBe(200);
    const { url, contentType } = (await link.json()) as { url: string; contentType: string };
    expect(contentType).toBe('image/jpeg');
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    // The case view staff read carries the files and what the resident added.
    const view = (await (await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${staffToken}` })).json()) as { files: unknown[]; residentAdditions: unknown[] };
    expect(view.files).toHaveLength(1);
    expect(view.residentAdditions).toHaveLength(1);
  });
});
