/**
 * Fixed-window counters for rate limits, in the case table. One item per
 * (rule, subject, window): pk `RATE#<scope>#<subject>`, sk `WINDOW#<start>`,
 * expiring (TTL) shortly after the window ends. One conditional UpdateItem per
 * check: it increments the count only while it is below the limit, so
 * concurrent Lambdas never let more through than the limit.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { currentWindow, type RateCharge, type RateCounter, type RateDecision, type RateLimitRule, type RateWindow } from '../domain/rateLimit';

export const rateWindowKey = (scope: string, subject: string, windowStart: number) => ({ pk: `RATE#${scope}#${subject}`, sk: `WINDOW#${windowStart}` });

/** Counters outlive their window by this much, so a clock skew between containers cannot reset one early. */
const EXPIRY_GRACE_SECONDS = 120;

export class DynamoRateCounter implements RateCounter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(rule: RateLimitRule, subject: string, now: Date): Promise<RateDecision> {
    const { update, window } = rateChargeUpdate(this.tableName, { rule, subject }, now);
    try {
      await this.doc.send(new UpdateCommand(update));
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        return { allowed: false, retryAfterSeconds: window.secondsLeft, rule };
      }
      throw error;
    }
  }
}

/**
 * The conditional increment of one charge, as an UpdateItem or a transaction's Update: it counts
 * the request only while the window's count is below the limit.
 */
export function rateChargeUpdate(tableName: string, charge: RateCharge, now: Date): { update: { TableName: string; Key: Record<string, string>; UpdateExpression: string; ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> }; window: RateWindow } {
  const { rule, subject } = charge;
  const window = currentWindow(now.getTime(), rule.windowSeconds);
  return {
    window,
    update: {
      TableName: tableName,
      Key: rateWindowKey(rule.scope, subject, window.start),
      UpdateExpression: 'ADD #count :one SET #type = :type, expiresAt = :expiresAt',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':type': 'rate-window', ':expiresAt': window.start + rule.windowSeconds + EXPIRY_GRACE_SECONDS },
    },
  };
}
