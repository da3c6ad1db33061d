/**
 * The group's settings: HQ mailbox, compensation approval thresholds per currency, follow-up delay and
 * answer window, the default escalation deadline. Saved with If-Match on the version read: a change
 * made meanwhile by someone else is a 409, told as such, and the page reads the settings again.
 * The department catalogue (ids, names in three languages) is edited in the same form, a row per
 * department added or removed at the end; the API refuses removing one an estate gives a mailbox.
 * Refusals are said in the reader's language from the API's problem codes (./problems.ts).
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { actionReminderPolicyOf } from '../../../../domain/groupSettings';
import { CURRENCIES, LANGUAGES, type Language } from '../../../../domain/vocabulary';
import { api, SignedOutError } from '../../api';
import { formatMoney, formatNumber, language, t } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSignal } from '../../state';
import { type FieldSpec, Form, serverErrors, type Values } from '../../ui/forms';
import { AdminNav, may } from './common';
import { type ApiFieldProblem, problemErrors } from './problems';

interface GroupSettings {
  hqEmail: string;
  compensationHqThreshold: Partial<Record<string, number>>;
  followUpAfterDays: number;
  feedbackWindowDays: number;
  escalationWorkingDays: number;
  reportingTimeZone?: string;
  actionReminderEveryWorkingDays?: number;
  actionReminderManagerAfterWorkingDays?: number;
  departments: { departmentId: string; names: Record<string, string> }[];
}

const FIELDS: FieldSpec[] = [
  { kind: 'email', name: 'hqEmail', label: 'console.admin.hqEmail', required: true, maxLength: 254 },
  ...CURRENCIES.map((currency): FieldSpec => ({ kind: 'number', name: `compensationHqThreshold.${currency}`, label: `console.admin.threshold${currency}`, hint: 'console.admin.thresholdHint', valueType: 'number', min: 0, max: 10_000_000, step: '0.01' })),
  { kind: 'number', name: 'followUpAfterDays', label: 'console.admin.followUpAfterDays', hint: 'console.admin.followUpAfterDaysHint', required: true, valueType: 'number', min: 0, max: 60, step: '1' },
  { kind: 'number', name: 'feedbackWindowDays', label: 'console.admin.feedbackWindowDays', hint: 'console.admin.feedbackWindowDaysHint', required: true, valueType: 'number', min: 1, max: 90, step: '1' },
  { kind: 'number', name: 'escalationWorkingDays', label: 'console.admin.escalationWorkingDays', hint: 'console.admin.escalationWorkingDaysHint', required: true, valueType: 'int', min: 1, max: 60, step: '1' },
  { kind: 'number', name: 'actionReminderEveryWorkingDays', label: 'console.adminReminders.everyWorkingDays', hint: 'console.adminReminders.everyWorkingDaysHint', required: true, valueType: 'int', min: 1, max: 20, step: '1' },
  { kind: 'number', name: 'actionReminderManagerAfterWorkingDays', label: 'console.adminReminders.managerAfterWorkingDays', hint: 'console.adminReminders.managerAfterWorkingDaysHint', required: true, valueType: 'int', min: 0, max: 60, step: '1' },
];

/** Settings stored before the reminder settings existed show (and save) the defaults the reminders apply. */
const reminderPolicy = (settings: GroupSettings) => actionReminderPolicyOf(settings);

const NAME_LABELS = { 'zh-Hant': 'console.adminForms.catalogueName_zhHant', 'zh-Hans': 'console.adminForms.catalogueName_zhHans', en: 'console.adminForms.catalogueName_en' } as const satisfies Record<Language, string>;

/** A catalogue row per department: its id and its names. */
const departmentFields = (rows: number): FieldSpec[] =>
  Array.from({ length: rows }, (_, i): FieldSpec[] => [
    { kind: 'text', name: `departments.${i}.departmentId`, label: 'console.adminForms.catalogueId', labelVars: { n: i + 1 }, ...(i === 0 ? { hint: 'console.adminForms.catalogueIdHint' as const } : {}), required: true, maxLength: 32 },
    ...LANGUAGES.map((l): FieldSpec => ({ kind: 'text', name: `departments.${i}.names.${l}`, label: NAME_LABELS[l], labelVars: { n: i + 1 }, required: true, maxLength: 200 })),
  ]).flat();

const asValues = (settings: GroupSettings): Values => ({
  ...Object.fromEntries(settings.departments.flatMap((d, i): [string, string][] => [[`departments.${i}.departmentId`, d.departmentId], ...LANGUAGES.map((l): [string, string] => [`departments.${i}.names.${l}`, d.names[l] ?? ''])])),
  hqEmail: settings.hqEmail,
  ...Object.fromEntries(CURRENCIES.map((c) => [`compensationHqThreshold.${c}`, settings.compensationHqThreshold[c] !== undefined ? String(settings.compensationHqThreshold[c]) : ''])),
  followUpAfterDays: String(settings.followUpAfterDays),
  feedbackWindowDays: String(settings.feedbackWindowDays),
  escalationWorkingDays: String(settings.escalationWorkingDays),
  actionReminderEveryWorkingDays: String(reminderPolicy(settings).everyWorkingDays),
  actionReminderManagerAfterWorkingDays: String(reminderPolicy(settings).managerAfterWorkingDays),
});

export default function SettingsPage({ session }: PageProps) {
  const lang = useSignal(language);
  const [stored, setStored] = useState<{ settings: GroupSettings; etag: string; loadedAt: number } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [failed, setFailed] = useState(false);
  const [rows, setRows] = useState(0);

  const load = async () => {
    const result = await api<{ settings: GroupSettings; version: number }>('GET', '/api/v1/admin/settings');
    if (!result.body || !result.etag) return setFailed(true);
    setStored({ settings: result.body.settings, etag: result.etag, loadedAt: Date.now() });
    setRows(result.body.settings.departments.length);
  };
  const reload = () =>
    load().catch((error: unknown) => {
      if (!(error instanceof SignedOutError)) setFailed(true);
    });
  useEffect(() => void reload(), []);

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('console.admin.settingsTitle')}</h1>
      <AdminNav session={session} current="admin-settings" />
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {notice && (
        <p class={notice.error ? 'message error' : 'message'} role="status" id="settings-notice">
          {notice.text}
        </p>
      )}
      {stored && !may(session, 'config.manage') && (
        <dl class="admin-settings" id="settings-view">
          <dt>{t('console.admin.hqEmail')}</dt>
          <dd>{stored.settings.hqEmail}</dd>
          {CURRENCIES.filter((c) => stored.settings.compensationHqThreshold[c] !== undefined).map((c) => (
            <Fragment key={c}>
              <dt>{t(`console.admin.threshold${c}`)}</dt>
              <dd>{formatMoney(stored.settings.compensationHqThreshold[c], c)}</dd>
            </Fragment>
          ))}
          <dt>{t('console.admin.followUpAfterDays')}</dt>
          <dd>{formatNumber(stored.settings.followUpAfterDays)}</dd>
          <dt>{t('console.admin.feedbackWindowDays')}</dt>
          <dd>{formatNumber(stored.settings.feedbackWindowDays)}</dd>
          <dt>{t('console.admin.escalationWorkingDays')}</dt>
          <dd>{formatNumber(stored.settings.escalationWorkingDays)}</dd>
          <dt>{t('console.adminReminders.everyWorkingDays')}</dt>
          <dd>{formatNumber(reminderPolicy(stored.settings).everyWorkingDays)}</dd>
          <dt>{t('console.adminReminders.managerAfterWorkingDays')}</dt>
          <dd>{formatNumber(reminderPolicy(stored.settings).managerAfterWorkingDays)}</dd>
          <dt>{t('console.adminForms.catalogueCaption')}</dt>
          <dd>
            <ul id="settings-departments">
              {stored.settings.departments.map((d) => (
                <li key={d.departmentId}>
                  <code>{d.departmentId}</code> {d.names[lang] ?? d.names.en}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      )}
      {stored && may(session, 'config.manage') && (
        <Form
          key={stored.loadedAt}
          id="settings-form"
          fields={[...FIELDS, ...departmentFields(rows)]}
          submitLabel={t('console.admin.saveSettings')}
          intro={t('console.adminForms.catalogueIntro')}
          initial={asValues(stored.settings)}
          onSubmit={async (values) => {
            setNotice(null);
            const number = (name: string) => Number((values[name] ?? '').trim());
            const body = {
              hqEmail: (values.hqEmail ?? '').trim(),
              compensationHqThreshold: Object.fromEntries(CURRENCIES.filter((c) => (values[`compensationHqThreshold.${c}`] ?? '').trim() !== '').map((c) => [c, number(`compensationHqThreshold.${c}`)])),
              followUpAfterDays: number('followUpAfterDays'),
              feedbackWindowDays: number('feedbackWindowDays'),
              escalationWorkingDays: number('escalationWorkingDays'),
              actionReminderEveryWorkingDays: number('actionReminderEveryWorkingDays'),
              actionReminderManagerAfterWorkingDays: number('actionReminderManagerAfterWorkingDays'),
              ...(stored.settings.reportingTimeZone ? { reportingTimeZone: stored.settings.reportingTimeZone } : {}),
              departments: Array.from({ length: rows }, (_, i) => ({
                departmentId: (values[`departments.${i}.departmentId`] ?? '').trim(),
                names: Object.fromEntries(LANGUAGES.map((l) => [l, (values[`departments.${i}.names.${l}`] ?? '').trim()])),
              })),
            };
            const result = await api<{ changed: boolean }>('POST', '/api/v1/admin/settings', { body, headers: { 'if-match': stored.etag } });
            if (result.status === 409) {
              setNotice({ text: t('console.admin.settingsConflict'), error: true });
              await reload();
              return;
            }
            const all = [...FIELDS, ...departmentFields(rows)];
            const problems = (result.error as { problems?: ApiFieldProblem[] } | null)?.problems;
            // `departments` alone (a department in use, repeated ids) is told on the first department's id.
            if (result.status !== 200 && problems) return problemErrors(all, problems, (path) => (path === 'departments' ? 'departments.0.departmentId' : path));
            if (result.status !== 200) return serverErrors(all, result.error?.fields ?? { hqEmail: result.error?.message ?? '' });
            setNotice({ text: t(result.body?.changed ? 'console.admin.settingsSaved' : 'console.admin.settingsUnchanged') });
            await reload();
          }}
        >
          <div class="row-actions">
            <button type="button" class="secondary small" id="settings-add-department" disabled={rows >= 50} onClick={() => setRows(rows + 1)}>
              {t('console.adminForms.addDepartment')}
            </button>{' '}
            {rows > 1 && (
              <button type="button" class="secondary small" id="settings-remove-department" onClick={() => setRows(rows - 1)}>
                {t('console.adminForms.removeDepartment')}
              </button>
            )}
          </div>
        </Form>
      )}
    </section>
  );
}
