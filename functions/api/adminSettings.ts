/**
 * The group's settings and its custom deadline policies:
 *   GET  /api/v1/admin/settings             the settings and their version (ETag)
 *   POST /api/v1/admin/settings             replace them (administrators; If-Match the version read)
 *   GET  /api/v1/admin/deadline-policies    the presets and the group's custom policies
 *   POST /api/v1/admin/deadline-policies    define a custom policy (HQ); immutable once defined
 * Settings live in the case table (functions/store/adminStore.ts); GROUP_SETTINGS is only the seed.
 */
import { fieldChanges } from '../domain/admin/adminLedger';
import { groupSettingsSchema } from '../domain/admin/groupSettingsSchema';
import { DEFAULT_GROUP_SETTINGS } from '../domain/groupSettings';
import { DEADLINE_POLICY_PRESETS } from '../domain/deadlinePolicy';
import { deadlinePolicySchema } from '../domain/deadlinePolicySchema';
import type { GroupSettings } from '../domain/groupSettings';
import { actorOf, configurationChanged, conflictToHttp, getAdminStore, parseAdminBody, refusal, requiredIfMatch, settingsSeed } from '../platform/administration';
import { departmentsStillInUse } from '../domain/admin/groupSettingsSchema';
import { problem } from '../domain/admin/problems';
import { requirePermission, requireStaff } from '../platform/auth';
import { HttpError, httpEndpoint, json } from '../platform/http';
import { logger } from '../platform/logger';
import { platformNow } from '../platform/clock';

/** Estate ids as a problem names them: the first ten, and how many more. */
const listed = (ids: readonly string[]) => (ids.length > 10 ? `${ids.slice(0, 10).join(', ')} … (+${ids.length - 10})` : ids.join(', '));

export const handler = httpEndpoint('adminSettings', async (event) => {
  const identity = requireStaff(event);
  const store = getAdminStore();
  const requestId = event.requestContext.requestId;
  switch (event.routeKey) {
    case 'GET /api/v1/admin/settings': {
      requirePermission(identity, 'config.read');
      const stored = await store.settings(settingsSeed());
      return json(200, { settings: stored.settings, version: stored.version }, { etag: `"${stored.version}"` });
    }
    case 'POST /api/v1/admin/settings': {
      requirePermission(identity, 'config.manage');
      const expected = requiredIfMatch(event);
      const submitted = parseAdminBody(event, groupSettingsSchema);
      const [stored, estates] = await Promise.all([store.settings(settingsSeed()), store.estates()]);
      const settings: GroupSettings = { ...submitted, reportingTimeZone: submitted.reportingTimeZone ?? stored.settings.reportingTimeZone ?? DEFAULT_GROUP_SETTINGS.reportingTimeZone };
      // The reminder settings a client leaves out keep their stored value (absent in both: the defaults apply, unrecorded).
      for (const field of ['actionReminderEveryWorkingDays', 'actionReminderManagerAfterWorkingDays'] as const) {
        const value = submitted[field] ?? stored.settings[field];
        if (value === undefined) delete settings[field];
        else settings[field] = value;
      }
      if (stored.version !== expected) throw new HttpError(409, 'version_conflict', `the settings changed meanwhile (now version ${stored.version}); reload them`);
      // A department an estate gives a mailbox cannot leave the catalogue: the estate's routing names it.
      const inUse = departmentsStillInUse(stored.settings.departments, settings.departments, [...estates.values()].map((s) => s.estate));
      if (inUse.length > 0) {
        throw refusal(
          inUse.map(({ departmentId, estateIds }) => ({
            field: 'departments',
            ...problem('departmentInUse', `department ${departmentId} cannot be removed: estates ${listed(estateIds)} give it a mailbox (change them first)`, { department: departmentId, estates: listed(estateIds) }),
          })),
          'a department in use by an estate cannot be removed',
        );
      }
      const fields = fieldChanges(stored.settings as unknown as Record<string, unknown>, settings as unknown as Record<string, unknown>);
      if (fields.length === 0) return json(200, { settings: stored.settings, version: stored.version, changed: false }, { etag: `"${stored.version}"` });
      const { version } = await store
        .putSettings(settings, expected, { at: platformNow().toISOString(), actor: actorOf(identity), action: 'settings.changed', requestId, changes: [{ subject: 'settings', fields }] })
        .catch(conflictToHttp);
      configurationChanged();
      logger.info('group settings changed', { version, fields: fields.map((f) => f.field), by: identity.userId, requestId });
      return json(200, { settings, version, changed: true }, { etag: `"${version}"` });
    }
    case 'GET /api/v1/admin/deadline-policies': {
      requirePermission(identity, 'config.read');
      const custom = await store.customPolicies();
      return json(200, { presets: Object.values(DEADLINE_POLICY_PRESETS), custom: [...custom.values()].sort((a, b) => a.id.localeCompare(b.id)) });
    }
    case 'POST /api/v1/admin/deadline-policies': {
      requirePermission(identity, 'deadlinePolicy.define');
      const policy = parseAdminBody(event, deadlinePolicySchema);
      if (policy.id in DEADLINE_POLICY_PRESETS) throw refusal([{ field: 'id', ...problem('presetPolicyId', 'is the id of a preset; choose another') }], 'id is the id of a preset');
      const custom = await store.customPolicies();
      if (custom.has(policy.id)) {
        const message = `policy ${policy.id} is already defined; policies do not change: define a new one`;
        throw new HttpError(409, 'policy_exists', message, undefined, undefined, { problems: [{ field: 'id', ...problem('policyIdTaken', message) }] });
      }
      await store
        .defineCustomPolicy(policy, { at: platformNow().toISOString(), actor: actorOf(identity), action: 'deadline-policy.defined', requestId, changes: [{ subject: `deadline-policy:${policy.id}`, fields: [{ field: '(policy)', before: null, after: policy }] }] })
        .catch((error: unknown) => conflictToHttp(error));
      logger.info('deadline policy defined', { policyId: policy.id, by: identity.userId, requestId });
      return json(201, { policy });
    }
    default:
      throw new HttpError(404, 'not_found', 'not found');
  }
});
