/**
 * Staff: who is in the directory (Cognito in AWS, the table's directory locally), create a member with
 * role, estates served, department and email language, change a role (or estates, department, language), disable a
 * leaver.
 * The API checks everything again (group-wide roles serve every estate, handlers need a department).
 */
import { useEffect, useState } from 'preact/hooks';
import { GROUP_WIDE_ROLES, STAFF_ROLES, type StaffRole } from '../../../../domain/access/identity';
import { api, SignedOutError } from '../../api';
import { LANGUAGES, type Language } from '../../../../domain/vocabulary';
import { LANGUAGE_NAMES, language, t } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSignal } from '../../state';
import { type FieldSpec, Form, serverErrors, type Values } from '../../ui/forms';
import { AdminNav } from './common';

interface Member {
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  estates: string;
  departmentId?: string;
  enabled: boolean;
  language?: Language;
}
interface Department {
  departmentId: string;
  names: Record<string, string>;
}

/** The change form's choice that clears a staff member's own language (back to their estate's). */
const ESTATE_LANGUAGE = 'estate';

/** "EST01, EST02" → ['EST01', 'EST02']; "*" (every estate) for a group-wide role. */
const estatesOf = (role: string, text: string): string[] | '*' =>
  GROUP_WIDE_ROLES.includes(role as StaffRole) || text.trim() === '*' ? '*' : text.split(/[\s,，、]+/).map((e) => e.trim()).filter(Boolean);

export default function StaffPage({ session }: PageProps) {
  const lang = useSignal(language);
  const [staff, setStaff] = useState<Member[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [failed, setFailed] = useState(false);

  const load = async () => {
    const [list, settings] = await Promise.all([api<{ staff: Member[] }>('GET', '/api/v1/admin/staff'), api<{ settings: { departments: Department[] } }>('GET', '/api/v1/admin/settings')]);
    if (!list.body) return setFailed(true);
    setStaff(list.body.staff);
    setDepartments(settings.body?.settings.departments ?? []);
  };
  const reload = () =>
    load().catch((error: unknown) => {
      if (!(error instanceof SignedOutError)) setFailed(true);
    });
  useEffect(() => void reload(), []);

  const change = async (userId: string, body: Record<string, unknown>, done: string) => {
    const result = await api<{ changed: boolean }>('POST', `/api/v1/admin/staff/${encodeURIComponent(userId)}`, { body });
    setNotice(result.status === 200 ? { text: done } : { text: t('console.admin.actionRefused', { message: result.error?.message ?? String(result.status) }), error: true });
    await reload();
  };

  const roleChoices = STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const departmentChoices = departments.map((d) => ({ value: d.departmentId, label: d.names[lang] ?? d.departmentId }));
  const languageChoices = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
  const createFields: FieldSpec[] = [
    { kind: 'text', name: 'userId', label: 'console.admin.userId', hint: 'console.admin.userIdHint', required: true, maxLength: 64 },
    { kind: 'text', name: 'name', label: 'console.admin.staffName', required: true, maxLength: 100 },
    { kind: 'email', name: 'email', label: 'console.admin.staffEmail', required: true, maxLength: 254 },
    { kind: 'select', name: 'role', label: 'console.admin.role', required: true, choices: roleChoices },
    { kind: 'text', name: 'estates', label: 'console.admin.estatesServed', hint: 'console.admin.estatesServedHint', maxLength: 4000 },
    { kind: 'select', name: 'departmentId', label: 'console.admin.department', hint: 'console.admin.staffDepartmentHint', choices: departmentChoices },
    { kind: 'select', name: 'language', label: 'console.adminStaffLanguage.label', hint: 'console.adminStaffLanguage.hint', choices: languageChoices },
  ];
  const changeFields: FieldSpec[] = [
    { kind: 'select', name: 'userId', label: 'console.admin.member', required: true, choices: (staff ?? []).map((m) => ({ value: m.userId, label: `${m.name} (${m.userId})` })) },
    { kind: 'select', name: 'role', label: 'console.admin.newRole', choices: roleChoices },
    { kind: 'text', name: 'estates', label: 'console.admin.estatesServed', hint: 'console.admin.estatesKeepHint', maxLength: 4000 },
    { kind: 'select', name: 'departmentId', label: 'console.admin.department', hint: 'console.admin.departmentKeepHint', choices: departmentChoices },
    // "Their estate's language" clears a language set before (null); empty keeps it.
    { kind: 'select', name: 'language', label: 'console.adminStaffLanguage.label', hint: 'console.adminStaffLanguage.keepHint', choices: [...languageChoices, { value: ESTATE_LANGUAGE, label: t('console.adminStaffLanguage.estateDefault') }] },
  ];
  const staffBody = (values: Values, fields: FieldSpec[]) => {
    const body: Record<string, string | string[] | null> = {};
    for (const field of fields) {
      const value = (values[field.name] ?? '').trim();
      if (field.name === 'userId' && fields === changeFields) continue;
      if (value) body[field.name] = field.name === 'language' && value === ESTATE_LANGUAGE ? null : value;
    }
    const current = staff?.find((m) => m.userId === values.userId);
    const role = (values.role ?? '').trim() || current?.role || '';
    if (body.estates !== undefined || (fields === createFields && GROUP_WIDE_ROLES.includes(role as StaffRole))) body.estates = estatesOf(role, (values.estates ?? '').trim() || '*');
    else if (fields === changeFields && body.role && GROUP_WIDE_ROLES.includes(role as StaffRole)) body.estates = '*';
    return body;
  };

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{t('console.admin.staffTitle')}</h1>
      <AdminNav session={session} current="admin-staff" />
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {notice && (
        <p class={notice.error ? 'message error' : 'message'} role="status" id="staff-notice">
          {notice.text}
        </p>
      )}
      {staff && (
        <table class="admin-table" id="staff-list">
          <caption>{t('console.admin.staffListCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.staffName')}</th>
              <th scope="col">{t('console.admin.userId')}</th>
              <th scope="col">{t('console.admin.role')}</th>
              <th scope="col">{t('console.admin.estatesServed')}</th>
              <th scope="col">{t('console.admin.department')}</th>
              <th scope="col">{t('console.adminStaffLanguage.label')}</th>
              <th scope="col">{t('console.admin.state')}</th>
              <th scope="col">{t('console.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.name}</th>
                <td>{m.userId}</td>
                <td>{t(`roles.${m.role}`)}</td>
                <td>{m.estates === '*' ? t('console.admin.allEstates') : m.estates}</td>
                <td>{m.departmentId ? (departments.find((d) => d.departmentId === m.departmentId)?.names[lang] ?? m.departmentId) : ''}</td>
                <td lang={m.language}>{m.language ? LANGUAGE_NAMES[m.language] : t('console.adminStaffLanguage.estateDefault')}</td>
                <td>{t(m.enabled ? 'console.admin.enabled' : 'console.admin.disabled')}</td>
                <td>
                  {m.userId !== session.userId && (
                    <button
                      type="button"
                      class="secondary small"
                      aria-label={t(m.enabled ? 'console.admin.disableMember' : 'console.admin.enableMember', { name: m.name })}
                      onClick={() => void change(m.userId, { enabled: !m.enabled }, t(m.enabled ? 'console.admin.memberDisabled' : 'console.admin.memberEnabled', { name: m.name }))}
                    >
                      {t(m.enabled ? 'console.admin.disable' : 'console.admin.enable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {staff && (
        <section aria-labelledby="staff-create-title" class="panel-tool">
          <h2 id="staff-create-title">{t('console.admin.createStaffTitle')}</h2>
          <Form
            id="staff-create"
            draftKey="admin-staff-create"
            fields={createFields}
            submitLabel={t('console.admin.createStaff')}
            onSubmit={async (values) => {
              const result = await api<{ member: Member }>('POST', '/api/v1/admin/staff', { body: staffBody(values, createFields) });
              if (result.status === 409) return { userId: t('console.admin.userIdTaken') };
              if (result.status !== 201) return serverErrors(createFields, result.error?.fields ?? { userId: result.error?.message ?? '' });
              setNotice({ text: t('console.admin.memberCreated', { name: result.body?.member.name ?? '' }) });
              await reload();
            }}
          />
        </section>
      )}
      {staff && staff.length > 0 && (
        <section aria-labelledby="staff-change-title" class="panel-tool">
          <h2 id="staff-change-title">{t('console.admin.changeStaffTitle')}</h2>
          <Form
            id="staff-change"
            draftKey="admin-staff-change"
            fields={changeFields}
            submitLabel={t('console.admin.changeStaff')}
            onSubmit={async (values) => {
              const body = staffBody(values, changeFields);
              if (Object.keys(body).length === 0) return { role: t('console.admin.nothingToChange') };
              const result = await api<{ changed: boolean }>('POST', `/api/v1/admin/staff/${encodeURIComponent(values.userId ?? '')}`, { body });
              if (result.status === 409) return { role: t('console.admin.actionRefused', { message: result.error?.message ?? '' }) };
              if (result.status !== 200) return serverErrors(changeFields, result.error?.fields ?? { userId: result.error?.message ?? '' });
              setNotice({ text: t('console.admin.memberChanged', { name: staff.find((m) => m.userId === values.userId)?.name ?? values.userId ?? '' }) });
              await reload();
            }}
          />
        </section>
      )}
    </section>
  );
}
