/**
 * The CS lead is asked for the compensation summary (seed 001 §5.6.2-3; issue 13): when the workflow starts waiting
 * for it (`AwaitCompensationSummary`), each enabled CS lead of the estate gets an email in their language with the
 * amount under review and a link to the case; an estate with none in the directory, its customer-service mailbox.
 * Once per stage and recipient (`compensation-summary-requested-s<stage>-<userId>`, the id as a mail tag may carry it; a stage has one response, so one
 * summary request), whatever the retries or a wait registered again after a restart.
 */
import { translate } from '../../messages';
import type { StaffDirectory } from '../admin/staffDirectory';
import type { Language } from '../complaint';
import { estateMembersWithRole } from '../estateStaff';
import type { ComplaintCase } from '../complaintCase';
import type { EmailMessage } from '../notifications/emailMessage';
import { attemptTag } from '../notifications/outbox';
import { link, p, renderEmail } from '../notifications/residentEmails';
import { staffLanguage } from '../notifications/staffNotices';
import { staffCaseUrl } from './emailFacts';
import { loadCase, notifyOnce, type StepDependencies } from './notifyOnce';

export function compensationSummaryRequestEmail(c: Pick<ComplaintCase, 'reference' | 'compensationClaim' | 'compensation'>, f: { language: Language; estateName: string; caseUrl: string }): EmailMessage {
  const t = translate(f.language);
  const claim = c.compensationClaim;
  const amount = claim ? `${claim.currency} ${claim.amount.toLocaleString('en', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}` : '';
  const vars = { reference: c.reference, estate: f.estateName, amount };
  const goodwill = c.compensation?.origin === 'goodwill';
  return renderEmail(f.language, t('compensationSummaryRequest.subject', vars), [
    p(t(goodwill ? 'compensationSummaryRequest.goodwillBody' : 'compensationSummaryRequest.claimBody', vars), f.language),
    {
      kind: 'fields',
      rows: [
        { label: t('staffNotices.reference'), value: c.reference },
        { label: t('staffNotices.estate'), value: f.estateName },
        { label: t('compensationSummaryRequest.amount'), value: amount },
      ],
    },
    link(t('staffNotices.openCase'), f.caseUrl),
  ]);
}

export async function askForCompensationSummary(deps: StepDependencies & { staffDirectory: Pick<StaffDirectory, 'list'> }, caseId: string): Promise<{ caseId: string; asked: number }> {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  if (!complaintCase.compensationClaim || complaintCase.compensation?.summary) return { caseId, asked: 0 };
  const leads = estateMembersWithRole(await deps.staffDirectory.list(), estate.estateId, 'cs-lead');
  const recipients = leads.length
    ? leads.map((m) => ({ key: attemptTag(m.userId), email: m.email, language: staffLanguage(estate, m.language) }))
    : [{ key: 'desk', email: estate.customerServiceEmail, language: staffLanguage(estate) }];
  for (const to of recipients) {
    await notifyOnce(deps, caseId, `compensation-summary-requested-s${complaintCase.stage}-${to.key}`, to.email, compensationSummaryRequestEmail(complaintCase, {
      language: to.language,
      estateName: estate.names[to.language],
      caseUrl: staffCaseUrl(deps.publicBaseUrl, caseId),
    }));
  }
  return { caseId, asked: recipients.length };
}
