/**
 * Creates the case table in DynamoDB Local from the same design the CDK stack
 * deploys (functions/store/tableDesign.ts), and adds any index a newer design
 * introduced to a table created by an older version (and its stream).
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { caseTableDesign } from '../../functions/store/tableDesign';

export async function ensureCaseTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'updated' | 'unchanged'> {
  const design = caseTableDesign;
  const attributes = new Set<string>([design.partitionKey, design.sortKey]);
  for (const index of design.globalSecondaryIndexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  const AttributeDefinitions: AttributeDefinition[] = [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
  const indexSpec = (index: (typeof design.globalSecondaryIndexes)[number]) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });

  let existing;
  try {
    existing = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions,
        KeySchema: [
          { AttributeName: design.partitionKey, KeyType: 'HASH' },
          { AttributeName: design.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: design.globalSecondaryIndexes.map(indexSpec),
        StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream },
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true } }));
    return 'created';
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = design.globalSecondaryIndexes.filter((index) => !present.has(index.indexName));
  for (const index of missing) {
    await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }] }));
  }
  // A table kept on disk by a version without the stream gets it now (its consumers start from here).
  const streamMissing = existing.StreamSpecification?.StreamEnabled !== true;
  if (streamMissing) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream } }));
  }
  return missing.length > 0 || streamMissing ? 'updated' : 'unchanged';
}
