/**
 * The cases with a reference (`EST01-2026-000123`), through the byReference index (gsi9pk = REFERENCE#<reference>,
 * gsi9sk = <receivedAt>#<caseId>). A reference names one case; the index is eventually consistent, so callers read
 * each case found again (consistent) before acting on it.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexKeys } from './indexKeys';

export async function caseIdsWithReference(doc: DynamoDBDocumentClient, tableName: string, reference: string): Promise<string[]> {
  const result = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'byReference',
      KeyConditionExpression: 'gsi9pk = :reference',
      ExpressionAttributeValues: { ':reference': indexKeys.reference(reference) },
      ProjectionExpression: 'caseId',
      Limit: 10,
    }),
  );
  return (result.Items ?? []).map((item) => String(item.caseId));
}
