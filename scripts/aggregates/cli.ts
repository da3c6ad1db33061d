/**
 * `npm run aggregates -- check|rebuild [--json]`: recomputes the dashboard's aggregates from the cases and
 * compares them with the ones the stream consumer maintains (`check`), or also writes the differences
 * (`rebuild`; pause the consumer first, see functions/store/aggregateRebuild.ts).
 *
 * Against the local platform of `npm start` by default (DynamoDB Local on DYNAMODB_PORT, table
 * CASE_TABLE_NAME or `ComplaintCases`); with `--aws`, against the account and region of the usual AWS
 * environment variables, table CASE_TABLE_NAME.
 * Exit status: 0 they agree (or were rebuilt); 1 differences found by `check`; 2 bad usage.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Presets, SingleBar } from 'cli-progress';
import { seedGroupSettings } from '../../functions/domain/groupSettings';
import { DynamoCaseStore } from '../../functions/store/dynamoCaseStore';
import { rebuildAggregates } from '../../functions/store/aggregateRebuild';

const USAGE = 'usage: npm run aggregates -- check|rebuild [--json] [--aws]';

async function main(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  if ((command !== 'check' && command !== 'rebuild') || flags.some((f) => f !== '--json' && f !== '--aws')) {
    console.error(USAGE);
    return 2;
  }
  const asJson = flags.includes('--json');
  const aws = flags.includes('--aws');
  const tableName = process.env.CASE_TABLE_NAME ?? (aws ? '' : 'ComplaintCases');
  if (!tableName) {
    console.error('set CASE_TABLE_NAME to the case table of the deployment');
    return 2;
  }
  const client = aws
    ? new DynamoDBClient({})
    : new DynamoDBClient({ endpoint: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const bar = new SingleBar({ format: 'estates |{bar}| {value}/{total}', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  const showBar = process.stderr.isTTY && !asJson;
  let started = false;
  const result = await rebuildAggregates(doc, tableName, {
    // The stored settings (as administrators set them), else the seed the platform would start with.
    reportingTimeZone: (await new DynamoCaseStore(doc, tableName, seedGroupSettings(process.env.GROUP_SETTINGS)).groupSettings()).reportingTimeZone,
    write: command === 'rebuild',
    onProgress: (done, total) => {
      if (!showBar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  if (started) bar.stop();
  client.destroy();
  if (asJson) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`${result.cases} cases, ${result.buckets} buckets from scratch; ${result.differences.length} counters differ from the maintained aggregates${command === 'rebuild' ? `; ${result.written} buckets rewritten` : ''}`);
    for (const d of result.differences.slice(0, 50)) console.log(`  ${d.bucket} ${d.counter}: from scratch ${d.expected}, maintained ${d.actual}`);
  }
  return command === 'check' && result.differences.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
