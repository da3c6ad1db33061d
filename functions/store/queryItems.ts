/** Every item a DynamoDB Query matches, page after page, as they arrive (constant memory for the caller who streams). */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export async function* queryItems(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    for (const item of page.Items ?? []) yield item;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/**
 * Every item of partition `pk` whose sort key starts with `prefix` (the table's one-partition-per-thing layout,
 * docs/DATA_MODEL.md), page after page. `consistentRead` for reads that must see the caller's own last write.
 */
export function queryPrefix(
  doc: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
  options: { consistentRead?: boolean; filter?: string; projection?: string } = {},
): AsyncGenerator<Record<string, unknown>> {
  return queryItems(doc, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ...(options.filter ? { FilterExpression: options.filter } : {}),
    ...(options.projection ? { ProjectionExpression: options.projection } : {}),
    ...(options.consistentRead ? { ConsistentRead: true } : {}),
  });
}
