/**
 * Compliance and records tools: export the audit trail as a job (its state shown as it runs, then
 * its manifest and download links), verify an export file (checked by the API, problems shown by
 * line), check the live ledger of an estate, download a case's evidence pack, legal holds and
 * erasure requests. Each tool appears to the roles the policy module gives its permission; the
 * API decides again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLE_PERMISSIONS } from '../../../domain/access/policy';
import type { Action } from '../../../domain/access/policy';
import { api, SignedOutError } from '../api';
import { formatNumber, language, t } from '../i18n';
import { href } from '../router';
import type { PageProps } from '../pages';
import { useSignal } from '../state';
import { estateName } from '../ui/caseList';
import { type Errors, Form, type FieldSpec, serverErrors } from '../ui/forms';

type ToolProps = Pick<PageProps, 'session' | 'data'>;

const may = (session: ToolProps['session'], action: Action) => session.role !== null && ROLE_PERMISSIONS[session.role].includes(action);

export default function CompliancePage({ session, data }: PageProps) {
  useSignal(language);
  return (
    <section aria-labelledby="compliance-title">
      <h1 id="compliance-title">{t('console.compliance.title')}</h1>
      <p>{t('console.compliance.intro')}</p>
      <ComplianceTools session={session} data={data} />
    </section>
  );
}

export function ComplianceTools({ session, data }: ToolProps) {
  return (
    <>
      {may(session, 'audit.export') && <ExportPanel data={data} />}
      {may(session, 'audit.export') && <VerifyPanel />}
      {may(session, 'audit.verify') && <LedgerPanel data={data} />}
      {may(session, 'case.evidencePack') && <EvidencePanel />}
      {may(session, 'case.legalHold') && <LegalHoldPanel />}
      {may(session, 'case.erasePersonalData') && <ErasurePanel />}
    </>
  );
}

/** What an administrator can do today (the administration pages are built separately). */
export function AdminTools({ session, data }: ToolProps) {
  return (
    <>
      <h2>{t('console.home.adminTitle')}</h2>
      <p>
        <a href={href({ view: 'admin' })} id="admin-home-link">
          {t('console.admin.homeTitle')}
        </a>
      </p>
      <p>{t('console.home.adminIntro')}</p>
      <ul>
        <li>{t('console.home.adminLegalHold')}</li>
        <li>{t('console.home.adminErasure')}</li>
        <li>{t('console.home.adminDeadlinePolicy')}</li>
      </ul>
      <p class="hint">{t('console.home.adminNoCases')}</p>
      <ComplianceTools session={session} data={data} />
    </>
  );
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

interface ExportJobView {
  jobId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  count?: number;
  manifest?: Record<string, unknown>;
  failure?: { code: string; message: string };
  download?: { file: { url: string; fileName: string }; manifest: { url: string; fileName: string } };
}

function ExportPanel({ data }: { data: ToolProps['data'] }) {
  const [job, setJob] = useState<ExportJobView | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const today = new Date();
  const fields: FieldSpec[] = [
    { kind: 'select', name: 'estateId', label: 'console.queue.estate', choices: data.estates.map((e) => ({ value: e.estateId, label: estateName(data.estates, e.estateId) })) },
    { kind: 'text', name: 'from', label: 'console.compliance.from', required: true, maxLength: 10 },
    { kind: 'text', name: 'to', label: 'console.compliance.to', required: true, maxLength: 10 },
  ];
  const follow = (jobId: string, delay: number) => {
    timer.current = window.setTimeout(() => {
      void api<ExportJobView>('GET', `/api/v1/audit/exports/${encodeURIComponent(jobId)}`)
        .then((result) => {
          if (result.status !== 200 || !result.body) return;
          setJob(result.body);
          if (result.body.status === 'queued' || result.body.status === 'running') follow(jobId, Math.min(delay * 2, 5_000));
        })
        .catch(() => undefined);
    }, delay);
  };
  return (
    <section aria-labelledby="export-title" class="panel-tool">
      <h2 id="export-title">{t('console.compliance.exportTitle')}</h2>
      <Form
        id="export-form"
        fields={fields}
        submitLabel={t('console.compliance.startExport')}
        initial={{ from: isoDay(new Date(today.getTime() - 30 * 86_400_000)), to: isoDay(new Date(today.getTime() + 86_400_000)) }}
        onSubmit={async (values) => {
          const body = { from: values.from, to: values.to, format: 'jsonl', ...(values.estateId ? { estateId: values.estateId } : {}) };
          const result = await api<ExportJobView>('POST', '/api/v1/audit/exports', { body, headers: { 'idempotency-key': `console-${crypto.randomUUID()}` } });
          if (result.status !== 202 || !result.body) return serverErrors(fields, result.error?.fields ?? { from: '' });
          setJob(result.body);
          follow(result.body.jobId, 300);
        }}
      />
      {job && (
        <div id="export-job" role="status" aria-live="polite">
          <p>
            <strong>{t('console.compliance.exportState', { state: jobStateText(job.status) })}</strong>
          </p>
          {job.status === 'done' && (
            <>
              <p>{t('console.compliance.exportDone', { count: formatNumber(job.count ?? 0) })}</p>
              {job.download && (
                <p>
                  <a href={job.download.file.url} download={job.download.file.fileName} id="export-download">
                    {t('console.compliance.download')}
                  </a>{' '}
                  · <a href={job.download.manifest.url} download={job.download.manifest.fileName}>{t('console.compliance.downloadManifest')}</a>
                </p>
              )}
              {job.manifest && (
                <details>
                  <summary>{t('console.compliance.manifestTitle')}</summary>
                  <dl class="facts" id="export-manifest">
                    {Object.entries(job.manifest)
                      .filter(([, v]) => typeof v !== 'object')
                      .map(([k, v]) => (
                        <>
                          <dt key={`${k}-t`}>{k}</dt>
                          <dd key={`${k}-d`}>{String(v)}</dd>
                        </>
                      ))}
                  </dl>
                </details>
              )}
            </>
          )}
          {job.status === 'failed' && <p class="message error">{job.failure?.message}</p>}
        </div>
      )}
    </section>
  );
}

function jobStateText(status: ExportJobView['status']): string {
  return t(`console.compliance.jobStates.${status}`);
}

interface FileVerification {
  count: number;
  problems: { kind: string; line?: number; detail: string }[];
}

function VerifyPanel() {
  const [result, setResult] = useState<FileVerification | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="verify-title" class="panel-tool">
      <h2 id="verify-title">{t('console.compliance.verifyTitle')}</h2>
      <p class="hint">{t('console.compliance.verifyIntro')}</p>
      <form
        id="verify-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const file = input.current?.files?.[0];
          setResult(null);
          if (!file) return setError(t('console.validation.required', { field: t('console.compliance.file') }));
          setError('');
          setBusy(true);
          void api<FileVerification>('POST', '/api/v1/audit/exports/verify', { file: { body: file, contentType: 'application/x-ndjson' } })
            .then((response) => {
              if (response.status === 200 && response.body) setResult(response.body);
              else setError(t('console.validation.rejected', { field: t('console.compliance.file') }));
            })
            .catch((e: unknown) => e instanceof SignedOutError || setError(t('console.validation.failed')))
            .finally(() => setBusy(false));
        }}
      >
        <div class={error ? 'field has-error' : 'field'}>
          <label for="verify-file">{t('console.compliance.file')}</label>
          {error && (
            <p class="field-error" id="verify-file-error">
              {error}
            </p>
          )}
          <input type="file" id="verify-file" accept=".jsonl,application/x-ndjson" ref={input} aria-describedby={error ? 'verify-file-error' : undefined} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('console.validation.sending') : t('console.compliance.verify')}
        </button>
      </form>
      {result && (
        <div id="verify-result" role="status" class={result.problems.length === 0 ? 'message' : 'message error'}>
          {result.problems.length === 0 ? (
            <p>{t('console.compliance.verifyOk', { count: formatNumber(result.count) })}</p>
          ) : (
            <>
              <p>{t('console.compliance.verifyFailed', { problem: result.problems[0]!.kind })}</p>
              <ul>
                {result.problems.slice(0, 20).map((p, i) => (
                  <li key={i}>{p.line ? t('console.compliance.verifyLine', { line: p.line, reason: `${p.kind} — ${p.detail}` }) : `${p.kind} — ${p.detail}`}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

interface LedgerCheck {
  ok: boolean;
  cases: number;
  publishedAnchors?: { checked: number };
  /** The mail-desk ledger (set-aside inbound mail), verified with the estate. */
  mailDesk?: { entries: number };
  problems: { problem: string }[];
}

function LedgerPanel({ data }: { data: ToolProps['data'] }) {
  const [estateId, setEstateId] = useState(data.estates[0]?.estateId ?? '');
  const [result, setResult] = useState<LedgerCheck | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="ledger-title" class="panel-tool">
      <h2 id="ledger-title">{t('console.compliance.ledgerTitle')}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          const to = isoDay(new Date(Date.now() + 86_400_000));
          const from = isoDay(new Date(Date.now() - 90 * 86_400_000));
          void api<LedgerCheck>('GET', `/api/v1/audit/verify?estateId=${encodeURIComponent(estateId)}&from=${from}&to=${to}`)
            .then((response) => setResult(response.body))
            .catch(() => setResult(null))
            .finally(() => setBusy(false));
        }}
      >
        <div class="field">
          <label for="ledger-estate">{t('console.queue.estate')}</label>
          <select id="ledger-estate" value={estateId} onChange={(event) => setEstateId((event.currentTarget).value)}>
            {data.estates.map((e) => (
              <option key={e.estateId} value={e.estateId}>
                {estateName(data.estates, e.estateId)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('console.validation.sending') : t('console.compliance.ledgerCheck')}
        </button>
      </form>
      {result && (
        <p role="status" id="ledger-result" class={result.ok ? 'message' : 'message error'}>
          {result.ok ? t('console.compliance.ledgerOk', { cases: formatNumber(result.cases), anchors: formatNumber(result.publishedAnchors?.checked ?? 0) }) : t('console.compliance.ledgerBroken', { count: formatNumber(result.problems.length) })}
        </p>
      )}
      {result?.mailDesk && (
        <p id="ledger-mail-desk" class={result.problems.some((p) => p.problem.startsWith('mail-desk-')) ? 'message error' : 'message'}>
          {result.problems.some((p) => p.problem.startsWith('mail-desk-'))
            ? t('console.mailDeskLedger.broken')
            : t('console.mailDeskLedger.verified', { entries: formatNumber(result.mailDesk.entries) })}
        </p>
      )}
    </section>
  );
}

function EvidencePanel() {
  const fields: FieldSpec[] = [{ kind: 'text', name: 'caseId', label: 'console.compliance.evidenceCase', required: true, maxLength: 64 }];
  return (
    <section aria-labelledby="evidence-title" class="panel-tool">
      <h2 id="evidence-title">{t('console.compliance.evidenceTitle')}</h2>
      <Form
        id="evidence-form"
        fields={fields}
        submitLabel={t('console.compliance.evidenceDownload')}
        onSubmit={async (values) => {
          const result = await api<unknown>('GET', `/api/v1/cases/${encodeURIComponent(values.caseId!.trim())}/evidence`);
          if (result.status !== 200) return { caseId: t('console.case.notFound') };
          // The pack came with the bearer token, so it is saved from memory rather than by a link.
          const url = URL.createObjectURL(new Blob([JSON.stringify(result.body, null, 2)], { type: 'application/json' }));
          const link = document.createElement('a');
          link.href = url;
          link.download = `evidence-${values.caseId!.trim()}.json`;
          link.click();
          window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
        }}
      />
    </section>
  );
}

function LegalHoldPanel() {
  const [done, setDone] = useState('');
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'caseId', label: 'console.compliance.holdCase', required: true, maxLength: 64 },
    { kind: 'radio', name: 'hold', label: 'console.compliance.holdTitle', required: true, choices: [{ value: 'true', label: t('console.compliance.holdPlace') }, { value: 'false', label: t('console.compliance.holdLift') }] },
    { kind: 'text', name: 'reason', label: 'console.compliance.holdReason', required: true, minLength: 3, maxLength: 500 },
  ];
  return (
    <section aria-labelledby="hold-title" class="panel-tool">
      <h2 id="hold-title">{t('console.compliance.holdTitle')}</h2>
      {done && <p role="status" class="message">{done}</p>}
      <Form
        id="hold-form"
        fields={fields}
        submitLabel={t('console.compliance.holdTitle')}
        initial={{ hold: 'true' }}
        onSubmit={async (values): Promise<Errors | void> => {
          setDone('');
          const result = await api('POST', `/api/v1/cases/${encodeURIComponent(values.caseId!.trim())}/legal-hold`, { body: { hold: values.hold === 'true', reason: values.reason } });
          if (result.status === 404) return { caseId: t('console.case.notFound') };
          if (result.status !== 200) return serverErrors(fields, result.error?.fields ?? { reason: '' });
          setDone(t('console.compliance.holdDone'));
        }}
      />
    </section>
  );
}

function ErasurePanel() {
  const [done, setDone] = useState('');
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'caseId', label: 'console.compliance.erasureCase', required: true, maxLength: 64 },
    { kind: 'text', name: 'reference', label: 'console.compliance.erasureReason', required: true, minLength: 3, maxLength: 120 },
  ];
  return (
    <section aria-labelledby="erasure-title" class="panel-tool">
      <h2 id="erasure-title">{t('console.compliance.erasureTitle')}</h2>
      <p class="hint">{t('console.compliance.erasureIntro')}</p>
      {done && <p role="status" class="message">{done}</p>}
      <Form
        id="erasure-form"
        fields={fields}
        submitLabel={t('console.compliance.erasureSubmit')}
        onSubmit={async (values): Promise<Errors | void> => {
          setDone('');
          const result = await api('POST', '/api/v1/privacy/erasure', { body: { caseIds: [values.caseId!.trim()], reference: values.reference } });
          if (result.status !== 200) return serverErrors(fields, result.error?.fields ?? { caseId: '' });
          setDone(t('console.compliance.erasureDone'));
        }}
      />
    </section>
  );
}
