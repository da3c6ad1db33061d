/**
 * `npm run bench:seed -- [--events 1000000] [--events-per-case 10] [--months 12] [--concurrency 8]
 *                        [--endpoint http://127.0.0.1:8000 [--table ComplaintCases] | --in-memory | --data-dir bench/.out/dataset]`
 *
 * Seeds a large, real audit trail into DynamoDB Local — one already running
 * (`--endpoint`: e.g. `npm start`'s, or the export bench's), a fresh in-memory
 * one, or one kept on disk in `--data-dir` (the default) — for the export
 * bench (`npm run bench:export`) or to try the platform with a big data set: cases of the demo estates spread over
 * the last months, each with a properly hash-chained timeline built by the
 * domain code (openCase, planMutation) — the same items the platform writes,
 * including every index attribute — written with BatchWriteItem (no
 * transactions: there is no concurrency to guard against here).
 *
 * Progress (events written, rate, ETA) goes to stderr: a bar on a terminal,
 * a line every few seconds otherwise. The data set is described in
 * `<data-dir>/dataset.json`; seeding again into the same folder adds to it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Presets, SingleBar } from 'cli-progress';
import { ulid } from 'ulid';
import type { AuditEvent } from '../functions/domain/auditTrail';
import { type ComplaintCase, openCase, planMutation } from '../functions/domain/complaintCase';
import { DynamoCaseStore, caseItem, eventItem } from '../functions/store/dynamoCaseStore';
import { ensureCaseTable } from '../infra/local/caseTable';
import { demoEstates } from '../infra/local/demoGroup';
import { startDynamoDbLocal } from '../infra/local/dynamodbLocal';
import { freePort } from '../infra/local/ports';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_DATASET_DIR = join(REPO_ROOT, 'bench', '.out', 'dataset');
export const DATASET_TABLE = 'ComplaintCases';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
  return value;
}

const ACTIONS: { action: string; patch: (c: ComplaintCase, i: number) => Partial<ComplaintCase> }[] = [
  { action: 'complaint.acknowledged', patch: () => ({ status: 'acknowledged' }) },
  { action: 'case.triaged', patch: (_c, i) => ({ status: 'in-progress', caseClass: ((i % 3) + 1) as 1 | 2 | 3, severity: i % 11 === 0 ? 'serious' : 'general', category: 'slow-or-inefficient' }) },
  { action: 'case.assigned', patch: (c) => ({ departmentId: 'engineering', assigneeId: `engineering.${c.estateId.toLowerCase()}` }) },
  { action: 'case.note', patch: (_c, i) => ({ escalationLevel: (i % 2) as 0 | 1 }) },
  { action: 'case.escalated', patch: () => ({ escalationLevel: 1 }) },
  { action: 'case.note', patch: () => ({ escalationLevel: 0 }) },
  { action: 'case.responded', patch: () => ({ status: 'responded' }) },
];

/** One case with `events` events, its times inside [start, start + 10 days). */
function buildCase(estateId: string, receivedAt: Date, events: number, n: number): { complaintCase: ComplaintCase; events: AuditEvent[] } {
  const at = (minutes: number) => new Date(receivedAt.getTime() + minutes * 60_000).toISOString();
  const caseId = ulid(receivedAt.getTime());
  const opened = openCase(
    { estateId, unit: `Block ${n % 9}, ${n % 30}/F`, name: `Resident ${n}`, email: `resident.${n}@example.com`, language: 'en', channel: 'web', description: `Bench complaint ${n}: the lift on this floor has stopped again.` },
    { caseId, reference: `${estateId}-BENCH-${String(n).padStart(7, '0')}`, trackingTokenHash: randomBytes(32).toString('hex'), personalDataSalt: randomBytes(16).toString('hex') },
    { now: at(0), responseDueBy: at(7 * 24 * 60), requestId: `bench-${n}-1`, actor: { type: 'resident' } },
  );
  let current = opened.complaintCase;
  const chain: AuditEvent[] = [opened.firstEvent];
  for (let i = 1; i < events; i += 1) {
    const step = i === events - 1 ? { action: 'case.closed', patch: () => ({ status: 'closed' as const, closedAt: at(i * 90) }) } : ACTIONS[(i - 1) % ACTIONS.length]!;
    const mutation = planMutation(current, step.patch(current, n), {
      now: at(i * 90),
      requestId: `bench-${n}-${i + 1}`,
      actor: { type: 'staff', id: `cslead.${estateId.toLowerCase()}`, role: 'cs-lead' },
      action: step.action,
    });
    current = mutation.next;
    chain.push(mutation.event);
  }
  return { complaintCase: current, events: chain };
}

async function main() {
  const args = process.argv.slice(2);
  const totalEvents = option(args, 'events', 1_000_000);
  const perCase = option(args, 'events-per-case', 10);
  const months = option(args, 'months', 12);
  const concurrency = option(args, 'concurrency', 8);
  const dirIndex = args.indexOf('--data-dir');
  const dataDir = resolve(dirIndex === -1 ? DEFAULT_DATASET_DIR : args[dirIndex + 1]!);
  mkdirSync(dataDir, { recursive: true });

  // --endpoint: a DynamoDB Local already running (`npm start`'s, or the export bench's);
  // --in-memory: start one that keeps nothing; otherwise start one on disk in --data-dir.
  const endpointIndex = args.indexOf('--endpoint');
  const tableIndex = args.indexOf('--table');
  const table = tableIndex === -1 ? DATASET_TABLE : args[tableIndex + 1]!;
  const dynamo = endpointIndex !== -1
    ? { endpoint: args[endpointIndex + 1]!, stop: async () => undefined }
    : await startDynamoDbLocal({ port: await freePort(), ...(args.includes('--in-memory') ? {} : { dataDir }) });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    await ensureCaseTable(client, table);
    const store = new DynamoCaseStore(doc, table);
    if ((await store.listEstates()).length === 0) for (const estate of demoEstates) await store.putEstate(estate);

    const cases = Math.ceil(totalEvents / perCase);
    const now = Date.now();
    const spanMs = months * 30 * 86400_000;
    const bar = process.stderr.isTTY ? new SingleBar({ format: 'seeding |{bar}| {percentage}% {value}/{total} events  {rate} ev/s  eta {eta_formatted}', hideCursor: true }, Presets.shades_classic) : undefined;
    bar?.start(cases * perCase, 0, { rate: 0 });
    const started = performance.now();
    let written = 0;
    let lastLog = 0;
    const report = () => {
      const seconds = (performance.now() - started) / 1000;
      const rate = Math.round(written / Math.max(seconds, 0.001));
      if (bar) bar.update(written, { rate });
      else if (performance.now() - lastLog > 5000 || written >= cases * perCase) {
        lastLog = performance.now();
        const eta = rate > 0 ? Math.round((cases * perCase - written) / rate) : 0;
        process.stderr.write(`[seed] ${written.toLocaleString('en')}/${(cases * perCase).toLocaleString('en')} events, ${rate.toLocaleString('en')} events/s, eta ${eta}s\n`);
      }
    };

    const writeBatch = async (items: Record<string, unknown>[]) => {
      let requests = items.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
    };

    // Cases are generated lazily and written by `concurrency` writers, 25 items a batch.
    let next = 0;
    const estates = demoEstates.map((e) => e.estateId);
    const worker = async () => {
      let batch: Record<string, unknown>[] = [];
      let batchEvents = 0;
      while (next < cases) {
        const n = next++;
        // Newest cases last, so the data set looks like a year of intake.
        const receivedAt = new Date(now - spanMs + Math.floor((n / cases) * (spanMs - 11 * 86400_000)) + (n % 997) * 1000);
        const { complaintCase, events } = buildCase(estates[n % estates.length]!, receivedAt, perCase, n);
        for (const item of [caseItem(complaintCase), ...events.map(eventItem)]) {
          batch.push(item);
          if (item.type === 'event') batchEvents += 1;
          if (batch.length === 25) {
            await writeBatch(batch);
            written += batchEvents;
            batch = [];
            batchEvents = 0;
            report();
          }
        }
      }
      if (batch.length > 0) await writeBatch(batch);
      written += batchEvents;
      report();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    const summary = {
      seededAt: new Date().toISOString(),
      table,
      cases,
      events: written,
      eventsPerCase: perCase,
      from: new Date(now - spanMs).toISOString(),
      to: new Date(now).toISOString(),
      estates,
      seconds: Math.round(seconds),
      eventsPerSecond: Math.round(written / seconds),
    };
    if (endpointIndex === -1 && !args.includes('--in-memory')) writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify(summary, null, 2));
    const where = endpointIndex !== -1 ? `table ${table} at ${dynamo.endpoint}` : args.includes('--in-memory') ? 'in memory (discarded)' : `data in ${dataDir}`;
    process.stderr.write(`[seed] done: ${written.toLocaleString('en')} events in ${cases.toLocaleString('en')} cases, ${Math.round(seconds)} s (${summary.eventsPerSecond} events/s), ${where}\n`);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

main().catch((error: Error) => {
  console.error(`seeding failed: ${error.message}`);
  process.exit(1);
});
