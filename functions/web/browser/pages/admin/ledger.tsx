/**
 * The admin ledger, for compliance and administrators: every administrative change (who, when, what, each
 * field before → after), newest first, with the chain's verification as the API computed it from the first
 * entry and its comparison with the heads published daily outside the table, and (compliance) the whole
 * ledger to download as JSON (the same document `npm run audit -- verify-admin` checks).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, SignedOutError } from '../../api';
import { formatDateTime, formatNumber, language, t, tDynamic } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSignal } from '../../state';
import { AdminNav, may, shown } from './common';

interface LedgerEntry {
  seq: number;
  at: string;
  actor: { type: string; id: string };
  action: string;
  changes: { subject: string; fields: { field: string; before: unknown; after: unknown }[] }[];
  details?: Record<string, unknown>;
}
interface LedgerExport {
  count: number;
  head: string | null;
  verification: { valid: true } | { valid: false; seq: number; problem: string };
  anchors?: { valid: true; anchors: number; latest?: { seq: number; date: string } } | { valid: false; anchors: number; seq: number; problem: string };
  entries: LedgerEntry[];
}

const SHOWN = 200;

export default function LedgerPage({ session }: PageProps) {
  useSignal(language);
  const [ledger, setLedger] = useState<LedgerExport | null>(null);
  const [download, setDownload] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api<LedgerExport>('GET', '/api/v1/admin/ledger')
      .then((result) => {
        if (!result.body) return setFailed(true);
        setLedger(result.body);
        setDownload(URL.createObjectURL(new Blob([JSON.stringify(result.body, null, 2)], { type: 'application/json' })));
      })
      .catch((error: unknown) => {
        if (!(error instanceof SignedOutError)) setFailed(true);
      });
  }, []);
  useEffect(() => () => void (download && URL.revokeObjectURL(download)), [download]);

  const verification = ledger?.verification;
  const anchors = ledger?.anchors;
  return (
    <section aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t('console.admin.ledgerTitle')}</h1>
      <AdminNav session={session} current="admin-ledger" />
      <p>{t('console.admin.ledgerIntro')}</p>
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {ledger && verification && (
        <p class={verification.valid ? 'message' : 'message error'} role="status" id="ledger-verification">
          {verification.valid
            ? t('console.admin.ledgerValid', { count: formatNumber(ledger.count) })
            : t('console.admin.ledgerBroken', { seq: formatNumber(verification.seq), problem: tDynamic(`console.admin.ledgerProblem.${verification.problem}`, verification.problem) })}
        </p>
      )}
      {anchors && (
        <p class={anchors.valid ? 'message' : 'message error'} id="ledger-anchors">
          {anchors.valid
            ? anchors.latest
              ? t('console.adminForms.anchorMatches', { date: anchors.latest.date, count: formatNumber(anchors.latest.seq) })
              : t('console.adminForms.anchorNone')
            : t('console.adminForms.anchorDiffers', { seq: formatNumber(anchors.seq), problem: tDynamic(`console.adminForms.anchorProblem.${anchors.problem}`, anchors.problem) })}
        </p>
      )}
      <p class="hint">{t('console.adminForms.ledgerVisibleToAdmins')}</p>
      {download && may(session, 'audit.export') && (
        <p>
          <a href={download} download="admin-ledger.json" id="ledger-download">
            {t('console.admin.ledgerDownload')}
          </a>
        </p>
      )}
      {ledger && (
        <table class="admin-table" id="ledger-entries">
          <caption>{t('console.admin.ledgerCaption', { shown: formatNumber(Math.min(SHOWN, ledger.entries.length)), count: formatNumber(ledger.count) })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('console.admin.ledgerWhen')}</th>
              <th scope="col">{t('console.admin.ledgerWho')}</th>
              <th scope="col">{t('console.admin.ledgerWhat')}</th>
              <th scope="col">{t('console.admin.ledgerChanges')}</th>
            </tr>
          </thead>
          <tbody>
            {[...ledger.entries]
              .reverse()
              .slice(0, SHOWN)
              .map((entry) => (
                <tr key={entry.seq}>
                  <th scope="row">{entry.seq}</th>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.actor.id}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <ul class="ledger-changes">
                      {entry.changes.slice(0, 20).map((change, i) => (
                        <li key={i}>
                          <code>{change.subject}</code>
                          <ul>
                            {change.fields.map((f) => (
                              <li key={f.field}>
                                {f.field}: {shown(f.before)} → {shown(f.after)}
                              </li>
                            ))}
                          </ul>
                        </li>
                      ))}
                      {entry.changes.length > 20 && <li>{t('console.admin.ledgerMore', { count: formatNumber(entry.changes.length - 20) })}</li>}
                    </ul>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
