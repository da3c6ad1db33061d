/**
 * Routing by class (seed 001 §5.1.2) once a person has confirmed the triage:
 * class 1 → the responsible department owns it and is notified;
 * class 2 → recorded by the customer-service desk, serious/critical ones
 *           reported in writing to the developer's customer-service centre;
 * class 3 → duty-log entry and a special report to the relevant party.
 * Critical complaints alert HQ at once; complaints made to the group or to
 * government are copied to HQ (001 §5.2).
 */
import type { ComplaintCase } from '../complaintCase';
import type { Estate } from '../estate';
import { criticalAlertEmail, developerReportEmail, externalPartyReportEmail, onTheSpotReportEmail, routedToDepartmentEmail, urgentTriageEmail } from '../notifications/lifecycleEmails';
import { departmentOf, namesIn, staffFacts } from './emailFacts';
import { staffEmailText } from '../../messages/staffEmail';
import { routingDutyLogEntry } from './dutyLog';
import { changeCase, loadCase, notifyOnce, type StepContext, type StepDependencies } from './notifyOnce';

export type Route = 'department' | 'developer' | 'external-party';

export async function routeComplaint(deps: StepDependencies, context: StepContext): Promise<{ caseId: string; route: Route }> {
  const { complaintCase, estate } = await loadCase(deps, context.caseId);
  if (!complaintCase.caseClass || !complaintCase.severity) throw new Error(`case ${context.caseId} has not been triaged`);
  const settings = (await deps.store.groupSettings());
  const staff = staffFacts(complaintCase, estate, deps.publicBaseUrl);
  const department = departmentOf(estate, complaintCase.departmentId);
  const caseClass = complaintCase.caseClass;
  const route: Route = caseClass === 1 ? 'department' : caseClass === 2 ? 'developer' : 'external-party';

  if (complaintCase.severity === 'critical') await alertHq(deps, complaintCase, estate, caseClass, complaintCase.category);
  if (complaintCase.channel === 'group-referral' || complaintCase.channel === 'government-referral') {
    await notifyOnce(deps, complaintCase.caseId, 'referral-copy-to-hq', settings.hqEmail, routedToDepartmentEmail({ ...staff, departmentName: staff.languages.map((language) => staffEmailText(language)('email.staff.routed.hqCopy')).join(' / '), ...routedFacts(complaintCase) }));
  }
  if (department) {
    await notifyOnce(deps, complaintCase.caseId, `routed-${department.departmentId}-stage${complaintCase.stage}`, department.email, routedToDepartmentEmail({
      ...staff,
      departmentName: namesIn(department.names, staff.languages),
      ...routedFacts(complaintCase),
    }));
  }
  if (caseClass === 2 && complaintCase.severity !== 'general' && estate.developerLiaisonEmail) {
    await notifyOnce(deps, complaintCase.caseId, 'developer-report', estate.developerLiaisonEmail, developerReportEmail({
      languages: staff.languages,
      reference: complaintCase.reference,
      estateName: staff.estateName,
      timeZone: estate.timeZone,
      unit: complaintCase.unit,
      description: complaintCase.description,
      receivedAt: complaintCase.receivedAt,
      severity: complaintCase.severity,
      replyTo: estate.customerServiceEmail,
    }));
  }
  const party = complaintCase.triage?.externalParty;
  if (caseClass === 3 && party) {
    await notifyOnce(deps, complaintCase.caseId, 'external-party-report', party.email, externalPartyReportEmail({
      languages: staff.languages,
      reference: complaintCase.reference,
      estateName: staff.estateName,
      timeZone: estate.timeZone,
      partyName: party.name,
      location: complaintCase.unit,
      description: complaintCase.description,
      impact: party.impact,
      receivedAt: complaintCase.receivedAt,
      replyTo: estate.customerServiceEmail,
    }));
  }
  await changeCase(deps, context, {
    auditAction: caseClass === 3 ? 'case.routed:duty-log' : `case.routed:${route}`,
    public: { kind: `routed-${route}`, ...(party ? { params: { party: party.name } } : {}) },
    // Class 3: the duty log's first entry (dutyLog.ts), written with the routing so a case is never routed without it.
    patch: (current, _estate, now) => (current.routedStage === current.stage ? undefined : { routedStage: current.stage, ...routingDutyLogEntry(current, now) }),
  });
  return { caseId: complaintCase.caseId, route };
}

/** Critical (恶性) complaints alert HQ at once (seed 002 §三) — once per stage, whether the rules or a person said critical first. */
async function alertHq(deps: StepDependencies, complaintCase: ComplaintCase, estate: Estate, caseClass: number, category: string | undefined) {
  await notifyOnce(deps, complaintCase.caseId, `critical-alert-stage${complaintCase.stage}`, (await deps.store.groupSettings()).hqEmail, criticalAlertEmail({
    ...staffFacts(complaintCase, estate, deps.publicBaseUrl),
    severity: 'critical',
    caseClass,
    ...(category ? { category } : {}),
    unit: complaintCase.unit,
    description: complaintCase.description,
    receivedAt: complaintCase.receivedAt,
  }));
}

/** At acknowledgement, before anyone has triaged it: if the rules see a critical complaint, HQ hears at once. */
export async function alertHqIfProposedCritical(deps: StepDependencies, caseId: string): Promise<boolean> {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const proposal = complaintCase.proposedTriage;
  if (proposal?.severity !== 'critical') return false;
  await alertHq(deps, complaintCase, estate, proposal.caseClass, proposal.category);
  return true;
}

/**
 * At acknowledgement, the rules' safety net: a complaint with crisis signals that did not reach critical is a
 * "possible crisis: needs urgent human triage". The customer-service lead (the estate's customer-service address),
 * not HQ, is emailed at once through the same outbox, once per case; the queue puts it first (caseSummary).
 */
export async function alertCsLeadIfUrgentTriage(deps: StepDependencies, caseId: string): Promise<boolean> {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const urgent = complaintCase.proposedTriage?.urgentTriage;
  if (!urgent || complaintCase.proposedTriage?.severity === 'critical' || complaintCase.triage) return false;
  await notifyOnce(deps, complaintCase.caseId, 'urgent-triage', estate.customerServiceEmail, urgentTriageEmail({
    ...staffFacts(complaintCase, estate, deps.publicBaseUrl),
    unit: complaintCase.unit,
    description: complaintCase.description,
    receivedAt: complaintCase.receivedAt,
    reasons: urgent.reasons,
  }));
  return true;
}

function routedFacts(complaintCase: ComplaintCase) {
  return {
    caseClass: complaintCase.caseClass ?? 1,
    severity: complaintCase.severity ?? 'general',
    ...(complaintCase.category ? { category: complaintCase.category } : {}),
    unit: complaintCase.unit,
    description: complaintCase.description,
    respondBy: complaintCase.responseDueBy,
  };
}

/** A complaint resolved at receipt is still recorded in full and reported to the customer-service lead (seed 001 §5.1.2). */
export async function reportOnTheSpotResolution(deps: StepDependencies, context: StepContext): Promise<{ caseId: string; followUpAt: string }> {
  const { complaintCase, estate } = await loadCase(deps, context.caseId);
  const onTheSpot = complaintCase.onTheSpot;
  if (!onTheSpot) throw new Error(`case ${context.caseId} was not resolved on the spot`);
  await notifyOnce(deps, complaintCase.caseId, 'on-the-spot-report', estate.customerServiceEmail, onTheSpotReportEmail({
    ...staffFacts(complaintCase, estate, deps.publicBaseUrl),
    recordedBy: onTheSpot.recordedBy,
    resolution: onTheSpot.resolution,
    unit: complaintCase.unit,
    description: complaintCase.description,
  }));
  const settings = (await deps.store.groupSettings());
  const updated = await changeCase(deps, context, {
    auditAction: 'case.resolved-on-the-spot',
    public: { kind: 'resolved-on-the-spot' },
    patch: (current, _estate, now) => (current.status === 'responded' ? undefined : { status: 'responded', followUpAt: followUpTime(now, settings.followUpAfterDays) }),
  });
  return { caseId: complaintCase.caseId, followUpAt: updated.followUpAt ?? followUpTime(deps.now().toISOString(), settings.followUpAfterDays) };
}

export function followUpTime(fromIso: string, days: number): string {
  return new Date(Date.parse(fromIso) + days * 24 * 3600 * 1000).toISOString();
}
