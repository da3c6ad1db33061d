/**
 * Class 3 (seed 001 §4.3, §5.1.2 C): a complaint about the outside environment or public facilities the estate does
 * not manage is "recorded by the receiving department in the duty log (《值班記錄表》), reported as a special report
 * to the relevant party according to its impact, and its outcome published".
 *
 * - The duty log is a record on the case, append-only: each entry says who recorded it, when, what was observed
 *   (and when) and what was done. Routing writes the first (the triage's assessment and the special report sent);
 *   staff add the rest (action `duty-log`). No entry is edited or removed; each is one audit event.
 * - The outcome notice is what residents are told of the outcome, written by staff for the public (no names, flats
 *   or contacts), in one to three languages; once published (action `publish-outcome`) it is on the case's public
 *   timeline and on the estate's notice page (`GET /estates/{estateId}/notices`).
 *
 * Pure: no store, no clock. staffActions.ts plans the actions with it; the routing step, the duty-log list and CSV
 * (functions/api/dutyLog.ts) and the notice page (functions/api/estateNotices.ts) read it.
 */
import type { Language } from '../complaint';
import type { CasePatch, ComplaintCase } from '../complaintCase';

export interface DutyLogEntry {
  /** `DL1`, `DL2`…: the entry's place in the case's duty log. */
  entryId: string;
  /** Who wrote it: a staff user id (routing's entry: the person who confirmed the triage). */
  recordedBy: string;
  recordedAt: string;
  /** When the matter was observed (the complaint's receipt for routing's entry). */
  observedAt: string;
  observed: string;
  actionTaken: string;
  /** `routing`: written by the routing step from the triage; `staff`: added by a person. */
  source: 'routing' | 'staff';
  stage: 1 | 2;
}

export interface NoticeText {
  title: string;
  summary: string;
}

export interface OutcomeNotice {
  texts: Partial<Record<Language, NoticeText>>;
  publishedAt: string;
  publishedBy: string;
}

export type DutyLogRefusal = { status: 409 | 422; code: string; message: string; fields?: Record<string, string> };

/** The duty-log entry routing writes for a class-3 case: once per stage (a retried step adds nothing). */
export function routingDutyLogEntry(current: ComplaintCase, now: string): Pick<CasePatch, 'dutyLog'> | undefined {
  if (current.caseClass !== 3) return undefined;
  const log = current.dutyLog ?? [];
  if (log.some((entry) => entry.source === 'routing' && entry.stage === current.stage)) return undefined;
  const party = current.triage?.externalParty;
  const entry: DutyLogEntry = {
    entryId: `DL${log.length + 1}`,
    recordedBy: current.triage?.confirmedBy ?? 'system',
    recordedAt: now,
    observedAt: current.receivedAt,
    observed: `Class 3 complaint ${current.reference} (${current.category ?? 'uncategorised'}, ${current.severity ?? 'general'}): ${current.description}`,
    actionTaken: party ? `Special report sent to ${party.name} <${party.email}>. Impact: ${party.impact}` : 'Recorded; no external party named.',
    source: 'routing',
    stage: current.stage,
  };
  return { dutyLog: [...log, entry] };
}

/** A person adds an entry to a class-3 case's duty log. */
export function addDutyLogEntry(
  current: ComplaintCase,
  input: { observedAt: string; observed: string; actionTaken: string },
  by: string,
  now: string,
): { patch: Pick<CasePatch, 'dutyLog'> } | DutyLogRefusal {
  if (current.caseClass !== 3) return { status: 409, code: 'not_class_3', message: 'only a class-3 complaint has a duty log' };
  if (Date.parse(input.observedAt) > Date.parse(now)) return { status: 422, code: 'validation_failed', message: 'observedAt must not be in the future', fields: { observedAt: 'must not be in the future' } };
  const log = current.dutyLog ?? [];
  const entry: DutyLogEntry = {
    entryId: `DL${log.length + 1}`,
    recordedBy: by,
    recordedAt: now,
    observedAt: new Date(input.observedAt).toISOString(),
    observed: input.observed,
    actionTaken: input.actionTaken,
    source: 'staff',
    stage: current.stage,
  };
  return { patch: { dutyLog: [...log, entry] } };
}

/**
 * Publishes the outcome of a class-3 case: once a response has been decided, once per case (a correction is a new
 * complaint matter, not an edit of what residents already read).
 */
export function publishOutcomeNotice(current: ComplaintCase, texts: Partial<Record<Language, NoticeText>>, by: string, now: string): { patch: Pick<CasePatch, 'outcomeNotice'> } | DutyLogRefusal {
  if (current.caseClass !== 3) return { status: 409, code: 'not_class_3', message: 'only the outcome of a class-3 complaint is published on the notice page' };
  if (current.outcomeNotice) return { status: 409, code: 'outcome_already_published', message: `the outcome was published at ${current.outcomeNotice.publishedAt}` };
  if (!current.response) return { status: 409, code: 'no_outcome_yet', message: 'the outcome is published once the response has been decided' };
  if (Object.keys(texts).length === 0) return { status: 422, code: 'validation_failed', message: 'the notice needs its text in at least one language', fields: { texts: 'at least one language' } };
  return { patch: { outcomeNotice: { texts, publishedAt: now, publishedBy: by } } };
}

/** Whether the case may get a duty-log entry or its outcome published now (the staff actions offered). */
export function dutyLogActions(current: ComplaintCase): ('duty-log' | 'publish-outcome')[] {
  if (current.caseClass !== 3 || current.purge || current.erasure) return [];
  return ['duty-log', ...(current.response && !current.outcomeNotice ? (['publish-outcome'] as const) : [])];
}

/** One line of the estate's duty log (the list and its CSV). */
export interface DutyLogRow extends DutyLogEntry {
  caseId: string;
  reference: string;
  estateId: string;
  caseStatus: string;
}

/** The duty-log lines of an estate's cases, oldest observation first. */
export function dutyLogRows(cases: readonly ComplaintCase[]): DutyLogRow[] {
  return cases
    .flatMap((c) => (c.dutyLog ?? []).map((entry) => ({ caseId: c.caseId, reference: c.reference, estateId: c.estateId, caseStatus: c.status, ...entry })))
    .sort((a, b) => a.observedAt.localeCompare(b.observedAt) || a.reference.localeCompare(b.reference) || a.recordedAt.localeCompare(b.recordedAt));
}

/** A notice as residents read it: the case's category and dates, and the text staff wrote; nothing else of the case. */
export interface PublicNotice {
  reference: string;
  category?: string;
  receivedAt: string;
  publishedAt: string;
  /** The language the text is in: the reader's where staff wrote it, else the first written. */
  language: Language;
  title: string;
  summary: string;
}

const LANGUAGE_ORDER: Language[] = ['zh-Hant', 'zh-Hans', 'en'];

/** The published class-3 outcomes of an estate's cases for a reader, newest first. */
export function publicNotices(cases: readonly ComplaintCase[], reader: Language): PublicNotice[] {
  return cases
    .flatMap((c) => {
      const notice = c.outcomeNotice;
      if (!notice || c.caseClass !== 3) return [];
      const language = notice.texts[reader] ? reader : LANGUAGE_ORDER.find((l) => notice.texts[l]);
      if (!language) return [];
      const text = notice.texts[language]!;
      return [{ reference: c.reference, ...(c.category ? { category: c.category } : {}), receivedAt: c.receivedAt, publishedAt: notice.publishedAt, language, title: text.title, summary: text.summary }];
    })
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.reference.localeCompare(b.reference));
}
