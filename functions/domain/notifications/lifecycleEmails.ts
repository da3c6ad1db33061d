/**
 * Every lifecycle email, one function per facts type in
 * `lifecycleEmailFacts.ts`, each `(facts) => EmailMessage`. Residents' emails
 * (in their language) are in `residentEmails.ts`; staff and external emails
 * (繁體中文 then English) in `staffEmails.ts`.
 */
export {
  caseClosedEmail,
  clockPausedEmail,
  clockResumedEmail,
  followUpRequestEmail,
  interimResponseEmail,
  invalidClosureEmail,
  responseEmail,
  stage2OpenedEmail,
} from './residentEmails';
export {
  compensationDecisionRequestEmail,
  criticalAlertEmail,
  developerReportEmail,
  escalationEmail,
  externalPartyReportEmail,
  onTheSpotReportEmail,
  routedToDepartmentEmail,
  urgentTriageEmail,
} from './staffEmails';
