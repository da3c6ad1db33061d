/**
 * Every lifecycle email, one function per facts type in
 * `lifecycleEmailFacts.ts`, each `(facts) => EmailMessage`. Residents' emails
 * (in their language) are in `residentEmails.ts`; staff and external emails
 * (in the estate's form: 繁體中文 + English, 简体中文 or English) in `staffEmails.ts`.
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
