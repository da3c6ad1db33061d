/**
 * `npm start`: runs the whole platform locally. Settings (all optional):
 * PORT (3000), MAILBOX_PORT (8005), DYNAMODB_PORT (8000), STEPFUNCTIONS_PORT (8083), S3_PORT (8006),
 * DATA_DIR (.data), TIME_SCALE (1). `npm start -- --reset` wipes the local data first; `--empty` starts
 * a new data folder with no demo group, only an administrator (`admin`), to try the set-up path.
 */
import { resolve } from 'node:path';

// Lambda runs the handlers on Node 24; locally Node 20.19+ is enough, so the SDK's upgrade notice is only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { MissingPrerequisiteError } from './prerequisites';
import { assertPortFree } from './ports';
import { startLocalPlatform } from './runtime';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--reset' && arg !== '--empty');
  if (unknown.length > 0) {
    console.error(`unknown option(s): ${unknown.join(' ')}. Usage: npm start [-- --reset] [--empty]`);
    process.exit(2);
  }
  const port = setting('PORT', 3000);
  const mailboxPort = setting('MAILBOX_PORT', 8005);
  const dynamoDbPort = setting('DYNAMODB_PORT', 8000);
  const stepFunctionsPort = setting('STEPFUNCTIONS_PORT', 8083);
  const s3Port = setting('S3_PORT', 8006);
  await assertPortFree(port, 'PORT');
  await assertPortFree(mailboxPort, 'MAILBOX_PORT');
  await assertPortFree(dynamoDbPort, 'DYNAMODB_PORT');
  await assertPortFree(stepFunctionsPort, 'STEPFUNCTIONS_PORT');
  await assertPortFree(s3Port, 'S3_PORT');
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  const platform = await startLocalPlatform({
    port,
    mailboxPort,
    dynamoDbPort,
    stepFunctionsPort,
    s3Port,
    dataDir,
    reset: args.includes('--reset'),
    empty: args.includes('--empty'),
    timeScale: setting('TIME_SCALE', 1),
  });
  console.log(
    [
      '',
      'Complaint platform is running locally.',
      `  Web pages and API   ${platform.url}/            (API contract: ${platform.url}/api/openapi.json)`,
      `  Mailbox (emails)    ${platform.mailboxUrl}/      (JSON: ${platform.mailboxUrl}/store)`,
      `  DynamoDB Local      ${platform.dynamoDbEndpoint}  table ${platform.tableName}`,
      `  Step Functions API  ${platform.stepFunctionsEndpoint}`,
      `  S3 (emulator)       ${platform.s3Endpoint}  buckets ${platform.auditBuckets.exports}, ${platform.auditBuckets.anchors}`,
      `  Data folder         ${dataDir}   (npm start -- --reset wipes it)`,
      platform.resumedExecutions > 0 ? `  Resumed ${platform.resumedExecutions} running workflow execution(s).` : '',
      'Press Ctrl-C to stop.',
      '',
    ].filter((line) => line !== '').join('\n'),
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping (running workflows resume on next start)...`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
}

main().catch((error: Error) => {
  if (error instanceof MissingPrerequisiteError) console.error(`Cannot start: ${error.message}`);
  else console.error(`Cannot start: ${error.message}`);
  process.exit(1);
});
