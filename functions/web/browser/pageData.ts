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
  /** The estate's buildings, when it lists any (a case may name one). */
  buildings?: { buildingId: string; names: Record<Language, string> }[];
}

/** Where staff sign in (OpenID Connect): Cognito's user pool in AWS, the local issuer locally. */
export interface ConsoleSignIn {
  /** The issuer identifier tokens carry (`iss`). */
  issuer: string;
  /** Where its discovery document is served (the issuer's, or the local server's for the local issuer). */
  discoveryUrl: string;
  clientId: string;
}

export interface ConsolePageData {
  estates: ConsoleEstate[];
  signIn?: ConsoleSignIn;
}

export function readPageData(): ConsolePageData {
  const node = document.getElementById('page-data');
  try {
    return JSON.parse(node?.textContent ?? '{}') as ConsolePageData;
  } catch {
    return { estates: [] };
  }
}
