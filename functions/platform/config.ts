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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
