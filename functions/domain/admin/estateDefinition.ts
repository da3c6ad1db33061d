/**
 * An estate as an administrator defines it — in the console's form, through
 * the API, or as one row of an estate file (CSV or XLSX, ./estateFile.ts) —
 * and how a definition becomes the stored `Estate`.
 *
 * A definition names departments by their id in the group's catalogue
 * (group settings) and gives each a mailbox; the names in three languages
 * come from the catalogue. It names its deadline policy by id: a preset or
 * one of the group's custom policies, whose copy the estate then carries.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { canonicalJson } from '../canonicalJson';
import { singleLine } from '../complaint';
import { DEADLINE_POLICY_PRESETS } from '../deadlinePolicy';
import type { DeadlinePolicy } from '../deadlinePolicySchema';
import { type Estate, HOLIDAY_CALENDARS, JURISDICTIONS } from '../estate';
import { buildingIdSchema, estateIdSchema } from '../estateIdSchema';
import type { GroupSettings } from '../groupSettings';
import { departmentIdSchema, mailboxSchema, namesSchema } from './groupSettingsSchema';
import { type Problem, problem } from './problems';

const knownTimeZones = new Map<string, boolean>();

/** Time zones the runtime knows (IANA, Area/Location); `UTC` is accepted too. Remembered: a file names few. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone === 'UTC') return true;
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(timeZone);
    } catch {
      known = false;
    }
    if (knownTimeZones.size < 1000) knownTimeZones.set(timeZone, known);
  }
  return known;
}

export const referencePrefixSchema = z.string().check(z.regex(/^[A-Z0-9]{2,12}$/, 'referencePrefix must be 2-12 capital letters or digits'));
/** Buildings one estate may list (a large estate has a few dozen blocks). */
export const MAX_BUILDINGS = 200;
const policyIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'deadlinePolicyId must be 1-64 lowercase letters, digits or "-"'));

export const estateDefinitionSchema = z.strictObject({
  estateId: estateIdSchema,
  /** Prefix of the estate's case references; the estate id in capitals when absent. Cannot change once the estate exists. */
  referencePrefix: z.optional(referencePrefixSchema),
  names: namesSchema,
  /** The jurisdiction (law, retention, currency, staff language); also the holiday calendar unless `holidayCalendar` says another. */
  jurisdiction: z.enum(JURISDICTIONS, `jurisdiction must be one of ${JURISDICTIONS.join(', ')}`),
  /** The public-holiday calendar working days are counted in (deadlines, warnings, reports); absent: the jurisdiction's. */
  holidayCalendar: z.optional(z.enum(HOLIDAY_CALENDARS, `holidayCalendar must be one of ${HOLIDAY_CALENDARS.join(', ')}`)),
  timeZone: z.string().check(z.refine(isKnownTimeZone, { message: 'timeZone must be an IANA time zone such as Asia/Hong_Kong', params: { code: 'notTimeZone' } })),
  homes: z.int('homes must be a whole number').check(z.gte(1, 'homes must be at least 1'), z.lte(200_000, 'homes must be at most 200,000')),
  /** A preset's or a custom policy's id; the seed default when absent (an existing estate keeps its own). */
  deadlinePolicyId: z.optional(policyIdSchema),
  customerServiceEmail: mailboxSchema,
  managerEmail: mailboxSchema,
  developerLiaisonEmail: z.optional(mailboxSchema),
  ombudsmanContact: z.optional(singleLine('ombudsmanContact', 500)),
  departments: z.array(z.strictObject({ departmentId: departmentIdSchema, email: mailboxSchema })).check(
    z.minLength(1, 'at least one department needs a mailbox'),
    z.maxLength(50, 'at most 50 departments'),
  ),
  /** `false` defines the estate deactivated; absent keeps an existing estate's state (a new one is active). */
  active: z.optional(z.boolean()),
  /** The estate's buildings; absent keeps an existing estate's list, `[]` removes it (cases keep the id they name). */
  buildings: z.optional(
    z.array(z.strictObject({ buildingId: buildingIdSchema, names: namesSchema })).check(
      z.maxLength(MAX_BUILDINGS, `at most ${MAX_BUILDINGS} buildings`),
      z.refine((list) => new Set(list.map((b) => b.buildingId)).size === list.length, { message: 'building ids must be unique', params: { code: 'buildingIdsRepeated' } }),
    ),
  ),
});
export type EstateDefinition = z.infer<typeof estateDefinitionSchema>;

/** What a definition is checked against besides its own fields. */
export interface DefinitionContext {
  settings: Pick<GroupSettings, 'departments'>;
  /** The group's custom deadline policies by id. */
  customPolicies: ReadonlyMap<string, DeadlinePolicy>;
  /** Stored estates by id. */
  existing: ReadonlyMap<string, Estate>;
}

/** Problems by field path (`departments.1.departmentId`). */
export type FieldProblems = Record<string, Problem>;

/** Checks that need the group (catalogue, policies, stored estates); `{}` when the definition fits. */
export function contextProblems(definition: EstateDefinition, context: DefinitionContext): FieldProblems {
  const problems: FieldProblems = {};
  const known = new Set(context.settings.departments.map((d) => d.departmentId));
  const seen = new Set<string>();
  definition.departments.forEach((department, index) => {
    const id = department.departmentId;
    if (!known.has(id)) problems[`departments.${index}.departmentId`] = problem('unknownDepartment', `"${id}" is not a department of the group (group settings list them)`, { department: id });
    else if (seen.has(id)) problems[`departments.${index}.departmentId`] = problem('departmentTwice', `"${id}" is given twice`, { department: id });
    seen.add(id);
  });
  const policyId = definition.deadlinePolicyId;
  if (policyId !== undefined && !(policyId in DEADLINE_POLICY_PRESETS) && !context.customPolicies.has(policyId)) {
    problems.deadlinePolicyId = problem('unknownPolicy', `"${policyId}" is neither a preset (${Object.keys(DEADLINE_POLICY_PRESETS).join(', ')}) nor a custom policy of the group`, { policy: policyId });
  }
  const stored = context.existing.get(definition.estateId);
  const prefix = referencePrefixOf(definition);
  if (stored && stored.referencePrefix !== prefix) {
    problems.referencePrefix = problem('referencePrefixFixed', `cannot change from ${stored.referencePrefix}: the estate's case references use it`, { prefix: stored.referencePrefix });
  } else if (!stored) {
    for (const other of context.existing.values()) {
      if (other.referencePrefix === prefix) {
        problems.referencePrefix = problem('referencePrefixTaken', `${prefix} is already the reference prefix of estate ${other.estateId}`, { prefix, estate: other.estateId });
        break;
      }
    }
  }
  return problems;
}

export function referencePrefixOf(definition: Pick<EstateDefinition, 'estateId' | 'referencePrefix'>): string {
  return definition.referencePrefix ?? definition.estateId.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The stored estate a (checked) definition describes, keeping what the definition leaves to the stored one. */
export function estateFromDefinition(definition: EstateDefinition, context: DefinitionContext): Estate {
  const stored = context.existing.get(definition.estateId);
  const names = new Map(context.settings.departments.map((d) => [d.departmentId, d.names]));
  const policyId = definition.deadlinePolicyId ?? stored?.deadlinePolicyId;
  const custom = policyId !== undefined ? context.customPolicies.get(policyId) : undefined;
  const active = definition.active ?? stored?.active ?? true;
  const buildings = definition.buildings ?? stored?.buildings ?? [];
  return {
    estateId: definition.estateId,
    referencePrefix: referencePrefixOf(definition),
    names: definition.names,
    jurisdiction: definition.jurisdiction,
    // Only a calendar other than the jurisdiction's is stored: naming the default changes nothing (same digest).
    ...(definition.holidayCalendar && definition.holidayCalendar !== definition.jurisdiction ? { holidayCalendar: definition.holidayCalendar } : {}),
    timeZone: definition.timeZone,
    homes: definition.homes,
    departments: definition.departments.map((d) => ({ departmentId: d.departmentId, names: names.get(d.departmentId)!, email: d.email })),
    customerServiceEmail: definition.customerServiceEmail,
    managerEmail: definition.managerEmail,
    ...(definition.developerLiaisonEmail ? { developerLiaisonEmail: definition.developerLiaisonEmail } : {}),
    ...(definition.ombudsmanContact ? { ombudsmanContact: definition.ombudsmanContact } : {}),
    ...(policyId !== undefined ? { deadlinePolicyId: policyId } : {}),
    ...(custom ? { customDeadlinePolicy: custom } : stored?.customDeadlinePolicy && stored.deadlinePolicyId === policyId ? { customDeadlinePolicy: stored.customDeadlinePolicy } : {}),
    ...(active ? {} : { active: false }),
    ...(buildings.length > 0 ? { buildings: buildings.map((b) => ({ buildingId: b.buildingId, names: b.names })) } : {}),
  };
}

/** The fields of an estate that define it (what the digest covers; storage attributes excluded). */
const ESTATE_FIELDS = [
  'estateId', 'referencePrefix', 'names', 'jurisdiction', 'holidayCalendar', 'timeZone', 'homes', 'departments', 'customerServiceEmail',
  'developerLiaisonEmail', 'managerEmail', 'deadlinePolicyId', 'customDeadlinePolicy', 'ombudsmanContact', 'active', 'buildings',
] as const satisfies readonly (keyof Estate)[];

export function estateContent(estate: Estate): Estate {
  const content: Record<string, unknown> = {};
  for (const field of ESTATE_FIELDS) if (estate[field] !== undefined) content[field] = estate[field];
  if (content.active === true) delete content.active;
  return content as unknown as Estate;
}

/** SHA-256 of the estate's defining fields (canonical JSON): equal digests, nothing to write. */
export function estateDigest(estate: Estate): string {
  return createHash('sha256').update(canonicalJson(estateContent(estate))).digest('hex');
}

/** The fields that differ, before → after (for the admin ledger). */
export function estateFieldChanges(before: Estate | undefined, after: Estate): { field: string; before: unknown; after: unknown }[] {
  const a = before ? estateContent(before) : ({} as Estate);
  const b = estateContent(after);
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const field of ESTATE_FIELDS) {
    const x = (a as unknown as Record<string, unknown>)[field];
    const y = (b as unknown as Record<string, unknown>)[field];
    if (canonicalJson(x ?? null) !== canonicalJson(y ?? null)) changes.push({ field, before: x ?? null, after: y ?? null });
  }
  return changes;
}
