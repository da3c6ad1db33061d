/**
 * What the administration handlers share: the admin store, the staff
 * directory (Cognito in AWS when STAFF_USER_POOL_ID is set; the table's
 * directory locally), the configuration a change is checked against, and the
 * ledger's actor.
 */
import type { StaffIdentity } from '../domain/access/identity';
import type { DefinitionContext } from '../domain/admin/estateDefinition';
import type { StaffDirectory } from '../domain/admin/staffDirectory';
import type { Actor } from '../domain/auditTrail';
import { seedGroupSettings } from '../domain/groupSettings';
import { AdminConflictError, DynamoAdminStore, type StoredSettings } from '../store/adminStore';
import { TableStaffDirectory } from '../store/tableStaffDirectory';
import { getCaseStore, getDocumentClient } from './clients';
import { readConfig } from './config';
import { type FieldProblem, fieldMessages, parseWithProblems } from '../domain/admin/problems';
import type * as z from 'zod/mini';
import { bodyText, HttpError, header, type HttpEvent, parseJsonBody } from './http';

let adminStore: DynamoAdminStore | undefined;
let staffDirectory: StaffDirectory | undefined;

export function getAdminStore(): DynamoAdminStore {
  adminStore ??= new DynamoAdminStore(getDocumentClient(), readConfig().tableName);
  return adminStore;
}

export async function getStaffDirectory(): Promise<StaffDirectory> {
  if (staffDirectory) return staffDirectory;
  const userPoolId = process.env.STAFF_USER_POOL_ID;
  if (userPoolId) {
    // Loaded only where a user pool is configured, so the local runtime never loads the Cognito client.
    const { CognitoStaffDirectory } = await import('./cognitoStaffDirectory');
    staffDirectory = new CognitoStaffDirectory(userPoolId);
  } else {
    staffDirectory = new TableStaffDirectory(getDocumentClient(), readConfig().tableName);
  }
  return staffDirectory;
}

export const settingsSeed = () => seedGroupSettings(process.env.GROUP_SETTINGS);

export function actorOf(identity: StaffIdentity): Actor {
  return { type: 'staff', id: identity.userId, role: identity.role };
}

/** The stored configuration a change is checked against, read consistently. */
export async function definitionContext(store = getAdminStore()): Promise<DefinitionContext & { stored: StoredSettings; digests: Map<string, string | undefined> }> {
  const [estates, stored, customPolicies] = await Promise.all([store.estates(), store.settings(settingsSeed()), store.customPolicies()]);
  return {
    settings: stored.settings,
    stored,
    customPolicies,
    existing: new Map([...estates].map(([id, s]) => [id, s.estate])),
    digests: new Map([...estates].map(([id, s]) => [id, s.contentDigest])),
  };
}

/** After a change: this process's case store reads estates and settings afresh (other Lambdas within their minute of caching). */
export function configurationChanged(): void {
  getCaseStore().forgetCachedConfiguration();
}

export function conflictToHttp(error: unknown): never {
  if (error instanceof AdminConflictError) throw new HttpError(409, 'conflict', error.message);
  throw error;
}

/** The version an `If-Match` names (`"3"`), required for changes to versioned configuration. */
export function requiredIfMatch(event: HttpEvent): number {
  const value = header(event, 'if-match');
  if (value === undefined) throw new HttpError(428, 'precondition_required', 'send If-Match with the version you read (the ETag of GET)');
  const match = /^"(\d{1,9})"$/.exec(value.trim());
  if (!match) throw new HttpError(400, 'invalid_if_match', 'If-Match must be a quoted version such as "3"', { 'if-match': 'must be a quoted version number' });
  return Number(match[1]);
}

/**
 * A 422 whose problems the console can say in the reader's language: `problems` (field, code,
 * parameters, English message) beside the usual `fields` (field → English message).
 */
export function refusal(problems: readonly FieldProblem[], message = `the request has invalid fields: ${problems.map((p) => p.field).join(', ')}`): HttpError {
  return new HttpError(422, 'validation_failed', message, fieldMessages(problems), undefined, { problems });
}

/** `parseJsonBody`, with the refused fields' problems as codes too (see `refusal`). */
export function parseAdminBody<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> {
  try {
    return parseJsonBody(event, schema);
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== 'validation_failed') throw error;
    // parseJsonBody has read the body as strict JSON, so it parses here too.
    const found = parseWithProblems(schema, JSON.parse(bodyText(event)));
    if (found.ok) throw error;
    throw refusal(found.problems, error.message);
  }
}
