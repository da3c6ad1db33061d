/**
 * Settings every handler reads from its environment. The CDK stack sets them
 * in AWS; the local runtime sets the same variables before loading handlers.
 * Service endpoints are not here: the AWS SDK reads `AWS_ENDPOINT_URL_<SERVICE>`
 * itself, which is how the local runtime points handlers at the emulators.
 */
export interface PlatformConfig {
  tableName: string;
  stateMachineArn: string;
  senderEmail: string;
  publicBaseUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return {
    tableName: required(env, 'CASE_TABLE_NAME'),
    stateMachineArn: env.COMPLAINT_LIFECYCLE_ARN ?? '',
    senderEmail: env.SENDER_EMAIL ?? 'complaints@example.com',
    // Links in emails are built from this, never from a request's Host header (which a caller controls).
    publicBaseUrl: required(env, 'PUBLIC_BASE_URL'),
  };
}

/**
 * The audit trail's storage and functions, read only by the handlers that use them (the catalog's
 * `access.auditExportBucket`, `auditAnchorBucket` and `startAuditExportJobs` say which; the stack
 * sets exactly those variables). Locally the runtime sets them and creates the buckets.
 */
export const auditExportBucket = (env: NodeJS.ProcessEnv = process.env) => required(env, 'AUDIT_EXPORT_BUCKET');
export const auditAnchorBucket = (env: NodeJS.ProcessEnv = process.env) => required(env, 'AUDIT_ANCHOR_BUCKET');
export const auditExportJobFunction = (env: NodeJS.ProcessEnv = process.env) => required(env, 'AUDIT_EXPORT_JOB_FUNCTION');

/**
 * Complaints by email (docs/EMAIL_INTAKE.md): the domain residents write to, the key of the per-case reply
 * addresses, the bucket SES (or the local SMTP listener) writes raw messages to, and the case-files bucket.
 * Undefined when the deployment has no inbound mail (emails then carry no Reply-To).
 */
export interface InboundMailConfig {
  mailDomain: string;
  replyAddressKey: string;
  /** Our sending addresses or domains: mail from them is a loop or forged. */
  ownAddresses: string[];
  trustedAuthServId: string;
}

export function inboundMailConfig(env: NodeJS.ProcessEnv = process.env): InboundMailConfig | undefined {
  const mailDomain = env.INBOUND_MAIL_DOMAIN;
  const replyAddressKey = env.REPLY_ADDRESS_SECRET;
  if (!mailDomain || !replyAddressKey) return undefined;
  if (replyAddressKey.length < 32) throw new Error('REPLY_ADDRESS_SECRET must be at least 32 characters');
  const sender = env.SENDER_EMAIL ?? '';
  return {
    mailDomain,
    replyAddressKey,
    ownAddresses: [sender, sender.split('@')[1] ?? ''].filter(Boolean),
    trustedAuthServId: env.INBOUND_AUTHSERV_ID ?? 'amazonses.com',
  };
}
export const inboundMailBucket = (env: NodeJS.ProcessEnv = process.env) => required(env, 'INBOUND_MAIL_BUCKET');
export const caseFilesBucket = (env: NodeJS.ProcessEnv = process.env) => required(env, 'CASE_FILES_BUCKET');

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
