/**
 * AWS SDK clients, created once per Lambda container (or local runtime process).
 * Lazy so that a handler only pays for the clients it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../store/dynamoCaseStore';
import { DynamoRateCounter } from '../store/rateLimitCounters';
import { readConfig } from './config';
import { sesEmailSender } from './email';

let caseStore: DynamoCaseStore | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let rateCounter: DynamoRateCounter | undefined;

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return documentClient;
}

export function getCaseStore(): DynamoCaseStore {
  caseStore ??= new DynamoCaseStore(getDocumentClient(), readConfig().tableName);
  return caseStore;
}

/** Rate-limit counters, in the case table. */
export function getRateCounter(): DynamoRateCounter {
  rateCounter ??= new DynamoRateCounter(getDocumentClient(), readConfig().tableName);
  return rateCounter;
}

/** What every lifecycle step needs: the case store, email, the clock and the public address for links. */
export function stepDependencies() {
  return { store: getCaseStore(), email: sesEmailSender, now: () => new Date(), publicBaseUrl: readConfig().publicBaseUrl };
}
