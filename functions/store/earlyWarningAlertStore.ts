/**
 * Early-warning alerts sent: `ALERT#EARLY#<estateId> / <category>#<window end>`, claimed (`sending`) before the
 * email goes and marked `sent` after; a refused one is removed for the next run. As the weekly report's
 * mailings: at most once (a run that stops between sending and recording does not send again).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const earlyWarningAlertKey = (estateId: string, alertId: string) => ({ pk: `ALERT#EARLY#${estateId}`, sk: alertId });

export class EarlyWarningAlertStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** False when this alert was already sent (or is being sent). */
  async claim(estateId: string, alertId: string, record: { sendingSince: string; count: number; caseIds: string[] }): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...earlyWarningAlertKey(estateId, alertId), type: 'early-warning-alert', estateId, alertId, status: 'sending', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordSent(estateId: string, alertId: string, sent: { sentAt: string; messageId: string }): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: earlyWarningAlertKey(estateId, alertId),
      UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, messageId = :messageId',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':sentAt': sent.sentAt, ':messageId': sent.messageId },
    }));
  }

  async release(estateId: string, alertId: string, sendingSince: string): Promise<void> {
    await this.doc.send(new DeleteCommand({
      TableName: this.tableName,
      Key: earlyWarningAlertKey(estateId, alertId),
      ConditionExpression: '#status = :sending AND sendingSince = :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':since': sendingSince },
    }));
  }
}
