/**
 * The weekly reports' sources and archive. Sources: an estate's cases received in a period
 * (`byEstateReceived`, a key range) and its open cases (`byEstateStatus`, one partition per open status).
 * Archive: `REPORT#WEEKLY#<estateId> / <week>` (`2026-W41`), written once (the first compilation of a week
 * is the report people were sent; a later request reads it back).
 */
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ComplaintCase } from '../domain/complaintCase';
import type { WeeklyReport } from '../domain/insight/weeklyReport';
import { CASE_STATUSES } from '../domain/vocabulary';
import { stripKeys } from './dynamoCaseStore';
import { indexKeys } from './indexKeys';
import { queryItems } from './queryItems';

export const weeklyReportKey = (estateId: string, week: string) => ({ pk: `REPORT#WEEKLY#${estateId}`, sk: week });
/** One mailing of a week's report (one language): `sending`, then `sent`; a refused one is removed so a later run tries again. */
export const weeklyReportMailingKey = (estateId: string, week: string, language: string) => ({ pk: `REPORT#WEEKLY#${estateId}`, sk: `${week}#EMAIL#${language}` });

export interface WeeklyReportMailingRecord {
  estateId: string;
  week: string;
  language: string;
  status: 'sending' | 'sent';
  sendingSince: string;
  /** How many addresses it went to (the addresses themselves are personal data and not kept here). */
  recipients: number;
  sentAt?: string;
  messageId?: string;
}

export class WeeklyReportStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async casesReceived(estateId: string, from: string, to: string): Promise<ComplaintCase[]> {
    const cases: ComplaintCase[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'byEstateReceived',
      // Sort keys are `<receivedAt>#<caseId>`: `from` sorts before any key of that instant, `to` before any key at `to`.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': indexKeys.estate(estateId), ':from': from, ':to': to },
    });
    for await (const item of items) if (item.type === 'case' && (item.receivedAt as string) < to) cases.push(stripKeys(item) as unknown as ComplaintCase);
    return cases;
  }

  async openCases(estateId: string): Promise<ComplaintCase[]> {
    const cases: ComplaintCase[] = [];
    for (const status of CASE_STATUSES.filter((s) => s !== 'closed')) {
      const items = queryItems(this.doc, { TableName: this.tableName, IndexName: 'byEstateStatus', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': indexKeys.estateStatus(estateId, status) } });
      for await (const item of items) if (item.type === 'case') cases.push(stripKeys(item) as unknown as ComplaintCase);
    }
    return cases;
  }

  async get(estateId: string, week: string): Promise<WeeklyReport | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: weeklyReportKey(estateId, week), ConsistentRead: true }));
    return Item ? (Item.report as WeeklyReport) : undefined;
  }

  /** Archives the report unless the week already has one; returns the archived one either way. */
  async archive(report: WeeklyReport): Promise<WeeklyReport> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...weeklyReportKey(report.estateId, report.week), type: 'weekly-report', estateId: report.estateId, week: report.week, generatedAt: report.generatedAt, report },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return report;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return (await this.get(report.estateId, report.week))!;
      throw error;
    }
  }

  /**
   * Claims a mailing before it is sent: false when it was already sent, or is being sent (or was, by a run that
   * stopped before recording it: at most once, such a mailing is left for a person rather than sent twice).
   */
  async claimMailing(record: Omit<WeeklyReportMailingRecord, 'status' | 'sentAt' | 'messageId'>): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...weeklyReportMailingKey(record.estateId, record.week, record.language), type: 'weekly-report-mailing', ...record, status: 'sending' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordMailingSent(estateId: string, week: string, language: string, sent: { sentAt: string; messageId: string }): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: weeklyReportMailingKey(estateId, week, language),
      UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, messageId = :messageId',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':sentAt': sent.sentAt, ':messageId': sent.messageId },
    }));
  }

  /** The mail service refused it (nothing went out): the claim is given back, for the next run. */
  async releaseMailing(estateId: string, week: string, language: string, sendingSince: string): Promise<void> {
    await this.doc.send(new DeleteCommand({
      TableName: this.tableName,
      Key: weeklyReportMailingKey(estateId, week, language),
      ConditionExpression: '#status = :sending AND sendingSince = :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':since': sendingSince },
    }));
  }

  async mailings(estateId: string, week: string): Promise<WeeklyReportMailingRecord[]> {
    const records: WeeklyReportMailingRecord[] = [];
    for await (const item of queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': weeklyReportKey(estateId, week).pk, ':prefix': `${week}#EMAIL#` },
      ConsistentRead: true,
    })) records.push(stripKeys(item) as unknown as WeeklyReportMailingRecord);
    return records;
  }
}
