/**
 * The evidence pack's anchor proof on a large history, against DynamoDB Local: 2,500 cases of one estate anchored
 * 10 times (three chunks of heads per anchor). Finding a case's anchored head takes two requests (the chunk's end
 * marker, then the chunk) whatever the history; a case received since the last anchor reads no anchor at all; an
 * anchor stored without end markers (before they existed) is still read, bounded by that one anchor.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anchorEstate, HEADS_PER_CHUNK } from '../../functions/domain/estateAnchoring';
import { anchorProofFor } from '../../functions/domain/evidencePack';
import type { LedgerEntry } from '../../functions/domain/estateLedger';
import { indexKeys } from '../../functions/store/indexKeys';
import { RecordsStore } from '../../functions/store/recordsStore';
import { ensureCaseTable } from '../../infra/local/caseTable';
import { aStoredCase } from '../support/caseFixtures';

const endpoint = inject('dynamoDbEndpoint');
const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const tableName = `EvidenceAnchors_${randomBytes(6).toString('hex')}`;
const records = new RecordsStore(doc, tableName);
const ESTATE = 'EST09';
const CASES = 2 * HEADS_PER_CHUNK + 500;
const ANCHORS = 10;

/** Requests the document client sent, by command. */
const sent: string[] = [];
doc.middlewareStack.add((next, context) => async (args) => {
  sent.push(String(context.commandName));
  return next(args);
}, { step: 'initialize', name: 'countRequests' });

const caseIdOf = (i: number) => `01K${String(i).padStart(23, '0')}`;
const receivedAtOf = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
let ledger: LedgerEntry[] = [];

beforeAll(async () => {
  await ensureCaseTable(client, tableName);
  // The case items as the estate index sees them (only what the anchor projects).
  for (let start = 0; start < CASES; start += 25) {
    const items = Array.from({ length: Math.min(25, CASES - start) }, (_, k) => {
      const i = start + k;
      return { PutRequest: { Item: { pk: `CASE#${caseIdOf(i)}`, sk: 'CASE', type: 'case', caseId: caseIdOf(i), eventSeq: 1, headHash: 'a'.repeat(64), receivedAt: receivedAtOf(i), gsi1pk: indexKeys.estate(ESTATE), gsi1sk: `${receivedAtOf(i)}#${caseIdOf(i)}` } } };
    });
    await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } }));
  }
  // A year of anchors, each after one case moved on.
  for (let day = 0; day < ANCHORS; day += 1) {
    await doc.send(new UpdateCommand({ TableName: tableName, Key: { pk: `CASE#${caseIdOf(day)}`, sk: 'CASE' }, UpdateExpression: 'SET eventSeq = :s, headHash = :h', ExpressionAttributeValues: { ':s': 2, ':h': String(day % 10).repeat(64) } }));
    const at = new Date(Date.UTC(2025, 6, 1) + day * 86_400_000 + 66_600_000).toISOString();
    expect(await anchorEstate(records.anchoringPorts(), ESTATE, { now: at, requestId: `anchor-${day}` })).toBe('anchored');
  }
  ledger = await records.ledger(ESTATE);
}, 300_000);

afterAll(() => client.destroy());

const noPublishedCopies = { readPublishedAnchor: async () => ({ found: false as const }) };

describe('the anchored head of a case', () => {
  it.each([
    ['the first case of the estate', 0],
    ['a case at the end of the first chunk', HEADS_PER_CHUNK - 1],
    ['a case at the start of the second chunk', HEADS_PER_CHUNK],
    ['the last case of the estate', CASES - 1],
  ])('of %s is found in the newest anchor in two requests, at its position', async (_name, i) => {
    const newest = ledger.at(-1)!;
    sent.length = 0;
    const found = await records.anchoredHead(newest, { caseId: caseIdOf(i), receivedAt: receivedAtOf(i) });
    expect(sent).toEqual(['QueryCommand', 'GetItemCommand']);
    expect(found).toEqual({ head: { caseId: caseIdOf(i), seq: i < ANCHORS ? 2 : 1, hash: i < ANCHORS ? String(i % 10).repeat(64) : 'a'.repeat(64) }, position: i + 1 });
  });

  it('for the evidence pack reads only the newest anchor (two requests), however many anchors the ledger holds', async () => {
    expect(ledger.filter((e) => e.action === 'anchor')).toHaveLength(ANCHORS);
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: receivedAtOf(1200), estateId: ESTATE });
    const anchored = { ...complaintCase, caseId: caseIdOf(1200) };
    sent.length = 0;
    const proof = await anchorProofFor(anchored, [{ ...firstEvent, hash: 'a'.repeat(64) }], ledger, { anchoredHead: (a, c) => records.anchoredHead(a, c), publishedAnchors: noPublishedCopies });
    expect(sent).toEqual(['QueryCommand', 'GetItemCommand']);
    expect(proof).toMatchObject({ ledgerSeq: ANCHORS, positionInAnchor: 1201, headStillInChain: true });
  });

  it('for a case received since the last anchor reads nothing', async () => {
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: '2026-12-01T00:00:00.000Z', estateId: ESTATE });
    sent.length = 0;
    expect(await anchorProofFor(complaintCase, [firstEvent], ledger, { anchoredHead: (a, c) => records.anchoredHead(a, c), publishedAnchors: noPublishedCopies })).toBeNull();
    expect(sent).toEqual([]);
  });

  it('is still found in an anchor stored without chunk end markers, reading that anchor alone', async () => {
    const oldest = ledger[0]!;
    const markers = await doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `ESTATE#${ESTATE}`, ':p': `ANCHOR_CHUNK#${String(oldest.seq).padStart(9, '0')}#` } }));
    expect(markers.Items).toHaveLength(3);
    for (const marker of markers.Items!) await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: marker.pk, sk: marker.sk } }));

    sent.length = 0;
    const found = await records.anchoredHead(oldest, { caseId: caseIdOf(CASES - 1), receivedAt: receivedAtOf(CASES - 1) });
    expect(found?.position).toBe(CASES);
    // The marker query finds the next anchor's marker, which is past this anchor's chunks: the fallback reads this anchor only.
    expect(sent.filter((c) => c === 'QueryCommand').length).toBeLessThanOrEqual(1 + 3);
  });
});
