import type { Language } from './complaint';
import type { DeadlinePolicy } from './deadlinePolicySchema';

/** Public-holiday calendars a deadline can be counted in. */
export const JURISDICTIONS = ['HK', 'CN', 'GB-ENG'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
/** The public-holiday calendars the platform has (one per jurisdiction it knows); an estate may count in another than its jurisdiction's. */
export const HOLIDAY_CALENDARS = JURISDICTIONS;
export type HolidayCalendar = Jurisdiction;

export interface Department {
  departmentId: string;
  names: Record<Language, string>;
  /** Where routed complaints for this department are announced. */
  email: string;
}

/** A building (block, tower) of an estate: complaints name it, and early warning counts per building. */
export interface Building {
  /** Short id, unique within the estate (e.g. `T1`, `block-3`). */
  buildingId: string;
  names: Record<Language, string>;
}

/** An estate (managed property) of the group. Public fields only: no staff data. */
export interface Estate {
  estateId: string;
  /** Prefix of case references, e.g. `EST01` in `EST01-2026-000123`. */
  referencePrefix: string;
  names: Record<Language, string>;
  jurisdiction: Jurisdiction;
  /**
   * The public-holiday calendar its working days are counted in, when not its jurisdiction's (e.g. a Hong Kong
   * estate whose staff keep the mainland's holidays). Absent: the jurisdiction's. Read through `holidayCalendarOf`.
   */
  holidayCalendar?: HolidayCalendar;
  /** IANA time zone used for deadlines and dates shown to residents. */
  timeZone: string;
  departments: Department[];
  /** Customer-service desk of the estate: copied on new complaints. */
  customerServiceEmail: string;
  /** The developer's customer-service centre (class-2 reports). */
  developerLiaisonEmail?: string;
  /** The estate manager's mailbox: escalations and compensation decisions. */
  managerEmail: string;
  /** The deadline policy HQ chose for this estate (a preset's or a custom policy's id); the seed default when absent. */
  deadlinePolicyId?: string;
  /**
   * A copy of the custom policy named by `deadlinePolicyId` (custom policies are immutable once defined:
   * a change is a new policy), so deadlines are computed from the estate alone, like with a preset.
   */
  customDeadlinePolicy?: DeadlinePolicy;
  /** Number of homes (units) the estate has: complaints per 1,000 homes (the regulator measure CH01). */
  homes?: number;
  /** `false`: deactivated by an administrator; takes no new complaints, its cases stay. Absent means active. */
  active?: boolean;
  /** Given to complainants when a deadline is extended and after a final response (e.g. the Housing Ombudsman in England). */
  ombudsmanContact?: string;
  /** The estate's buildings (optional): a complaint may name one of them. Absent or empty: complaints name none. */
  buildings?: Building[];
}

/** The estate's building with this id, if it has one. */
export function buildingOf(estate: Pick<Estate, 'buildings'>, buildingId: string): Building | undefined {
  return estate.buildings?.find((b) => b.buildingId === buildingId);
}

/** The calendar every working-day computation of the estate uses: its own choice, else its jurisdiction's. */
export function holidayCalendarOf(estate: Pick<Estate, 'jurisdiction' | 'holidayCalendar'>): HolidayCalendar {
  return estate.holidayCalendar ?? estate.jurisdiction;
}

export function isEstateActive(estate: Estate): boolean {
  return estate.active !== false;
}

/** What a resident may see about an estate. */
export function publicEstateView(estate: Estate): { estateId: string; names: Record<Language, string>; buildings?: Building[] } {
  return { estateId: estate.estateId, names: estate.names, ...(estate.buildings?.length ? { buildings: estate.buildings } : {}) };
}

export function formatReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}
