/**
 * `npm run reindex-search -- [--check] [--json] [--aws]`: writes the staff-search digests and index keys
 * (by unit, phone and reference) of cases that lack them or carry stale ones: cases stored before the
 * digests existed, a unit corrected after intake, or after the lookup key was replaced
 * (functions/store/searchReindex.ts; the same code runs in AWS as the `reindexCaseSearch` function).
 * `--check` only counts. Idempotent (a second run writes nothing) and safe to stop and run again.
 *
 * Against the local platform of `npm start` by default (DynamoDB Local on DYNAMODB_PORT, table
 * CASE_TABLE_NAME or `ComplaintCases`, the key in DATA_DIR/case-lookup-key); with `--aws`, against the
 * account of the usual AWS environment variables, table CASE_TABLE_NAME, key CASE_LOOKUP_KEY.
 * Exit status: 0 done (or, with --check, nothing stale); 1 `--check` found stale cases; 2 bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseLookupKey } from '../functions/domain/caseLookup';
import { reindexCaseSearch } from '../functions/store/searchReindex';

const USAGE = 'usage: npm run reindex-search -- [--check] [--json] [--aws]';

function localKey(): string {
  const file = join(resolve(process.env.DATA_DIR || '.data'), 'case-lookup-key');
  // Never made up here: a new key would make every stored digest unfindable.
  if (!existsSync(file)) throw new Error(`${file} does not exist: run npm start once, or set DATA_DIR`);
  return caseLookupKey({ CASE_LOOKUP_KEY: readFileSync(file, 'utf8').trim() });
}

async function main(): Promise<number> {
  const flags = process.argv.slice(2);
  if (flags.some((f) => !['--check', '--json', '--aws'].includes(f))) {
    console.error(USAGE);
    return 2;
  }
  const aws = flags.includes('--aws');
  const tableName = process.env.CASE_TABLE_NAME ?? (aws ? '' : 'ComplaintCases');
  if (!tableName) {
    console.error('set CASE_TABLE_NAME to the case table of the deployment');
    return 2;
  }
  const key = aws ? caseLookupKey(process.env) : localKey();
  const client = aws
    ? new DynamoDBClient({})
    : new DynamoDBClient({ endpoint: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const check = flags.includes('--check');
  try {
    const result = await reindexCaseSearch(doc, tableName, { key, write: !check });
    if (flags.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else console.log(`${result.cases} cases read; ${result.stale} without current search digests${check ? '' : `; ${result.written} written, ${result.conflicts} changed meanwhile (run again for them)`}`);
    return check && result.stale > 0 ? 1 : 0;
  } finally {
    client.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
