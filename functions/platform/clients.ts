/**
 * AWS SDK clients, created once per Lambda container (or local runtime process).
 * Lazy so that a handler only pays for the clients it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { seedGroupSettings } from '../domain/groupSettings';
import { DynamoCaseStore } from '../store/dynamoCaseStore';
import { DynamoEmailOutbox } from '../store/emailOutbox';
import { DynamoRateCounter } from '../store/rateLimitCounters';
import { outboxPolicy } from '../domain/notifications/outbox';
import { readConfig } from './config';
import { platformNow } from './clock';

let caseStore: DynamoCaseStore | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let rateCounter: DynamoRateCounter | undefined;
let emailOutbox: DynamoEmailOutbox | undefined;

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return documentClient;
}

export function getCaseStore(): DynamoCaseStore {
  caseStore ??= new DynamoCaseStore(getDocumentClient(), readConfig().tableName, seedGroupSettings(process.env.GROUP_SETTINGS));
  return caseStore;
}

/** Rate-limit counters, in the case table. */
export function getRateCounter(): DynamoRateCounter {
  rateCounter ??= new DynamoRateCounter(getDocumentClient(), readConfig().tableName);
  return rateCounter;
}

/** The email outbox's state changes (the sender and the sweep); queuing goes through the case store. */
export function getEmailOutbox(): DynamoEmailOutbox {
  emailOutbox ??= new DynamoEmailOutbox(getDocumentClient(), readConfig().tableName);
  return emailOutbox;
}

/**
 * What every lifecycle step needs: the case store, the platform's clock, the group settings and the public address for links. No email
 * sender: steps queue email in the case table's outbox, and only `sendQueuedEmails` talks to SES.
 */
export function stepDependencies() {
  return { store: getCaseStore(), now: platformNow, publicBaseUrl: readConfig().publicBaseUrl, outboxPolicy: outboxPolicy(process.env.EMAIL_OUTBOX) };
}
