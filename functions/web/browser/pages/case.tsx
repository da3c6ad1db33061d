/**
 * One case (`/staff?case=ID`, the link of staff emails): what it is, its deadline and clock in
 * words, what happens next, the timeline in the reader's language and local time, and the actions
 * this person may take now — exactly `actionsForYou` / `compensationForYou` of the API, which the
 * policy module decides. Every action is sent with If-Match (the ETag of the case as shown); a 409
 * reloads the case and keeps what the person typed. The case refreshes itself while open.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffActionType } from '../../../domain/lifecycle/staffActions';
import type { StaffCaseView } from '../../../domain/staffView';
import type { WaitKind } from '../../../domain/lifecycle/workflowWait';
import type { MessageKey } from '../../../messages';
import { api, SignedOutError, platformNowMs } from '../api';
import { formatDateTime, formatMoney, language, t, tDynamic } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { actionFields, compensationFields, MAX_OUTSTANDING_ACTIONS, respondBody, valueRecoveryCheck } from '../ui/actionForms';
import type { EstateStaffMember } from '../../../domain/estateStaff';
import { departmentName, estateName, placeName, severityText, statusText } from '../ui/caseList';
import { type Errors, Form, serialise, serverErrors, type Values } from '../ui/forms';
import { usePolling } from '../ui/usePolling';
import { SimilarCases } from '../ui/similarCases';

export type CaseView = StaffCaseView & {
  waitingFor: WaitKind | null;
  allowedActions: StaffActionType[];
  actionsForYou: StaffActionType[];
  compensationForYou: 'decide' | 'approve-above-threshold' | null;
};

const MANAGERIAL = new Set(['estate-manager', 'hq']);

function relative(iso: string): string {
  const ms = Date.parse(iso) - platformNowMs();
  const hours = Math.round(ms / 3_600_000);
  const format = new Intl.RelativeTimeFormat(language.get() === 'en' ? 'en-GB' : language.get() === 'zh-Hant' ? 'zh-HK' : 'zh-CN', { numeric: 'auto' });
  return Math.abs(hours) < 48 ? format.format(hours, 'hour') : format.format(Math.round(ms / 86_400_000), 'day');
}

/** `case.triaged`, `case.closed:responded` → the catalogue's words for the action before the colon. */
export function eventText(action: string): string {
  const kind = action.split(':')[0]!.replace(/\./g, '_');
  return tDynamic(`console.events.${kind}`, t('console.events.other', { type: action }));
}

export default function CasePage({ params, session, data }: PageProps) {
  useSignal(language);
  const caseId = params.get('case') ?? '';
  const [view, setView] = useState<CaseView | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'failed'>('loading');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const load = async (quiet = false): Promise<CaseView | null> => {
    if (!quiet) setState('loading');
    try {
      // A poll names the view it holds: 304 while nothing shown has changed (no body, no re-render).
      const held = quiet && view?.caseId === caseId ? etag : null;
      const result = await api<CaseView>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`, held ? { headers: { 'if-none-match': held } } : {});
      if (result.status === 304 && held) return view;
      if (result.status === 404) {
        setState('missing');
        return null;
      }
      if (result.status !== 200 || !result.body) {
        if (!quiet) setState('failed');
        return null;
      }
      setView(result.body);
      setEtag(result.etag);
      setState('ready');
      return result.body;
    } catch (error) {
      if (!(error instanceof SignedOutError) && !quiet) setState('failed');
      return null;
    }
  };

  useEffect(() => {
    setView(null);
    setMessage(null);
    void load();
  }, [caseId]);
  // While the workflow runs an automated step nothing is open: look again soon; otherwise every 20 s.
  const busy = view !== null && view.waitingFor === null && view.status !== 'closed';
  usePolling(() => void load(true), busy ? 2_000 : 20_000, state === 'ready' || state === 'loading');
  useEffect(() => {
    if (view) document.title = `${view.reference} · ${t('console.shell.title')}`;
  }, [view?.reference, language.get()]);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  // The assignee picker's people: read when this person may assign on this case, once per estate.
  const [staff, setStaff] = useState<{ estateId: string; members: EstateStaffMember[] } | null>(null);
  // The respond form's outstanding-action owners come from the same picker.
  const mayAssign = (view?.actionsForYou.includes('assign') || view?.actionsForYou.includes('respond')) ?? false;
  const [actionRows, setActionRows] = useState(0);
  useEffect(() => {
    if (!view || !mayAssign || staff?.estateId === view.estateId) return;
    const estateId = view.estateId;
    void api<{ staff: EstateStaffMember[] }>('GET', `/api/v1/estates/${encodeURIComponent(estateId)}/staff`)
      .then((result) => {
        if (result.status === 200 && result.body) setStaff({ estateId, members: result.body.staff });
      })
      .catch(() => undefined);
  }, [view?.estateId, mayAssign]);

  if (state === 'missing') return <Missing />;
  if (!view) return <p role="status">{state === 'failed' ? t('console.case.failed') : t('console.case.loading')}</p>;

  const estate = data.estates.find((e) => e.estateId === view.estateId);
  const timeZone = estate?.timeZone;

  const send = async (path: string, body: unknown, title: string, fields: Parameters<typeof serverErrors>[0]): Promise<Errors | void> => {
    setMessage(null);
    try {
      const result = await api('POST', path, { body, headers: etag ? { 'if-match': etag } : {} });
      if (result.status === 200) {
        setMessage({ text: t('console.done.action', { action: title }), error: false });
        await load(true);
        return;
      }
      const code = result.error?.code ?? '';
      if (result.status === 409 && (code === 'version_conflict' || code === 'workflow_moved_on')) {
        await load(true);
        setMessage({ text: t('console.validation.conflict'), error: true });
        return { _: t('console.validation.conflict') };
      }
      // Said on the field the server names (the assignee, the response's decision, the handling opinion).
      if (result.status === 409 && code === 'stage_2_handler_conflict') return { [Object.keys(result.error?.fields ?? {})[0] ?? 'assigneeId']: t('console.validation.stage2Handler') };
      if (result.status === 409) {
        await load(true);
        setMessage({ text: t('console.validation.notAllowed'), error: true });
        return;
      }
      if (result.status === 403) {
        setMessage({ text: t('console.validation.forbidden'), error: true });
        return;
      }
      if (result.status === 400 || result.status === 422) {
        const errors = serverErrors(fields, result.error?.fields);
        return Object.keys(errors).length > 0 ? errors : { _: t('console.validation.failed') };
      }
      setMessage({ text: t('console.validation.failed'), error: true });
    } catch (error) {
      if (!(error instanceof SignedOutError)) setMessage({ text: t('console.validation.failed'), error: true });
    }
  };

  const claim = view.compensationClaim;
  return (
    <article aria-labelledby="case-title">
      <p>
        <a href={href({ view: 'queue' })}>{t('console.case.back')}</a>
      </p>
      <div class="case-head">
        <h1 id="case-title">{view.reference}</h1>
        <span class="status" data-status={view.status}>
          {statusText(view.status)}
        </span>
      </div>
      {message && (
        <p class={message.error ? 'message error' : 'message'} role="status" tabIndex={-1} ref={messageRef}>
          {message.text}
        </p>
      )}
      {view.emailAttention && <p class="notice">{t('console.case.emailAttention')}</p>}
      {view.legalHold && <p class="notice">{t('console.case.legalHold')}</p>}
      <div class="columns">
        <div>
          <h2>{t('console.case.nextTitle')}</h2>
          <p id="next-step">{nextStep(view)}</p>
          <h2>{t('console.case.deadlineTitle')}</h2>
          <Deadline view={view} timeZone={timeZone} />
          <h2>{t('console.case.summary')}</h2>
          <dl class="facts">
            <Fact label={t('console.case.estate')} value={estateName(data.estates, view.estateId)} />
            {(view.buildingId !== undefined || (estate?.buildings?.length ?? 0) > 0) && (
              <Fact label={t('console.buildings.building')} value={<span data-building={view.buildingId ?? ''}>{view.buildingId === undefined ? t('console.buildings.notNamed') : placeName(data.estates, view.estateId, view.buildingId)}</span>} />
            )}
            <Fact label={t('console.case.unit')} value={view.unit} />
            <Fact label={t('console.case.stage')} value={t('console.case.stageValue', { stage: view.stage })} />
            <Fact label={t('console.case.waitingFor')} value={view.waitingFor ? t(`waitingFor.${view.waitingFor}`) : t('console.case.nothingWaits')} />
            <Fact label={t('console.case.caseClass')} value={view.caseClass ? t(`classes.${String(view.caseClass) as '1'}`) : t('console.case.notYet')} />
            <Fact label={t('console.case.severity')} value={severityText(view.severity) || t('console.case.notYet')} />
            <Fact label={t('console.case.category')} value={view.category ? t(`categories.${view.category}`) : t('console.case.notYet')} />
            <Fact label={t('console.case.department')} value={departmentName(data.estates, view.estateId, view.departmentId) || t('console.case.notYet')} />
            <Fact label={t('console.case.assignee')} value={view.assigneeId ?? t('console.queue.unassigned')} />
            <Fact label={t('console.case.channel')} value={t(`channels.${view.channel}`)} />
            <Fact label={t('console.case.received')} value={formatDateTime(view.receivedAt, timeZone)} />
            <Fact label={t('console.case.language')} value={<span lang={view.language}>{languageName(view.language)}</span>} />
          </dl>
          <h2>{t('console.case.complainantTitle')}</h2>
          <dl class="facts">
            <Fact label={t('console.case.name')} value={view.complainant?.name} />
            <Fact label={t('console.case.email')} value={view.complainant?.email} />
            <Fact label={t('console.case.phone')} value={view.complainant?.phone} />
          </dl>
          <h2>{t('console.case.descriptionTitle')}</h2>
          <p class="pre" lang={view.language}>
            {view.description}
          </p>
          <ResidentAdditions view={view} timeZone={timeZone} />
          <CaseFiles view={view} />
          {view.proposedTriage && !view.triage && <ProposedTriage view={view} data={data} />}
          {claim && (
            <>
              <h2>{t('console.case.claimTitle')}</h2>
              <p lang={view.language}>
                {formatMoney(claim.amount, claim.currency)} — {claim.reason}
              </p>
            </>
          )}
          {view.compensation?.summary && <CompensationSummary view={view} timeZone={timeZone} />}
          {claim && !view.compensation?.summary && view.waitingFor === 'compensation-summary' && <p class="hint" id="compensation-summary-waiting">{t('console.roleWork.summaryWaiting')}</p>}
          <ResidentChoices view={view} timeZone={timeZone} />
          {view.satisfaction && (
            <>
              <h2>{t('console.case.satisfactionTitle')}</h2>
              <dl class="facts">
                <Fact label={t('console.case.outcomeRating')} value={ratingText(view.satisfaction, 'outcome')} />
                <Fact label={t('console.case.processRating')} value={ratingText(view.satisfaction, 'process')} />
              </dl>
            </>
          )}
          {view.closingReport && (
            <section id="closing-report" aria-labelledby="closing-report-title">
              <h2 id="closing-report-title">{t('console.closingReport.title')}</h2>
              <dl class="facts">
                <Fact label={t('console.closingReport.cause')} value={[view.closingReport.cause.rootCause, view.closingReport.cause.accountability].filter(Boolean).join(' — ') || '—'} />
                <Fact label={t('console.closingReport.handling')} value={view.closingReport.handling.decision ?? '—'} />
                <Fact label={t('console.closingReport.satisfaction')} value={view.satisfaction ? ratingText(view.satisfaction, 'outcome') : '—'} />
                <Fact label={t('console.closingReport.recurrence')} value={t(view.closingReport.lessons.recurrence === 'systemic' ? 'console.closingReport.systemic' : 'console.closingReport.oneOff')} />
                <Fact label={t('console.closingReport.procedureDefect')} value={t(view.closingReport.lessons.procedureDefect ? 'console.closingReport.yes' : 'console.closingReport.no')} />
                <Fact label={t('console.closingReport.ruleNotFollowed')} value={t(view.closingReport.lessons.ruleNotFollowed ? 'console.closingReport.yes' : 'console.closingReport.no')} />
                {view.closingReport.lessons.improvement && <Fact label={t('console.closingReport.improvement')} value={view.closingReport.lessons.improvement} />}
              </dl>
              <p>{t('console.closingReport.by', { by: view.closingReport.by, date: formatDateTime(view.closingReport.at, timeZone) })}</p>
            </section>
          )}
        </div>
        <div>
          <h2 id="actions-title">{t('console.case.actionsTitle')}</h2>
          {view.actionsForYou.length === 0 && !view.compensationForYou && <p id="no-actions">{t('console.case.noActions')}</p>}
          {view.compensationForYou && (
            <Compensation
              view={view}
              step={view.compensationForYou}
              onSubmit={(body) => send(`/api/v1/cases/${encodeURIComponent(view.caseId)}/compensation`, body, t(view.compensationForYou === 'decide' ? 'console.actions.compensation' : 'console.actions.compensation-hq'), compensationFields())}
            />
          )}
          {view.actionsForYou.map((type) => {
            const letters = (view.letters ?? []).filter((l) => l.status === 'to-send');
            const fields = actionFields(type, estate, {
              managerial: session.role !== null && MANAGERIAL.has(session.role),
              claim: Boolean(claim),
              staff: staff?.estateId === view.estateId ? staff.members : undefined,
              letters,
              openActions: (view.response?.outstandingActions ?? []).flatMap((a, index) => (a.doneAt ? [] : [{ index, label: `${a.action} · ${formatDateTime(a.dueBy, timeZone)}${a.owner ? ` · ${a.owner}` : ''}` }])),
              actionRows,
            });
            const title = t(`console.actions.${type}`);
            return (
              <details class="action" data-action={type} key={type}>
                <summary>{title}</summary>
                <Form
                  id={`action-${type}`}
                  fields={fields}
                  intro={t(`console.intros.${type}`)}
                  submitLabel={title}
                  initial={type === 'triage' && view.proposedTriage ? triageInitial(view) : type === 'resume-workflow' ? { inDoubtEmails: 'were-not-sent' } : undefined}
                  onSubmit={(values) => {
                    const body = serialise(fields, values, { type });
                    return send(`/api/v1/cases/${encodeURIComponent(view.caseId)}/actions`, type === 'respond' ? respondBody(body) : body, title, fields);
                  }}
                >
                  {type === 'respond' && (
                    <p class="row-buttons" id="outstanding-action-rows">
                      <button type="button" id="add-outstanding-action" disabled={actionRows >= MAX_OUTSTANDING_ACTIONS} onClick={() => setActionRows(actionRows + 1)}>
                        {t('console.actionRows.add')}
                      </button>{' '}
                      {actionRows > 0 && (
                        <button type="button" id="remove-outstanding-action" onClick={() => setActionRows(actionRows - 1)}>
                          {t('console.actionRows.remove')}
                        </button>
                      )}
                    </p>
                  )}
                </Form>
              </details>
            );
          })}
        </div>
      </div>
      <Timeline view={view} timeZone={timeZone} />
      <SimilarCases caseId={view.caseId} timeZone={timeZone} />
    </article>
  );
}

/** What the rules proposed at receipt, with their reasons, for the person confirming at triage (nothing is decided on it). */
function ProposedTriage({ view, data }: { view: CaseView; data: PageProps['data'] }) {
  const p = view.proposedTriage!;
  const validity = p.validity;
  return (
    <section id="proposed-triage" aria-labelledby="proposed-title">
      <h2 id="proposed-title">{t('console.case.proposedTitle')}</h2>
      <p class="hint">{t('console.case.proposedIntro')}</p>
      {p.urgentTriage && p.severity !== 'critical' && (
        <div id="urgent-triage" class="warning" role="alert">
          <p>
            <strong>{t('console.urgentTriage.title')}</strong>
          </p>
          <p>{t('console.urgentTriage.intro')}</p>
          <p>{t('console.urgentTriage.signs')}</p>
          <ul class="reasons">
            {p.urgentTriage.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <dl class="facts">
        <Fact label={t('console.case.caseClass')} value={t(`classes.${String(p.caseClass) as '1'}`)} />
        <Fact label={t('console.case.severity')} value={severityText(p.severity)} />
        <Fact label={t('console.case.category')} value={t(`categories.${p.category}`)} />
        <Fact label={t('console.case.department')} value={departmentName(data.estates, view.estateId, p.departmentId)} />
        {validity && (
          <Fact
            label={t('console.case.proposedValidity')}
            value={
              <>
                {t(`console.case.validity.${validity.proposed}`)}
                {validity.duplicateOf && (
                  <>
                    {' — '}
                    <a href={href({ case: validity.duplicateOf.caseId })}>{t('console.case.duplicateOf', { reference: validity.duplicateOf.reference })}</a>
                  </>
                )}
              </>
            }
          />
        )}
      </dl>
      {p.reasons.length > 0 && (
        <>
          <p>
            <strong>{t('console.case.proposedReasons')}</strong>
          </p>
          <ul class="reasons">
            {p.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What the complainant added after filing (email replies, the tracking page): new information for staff. */
function ResidentAdditions({ view, timeZone }: { view: CaseView; timeZone: string | undefined }) {
  const additions = view.residentAdditions ?? [];
  if (additions.length === 0) return null;
  return (
    <section id="additions" aria-labelledby="additions-title">
      <h2 id="additions-title">{t('console.case.additionsTitle')}</h2>
      <ol>
        {additions.map((addition) => (
          <li key={addition.additionId}>
            <time dateTime={addition.at}>{formatDateTime(addition.at, timeZone)}</time> {addition.source === 'email' ? t('console.case.viaEmail') : t('console.case.viaTrackingPage')}
            {addition.text && (
              <p class="pre" lang={view.language}>
                {addition.text}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the complainant decided on the tracking page: their answer to the compensation offered, a withdrawal. */
function ResidentChoices({ view, timeZone }: { view: CaseView; timeZone: string | undefined }) {
  const answer = view.compensation?.residentAnswer;
  const withdrawal = view.withdrawal;
  if (!answer && !withdrawal) return null;
  return (
    <section id="resident-choices" aria-labelledby="resident-choices-title">
      <h2 id="resident-choices-title">{t('console.residentChoices.title')}</h2>
      <dl class="facts">
        {answer && (
          <Fact
            label={t('console.residentChoices.compensationAnswer')}
            value={<span id="compensation-answer">{t(answer.answer === 'accepted' ? 'console.residentChoices.accepted' : 'console.residentChoices.declined', { amount: formatMoney(answer.amount, answer.currency), at: formatDateTime(answer.at, timeZone) })}</span>}
          />
        )}
        {withdrawal && <Fact label={t('console.residentChoices.withdrawal')} value={t('console.residentChoices.withdrawalAt', { at: formatDateTime(withdrawal.requestedAt, timeZone) })} />}
        {withdrawal?.reason && <Fact label={t('console.residentChoices.withdrawalReason')} value={<span lang={view.language}>{withdrawal.reason}</span>} />}
      </dl>
    </section>
  );
}

/** The case's photos and documents; a download asks for a short-lived link, so the file goes straight from storage to the browser. */
function CaseFiles({ view }: { view: CaseView }) {
  const files = view.files ?? [];
  if (files.length === 0) return null;
  const download = async (fileId: string) => {
    const result = await api<{ url: string }>('GET', `/api/v1/cases/${encodeURIComponent(view.caseId)}/files/${encodeURIComponent(fileId)}`);
    if (result.status === 200 && result.body?.url) window.location.assign(result.body.url);
  };
  return (
    <section id="files" aria-labelledby="files-title">
      <h2 id="files-title">{t('console.case.filesTitle')}</h2>
      <ul>
        {files.map((file) => (
          <li key={file.fileId}>
            {file.name} ({file.contentType}, {t('console.case.fileSize', { size: Math.ceil(file.size / 1024) })}){' '}
            <button type="button" class="secondary small file-download" data-file-id={file.fileId} onClick={() => void download(file.fileId)}>
              {t('console.case.download')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function languageName(value: string): string {
  return value === 'en' ? 'English' : value === 'zh-Hant' ? '繁體中文' : value === 'zh-Hans' ? '简体中文' : value;
}

function triageInitial(view: CaseView): Values {
  const p = view.proposedTriage!;
  return { caseClass: String(p.caseClass), severity: p.severity, category: p.category, ...(p.departmentId ? { departmentId: p.departmentId } : {}) };
}

function ratingText(satisfaction: NonNullable<CaseView['satisfaction']>, which: 'outcome' | 'process'): string {
  const record = satisfaction as unknown as Record<string, unknown>;
  const score = record[`${which}Rating`] ?? record[which];
  return typeof score === 'number' ? t('console.case.rating', { score }) : '—';
}

function nextStep(view: CaseView): string {
  if (view.status === 'closed') return t('console.case.next.closed');
  if (!view.waitingFor) return t('console.case.next.busy');
  return t(`console.case.next.${view.waitingFor}` as MessageKey);
}

function Deadline({ view, timeZone }: { view: CaseView; timeZone: string | undefined }) {
  if (view.status === 'closed') return <p>{t('console.case.next.closed')}</p>;
  const when = formatDateTime(view.responseDueBy, timeZone);
  const pause = view.deadline?.pauses.find((p) => p.to === undefined);
  const overdue = Date.parse(view.responseDueBy) < platformNowMs();
  return (
    <>
      <p id="deadline-text">
        <time dateTime={view.responseDueBy}>{overdue ? t('console.case.overdueBy', { when, relative: relative(view.responseDueBy) }) : t('console.case.dueIn', { when, relative: relative(view.responseDueBy) })}</time>
      </p>
      <p>{pause ? t('console.case.clockPaused', { when: formatDateTime(pause.from, timeZone), reason: pause.reason }) : t('console.case.clockRunning')}</p>
      {view.escalationLevel ? <p>{t('console.case.escalated', { level: t(`console.case.escalationLevels.${String(view.escalationLevel) as '1'}`) })}</p> : null}
    </>
  );
}

function Fact({ label, value }: { label: string; value: preact.ComponentChildren }) {
  if (value === undefined || value === null || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Timeline({ view, timeZone }: { view: CaseView; timeZone: string | undefined }) {
  const who = (actor: CaseView['timeline'][number]['actor']) =>
    actor.type === 'staff' ? `${actor.id} (${tDynamic(`roles.${actor.role}`, actor.role)})` : actor.type === 'resident' ? t('console.case.complainant') : t('console.case.system');
  return (
    <>
      <h2 id="timeline-title">{t('console.case.timelineTitle')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t('console.case.timelineCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.case.when')}</th>
              <th scope="col">{t('console.case.who')}</th>
              <th scope="col">{t('console.case.what')}</th>
            </tr>
          </thead>
          <tbody id="timeline-rows">
            {view.timeline.map((event) => (
              <tr key={event.seq}>
                <td>
                  <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
                </td>
                <td>{who(event.actor)}</td>
                <td>{eventText(event.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Compensation({ view, step, onSubmit }: { view: CaseView; step: 'decide' | 'approve-above-threshold'; onSubmit: (body: Record<string, unknown>) => Promise<Errors | void> }) {
  const [values, setValues] = useState<Values>({});
  const fields = compensationFields();
  const check = valueRecoveryCheck(values);
  const currency = view.compensationClaim?.currency;
  const money = (n: number) => formatMoney(n, currency);
  const review = view.compensation;
  const title = t(step === 'decide' ? 'console.actions.compensation' : 'console.actions.compensation-hq');
  return (
    <section class="action" aria-labelledby="compensation-title" id="compensation">
      <h3 id="compensation-title">{title}</h3>
      <dl class="facts">
        <Fact label={t('console.valueRecovery.claimed')} value={view.compensationClaim ? money(view.compensationClaim.amount) : undefined} />
        <Fact label={t('console.valueRecovery.proposed')} value={review?.proposal ? `${money(review.proposal.amount)} — ${review.proposal.note}` : undefined} />
        <Fact label={t('console.valueRecovery.estateDecision')} value={review?.decision ? `${money(review.decision.amount)} — ${review.decision.reasons}` : undefined} />
      </dl>
      <Form
        id="compensation-form"
        fields={fields}
        intro={t('console.intros.compensation')}
        submitLabel={title}
        onValues={setValues}
        onSubmit={(submitted) => {
          const body = serialise(fields, submitted);
          // The value-recovery figures go together or not at all.
          const recovery = body.valueRecovery as Record<string, unknown> | undefined;
          if (recovery && Object.keys(recovery).length < 3) delete body.valueRecovery;
          return onSubmit(body);
        }}
      >
        <p class="hint">{t('console.valueRecovery.explain')}</p>
        <p class={check ? (check.gap > 0 ? 'vr-check short' : 'vr-check ok') : 'vr-check'} id="vr-check" role="status" aria-live="polite">
          {check
            ? check.gap > 0
              ? t('console.valueRecovery.short', { sum: money(check.sum), c: money(check.c), gap: money(check.gap) })
              : t('console.valueRecovery.met', { sum: money(check.sum), c: money(check.c) })
            : t('console.valueRecovery.incomplete')}
        </p>
      </Form>
    </section>
  );
}

/** The CS lead's written summary of the claim, which the manager decides on (seed 001 §5.6.3). */
function CompensationSummary({ view, timeZone }: { view: CaseView; timeZone: string | undefined }) {
  const summary = view.compensation!.summary!;
  const recommendation = { approve: 'console.roleWork.recommendApprove', amend: 'console.roleWork.recommendAmend', reject: 'console.roleWork.recommendReject' } as const;
  return (
    <section id="compensation-summary" aria-labelledby="compensation-summary-title">
      <h2 id="compensation-summary-title">{t('console.roleWork.summaryTitle')}</h2>
      <dl class="facts">
        <Fact label={t('console.roleWork.recommendation')} value={t(recommendation[summary.recommendation])} />
        <Fact label={t('console.roleWork.recommendedAmount')} value={formatMoney(summary.amount, view.compensationClaim?.currency)} />
        <Fact label={t('console.roleWork.reasons')} value={summary.reasons} />
      </dl>
      <p>{t('console.roleWork.summaryBy', { by: summary.by, date: formatDateTime(summary.at, timeZone) })}</p>
    </section>
  );
}

function Missing() {
  return (
    <section>
      <h1>{t('console.case.notFound')}</h1>
      <p>
        <a href={href({ view: 'queue' })}>{t('console.case.back')}</a>
      </p>
    </section>
  );
}
