/**
 * Logging a complaint made by phone, in person or by letter (`POST /api/v1/complaints` with the
 * staff token: the API accepts staff-only channels and an on-the-spot resolution from staff only).
 * Each submission carries an Idempotency-Key made when the form opens, so a retried click cannot
 * log the complaint twice.
 */
import { useState } from 'preact/hooks';
import { LANGUAGES } from '../../../domain/vocabulary';
import { api } from '../api';
import { LANGUAGE_NAMES, language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { estateName } from '../ui/caseList';
import { Form, type FieldSpec, serverErrors } from '../ui/forms';
import { servedEstates } from '../session';

const STAFF_CHANNELS = ['phone', 'in-person', 'letter', 'fax', 'group-referral', 'government-referral'] as const;

export default function LogComplaintPage({ session, data }: PageProps) {
  const lang = useSignal(language);
  const [logged, setLogged] = useState<{ caseId: string; reference: string } | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const served = servedEstates(session, data.estates);
  const fields: FieldSpec[] = [
    { kind: 'select', name: 'estateId', label: 'console.logComplaint.estate', required: true, choices: served.map((e) => ({ value: e.estateId, label: estateName(data.estates, e.estateId) })) },
    { kind: 'select', name: 'channel', label: 'console.logComplaint.channel', required: true, choices: STAFF_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })) },
    { kind: 'text', name: 'unit', label: 'console.logComplaint.unit', required: true, maxLength: 64 },
    { kind: 'text', name: 'name', label: 'console.logComplaint.name', required: true, maxLength: 100 },
    { kind: 'tel', name: 'phone', label: 'console.logComplaint.phone', maxLength: 24 },
    { kind: 'email', name: 'email', label: 'console.logComplaint.email', maxLength: 254 },
    { kind: 'select', name: 'language', label: 'console.logComplaint.language', required: true, choices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) },
    { kind: 'textarea', name: 'description', label: 'console.logComplaint.description', required: true, minLength: 10, maxLength: 5000 },
    { kind: 'radio', name: 'resolved', label: 'console.logComplaint.resolvedOnTheSpot', choices: [{ value: 'no', label: '—' }, { value: 'yes', label: t('console.logComplaint.resolvedOnTheSpot') }] },
    { kind: 'textarea', name: 'onTheSpotResolution', label: 'console.logComplaint.resolution', required: true, minLength: 10, maxLength: 4000, showWhen: { field: 'resolved', value: 'yes' } },
  ];
  return (
    <section aria-labelledby="log-title">
      <h1 id="log-title">{t('console.logComplaint.title')}</h1>
      {logged && (
        <p class="message" role="status">
          {t('console.logComplaint.done', { reference: logged.reference })} <a href={href({ case: logged.caseId })}>{t('console.logComplaint.openIt')}</a>
        </p>
      )}
      <Form
        id="log-form"
        fields={fields}
        intro={t('console.logComplaint.intro')}
        submitLabel={t('console.logComplaint.submit')}
        initial={{ language: lang, resolved: 'no', ...(served.length === 1 ? { estateId: served[0]!.estateId } : {}) }}
        onSubmit={async (values) => {
          const { resolved, ...rest } = values;
          const body: Record<string, unknown> = {};
          for (const [name, value] of Object.entries(rest)) if (value.trim() && (name !== 'onTheSpotResolution' || resolved === 'yes')) body[name] = value.trim();
          const result = await api<{ id: string; reference: string }>('POST', '/api/v1/complaints', { body, headers: { 'idempotency-key': `console-${key}` } });
          if ((result.status === 201 || result.status === 200) && result.body) {
            setLogged({ caseId: result.body.id, reference: result.body.reference });
            setKey(crypto.randomUUID());
            return;
          }
          return serverErrors(fields, result.error?.fields ?? { description: '' });
        }}
      />
    </section>
  );
}
