/**
 * Logging a complaint made by phone, in person or by letter (`POST /api/v1/complaints` with the
 * staff token: the API accepts staff-only channels and an on-the-spot resolution from staff only).
 * Each submission carries an Idempotency-Key made when the form opens, so a retried click cannot
 * log the complaint twice.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { Form, serverErrors } from '../ui/forms';
import { logComplaintBody, logComplaintFields } from '../ui/logComplaintForm';
import { servedEstates } from '../session';

export default function LogComplaintPage({ session, data }: PageProps) {
  const lang = useSignal(language);
  const [logged, setLogged] = useState<{ caseId: string; reference: string } | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const served = servedEstates(session, data.estates);
  const firstEstate = served.length === 1 ? served[0]!.estateId : undefined;
  // The estate chosen so far decides which buildings the form offers.
  const [estateId, setEstateId] = useState<string | undefined>(firstEstate);
  const fields = logComplaintFields(data.estates, served, estateId);
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
        initial={{ language: lang, resolved: 'no', ...(firstEstate ? { estateId: firstEstate } : {}) }}
        onValues={(values) => setEstateId(values.estateId || undefined)}
        onSubmit={async (values) => {
          const body = logComplaintBody(fields, values);
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
