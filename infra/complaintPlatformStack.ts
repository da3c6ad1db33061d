/**
 * The complaint platform in one environment-agnostic stack: the case store,
 * the Lambda functions of the catalog, the lifecycle state machine, the public
 * HTTP API and the SES sender identity.
 *
 * References between resources, none of which form a cycle:
 *   every function → table, API endpoint (PUBLIC_BASE_URL), SES identity (grant)
 *   createComplaint → state machine (COMPLAINT_LIFECYCLE_ARN, StartExecution)
 *   state machine → acknowledgeComplaint, parkForAttention (task ARNs, InvokeFunction)
 *   API routes and integrations → functions; staff routes → JWT authorizer → user pool and its client
 *   every function → user pool and client (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL)
 * createComplaint is not a task of the state machine (LifecycleWorkflow checks this), and the
 * HttpApi resource itself refers to no function, so PUBLIC_BASE_URL can be the API endpoint.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AuditTrailResources } from './constructs/auditTrail';
import { CaseStore } from './constructs/caseStore';
import { DEFAULT_SENDER_DOMAIN, Email } from './constructs/email';
import { InboundMail } from './constructs/inboundMail';
import { PlatformHttpApi } from './constructs/httpApi';
import { LifecycleWorkflow } from './constructs/lifecycleWorkflow';
import { PlatformFunctions } from './constructs/platformFunctions';
import { StaffDirectory } from './constructs/staffDirectory';
import { applyNagSuppressions } from './nagSuppressions';

export interface ComplaintPlatformStackProps extends StackProps {
  /** Domain complainant emails are sent from. Default: context `senderDomain`, else complaints.example.com. */
  senderDomain?: string;
  /**
   * Base URL of the links in emails (tracking page), e.g. a custom domain in front of the API.
   * Default: context `publicBaseUrl`, else the HTTP API's own endpoint.
   */
  publicBaseUrl?: string;
  /**
   * While the account is in the SES sandbox: the verified recipient addresses or domains the task
   * functions may send to. Default: context `sesSandboxRecipients` (comma-separated), else none.
   */
  sesSandboxRecipients?: string[];
  /**
   * How many years a published estate anchor is kept under S3 Object Lock (compliance mode: nobody can
   * delete or change it before then). Default: context `anchorRetentionYears`, else DEFAULT_ANCHOR_RETENTION_YEARS (7).
   */
  anchorRetentionYears?: number;
  /**
   * The domain residents write complaints to (`est01@<domain>`; replies to `case+…@<domain>`), received by SES.
   * Default: context `inboundMailDomain`, else the sender domain.
   */
  inboundMailDomain?: string;
  /** The first administrator's email; default: context `adminEmail`. Without it no user is created. */
  adminEmail?: string;
  /** Prefix of the managed login domain; default: context `authDomainPrefix`, else one derived from the stack. */
  authDomainPrefix?: string;
}

export class ComplaintPlatformStack extends Stack {
  readonly caseStore: CaseStore;
  readonly email: Email;
  readonly httpApi: PlatformHttpApi;
  readonly staffDirectory: StaffDirectory;
  readonly platformFunctions: PlatformFunctions;
  readonly lifecycle: LifecycleWorkflow;
  readonly auditTrail: AuditTrailResources;
  readonly inboundMail: InboundMail;

  constructor(scope: Construct, id: string, props: ComplaintPlatformStackProps = {}) {
    super(scope, id, {
      description: 'Complaint platform (ISO 10002 complaints handling): case store, API, lifecycle workflow, email',
      ...props,
    });

    const senderDomain = props.senderDomain ?? contextString(this, 'senderDomain') ?? DEFAULT_SENDER_DOMAIN;
    const configuredBaseUrl = props.publicBaseUrl ?? contextString(this, 'publicBaseUrl');
    if (configuredBaseUrl !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(configuredBaseUrl)) {
      throw new Error(`publicBaseUrl must be an https:// URL, got "${configuredBaseUrl}"`);
    }

    this.caseStore = new CaseStore(this, 'CaseStore');
    this.email = new Email(this, 'Email', {
      senderDomain,
      sandboxRecipients: props.sesSandboxRecipients ?? contextList(this, 'sesSandboxRecipients'),
    });
    this.httpApi = new PlatformHttpApi(this, 'HttpApi');
    const consoleUrl = `${configuredBaseUrl ?? this.httpApi.endpoint}/staff`;
    const adminEmail = props.adminEmail ?? contextString(this, 'adminEmail');
    if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) throw new Error(`adminEmail must be an email address, got "${adminEmail}"`);
    this.staffDirectory = new StaffDirectory(this, 'StaffDirectory', {
      consoleUrl,
      ...(adminEmail !== undefined ? { adminEmail } : {}),
      domainPrefix: props.authDomainPrefix ?? contextString(this, 'authDomainPrefix') ?? `complaints-${this.node.addr.slice(0, 12)}`,
    });

    this.platformFunctions = new PlatformFunctions(this, 'Functions', {
      caseStore: this.caseStore,
      email: this.email,
      publicBaseUrl: configuredBaseUrl ?? this.httpApi.endpoint,
      staffDirectory: this.staffDirectory,
    });
    const { functions } = this.platformFunctions;

    this.lifecycle = new LifecycleWorkflow(this, 'Lifecycle', { functions });
    this.platformFunctions.connectLifecycle(this.lifecycle.stateMachine, this.lifecycle.stateMachineName);
    this.httpApi.addCatalogRoutes(functions, this.staffDirectory);
    const anchorRetentionYears = props.anchorRetentionYears ?? contextNumber(this, 'anchorRetentionYears');
    this.auditTrail = new AuditTrailResources(this, 'AuditTrail', { functions, ...(anchorRetentionYears !== undefined ? { anchorRetentionYears } : {}) });

    this.inboundMail = new InboundMail(this, 'InboundMail', {
      functions,
      mailDomain: (props.inboundMailDomain ?? contextString(this, 'inboundMailDomain') ?? senderDomain).toLowerCase(),
      accessLogs: this.auditTrail.storage.accessLogs,
      publicOrigin: configuredBaseUrl ? new URL(configuredBaseUrl).origin : this.httpApi.endpoint,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.endpoint, description: 'Base URL of the resident web pages and the public API' });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.staffDirectory.userPool.userPoolId, description: 'Cognito user pool of staff (groups = roles)' });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl, description: 'The staff console: staff and the first administrator sign in here' });
    new CfnOutput(this, 'StaffSignInUrl', { value: this.staffDirectory.managedLoginUrl, description: 'Managed login of the staff user pool (the console sends staff here)' });
    new CfnOutput(this, 'StaffClientId', { value: this.staffDirectory.client.userPoolClientId, description: 'App client staff sign in with (audience of their ID tokens)' });
    new CfnOutput(this, 'TableName', { value: this.caseStore.table.tableName, description: 'The case table' });
    new CfnOutput(this, 'StateMachineArn', { value: this.lifecycle.stateMachine.stateMachineArn, description: 'The complaint lifecycle' });
    new CfnOutput(this, 'MailboxIdentity', {
      value: this.email.senderEmail,
      description: `Sender address; SES domain identity ${this.email.senderDomain} (publish its DKIM records to verify it)`,
    });

    applyNagSuppressions(this);
  }
}

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

function contextNumber(scope: Construct, key: string): number | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`context ${key} must be a number`);
  return number;
}

function contextList(scope: Construct, key: string): string[] | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new Error(`context ${key} must be a comma-separated string or a list of strings`);
}
