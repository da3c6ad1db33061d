/**
 * `npm start`: runs the whole platform locally. Settings (all optional):
 * PORT (3000), MAILBOX_PORT (8005), DYNAMODB_PORT (8000), STEPFUNCTIONS_PORT (8083), S3_PORT (8006),
 * SMTP_PORT (2525), DATA_DIR (.data), TIME_SCALE (1; a number compresses time, `simulated` runs it as a discrete-event simulation).
 * `npm start -- --reset` wipes the local data first; `--empty` starts a new data folder with no demo group, only an
 * administrator (`admin`), to try the set-up path.
 */
import { resolve } from 'node:path';

// Lambda runs the handlers on Node 24; locally Node 20.19+ is enough, so the SDK's upgrade notice is only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { mkdirSync } from 'node:fs';
import { claimDataFolder, clearUpEarlierRun } from './earlierRun';
import { MissingPrerequisiteError } from './prerequisites';
import { parseTimeScale } from './platformClock';
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

/** TIME_SCALE: a positive number (86400: a day a second) or `simulated` (time jumps to the next timer whenever the platform is idle). */
function timeSetting(): { timeScale: number | 'simulated'; autoAdvance?: boolean } {
  const raw = process.env.TIME_SCALE;
  try {
    const settings = parseTimeScale(raw);
    return settings.mode === 'simulated' ? { timeScale: 'simulated', autoAdvance: true } : { timeScale: settings.scale };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
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
  const smtpPort = setting('SMTP_PORT', 2525);
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ level: 'INFO', timestamp: new Date().toISOString(), service: 'local-runtime', ...entry }));
  // Before the port check: an earlier run that crashed may have left its own DynamoDB Local on the port.
  mkdirSync(dataDir, { recursive: true });
  await clearUpEarlierRun({ dataDir, dynamoDbPort, log });
  await assertPortFree(port, 'PORT');
  await assertPortFree(mailboxPort, 'MAILBOX_PORT');
  await assertPortFree(dynamoDbPort, 'DYNAMODB_PORT');
  await assertPortFree(stepFunctionsPort, 'STEPFUNCTIONS_PORT');
  await assertPortFree(s3Port, 'S3_PORT');
  await assertPortFree(smtpPort, 'SMTP_PORT');
  // A signal while starting is acted on once started (the stop needs the platform's handles).
  let pendingSignal: string | undefined;
  let shutdown: (reason: string, exitCode: number) => Promise<void> = async (reason) => {
    pendingSignal ??= reason;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(`${signal} received`, 0));
  const platform = await startLocalPlatform({
    port,
    mailboxPort,
    dynamoDbPort,
    stepFunctionsPort,
    s3Port,
    smtpPort,
    dataDir,
    reset: args.includes('--reset'),
    empty: args.includes('--empty'),
    loadAllFunctions: true,
    ...timeSetting(),
    log,
    onEmulatorExit: (emulator) => void shutdown(`${emulator} exited`, 1),
  });
  const releaseDataFolder = claimDataFolder(dataDir);
  console.log(
    [
      '',
      'Complaint platform is running locally.',
      `  Web pages and API   ${platform.url}/            (API contract: ${platform.url}/api/openapi.json)`,
      `  Mailbox (emails)    ${platform.mailboxUrl}/      (JSON: ${platform.mailboxUrl}/store)`,
      `  DynamoDB Local      ${platform.dynamoDbEndpoint}  table ${platform.tableName}`,
      `  Step Functions API  ${platform.stepFunctionsEndpoint}`,
      `  S3 (emulator)       ${platform.s3Endpoint}  buckets ${platform.auditBuckets.exports}, ${platform.auditBuckets.anchors}`,
      `  SMTP (complaints)   127.0.0.1:${platform.ports.smtpPort}  mail to est01@${platform.inboundMail.domain} (npm run mail -- drop file.eml)`,
      `  Data folder         ${dataDir}   (npm start -- --reset wipes it)`,
      platform.clock.mode === 'real' ? '' : `  Platform time       ${platform.clock.date().toISOString()}  (${platform.clock.mode === 'compressed' ? `${platform.clock.scale}× real time` : 'simulated'}${platform.clock.resumed ? ', resumed from the data folder' : ''})`,
      platform.resumedExecutions > 0 ? `  Resumed ${platform.resumedExecutions} running workflow execution(s).` : '',
      'Press Ctrl-C to stop.',
      '',
    ].filter((line) => line !== '').join('\n'),
  );
  // One orderly stop (infra/local/shutdown.ts), however many signals arrive: Ctrl-C reaches every process of the
  // terminal's group (npm, its shell, this one), and npm passes it on again. A run killed outright is cleared up by the next start.
  let stopping: Promise<void> | undefined;
  shutdown = (reason: string, exitCode: number) =>
    (stopping ??= (async () => {
      console.log(`\n${reason}: stopping in order (running workflows resume on next start)...`);
      await platform.stop();
      releaseDataFolder();
      console.log('Stopped.');
      process.exit(exitCode);
    })());
  if (pendingSignal) void shutdown(pendingSignal, 0);
}

main().catch((error: Error) => {
  if (error instanceof MissingPrerequisiteError) console.error(`Cannot start: ${error.message}`);
  else console.error(`Cannot start: ${error.message}`);
  process.exit(1);
});
