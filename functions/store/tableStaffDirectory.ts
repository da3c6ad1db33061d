/**
 * The local staff directory: staff records in the case table (partition
 * STAFF), behind the same `StaffDirectory` interface as the Cognito adapter.
 * The local issuer signs tokens only for enabled members of it
 * (infra/local/localIssuer.ts), as Cognito signs in only its enabled users.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type StaffChange, StaffConflictError, type StaffDirectory, type StaffMember } from '../domain/admin/staffDirectory';
import { stripKeys } from './dynamoCaseStore';
import { keys } from './keys';
import { queryPrefix } from './queryItems';

export class TableStaffDirectory implements StaffDirectory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<StaffMember[]> {
    const members: StaffMember[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, 'STAFF', 'USER#', { consistentRead: true })) members.push(toMember(item));
    return members;
  }

  async get(userId: string): Promise<StaffMember | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.staffMember(userId), ConsistentRead: true }));
    return result.Item ? toMember(result.Item) : undefined;
  }

  async create(member: Omit<StaffMember, 'enabled'>): Promise<StaffMember> {
    const created: StaffMember = { ...member, enabled: true };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.staffMember(member.userId), type: 'staff-member', ...created }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.tableName, Item: { ...keys.staffEmail(member.email), type: 'staff-email', userId: member.userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [user, email] = error.CancellationReasons ?? [];
        if (user?.Code === 'ConditionalCheckFailed') throw new StaffConflictError(`user ${member.userId} already exists`);
        if (email?.Code === 'ConditionalCheckFailed') throw new StaffConflictError('another user has this email address');
      }
      throw error;
    }
    return created;
  }

  async update(userId: string, change: StaffChange): Promise<StaffMember> {
    const current = await this.get(userId);
    if (!current) throw new StaffConflictError(`user ${userId} does not exist`);
    const next: StaffMember = { ...current, ...change };
    if (change.departmentId === undefined && 'departmentId' in change) delete next.departmentId;
    if (change.language === undefined && 'language' in change) delete next.language;
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.staffMember(userId), type: 'staff-member', ...next }, ConditionExpression: 'attribute_exists(pk)' }));
    return next;
  }
}

function toMember(item: Record<string, unknown>): StaffMember {
  return stripKeys(item) as unknown as StaffMember;
}
