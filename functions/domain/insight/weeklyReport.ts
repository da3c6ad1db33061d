/**
 * The Monday report of an estate (seed 001 §5.3): last week's complaints —
 * including those made to the group or to the government — how each was
 * handled, and what is still open and overdue. Built from the cases, with
 * no personal data (references, statuses, dates, departments; never names,
 * contacts or text), so it can be archived and mailed as it is.
 */
import { isOverdue } from '../caseSummary';
import type { ComplaintCase } from '../complaintCase';
import type { Language } from '../vocabulary';
import { staffEmailMessagesFor } from '../../messages/staffEmail';

export interface WeeklyReportRow {
  caseId: string;
  reference: string;
  receivedAt: string;
  channel: ComplaintCase['channel'];
  /** Made to the group or to the government, and referred to the estate. */
  referred: boolean;
  status: ComplaintCase['status'];
  stage: 1 | 2;
  caseClass?: number;
  severity?: string;
  category?: string;
  departmentId?: string;
  responseDueBy: string;
  respondedAt?: string;
  outcome?: string;
  /** Answered by the deadline (absent while unanswered). */
  answeredOnTime?: boolean;
  escalated: boolean;
  overdue: boolean;
}

export interface WeeklyReport {
  estateId: string;
  /** ISO week, e.g. `2026-W41`, in the estate's time zone. */
  week: string;
  from: string;
  to: string;
  generatedAt: string;
  summary: { received: number; referred: number; responded: number; answeredOnTime: number; closed: number; open: number; overdue: number };
  /** Complaints received during the week. */
  received: WeeklyReportRow[];
  /** Every case of the estate still open when the report was made, overdue ones first. */
  open: WeeklyReportRow[];
}

export function reportRow(c: ComplaintCase, now: string): WeeklyReportRow {
  const sentAt = c.response?.sentAt;
  return {
    caseId: c.caseId,
    reference: c.reference,
    receivedAt: c.receivedAt,
    channel: c.channel,
    referred: c.channel === 'group-referral' || c.channel === 'government-referral',
    status: c.status,
    stage: c.stage,
    ...(c.caseClass !== undefined ? { caseClass: c.caseClass } : {}),
    ...(c.severity !== undefined ? { severity: c.severity } : {}),
    ...(c.category !== undefined ? { category: c.category } : {}),
    ...(c.departmentId !== undefined ? { departmentId: c.departmentId } : {}),
    responseDueBy: c.responseDueBy,
    ...(sentAt ? { respondedAt: sentAt, answeredOnTime: sentAt <= c.responseDueBy } : {}),
    ...(c.response ? { outcome: c.response.outcome } : {}),
    escalated: (c.escalationCount ?? 0) > 0,
    // Overdue: its deadline passed without an answer (an answered case waiting for its follow-up is not).
    overdue: !sentAt && isOverdue(c, now),
  };
}

export function compileWeeklyReport(input: {
  estateId: string;
  week: string;
  from: string;
  to: string;
  now: string;
  /** Cases of the estate received in [from, to). */
  received: readonly ComplaintCase[];
  /** Cases of the estate not closed now. */
  open: readonly ComplaintCase[];
}): WeeklyReport {
  const live = (cases: readonly ComplaintCase[]) => cases.filter((c) => !c.purge && c.estateId === input.estateId);
  const received = live(input.received)
    .filter((c) => c.receivedAt >= input.from && c.receivedAt < input.to)
    .map((c) => reportRow(c, input.now))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference));
  const open = live(input.open)
    .filter((c) => c.status !== 'closed')
    .map((c) => reportRow(c, input.now))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.responseDueBy.localeCompare(b.responseDueBy) || a.reference.localeCompare(b.reference));
  return {
    estateId: input.estateId,
    week: input.week,
    from: input.from,
    to: input.to,
    generatedAt: input.now,
    summary: {
      received: received.length,
      referred: received.filter((r) => r.referred).length,
      responded: received.filter((r) => r.respondedAt).length,
      answeredOnTime: received.filter((r) => r.answeredOnTime).length,
      closed: received.filter((r) => r.status === 'closed').length,
      open: open.length,
      overdue: open.filter((r) => r.overdue).length,
    },
    received,
    open,
  };
}

// --- in each reader's language ------------------------------------------------------

/** The report's headings and labels in the reader's language, from the staff emails' catalogue (`email.insight.weeklyReport`). */
export const weeklyReportCopy = (language: Language) => staffEmailMessagesFor(language).email.insight.weeklyReport;

/** Codes shown in words (`email.insight.weeklyReport.values`); a code the catalogue does not know stays as it is. */
export const valueInWords = (value: string, language: Language) => (weeklyReportCopy(language).values as Record<string, string>)[value] ?? value;
const WORDED_COLUMNS = new Set(['channel', 'status', 'severity', 'category', 'outcome']);

const COLUMNS = ['reference', 'receivedAt', 'channel', 'referred', 'status', 'stage', 'caseClass', 'severity', 'category', 'departmentId', 'responseDueBy', 'respondedAt', 'outcome', 'answeredOnTime', 'escalated', 'overdue'] as const;

export type TableCell = string | number | null;

/** The report as tables (a title and rows of cells, the first row the headings), for a spreadsheet or a page. */
export function weeklyReportTables(report: WeeklyReport, language: Language, estateName: string): { title: string; rows: TableCell[][] }[] {
  const copy = weeklyReportCopy(language);
  const cell = (row: WeeklyReportRow, column: (typeof COLUMNS)[number]): TableCell => {
    const value = row[column];
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value ? copy.yes : copy.no;
    if (typeof value === 'string' && WORDED_COLUMNS.has(column)) return valueInWords(value, language);
    return value;
  };
  const table = (rows: WeeklyReportRow[]) => [COLUMNS.map((c) => copy.columns[c]), ...rows.map((row) => COLUMNS.map((c) => cell(row, c)))];
  return [
    {
      title: copy.summary,
      rows: [
        [copy.estate, `${estateName} (${report.estateId})`],
        [copy.week, report.week],
        [copy.from, report.from],
        [copy.to, report.to],
        [copy.generated, report.generatedAt],
        ...(Object.keys(copy.figures) as (keyof typeof copy.figures)[]).map((k) => [copy.figures[k], report.summary[k]]),
      ],
    },
    { title: copy.received, rows: table(report.received) },
    { title: copy.open, rows: table(report.open) },
  ];
}
