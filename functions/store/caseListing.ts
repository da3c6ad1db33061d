/**
 * Case listing for staff (`GET /api/v1/cases`): newest first, filtered, with
 * positions a signed cursor can carry. Never a Scan: every read is a Query on
 * one index partition (docs/DATA_MODEL.md, "Listing cases"):
 *
 * - one or more estates: one partition per estate (per open status when only
 *   overdue cases are wanted), merged newest first;
 * - the whole group (HQ, compliance): month partitions walked backwards, so
 *   HQ never queries thousands of estates;
 * - an assignee: that person's partition;
 * - a search by reference, unit or phone: that index partition (per estate for a unit), holding
 *   keyed digests rather than the unit or number (functions/domain/caseLookup.ts).
 *
 * Each source keeps its own position; the page takes the newest head among
 * the sources until it is full, so pages cover every matching case exactly
 * once, in order, whatever the filters drop.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CASE_STATUSES, type CaseStatus, type CauseCategory, type Channel, type ComplaintClass, type Severity } from '../domain/vocabulary';
import type { ComplaintCase } from '../domain/complaintCase';
import { stripKeys } from './dynamoCaseStore';
import { indexKeys, monthOf } from './indexKeys';

export interface CaseListFilters {
  estateId?: string;
  status?: CaseStatus;
  caseClass?: ComplaintClass;
  severity?: Severity;
  overdue?: boolean;
  /** Only cases whose emails wait for a person (`emailAttention`; rare, so a filter on whichever partitions the rest selects). */
  emailAttention?: boolean;
  /** Only cases with letters waiting to be posted or handed over (`lettersToSend`, letters/writtenLetters.ts). */
  lettersToSend?: boolean;
  /** Only cases whose response lists outstanding actions, done or not (the owners' reminders, lifecycle/actionReminders.ts). */
  withOutstandingActions?: boolean;
  /** Only cases whose follow-up phone call is due and unanswered (letters/followUpCall.ts). */
  followUpCallDue?: boolean;
  assigneeId?: string;
  /** Drill-down from the dashboard (filters on the partitions the rest selects): cause, channel, stage, outcome, receipt period. */
  category?: CauseCategory;
  channel?: Channel;
  stage?: 1 | 2;
  outcome?: 'upheld' | 'partly-upheld' | 'not-upheld';
  /** Received at or after (ISO instant). */
  receivedFrom?: string;
  /** Received before (ISO instant). */
  receivedTo?: string;
  /** The owning department (the performance page's drill-down). */
  departmentId?: string;
  buildingId?: string;
  /** Staff search: a reference, the unit's digest per estate searched, or the phone number's digest. */
  lookup?: CaseLookup;
}

export type CaseLookup = { by: 'reference'; reference: string } | { by: 'unit'; digests: readonly string[] } | { by: 'phone'; digest: string };

export interface CaseListRequest {
  /** Estates the caller may see, already narrowed to `filters.estateId` when given; `all` for the whole group. */
  scope: 'all' | readonly string[];
  filters: CaseListFilters;
  /** Server time: "overdue" means responseDueBy before it and not closed. */
  now: string;
  limit: number;
  position?: ListPosition;
  /** Oldest month partition the group-wide walk visits (`yyyy-mm`). */
  earliestMonth: string;
  /**
   * Asked before each query: true when the invocation's time is nearly spent. The page then ends where it is, with
   * a cursor to go on from: a group-wide walk across many empty months on a slow table gives a short page, not a
   * timed-out function (a 500).
   */
  outOfTime?: () => boolean;
}

/** Where each source stands: month partition, key to continue after, or done. Carried in the signed cursor. */
export type ListPosition = { m?: string; k?: Record<string, string>; d?: 1 }[];

export interface CaseListPage {
  cases: ComplaintCase[];
  /** Absent when every source is exhausted. */
  next?: ListPosition;
}

interface Source {
  index: string;
  pkAttribute: string;
  skAttribute: string;
  /** A fixed partition, or a month-bucketed one walked from the newest month back. */
  partition: string | ((month: string) => string);
}

/** The oldest month the group-wide walks go back to (`yyyy-mm`, env `EARLIEST_CASE_MONTH`); set it to the month the group's records start. */
export function earliestCaseMonth(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.EARLIEST_CASE_MONTH ?? '2020-01';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new Error('EARLIEST_CASE_MONTH must be yyyy-mm');
  return value;
}

const INDEX = {
  estate: { index: 'byEstateReceived', pkAttribute: 'gsi1pk', skAttribute: 'gsi1sk' },
  estateStatus: { index: 'byEstateStatus', pkAttribute: 'gsi2pk', skAttribute: 'gsi2sk' },
  assignee: { index: 'byAssignee', pkAttribute: 'gsi4pk', skAttribute: 'gsi4sk' },
  month: { index: 'byMonthReceived', pkAttribute: 'gsi5pk', skAttribute: 'gsi5sk' },
  openMonth: { index: 'byOpenMonth', pkAttribute: 'gsi6pk', skAttribute: 'gsi6sk' },
  reference: { index: 'byReference', pkAttribute: 'gsi9pk', skAttribute: 'gsi9sk' },
  unit: { index: 'byUnit', pkAttribute: 'gsi10pk', skAttribute: 'gsi10sk' },
  phone: { index: 'byPhone', pkAttribute: 'gsi11pk', skAttribute: 'gsi11sk' },
} as const;

/** Filters the key cannot express, as one FilterExpression. */
class Filter {
  readonly parts: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  add(part: string, names: Record<string, string>, values: Record<string, unknown>) {
    this.parts.push(part);
    Object.assign(this.names, names);
    Object.assign(this.values, values);
  }
  get expression(): string | undefined {
    return this.parts.length > 0 ? this.parts.join(' AND ') : undefined;
  }
}

export function planListing(request: CaseListRequest): { sources: Source[]; filter: Filter } {
  const { filters, scope } = request;
  const filter = new Filter();
  // Retention tombstones stay in the estate index for the anchor; they are not cases any more.
  filter.add('attribute_not_exists(#purge)', { '#purge': 'purge' }, {});
  if (filters.caseClass !== undefined) filter.add('#class = :class', { '#class': 'caseClass' }, { ':class': filters.caseClass });
  if (filters.severity !== undefined) filter.add('#severity = :severity', { '#severity': 'severity' }, { ':severity': filters.severity });
  if (filters.category !== undefined) filter.add('#category = :category', { '#category': 'category' }, { ':category': filters.category });
  if (filters.channel !== undefined) filter.add('#channel = :channel', { '#channel': 'channel' }, { ':channel': filters.channel });
  if (filters.stage !== undefined) filter.add('#stage = :stage', { '#stage': 'stage' }, { ':stage': filters.stage });
  if (filters.outcome !== undefined) filter.add('#response.#outcome = :outcome', { '#response': 'response', '#outcome': 'outcome' }, { ':outcome': filters.outcome });
  if (filters.receivedFrom !== undefined) filter.add('#receivedAt >= :receivedFrom', { '#receivedAt': 'receivedAt' }, { ':receivedFrom': filters.receivedFrom });
  if (filters.receivedTo !== undefined) filter.add('#receivedAt < :receivedTo', { '#receivedAt': 'receivedAt' }, { ':receivedTo': filters.receivedTo });
  if (filters.departmentId !== undefined) filter.add('#department = :department', { '#department': 'departmentId' }, { ':department': filters.departmentId });
  if (filters.buildingId !== undefined) filter.add('#building = :building', { '#building': 'buildingId' }, { ':building': filters.buildingId });
  if (filters.emailAttention) filter.add('attribute_exists(#emailAttention)', { '#emailAttention': 'emailAttention' }, {});
  if (filters.lettersToSend) filter.add('attribute_exists(#lettersToSend)', { '#lettersToSend': 'lettersToSend' }, {});
  if (filters.withOutstandingActions) filter.add('attribute_exists(#response.#outstandingActions[0])', { '#response': 'response', '#outstandingActions': 'outstandingActions' }, {});
  if (filters.followUpCallDue) {
    filter.add(
      'attribute_exists(#followUpCall) AND attribute_not_exists(#followUpCall.#answeredAt) AND #followUpCall.#callStage = #stage AND #status = :responded',
      { '#followUpCall': 'followUpCall', '#answeredAt': 'answeredAt', '#callStage': 'stage', '#stage': 'stage', '#status': 'status' },
      { ':responded': 'responded' },
    );
  }
  if (filters.overdue) filter.add('#due < :now AND #status <> :closed', { '#due': 'responseDueBy', '#status': 'status' }, { ':now': request.now, ':closed': 'closed' });
  if (filters.overdue === false) filter.add('(#due >= :now OR #status = :closed)', { '#due': 'responseDueBy', '#status': 'status' }, { ':now': request.now, ':closed': 'closed' });
  const statusFilter = () => {
    if (filters.status !== undefined) filter.add('#status = :status', { '#status': 'status' }, { ':status': filters.status });
  };

  const scopeFilter = () => {
    if (scope !== 'all') {
      const names = scope.map((_, i) => `:estate${i}`);
      filter.add(`#estate IN (${names.join(', ')})`, { '#estate': 'estateId' }, Object.fromEntries(scope.map((e, i) => [`:estate${i}`, e])));
    }
  };
  if (filters.lookup !== undefined) {
    statusFilter();
    if (filters.assigneeId !== undefined) filter.add('#assignee = :assignee', { '#assignee': 'assigneeId' }, { ':assignee': filters.assigneeId });
    // A unit digest names its estate; the scope is still checked on every item, whatever the source.
    scopeFilter();
    const lookup = filters.lookup;
    if (lookup.by === 'reference') return { sources: [{ ...INDEX.reference, partition: indexKeys.reference(lookup.reference) }], filter };
    if (lookup.by === 'phone') return { sources: [{ ...INDEX.phone, partition: indexKeys.phone(lookup.digest) }], filter };
    return { sources: lookup.digests.map((digest) => ({ ...INDEX.unit, partition: indexKeys.unit(digest) })), filter };
  }
  if (filters.assigneeId !== undefined) {
    statusFilter();
    scopeFilter();
    return { sources: [{ ...INDEX.assignee, partition: indexKeys.assignee(filters.assigneeId) }], filter };
  }
  if (scope === 'all') {
    statusFilter();
    return { sources: [{ ...(filters.overdue ? INDEX.openMonth : INDEX.month), partition: filters.overdue ? indexKeys.openMonth : indexKeys.month }], filter };
  }
  const sources: Source[] = [];
  for (const estateId of [...scope].sort()) {
    if (filters.overdue) {
      const open = filters.status !== undefined ? [filters.status].filter((s) => s !== 'closed') : CASE_STATUSES.filter((s) => s !== 'closed');
      for (const status of open) sources.push({ ...INDEX.estateStatus, partition: indexKeys.estateStatus(estateId, status) });
    } else if (filters.status !== undefined) {
      sources.push({ ...INDEX.estateStatus, partition: indexKeys.estateStatus(estateId, filters.status) });
    } else {
      sources.push({ ...INDEX.estate, partition: indexKeys.estate(estateId) });
    }
  }
  return { sources, filter };
}

const sortKey = (item: Record<string, unknown>) => `${String(item.receivedAt)}#${String(item.caseId)}`;

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

class SourceReader {
  month: string | undefined;
  /** ExclusiveStartKey of the next query. */
  private readKey: Record<string, string> | undefined;
  /** Key after which the buffer's first item comes (what a cursor records while items are buffered). */
  private bufferStart: Record<string, string> | undefined;
  private partitionEnded = false;
  buffer: Record<string, unknown>[] = [];
  done = false;

  constructor(
    readonly source: Source,
    position: ListPosition[number] | undefined,
    private readonly startMonth: string,
    private readonly earliestMonth: string,
  ) {
    const monthly = typeof source.partition === 'function';
    if (position?.d) this.done = true;
    this.month = monthly ? (position?.m ?? startMonth) : undefined;
    if (monthly && (this.month! > startMonth || this.month! < earliestMonth || !/^\d{4}-\d{2}$/.test(this.month!))) this.done = true;
    this.readKey = position?.k;
    this.bufferStart = position?.k;
  }

  private partition(): string {
    return typeof this.source.partition === 'function' ? this.source.partition(this.month!) : this.source.partition;
  }

  /** Reads until the buffer has an item or the source is exhausted; false if the query budget ran out first. */
  async fill(run: (input: { partition: string; startKey?: Record<string, string> }) => Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, string> } | undefined>): Promise<boolean> {
    while (this.buffer.length === 0 && !this.done) {
      if (this.partitionEnded) {
        this.partitionEnded = false;
        this.readKey = undefined;
        this.bufferStart = undefined;
        if (this.month !== undefined && this.month > this.earliestMonth) this.month = previousMonth(this.month);
        else this.done = true;
        continue;
      }
      const result = await run({ partition: this.partition(), ...(this.readKey ? { startKey: this.readKey } : {}) });
      if (!result) return false;
      this.bufferStart = this.readKey;
      this.buffer = result.items;
      this.readKey = result.lastKey;
      if (!result.lastKey) this.partitionEnded = true;
      else if (result.items.length === 0) this.bufferStart = result.lastKey;
    }
    return true;
  }

  take(): Record<string, unknown> {
    const item = this.buffer.shift()!;
    this.bufferStart = keyOf(item, this.source);
    return item;
  }

  position(): ListPosition[number] {
    if (this.done) return { d: 1 };
    if (this.buffer.length === 0 && this.partitionEnded) {
      if (this.month === undefined || this.month <= this.earliestMonth) return { d: 1 };
      return { m: previousMonth(this.month) };
    }
    return { ...(this.month ? { m: this.month } : {}), ...(this.bufferStart ? { k: this.bufferStart } : {}) };
  }
}

function keyOf(item: Record<string, unknown>, source: Source): Record<string, string> {
  return {
    pk: String(item.pk),
    sk: String(item.sk),
    [source.pkAttribute]: String(item[source.pkAttribute]),
    [source.skAttribute]: String(item[source.skAttribute]),
  };
}

export async function listCases(doc: DynamoDBDocumentClient, tableName: string, request: CaseListRequest): Promise<CaseListPage> {
  const { sources, filter } = planListing(request);
  if (request.position && request.position.length !== sources.length) throw new Error('position does not match the query');
  const startMonth = monthOf(request.now);
  const readers = sources.map((source, i) => new SourceReader(source, request.position?.[i], startMonth, request.earliestMonth));
  // Queries per request: those that found something, and empty ones (month partitions with no cases are
  // cheap, and a group-wide walk may cross many of them on its way back to `earliestMonth`).
  let budget = 20 + 2 * sources.length;
  let emptyBudget = 240;
  const pageSize = Math.max(request.limit, 25);

  const runFor = (source: Source) => async (input: { partition: string; startKey?: Record<string, string> }) => {
    if (budget <= 0 || emptyBudget <= 0 || request.outOfTime?.()) return undefined;
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: source.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': source.pkAttribute, ...filter.names },
        ExpressionAttributeValues: { ':pk': input.partition, ...filter.values },
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        ScanIndexForward: false,
        Limit: pageSize,
        ...(input.startKey ? { ExclusiveStartKey: input.startKey } : {}),
      }),
    );
    if ((page.Items ?? []).length > 0) budget -= 1;
    else emptyBudget -= 1;
    return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey as Record<string, string> | undefined };
  };

  const cases: ComplaintCase[] = [];
  let stalled = false;
  while (cases.length < request.limit) {
    const filled = await Promise.all(readers.map((reader) => reader.fill(runFor(reader.source))));
    if (filled.includes(false)) {
      stalled = true;
      break;
    }
    let newest: SourceReader | undefined;
    for (const reader of readers) {
      if (reader.buffer.length === 0) continue;
      if (!newest || sortKey(reader.buffer[0]!) > sortKey(newest.buffer[0]!)) newest = reader;
    }
    if (!newest) break;
    cases.push(stripKeys(newest.take()) as unknown as ComplaintCase);
  }
  // A full page: look ahead (within the budget) so that the last page does not come with a cursor to an empty one.
  if (!stalled && cases.length === request.limit) {
    const filled = await Promise.all(readers.map((reader) => (reader.buffer.length === 0 ? reader.fill(runFor(reader.source)) : true)));
    if (filled.includes(false)) stalled = true;
  }
  const exhausted = !stalled && readers.every((reader) => reader.done || (reader.buffer.length === 0 && reader.position().d === 1));
  return { cases, ...(exhausted ? {} : { next: readers.map((reader) => reader.position()) }) };
}
