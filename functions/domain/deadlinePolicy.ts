/**
 * Deadline policies as data: how many working days a complaint may take to be
 * acknowledged and answered, per stage and severity tier, how far a deadline
 * may be extended and what the complainant must be told when it is.
 *
 * A group picks a preset or stores its own policy (validated with
 * `deadlinePolicySchema`, deadlinePolicySchema.ts); `computeDeadlines` turns a policy and a case's dates
 * into due instants in the estate's time zone and holiday calendar.
 *
 * Counting (see docs/DEADLINES.md):
 * - "N working days from X" ends at 23:59:59.999 local time on the Nth working
 *   day after the local calendar day of X; the day of X itself never counts,
 *   whatever the hour. 0 means "by the end of the day of X".
 * - A paused working day is one at whose end (local midnight) the clock was
 *   stopped; each one moves the response deadline by one working day.
 * - An extension adds working days to the response deadline, up to the
 *   policy's maximum for the stage.
 */
import { type CalendarDate, addWorkingDays, endOfLocalDay, localDate, nextDay } from './deadlines';
import type { Jurisdiction } from './estate';
import { isWorkingDay } from './workingCalendar';

export const SEVERITY_TIERS = ['general', 'serious', 'critical'] as const;
export type SeverityTier = (typeof SEVERITY_TIERS)[number];

/** Who may be asked to act when a deadline is missed, or must approve an extension. */
export const DEADLINE_ROLES = ['handler', 'estate-manager', 'hq'] as const;
export type DeadlineRole = (typeof DEADLINE_ROLES)[number];

// The policy's shape is defined once, by its zod schema (deadlinePolicySchema.ts); only its types are imported
// here, so the workflow steps that compute deadlines do not build the schemas at load.
import type { DeadlinePolicy, DeadlineStage, ExtensionNotice, TierRule } from './deadlinePolicySchema';
export type { DeadlinePolicy, DeadlineStage, ExtensionNotice, TierRule } from './deadlinePolicySchema';

// --- presets -------------------------------------------------------------------

const allTiers = (rule: TierRule): DeadlineStage['tiers'] => ({ general: rule, serious: rule, critical: rule });

const SEED_NOTICE: ExtensionNotice = { statesReason: true, statesMeasuresTaken: true, statesNewDate: true, includesOmbudsmanContact: false };
const HOUSING_OMBUDSMAN_NOTICE: ExtensionNotice = { statesReason: true, statesMeasuresTaken: false, statesNewDate: true, includesOmbudsmanContact: true };
const SPSO_NOTICE: ExtensionNotice = { statesReason: true, statesMeasuresTaken: false, statesNewDate: true, includesOmbudsmanContact: false };

/**
 * The seeds' own rule. Seed 003 §4.3: resolve within five days of the
 * complaint, or answer in writing with the reason and the measures taken;
 * seed 001 §5.1.3: the estate manager sets a new deadline for difficult or
 * overdue cases, then HQ. Seed 002 §三 asks for stricter handling the more
 * severe the tier but gives no numbers; the product's choice:
 * - general: acknowledge within 1 working day, respond within 5, extension up to 10 (estate manager approves);
 * - serious: acknowledge the same day, respond within 3, extension up to 5 (estate manager approves);
 * - critical: acknowledge the same day, respond within 1, extension up to 2 (HQ approves; HQ is alerted when missed).
 * Stage 2 is the estate manager's review after escalation (count from the
 * escalation request): 5 / 3 / 1 working days again, missed → HQ.
 */
export const SEED_DEFAULT_POLICY: DeadlinePolicy = {
  id: 'seed-default',
  title: 'Seed default (5 working days, shorter for serious and critical complaints)',
  source:
    'Seed 003 §4.3 (respond within 5 days of receipt; written interim response with reason and measures); ' +
    'seed 001 §5.1.3 (estate manager sets a new deadline; then HQ); seed 002 §三 (general / serious / critical tiers). ' +
    "Serious and critical numbers are the product's choice.",
  stages: [
    {
      id: 'stage-1',
      title: 'Estate handling',
      tiers: {
        general: seedRule({ acknowledge: 1, respond: 5, maxExtension: 10, approvedBy: 'estate-manager', escalateTo: 'estate-manager' }),
        serious: seedRule({ acknowledge: 0, respond: 3, maxExtension: 5, approvedBy: 'estate-manager', escalateTo: 'estate-manager' }),
        critical: seedRule({ acknowledge: 0, respond: 1, maxExtension: 2, approvedBy: 'hq', escalateTo: 'hq' }),
      },
    },
    {
      id: 'stage-2',
      title: 'Estate manager review after escalation',
      tiers: {
        general: seedRule({ acknowledge: 1, respond: 5, maxExtension: 10, approvedBy: 'hq', escalateTo: 'hq' }),
        serious: seedRule({ acknowledge: 0, respond: 3, maxExtension: 5, approvedBy: 'hq', escalateTo: 'hq' }),
        critical: seedRule({ acknowledge: 0, respond: 1, maxExtension: 2, approvedBy: 'hq', escalateTo: 'hq' }),
      },
    },
  ],
};

function seedRule(r: { acknowledge: number; respond: number; maxExtension: number; approvedBy: DeadlineRole; escalateTo: DeadlineRole }): TierRule {
  return {
    acknowledgeWithinWorkingDays: r.acknowledge,
    respondWithinWorkingDays: r.respond,
    respondCountedFrom: 'receipt',
    maxExtensionWorkingDays: r.maxExtension,
    extensionApprovedBy: r.approvedBy,
    extensionNotice: SEED_NOTICE,
    escalateWhenMissedTo: r.escalateTo,
  };
}

/**
 * Housing Ombudsman (England) Complaint Handling Code, statutory from
 * 1 April 2024, section 6: stage 1 acknowledged within 5 working days of
 * receipt (6.2), answered within 10 working days of the acknowledgement (6.3),
 * extension no more than 10 working days without good reason (6.4); stage 2
 * acknowledged within 5 working days of the escalation request (6.11),
 * answered within 20 working days of the acknowledgement (6.13), extension no
 * more than 20 working days without good reason (6.14). Every extension is
 * explained to the resident with the Ombudsman's contact details (6.5, 6.15).
 * The Code does not distinguish severity, so all tiers are equal.
 */
export const UK_HOUSING_OMBUDSMAN_2024_POLICY: DeadlinePolicy = {
  id: 'uk-housing-ombudsman-2024',
  title: 'Housing Ombudsman Complaint Handling Code (England, 2024)',
  source: 'Housing Ombudsman Service, Complaint Handling Code, in force 1 April 2024, section 6 (6.2-6.5 stage 1; 6.11-6.15 stage 2).',
  stages: [
    {
      id: 'stage-1',
      title: 'Stage 1',
      tiers: allTiers({
        acknowledgeWithinWorkingDays: 5,
        respondWithinWorkingDays: 10,
        respondCountedFrom: 'acknowledgement',
        maxExtensionWorkingDays: 10,
        extensionApprovedBy: 'handler',
        extensionNotice: HOUSING_OMBUDSMAN_NOTICE,
        escalateWhenMissedTo: 'estate-manager',
      }),
    },
    {
      id: 'stage-2',
      title: 'Stage 2 (final response)',
      tiers: allTiers({
        acknowledgeWithinWorkingDays: 5,
        respondWithinWorkingDays: 20,
        respondCountedFrom: 'acknowledgement',
        maxExtensionWorkingDays: 20,
        extensionApprovedBy: 'estate-manager',
        extensionNotice: HOUSING_OMBUDSMAN_NOTICE,
        escalateWhenMissedTo: 'hq',
      }),
    },
  ],
};

/**
 * Scottish Public Services Ombudsman, model complaints handling procedure
 * (2020 revision): stage 1 frontline response within 5 working days of
 * receipt, extendable in exceptional circumstances to at most 10 working days
 * in total (5 more) with a senior member of staff's approval; stage 2
 * investigation acknowledged within 3 working days and answered within 20
 * working days of receipt, extendable with senior approval and a revised time
 * agreed with the complainant (no fixed cap). Frontline has no separate
 * acknowledgement. All tiers are equal.
 */
export const SPSO_MODEL_POLICY: DeadlinePolicy = {
  id: 'spso-model',
  title: 'SPSO model complaints handling procedure (Scotland)',
  source:
    'Scottish Public Services Ombudsman, model complaints handling procedure (2020), Part 3: stage 1 frontline response 5 working days ' +
    '(extension to at most 10 in total); stage 2 investigation: acknowledge 3 working days, respond 20 working days.',
  stages: [
    {
      id: 'frontline',
      title: 'Stage 1: frontline response',
      tiers: allTiers({
        acknowledgeWithinWorkingDays: null,
        respondWithinWorkingDays: 5,
        respondCountedFrom: 'receipt',
        maxExtensionWorkingDays: 5,
        extensionApprovedBy: 'estate-manager',
        extensionNotice: SPSO_NOTICE,
        escalateWhenMissedTo: 'estate-manager',
      }),
    },
    {
      id: 'investigation',
      title: 'Stage 2: investigation',
      tiers: allTiers({
        acknowledgeWithinWorkingDays: 3,
        respondWithinWorkingDays: 20,
        respondCountedFrom: 'receipt',
        maxExtensionWorkingDays: null,
        extensionApprovedBy: 'estate-manager',
        extensionNotice: SPSO_NOTICE,
        escalateWhenMissedTo: 'hq',
      }),
    },
  ],
};

export const DEADLINE_POLICY_PRESETS = {
  'seed-default': SEED_DEFAULT_POLICY,
  'uk-housing-ombudsman-2024': UK_HOUSING_OMBUDSMAN_2024_POLICY,
  'spso-model': SPSO_MODEL_POLICY,
} as const satisfies Record<string, DeadlinePolicy>;
export type DeadlinePolicyPresetId = keyof typeof DEADLINE_POLICY_PRESETS;

// --- computing deadlines ---------------------------------------------------------

/** A period during which the response clock was stopped (e.g. waiting for the complainant, an estate closed by typhoon signal 8). ISO instants; `to` after `from`. */
export interface ClockPause {
  from: string;
  to: string;
}

export interface DeadlineInput {
  /** Stage id of the policy, e.g. `stage-1`. */
  stage: string;
  severity: SeverityTier;
  /** When this stage's complaint or escalation request was received (ISO instant). */
  receivedAt: string;
  /** When it was acknowledged, if it has been. */
  acknowledgedAt?: string;
  jurisdiction: Jurisdiction;
  /** IANA time zone of the estate. */
  timeZone: string;
  /** Periods the clock was stopped at this stage (open pauses: pass `to` = now). */
  pauses?: readonly ClockPause[];
  /** Total working days the response deadline has been extended by at this stage. */
  extensionWorkingDays?: number;
}

export interface ComputedDeadlines {
  rule: TierRule;
  /** End of the acknowledgement period; `null` when the stage has none. Not moved by pauses. */
  acknowledgeBy: string | null;
  /** The binding response deadline: base + granted extension, moved by paused working days. */
  respondBy: string;
  /** The response deadline before extension and pauses. */
  baseRespondBy: string;
  /** The instant the response period was counted from. */
  respondCountedFromInstant: string;
  /**
   * True when the policy counts from acknowledgement but the case is not
   * acknowledged yet: the deadline is then counted from receipt, the earliest
   * it can be, and moves later once `acknowledgedAt` is known.
   */
  provisional: boolean;
  /** Latest response deadline the policy allows with the maximum extension (and the same pauses); `null` when extensions have no fixed cap. */
  latestPermittedRespondBy: string | null;
  /** Working days of pause that moved `respondBy`. */
  pausedWorkingDays: number;
  /** The granted extension is more than the stage's maximum. */
  extensionExceedsMaximum: boolean;
}

export function findTierRule(policy: DeadlinePolicy, stage: string, severity: SeverityTier): TierRule {
  const found = policy.stages.find((s) => s.id === stage);
  if (!found) throw new Error(`deadline policy ${policy.id} has no stage "${stage}" (stages: ${policy.stages.map((s) => s.id).join(', ')})`);
  return found.tiers[severity];
}

/**
 * Due instants for one stage of a case.
 *
 * The acknowledgement is due `acknowledgeWithinWorkingDays` after receipt.
 * The response is due `respondWithinWorkingDays` after receipt or
 * acknowledgement (per the rule), plus `extensionWorkingDays`, then moved by
 * the working days paused on or before that date (`extendForPauses`).
 */
export function computeDeadlines(policy: DeadlinePolicy, input: DeadlineInput): ComputedDeadlines {
  const rule = findTierRule(policy, input.stage, input.severity);
  const { jurisdiction, timeZone } = input;
  const pauses = input.pauses ?? [];
  const extension = input.extensionWorkingDays ?? 0;
  if (!Number.isInteger(extension) || extension < 0) throw new RangeError('extensionWorkingDays must be a whole number >= 0');

  const acknowledgeBy =
    rule.acknowledgeWithinWorkingDays === null ? null : addWorkingDays(input.receivedAt, rule.acknowledgeWithinWorkingDays, jurisdiction, timeZone);

  const provisional = rule.respondCountedFrom === 'acknowledgement' && !input.acknowledgedAt;
  const anchor = rule.respondCountedFrom === 'acknowledgement' && input.acknowledgedAt ? input.acknowledgedAt : input.receivedAt;
  const baseRespondBy = addWorkingDays(anchor, rule.respondWithinWorkingDays, jurisdiction, timeZone);

  const extended = addWorkingDays(baseRespondBy, extension, jurisdiction, timeZone);
  const respondBy = extendForPauses(extended, pauses, jurisdiction, timeZone);
  const latestPermittedRespondBy =
    rule.maxExtensionWorkingDays === null
      ? null
      : extendForPauses(addWorkingDays(baseRespondBy, rule.maxExtensionWorkingDays, jurisdiction, timeZone), pauses, jurisdiction, timeZone);

  return {
    rule,
    acknowledgeBy,
    respondBy,
    baseRespondBy,
    respondCountedFromInstant: anchor,
    provisional,
    latestPermittedRespondBy,
    pausedWorkingDays: countPausedWorkingDays(extended, pauses, jurisdiction, timeZone),
    extensionExceedsMaximum: rule.maxExtensionWorkingDays !== null && extension > rule.maxExtensionWorkingDays,
  };
}

/**
 * Moves `due` later by the working time lost to pauses.
 *
 * A working day is paused when the clock was stopped at its end (local
 * midnight): a pause from Monday 10:00 to Wednesday 09:00 pauses Monday and
 * Tuesday; one from 10:00 to 16:00 on the same day pauses nothing; weekends
 * and holidays inside a pause cost nothing. Overlapping pauses count once.
 * Only paused days on or before the due date count. The new deadline is the
 * end of the day reached by walking forward from the due date over that many
 * working days that are not themselves paused. Returns `due` unchanged when
 * no working day was paused.
 */
export function extendForPauses(due: string, pauses: readonly ClockPause[], jurisdiction: Jurisdiction, timeZone: string): string {
  const paused = pausedWorkingDates(pauses, jurisdiction, timeZone);
  const dueDate = localDate(new Date(due), timeZone);
  let owed = [...paused].filter((key) => key <= keyOf(dueDate)).length;
  if (owed === 0) return due;
  let day = dueDate;
  while (owed > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, jurisdiction) && !paused.has(keyOf(day))) owed -= 1;
  }
  return endOfLocalDay(day, timeZone).toISOString();
}

function countPausedWorkingDays(due: string, pauses: readonly ClockPause[], jurisdiction: Jurisdiction, timeZone: string): number {
  const paused = pausedWorkingDates(pauses, jurisdiction, timeZone);
  const last = keyOf(localDate(new Date(extendForPauses(due, pauses, jurisdiction, timeZone)), timeZone));
  return [...paused].filter((key) => key <= last).length;
}

/** Local dates (YYYY-MM-DD) of the working days at whose end a pause was running. */
function pausedWorkingDates(pauses: readonly ClockPause[], jurisdiction: Jurisdiction, timeZone: string): Set<string> {
  const dates = new Set<string>();
  for (const pause of pauses) {
    const from = new Date(pause.from);
    const to = new Date(pause.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError(`invalid pause ${pause.from} - ${pause.to}`);
    if (to < from) throw new RangeError(`pause ends before it starts: ${pause.from} - ${pause.to}`);
    const end = keyOf(localDate(to, timeZone));
    for (let day = localDate(from, timeZone); keyOf(day) < end; day = nextDay(day)) {
      if (isWorkingDay(day, jurisdiction)) dates.add(keyOf(day));
    }
  }
  return dates;
}

function keyOf(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
