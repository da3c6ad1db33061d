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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
