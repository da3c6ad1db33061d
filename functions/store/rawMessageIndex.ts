/**
 * The raw inbound messages of a case (docs/EMAIL_INTAKE.md, "Raw messages of a case"): one item per message in
 * the case's partition (`CASE#<id>` / `RAWMAIL#<name>`) naming where the message is in the inbound-mail bucket.
 * Written before the message is moved there (a put of the same item again changes nothing); read by the evidence
 * pack and by erasure and the retention purge, which delete what the items name wherever it is (older messages
 * were filed without their case: `npm run mail -- file-older` finds their case and indexes them).
 * Only keys and times: no personal data.
 */
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';
import { queryPrefix } from './queryItems';

export interface RawMessageRecord {
  /** The message's name in the bucket (the SES message id). */
  name: string;
  objectKey: string;
  /** A new complaint, or the resident's reply added to the case. */
  disposition: 'complaint' | 'reply';
  filedAt: string;
}

export class DynamoRawMessageIndex {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(caseId: string, message: RawMessageRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: keys.casePartition(caseId), sk: `RAWMAIL#${message.name}`, type: 'inbound-raw-message', caseId, ...message } }));
  }

  async list(caseId: string): Promise<RawMessageRecord[]> {
    const found: RawMessageRecord[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, keys.casePartition(caseId), 'RAWMAIL#', { consistentRead: true })) {
      found.push({ name: String(item.name), objectKey: String(item.objectKey), disposition: item.disposition as RawMessageRecord['disposition'], filedAt: String(item.filedAt) });
    }
    return found.sort((a, b) => a.filedAt.localeCompare(b.filedAt) || a.name.localeCompare(b.name));
  }
}
