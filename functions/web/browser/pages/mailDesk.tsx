/**
 * The mail desk (docs/EMAIL_INTAKE.md, "The mail desk"): inbound email set aside because it could not be
 * taken automatically, per estate (`GET /api/v1/estates/{estateId}/set-aside-mail`) and, for HQ, mail sent to
 * no known estate (`GET /api/v1/set-aside-mail`). Each message is filed as a complaint, added to a case as
 * the resident's reply, or refused (`POST …/set-aside-mail/{messageId}`); the list is read again after each.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDateTime, language, t, tDynamic } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { estateName } from '../ui/caseList';
import { servedEstates } from '../session';

/** The desk of mail to no known estate, as the select names it. */
const UNADDRESSED = '';

interface SetAsideMessage {
  messageId: string;
  reason: string;
  receivedAt: string;
  maskedSender: string;
  subject: string;
  noticeAllowed: boolean;
  caseId?: string;
  /** The reference of the case a reply was meant for (proposed for adding it to). */
  caseReference?: string;
}

type Decision = { action: 'file'; estateId?: string } | { action: 'attach'; reference: string } | { action: 'refuse'; notify: boolean };

export default function MailDeskPage({ session, data }: PageProps) {
  useSignal(language);
  const served = servedEstates(session, data.estates);
  const seesUnaddressed = session.role === 'hq';
  const [desk, setDesk] = useState(seesUnaddressed ? UNADDRESSED : (served[0]?.estateId ?? ''));
  const [messages, setMessages] = useState<SetAsideMessage[] | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean; caseId?: string } | null>(null);
  const deskPath = desk === UNADDRESSED ? '/api/v1/set-aside-mail' : `/api/v1/estates/${encodeURIComponent(desk)}/set-aside-mail`;

  const load = async () => {
    const result = await api<{ messages: SetAsideMessage[] }>('GET', deskPath);
    setMessages(result.body?.messages ?? []);
    if (!result.body) setNotice({ text: result.error?.message ?? '', error: true });
  };
  useEffect(() => void load(), [desk]);

  const decide = async (message: SetAsideMessage, decision: Decision) => {
    setNotice(null);
    const result = await api<{ caseId?: string; filesLeftOut?: number }>('POST', `${deskPath}/${encodeURIComponent(message.messageId)}`, { body: decision });
    if (result.status === 200 && result.body) {
      const done = decision.action === 'file' ? t('console.mailDesk.filed') : decision.action === 'attach' ? t('console.mailDesk.attached') : t('console.mailDesk.refused');
      const leftOut = result.body.filesLeftOut ? ` ${t('console.mailDesk.filesLeftOut', { count: result.body.filesLeftOut })}` : '';
      setNotice({ text: `${done}${leftOut}`, error: false, ...(result.body.caseId ? { caseId: result.body.caseId } : {}) });
    } else if (decision.action === 'attach' && result.status === 422 && result.error?.fields?.reference) {
      setNotice({ text: t('console.mailDeskByReference.unknown', { reference: decision.reference }), error: true });
    } else {
      const fields = Object.values(result.error?.fields ?? {}).join(' ');
      setNotice({ text: [result.error?.message, fields].filter(Boolean).join(': '), error: true });
    }
    await load();
  };

  return (
    <section aria-labelledby="mail-desk-title">
      <h1 id="mail-desk-title">{t('console.mailDesk.title')}</h1>
      <p>{t('console.mailDesk.intro')}</p>
      {(served.length > 1 || seesUnaddressed) && (
        <label>
          {t('console.mailDesk.desk')}{' '}
          <select id="mail-desk" value={desk} onChange={(event) => setDesk((event.target as HTMLSelectElement).value)}>
            {seesUnaddressed && <option value={UNADDRESSED}>{t('console.mailDesk.unaddressed')}</option>}
            {served.map((e) => (
              <option value={e.estateId} key={e.estateId}>
                {estateName(data.estates, e.estateId)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div aria-live="polite">
        {notice && (
          <p class={notice.error ? 'message error' : 'message'} role="status" id="mail-desk-notice">
            {notice.text} {notice.caseId && <a href={href({ case: notice.caseId })}>{t('console.mailDesk.openCase')}</a>}
          </p>
        )}
      </div>
      {messages && messages.length === 0 && <p id="mail-desk-empty">{t('console.mailDesk.none')}</p>}
      {messages && messages.length > 0 && (
        <table id="set-aside-mail">
          <thead>
            <tr>
              <th scope="col">{t('console.mailDesk.received')}</th>
              <th scope="col">{t('console.mailDesk.sender')}</th>
              <th scope="col">{t('console.mailDesk.subject')}</th>
              <th scope="col">{t('console.mailDesk.reason')}</th>
              <th scope="col">{t('console.mailDesk.decide')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <MessageRow key={message.messageId} message={message} unaddressed={desk === UNADDRESSED} estates={served.map((e) => ({ estateId: e.estateId, name: estateName(data.estates, e.estateId) }))} decide={decide} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MessageRow(props: { message: SetAsideMessage; unaddressed: boolean; estates: { estateId: string; name: string }[]; decide: (message: SetAsideMessage, decision: Decision) => Promise<void> }) {
  const { message, unaddressed, estates, decide } = props;
  const [estateId, setEstateId] = useState(estates[0]?.estateId ?? '');
  const [reference, setReference] = useState(message.caseReference ?? '');
  const [notify, setNotify] = useState(message.noticeAllowed);
  const [busy, setBusy] = useState(false);
  const id = message.messageId.replace(/[^A-Za-z0-9_-]/g, '_');
  const run = async (decision: Decision) => {
    setBusy(true);
    try {
      await decide(message, decision);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-message={message.messageId}>
      <td>{formatDateTime(message.receivedAt)}</td>
      <td>{message.maskedSender}</td>
      <td>{message.subject || t('console.mailDesk.noSubject')}</td>
      <td>{tDynamic(`console.mailDesk.reasons.${message.reason}`, message.reason)}</td>
      <td>
        <form
          class="mail-desk-file"
          onSubmit={(event) => {
            event.preventDefault();
            void run(unaddressed ? { action: 'file', estateId } : { action: 'file' });
          }}
        >
          {unaddressed && (
            <label>
              {t('console.mailDesk.fileOn')}{' '}
              <select id={`file-on-${id}`} value={estateId} onChange={(event) => setEstateId((event.target as HTMLSelectElement).value)}>
                {estates.map((e) => (
                  <option value={e.estateId} key={e.estateId}>
                    {e.name}
                  </option>
                ))}
              </select>
            </label>
          )}{' '}
          <button type="submit" disabled={busy}>
            {t('console.mailDesk.file')}
          </button>
        </form>
        <form
          class="mail-desk-attach"
          onSubmit={(event) => {
            event.preventDefault();
            void run({ action: 'attach', reference: reference.trim().toUpperCase() });
          }}
        >
          <label>
            {t('console.mailDeskByReference.reference')}{' '}
            <input
              id={`attach-to-${id}`}
              value={reference}
              required
              maxLength={30}
              placeholder={t('console.mailDeskByReference.example')}
              autocomplete="off"
              onInput={(event) => setReference((event.target as HTMLInputElement).value)}
            />
          </label>{' '}
          <button type="submit" disabled={busy}>
            {t('console.mailDesk.attach')}
          </button>
        </form>
        <form
          class="mail-desk-refuse"
          onSubmit={(event) => {
            event.preventDefault();
            void run({ action: 'refuse', notify: message.noticeAllowed && notify });
          }}
        >
          {message.noticeAllowed ? (
            <label>
              <input type="checkbox" id={`notify-${id}`} checked={notify} onChange={(event) => setNotify((event.target as HTMLInputElement).checked)} /> {t('console.mailDesk.notify')}
            </label>
          ) : (
            <span>{t('console.mailDesk.noticeNotSafe')}</span>
          )}{' '}
          <button type="submit" disabled={busy}>
            {t('console.mailDesk.refuse')}
          </button>
        </form>
      </td>
    </tr>
  );
}
