/**
 * Bench baseline, not deployed: the smallest useful DynamoDB handler. It
 * imports only the two clients every case-store handler needs and creates
 * them on first use, as functions/platform/clients.ts does. Each platform
 * handler's bundle size and module-load time are reported relative to this.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let doc: DynamoDBDocumentClient | undefined;

export const handler = async (): Promise<{ statusCode: number; body: string }> => {
  doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return { statusCode: 200, body: JSON.stringify({ region: await doc.config.region() }) };
};
