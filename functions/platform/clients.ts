/**
 * AWS SDK clients, created once per Lambda container (or local runtime process).
 * Lazy so that a handler only pays for the clients it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../store/dynamoCaseStore';
import { readConfig } from './config';

let caseStore: DynamoCaseStore | undefined;

export function getCaseStore(): DynamoCaseStore {
  caseStore ??= new DynamoCaseStore(
    DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    readConfig().tableName,
  );
  return caseStore;
}
