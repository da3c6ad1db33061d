/** What the server put in the page (`#page-data`): the estates with their names, departments and time zones. */
import type { Language } from '../../domain/vocabulary';

export interface ConsoleDepartment {
  departmentId: string;
  names: Record<Language, string>;
}

export interface ConsoleEstate {
  estateId: string;
  names: Record<Language, string>;
  jurisdiction: string;
  timeZone: string;
  departments: ConsoleDepartment[];
}

export interface ConsolePageData {
  estates: ConsoleEstate[];
}

export function readPageData(): ConsolePageData {
  const node = document.getElementById('page-data');
  try {
    return JSON.parse(node?.textContent ?? '{}') as ConsolePageData;
  } catch {
    return { estates: [] };
  }
}
