/**
 * Raw messages filed before they were kept under their case (`handled/complaint/<message>` rather than
 * `handled/complaint/<case>/<message>`): each is read, its sender's cases found through the contact index
 * (`byContact`), and the one it became recognised by its text (the complaint's description is the
 * message's subject and body, as receiveInboundEmail built it; failing that, the sender's only case by
 * email). Found: indexed under the case and moved there, so the evidence pack lists it and erasure deletes
 * it. Not found: left where it is (the 90-day rule of `handled/` removes it) and reported.
 * `npm run mail -- file-older` runs it against the configured table and bucket.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { complaintText } from '../domain/inboundMail/receiveInboundEmail';
import { RecordsStore } from '../store/recordsStore';
import { getCaseStore, getDocumentClient } from './clients';
import { inboundMailBucket, readConfig } from './config';
import { indexRawMessage, readInboundMessage } from './mailDesk';
import { getS3Client, moveObject } from './mailStorage';

const OLDER = /^handled\/complaint\/([^/]+)$/;

export async function fileOlderRawMessages(): Promise<{ filed: { name: string; caseId: string }[]; unmatched: string[] }> {
  const bucket = inboundMailBucket();
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const store = getCaseStore();
  const filed: { name: string; caseId: string }[] = [];
  const unmatched: string[] = [];
  let token: string | undefined;
  do {
    const page = await getS3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'handled/complaint/', ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) {
      const name = OLDER.exec(object.Key ?? '')?.[1];
      if (!name) continue;
      const message = await readInboundMessage(bucket, object.Key!);
      const from = message.from?.address;
      const cases = from ? (await Promise.all((await records.caseIdsByContact(from)).map((id) => store.getCase(id)))).filter((c) => c?.channel === 'email') : [];
      const text = complaintText(message);
      const found = cases.find((c) => c!.description === text) ?? (cases.length === 1 ? cases[0] : undefined);
      if (!found) {
        unmatched.push(name);
        continue;
      }
      const objectKey = `handled/complaint/${found.caseId}/${name}`;
      await indexRawMessage(found.caseId, name, objectKey, 'complaint');
      await moveObject(bucket, object.Key!, objectKey);
      filed.push({ name, caseId: found.caseId });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { filed, unmatched };
}
