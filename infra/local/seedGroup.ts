/**
 * First start of the local platform: the group is loaded through the same
 * code an administrator's requests run (definitions checked against the
 * group, conditional writes with their admin-ledger entries), by the system
 * actor `seed`. With `--empty` only the group settings' seed and one
 * administrator (`admin`, as `-c adminEmail=…` creates one in AWS) are
 * stored, to try the set-up path from nothing.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fieldChanges } from '../../functions/domain/admin/adminLedger';
import type { EstateDefinition } from '../../functions/domain/admin/estateDefinition';
import { planEstateChange } from '../../functions/domain/admin/estateImport';
import type { StaffDirectory } from '../../functions/domain/admin/staffDirectory';
import type { Actor } from '../../functions/domain/auditTrail';
import type { GroupSettings } from '../../functions/domain/groupSettings';
import { DynamoAdminStore, ESTATES_PER_PART } from '../../functions/store/adminStore';
import { TableStaffDirectory } from '../../functions/store/tableStaffDirectory';
import { BOOTSTRAP_ADMIN, demoEstates, demoUsers } from './demoGroup';

const SEED_ACTOR: Actor = { type: 'system', id: 'seed' };

export interface SeedOutcome {
  /** Whether this was the first start (nothing administrative was stored yet). */
  firstStart: boolean;
  estates: number;
  staff: number;
}

export async function seedLocalGroup(doc: DynamoDBDocumentClient, tableName: string, options: { empty: boolean; settingsSeed: GroupSettings }): Promise<SeedOutcome> {
  const store = new DynamoAdminStore(doc, tableName);
  const directory: StaffDirectory = new TableStaffDirectory(doc, tableName);
  const [head, estates] = await Promise.all([store.ledgerHead(), store.estates()]);
  if (head.seq > 0 || estates.size > 0) return { firstStart: false, estates: 0, staff: 0 };

  const at = new Date().toISOString();
  const stored = await store.settings(options.settingsSeed);
  await store.putSettings(options.settingsSeed, stored.version, {
    at,
    actor: SEED_ACTOR,
    action: 'settings.changed',
    requestId: 'local-first-start',
    details: { source: 'GROUP_SETTINGS or the defaults, stored at first start' },
    changes: [{ subject: 'settings', fields: fieldChanges(undefined, options.settingsSeed as unknown as Record<string, unknown>) }],
  });

  const users = options.empty ? [BOOTSTRAP_ADMIN] : demoUsers;
  for (const user of users) {
    const { userId, email, name, role, estates: served, departmentId, language } = user;
    await directory.create({ userId, email, name, role, estates: served, ...(departmentId ? { departmentId } : {}), ...(language ? { language } : {}) });
    await store.append({ at, actor: SEED_ACTOR, action: 'staff.created', requestId: 'local-first-start', changes: [{ subject: `staff:${userId}`, fields: fieldChanges(undefined, { email, name, role, estates: served, departmentId: departmentId ?? null, enabled: true }) }] });
  }
  if (options.empty) return { firstStart: true, estates: 0, staff: users.length };

  const context = { settings: options.settingsSeed, customPolicies: new Map(), existing: new Map() };
  const changes = demoEstates.map((estate) => planEstateChange(definitionOf(estate), context)!);
  for (let i = 0; i < changes.length; i += ESTATES_PER_PART) {
    const part = changes.slice(i, i + ESTATES_PER_PART);
    await store.writeEstates(part, new Map(), {
      at,
      actor: SEED_ACTOR,
      action: 'estates.imported',
      requestId: 'local-first-start',
      details: { source: 'the demo group (infra/local/demoGroup.ts)' },
      changes: part.map((change) => ({ subject: `estate:${change.after.estateId}`, fields: change.fields })),
    });
  }
  return { firstStart: true, estates: changes.length, staff: users.length };
}

function definitionOf(estate: (typeof demoEstates)[number]): EstateDefinition {
  return {
    estateId: estate.estateId,
    referencePrefix: estate.referencePrefix,
    names: estate.names,
    jurisdiction: estate.jurisdiction,
    timeZone: estate.timeZone,
    homes: estate.homes ?? 1,
    customerServiceEmail: estate.customerServiceEmail,
    managerEmail: estate.managerEmail,
    departments: estate.departments.map((d) => ({ departmentId: d.departmentId, email: d.email })),
    ...(estate.developerLiaisonEmail ? { developerLiaisonEmail: estate.developerLiaisonEmail } : {}),
    ...(estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
    ...(estate.deadlinePolicyId ? { deadlinePolicyId: estate.deadlinePolicyId } : {}),
    ...(estate.buildings ? { buildings: estate.buildings } : {}),
  };
}
