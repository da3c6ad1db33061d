/**
 * What one case adds to the group's pre-aggregated figures (the dashboard, the
 * regulator measures, performance monitoring). Pure: the case and its estate
 * in, counters and the buckets they go into out.
 *
 * A case is counted in the cohort of its receipt: its day, ISO week and month
 * (in the group's reporting time zone), for its estate and for the whole group,
 * in the slice of every filter it matches (all cases, its class, its cause
 * category, its class and category). Its counters describe where it stands
 * now (status, on time, outcome, satisfaction...), so when the case changes,
 * the store replaces its old contribution with the new one (see
 * aggregatePlan.ts): the figures always describe the current state of each
 * cohort, never a sum of past states.
 *
 * Counters are whole numbers (amounts in cents), so adding and subtracting
 * contributions is exact in any order.
 */
import { type ComplaintCase, stage1People } from '../complaintCase';
import { addWorkingDays, localDate, nextDay } from '../deadlines';
import { periodIdsOf } from './periods';
import { type Estate, holidayCalendarOf } from '../estate';
import { findTierRule } from '../deadlinePolicy';
import { policyFor, stageIdFor } from '../lifecycle/deadlineTracking';
import { isWorkingDay } from '../workingCalendar';

export type Counters = Record<string, number>;

/** Histograms of working days stop here: the last bucket holds this many days or more. */
export const DAYS_HISTOGRAM_CAP = 40;

/** The whole group's scope (an estate's scope is its id). */
export const GROUP_SCOPE = 'GROUP';

/**
 * Per-estate counts of the group (rankings, early warning) live in 16 shard scopes, not in the group's items:
 * one counter per estate in one item would make every update of a 3,000-estate group rewrite a 60 KB item
 * (and pay for it: DynamoDB charges writes by item size).
 */
export const ESTATE_SHARDS = 16;
export const estateShardScope = (estateId: string) => `${GROUP_SCOPE}#E${String(fnv1a(estateId) % ESTATE_SHARDS).padStart(2, '0')}`;
export const allEstateShardScopes = () => Array.from({ length: ESTATE_SHARDS }, (_, i) => `${GROUP_SCOPE}#E${String(i).padStart(2, '0')}`);
export const isEstateShardScope = (scope: string) => scope.startsWith(`${GROUP_SCOPE}#E`);

/** A building's counter in the group's shards (`building:<estateId>/<buildingId>`): estate ids hold no "/". */
export const shardBuildingCounter = (estateId: string, buildingId: string) => `building:${estateId}/${buildingId}`;
export function parseShardBuildingCounter(name: string): { estateId: string; buildingId: string } | undefined {
  const match = /^building:([^/]+)\/(.+)$/.exec(name);
  return match ? { estateId: match[1]!, buildingId: match[2]! } : undefined;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The slices a case is counted in (the dashboard's class and category filters read one slice). */
export function slicesOf(caseClass: number | undefined, category: string | undefined): string[] {
  const c = caseClass === undefined ? 'untriaged' : String(caseClass);
  const k = category ?? 'untriaged';
  return ['all', `class=${c}`, `category=${k}`, `class=${c}&category=${k}`];
}

/** The slice the dashboard reads for a filter (one of the slices above). */
export function sliceFor(filter: { caseClass?: number; category?: string }): string {
  if (filter.caseClass !== undefined && filter.category !== undefined) return `class=${filter.caseClass}&category=${filter.category}`;
  if (filter.caseClass !== undefined) return `class=${filter.caseClass}`;
  if (filter.category !== undefined) return `category=${filter.category}`;
  return 'all';
}


/**
 * Working days from the local day of `from` to the local day of `to`: the day of `from` never counts (as deadlines
 * count, docs/DEADLINES.md), so an answer the same day is 0 and one the next working day is 1. Capped.
 */
export function workingDaysBetween(from: string, to: string, estate: Pick<Estate, 'jurisdiction' | 'holidayCalendar' | 'timeZone'>, cap = DAYS_HISTOGRAM_CAP): number {
  const end = localDate(new Date(to), estate.timeZone);
  const endKey = end.year * 10_000 + end.month * 100 + end.day;
  let day = localDate(new Date(from), estate.timeZone);
  let days = 0;
  while (days < cap) {
    day = nextDay(day);
    if (day.year * 10_000 + day.month * 100 + day.day > endKey) break;
    if (isWorkingDay(day, holidayCalendarOf(estate))) days += 1;
  }
  return days;
}

/** What a case adds, and where. Stored beside the case so the next version can take it back. */
export interface Contribution {
  /** The case version this contribution describes. */
  version: number;
  estateId: string;
  /** The building the case names (its count goes to the estate's `building:<id>` and the shard's `building:<estate>/<id>`). */
  buildingId?: string;
  /** Period ids of receipt (day, week, month). */
  periods: string[];
  slices: string[];
  /** Added in every bucket (estate and group). */
  counters: Counters;
  /** Added in the estate's buckets only (per handler: too many across a group for one item). */
  estateOnly: Counters;
}

export interface ContributionContext {
  estate: Pick<Estate, 'estateId' | 'jurisdiction' | 'holidayCalendar' | 'timeZone' | 'deadlinePolicyId'>;
  /** The time zone periods are counted in (the group's reporting time zone: one for all estates, so estates add up to the group). */
  reportingTimeZone: string;
}

/** A purged case (a retention tombstone) keeps what it contributed while it existed: `null` means "leave it". */
export function contributionOf(complaintCase: ComplaintCase, context: ContributionContext): Contribution | null {
  if (complaintCase.purge) return null;
  const { estate } = context;
  const c: Counters = {};
  const add = (name: string, by = 1) => {
    if (by !== 0) c[name] = (c[name] ?? 0) + by;
  };
  add('cases');
  add(`status:${complaintCase.status}`);
  add(`class:${complaintCase.caseClass ?? 'untriaged'}`);
  add(`severity:${complaintCase.severity ?? 'untriaged'}`);
  add(`category:${complaintCase.category ?? 'untriaged'}`);
  add(`channel:${complaintCase.channel}`);
  add(`stage:${complaintCase.stage}`);
  if (complaintCase.triage && !complaintCase.triage.valid) add('invalid');
  if (complaintCase.onTheSpot) add('onTheSpot');
  if ((complaintCase.escalationCount ?? 0) > 0) add('escalated');
  if (complaintCase.status === 'closed') add('closed');

  // Acknowledgement: on time against the estate's policy (stage 1, the case's severity tier; general until triaged).
  if (complaintCase.acknowledgedAt) {
    add('ack:count');
    const policy = policyFor(estate as Estate);
    const rule = findTierRule(policy, stageIdFor(policy, 1), complaintCase.severity ?? 'general');
    const ackBy = rule.acknowledgeWithinWorkingDays === null ? null : addWorkingDays(complaintCase.receivedAt, rule.acknowledgeWithinWorkingDays, holidayCalendarOf(estate), estate.timeZone);
    if (ackBy === null || complaintCase.acknowledgedAt <= ackBy) add('ack:onTime');
    add(`ack:days:${workingDaysBetween(complaintCase.receivedAt, complaintCase.acknowledgedAt, estate)}`);
  }

  // The stage-2 acknowledgement (Housing Ombudsman Code 6.11): on time against the stage-2 rule, working days from the request.
  const stage2Ack = complaintCase.stage2Acknowledgement;
  if (stage2Ack) {
    add('ack2:count');
    if (!stage2Ack.late) add('ack2:onTime');
    add(`ack2:days:${workingDaysBetween(stage2Ack.requestedAt, stage2Ack.acknowledgedAt, estate)}`);
  }

  // The answer of the case's current stage: on time against the binding deadline, working days from the stage's start.
  const sentAt = complaintCase.response?.sentAt;
  const stage = `s${complaintCase.stage}`;
  let answerDays: number | undefined;
  let answeredOnTime = false;
  if (sentAt) {
    answerDays = workingDaysBetween(complaintCase.deadline?.startedAt ?? complaintCase.receivedAt, sentAt, estate);
    answeredOnTime = sentAt <= complaintCase.responseDueBy;
    add(`answer:${stage}:count`);
    if (answeredOnTime) add(`answer:${stage}:onTime`);
    add(`answer:${stage}:days:${answerDays}`);
    add(`answer:days:${answerDays}`);
  }
  if (complaintCase.response) add(`outcome:${complaintCase.response.outcome}`);

  // Satisfaction (ISO 10002): with the outcome and, separately, with the handling; the survey's response.
  const satisfaction = complaintCase.satisfaction;
  if (complaintCase.followUpAt || satisfaction) add('survey:asked');
  if (satisfaction?.noResponse) add('survey:noResponse');
  if (satisfaction?.answeredAt) add('survey:answered');
  if (satisfaction?.outcomeRating !== undefined) add(`satisfaction:outcome:${satisfaction.outcomeRating}`);
  if (satisfaction?.processRating !== undefined) add(`satisfaction:process:${satisfaction.processRating}`);

  // Deadlines moved: extensions and pauses of the current stage.
  const extensions = complaintCase.deadline?.extensions ?? [];
  const pauses = complaintCase.deadline?.pauses ?? [];
  if (extensions.length > 0) add('extended');
  add('extensions', extensions.length);
  add('extensionDays', extensions.reduce((sum, e) => sum + e.workingDays, 0));
  if (pauses.length > 0) add('paused');
  add('pauses', pauses.length);

  // Compensation in cents per currency: claimed by the complainant, offered (proposed), awarded (the final decision).
  const claim = complaintCase.compensationClaim;
  const currency = claim?.currency ?? 'HKD';
  if (claim) {
    add('comp:claimed');
    add(`comp:claimed:${currency}`, cents(claim.amount));
  }
  const review = complaintCase.compensation;
  if (review?.proposal) {
    add('comp:offered');
    add(`comp:offered:${currency}`, cents(review.proposal.amount));
  }
  const final = review?.hqApproval ?? review?.decision;
  if (final && final.outcome !== 'rejected') {
    add('comp:awarded');
    add(`comp:awarded:${currency}`, cents(final.amount));
  }

  // Stage 2 considered by someone who did not handle stage 1 (Housing Ombudsman Code 6.13; ISO 10002 objectivity).
  const stage2Handler = complaintCase.stage === 2 ? complaintCase.stageHandlers?.stage2 : undefined;
  if (stage2Handler) {
    add('stage2:handled');
    if (stage1People(complaintCase).includes(stage2Handler)) add('stage2:sameHandler');
  }

  // Lessons learned (seed 003, the closing report): one-off or systemic, procedure defective, rule not followed.
  const lessons = complaintCase.closingReport?.lessons;
  if (lessons) {
    add('lessons:reported');
    add(`lessons:${lessons.recurrence}`);
    if (lessons.procedureDefect) add('lessons:procedureDefect');
    if (lessons.ruleNotFollowed) add('lessons:ruleNotFollowed');
    if (lessons.improvement) add('lessons:improvement');
  }

  // Performance (subsystem 7): per department in every bucket, per handler in the estate's buckets only.
  const e: Counters = {};
  const performance = (prefix: string, target: Counters) => {
    const put = (name: string, by = 1) => {
      if (by !== 0) target[`${prefix}:${name}`] = (target[`${prefix}:${name}`] ?? 0) + by;
    };
    put('cases');
    if (complaintCase.status === 'closed') put('closed');
    if (sentAt) {
      put('answered');
      if (answeredOnTime) put('onTime');
      put('answerDays', answerDays ?? 0);
    }
    if (complaintCase.stage === 2) put('stage2');
    if (satisfaction?.processRating !== undefined) {
      put('rated');
      put('ratingSum', satisfaction.processRating);
    }
  };
  if (complaintCase.departmentId) performance(`dept:${complaintCase.departmentId}`, c);
  const handler = complaintCase.stageHandlers?.stage1 ?? complaintCase.assigneeId;
  if (handler) performance(`handler:${handler}`, e);
  // Per building (early warning per building, the dashboard's buildings): in the estate's buckets, where building ids mean something.
  if (complaintCase.buildingId) e[`building:${complaintCase.buildingId}`] = 1;

  const periods = periodIdsOf(complaintCase.receivedAt, context.reportingTimeZone);
  return {
    version: complaintCase.version,
    estateId: complaintCase.estateId,
    ...(complaintCase.buildingId ? { buildingId: complaintCase.buildingId } : {}),
    periods: [periods.day, periods.week, periods.month],
    slices: slicesOf(complaintCase.caseClass, complaintCase.category),
    counters: c,
    estateOnly: e,
  };
}

const cents = (amount: number) => Math.round(amount * 100);
