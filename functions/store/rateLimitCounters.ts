/**
 * Fixed-window counters for rate limits, in the case table. One item per
 * (rule, subject, window): pk `RATE#<scope>#<subject>`, sk `WINDOW#<start>`,
 * expiring (TTL) shortly after the window ends. One conditional UpdateItem per
 * check: it increments the count only while it is below the limit, so
 * concurrent Lambdas never let more through than the limit.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { currentWindow, type RateCounter, type RateDecision, type RateLimitRule } from '../domain/rateLimit';

export const rateWindowKey = (scope: string, subject: string, windowStart: number) => ({ pk: `RATE#${scope}#${subject}`, sk: `WINDOW#${windowStart}` });

/** Counters outlive their window by this much, so a clock skew between containers cannot reset one early. */
const EXPIRY_GRACE_SECONDS = 120;

export class DynamoRateCounter implements RateCounter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(rule: RateLimitRule, subject: string, now: Date): Promise<RateDecision> {
    const window = currentWindow(now.getTime(), rule.windowSeconds);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateWindowKey(rule.scope, subject, window.start),
          UpdateExpression: 'ADD #count :one SET #type = :type, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':type': 'rate-window', ':expiresAt': window.start + rule.windowSeconds + EXPIRY_GRACE_SECONDS },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        return { allowed: false, retryAfterSeconds: window.secondsLeft, rule };
      }
      throw error;
    }
  }
}
