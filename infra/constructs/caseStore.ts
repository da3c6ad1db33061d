/**
 * The case store: one DynamoDB table built from the single-table design in
 * `functions/store/tableDesign.ts` (the local runtime builds its table from the
 * same description), encrypted with a customer-managed KMS key.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { caseTableDesign } from '../../functions/store/tableDesign';

/**
 * What aws-cdk-lib's TableV2 grants on a table's customer-managed key (aws-dynamodb/lib/perms),
 * with `kms:ReEncrypt*` and `kms:GenerateDataKey*` spelled out (minus the data-key-pair actions,
 * which DynamoDB does not use) so that no action is a wildcard.
 */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'];

export class CaseStore extends Construct {
  readonly table: dynamodb.TableV2;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Complaint records hold personal data (names, contacts, descriptions): a key we control
    // lets us audit every decrypt in CloudTrail and revoke access independently of IAM.
    this.key = new kms.Key(this, 'TableKey', {
      description: 'Encrypts the complaint case table (personal data of complainants)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const attr = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: attr(caseTableDesign.partitionKey),
      sortKey: attr(caseTableDesign.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // ISO 10002 records are kept for the retention period: never delete the table with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: caseTableDesign.timeToLiveAttribute,
      dynamoStream: dynamodb.StreamViewType[caseTableDesign.stream],
      // KMS encryption; the key is set on the replica below (see there for why).
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      globalSecondaryIndexes: caseTableDesign.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attr(index.partitionKey),
        sortKey: attr(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });

    // `TableEncryptionV2.customerManagedKey()` refuses region-agnostic stacks (it keys replica keys
    // by region name, and our stack's region is only known at deploy time). With a single replica,
    // the one in the deployment region, the CloudFormation is simply the table's SSE spec (KMS,
    // above) plus the key on that replica, which is what we write here.
    const cfnTable = this.table.node.defaultChild as dynamodb.CfnGlobalTable;
    cfnTable.addPropertyOverride('Replicas.0.SSESpecification.KMSMasterKeyId', this.key.keyArn);
  }

  /** Read the table and its indexes (TableV2.grantReadData) and decrypt through DynamoDB only. */
  grantReadData(grantee: iam.IGrantable): void {
    this.table.grantReadData(grantee);
    this.grantKey(grantee, KEY_READ_ACTIONS);
  }

  /** Read and write items (TableV2.grantReadWriteData), with the key used through DynamoDB only. */
  grantReadWriteData(grantee: iam.IGrantable): void {
    this.table.grantReadWriteData(grantee);
    this.grantKey(grantee, [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS]);
  }

  /** Read the table's change stream (the event source mapping of a stream consumer), decrypting through DynamoDB only. */
  grantStreamRead(grantee: iam.IGrantable): void {
    this.table.grantStreamRead(grantee);
    this.grantKey(grantee, KEY_READ_ACTIONS);
  }

  /**
   * The table's `encryptionKey` is unset (see the constructor), so TableV2's grants leave the key
   * out: we grant the same key actions, and only for calls DynamoDB makes on the caller's behalf.
   */
  private grantKey(grantee: iam.IGrantable, actions: string[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    });
  }
}
