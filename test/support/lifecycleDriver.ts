/**
 * Drives complaints through the local platform as people would: staff act
 * through the actions API (reloading on a version conflict, as the console
 * does), the complainant rates from the follow-up email. Polls the case while
 * the workflow runs in the background; on simulated time, `poll` lets the
 * runtime settle and then time pass instead (test/support/simulatedTime.ts).
 */
import { expect } from 'vitest';
import { verifyCaseChain } from '../../functions/domain/auditTrail';
import { demoUsers } from '../../infra/local/demoGroup';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { aComplaint, type TestPlatform } from './localPlatform';
import { poll } from './simulatedTime';

export interface CaseView {
  caseId: string;
  reference: string;
  status: string;
  stage: number;
  version: number;
  waitingFor: string | null;
  allowedActions: string[];
  escalationLevel?: number;
  responseDueBy: string;
  closureReason?: string;
  timeline: { action: string; actor: { type: string; id?: string } }[];
}

/** `current` returns the platform under test (started in beforeAll, after the driver is made). */
export function lifecycleDriver(current: () => TestPlatform) {
  const tokens = new Map<string, string>();
  async function auth(userId: string) {
    const platform = current();
    if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
    return { authorization: `Bearer ${tokens.get(userId)}` };
  }

  async function getCase(caseId: string, userId = 'cslead.est01'): Promise<CaseView & { etag: string }> {
    const response = await current().get(`/api/v1/cases/${caseId}`, await auth(userId));
    expect(response.status).toBe(200);
    return { ...((await response.json()) as CaseView), etag: response.headers.get('etag')! };
  }

  /** Polls until the case satisfies `condition` (the workflow runs in the background). */
  async function until(caseId: string, condition: (c: CaseView) => boolean, what: string, userId?: string): Promise<CaseView & { etag: string }> {
    let last: (CaseView & { etag: string }) | undefined;
    return poll(
      current(),
      async () => {
        last = await getCase(caseId, userId);
        return condition(last) ? last : undefined;
      },
      () => `case ${caseId} reached: ${what}; last status ${last?.status}, waiting for ${last?.waitingFor}, actions ${last?.timeline.map((e) => e.action).join(' > ')}`,
    );
  }

  const waitingFor = (caseId: string, kind: string, userId?: string) => until(caseId, (c) => c.waitingFor === kind, `waiting for ${kind}`, userId);

  async function act(caseId: string, userId: string, action: Record<string, unknown>, path = 'actions') {
    const latest = await getCase(caseId, userId);
    return current().post(`/api/v1/cases/${caseId}/${path}`, action, { ...(await auth(userId)), 'if-match': latest.etag });
  }

  /** Like a person at the console: on a version conflict (the workflow moved the case on), reload and try again. */
  async function actOk(caseId: string, userId: string, action: Record<string, unknown>, path = 'actions') {
    let response = await act(caseId, userId, action, path);
    for (let i = 0; i < 5 && response.status === 409 && (await response.clone().json() as { error: { code: string } }).error.code === 'version_conflict'; i += 1) {
      await current().settle();
      response = await act(caseId, userId, action, path);
    }
    if (response.status !== 200) throw new Error(`${String(action.type ?? action.decision)} by ${userId}: ${response.status} ${await response.text()}`);
    return (await response.json()) as CaseView;
  }

  async function file(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const complaint = aComplaint(overrides);
    const response = await current().post('/api/v1/complaints', complaint, headers);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; reference: string };
    return { ...created, email: complaint.email as string };
  }

  const mailTo = async (address: string) => (await current().mailbox()).filter((m) => m.destination.to.includes(address));
  const subjects = (emails: MailboxEmail[]) => emails.map((m) => m.subject);

  /** Follows the rating link of the follow-up email to its confirmation page, then confirms like the page's form does. */
  async function rateFromEmail(email: string, outcomeRating: number, processRating: number) {
    let seen: MailboxEmail[] = [];
    const followUp = await poll(
      current(),
      async () => {
        seen = await mailTo(email);
        return seen.find((m) => m.body.text!.includes('/feedback/'));
      },
      () => `a follow-up email to ${email}: ${subjects(seen).join(' | ')}`,
    );
    const links = [...followUp.body.text!.matchAll(/(http:\/\/\S+\/feedback\/\S+)/g)].map((m) => m[1]!);
    const link = new URL(links.find((l) => l.includes('aspect=outcome') && l.includes(`rating=${outcomeRating}`))!);
    // Following the link alone records nothing (mail scanners open links).
    expect((await fetch(link)).status).toBe(200);
    const caseId = link.pathname.split('/').pop()!;
    const token = link.searchParams.get('token')!;
    const response = await current().post(`/api/v1/complaints/${caseId}/feedback?token=${token}`, { outcomeRating, processRating, comment: 'Thank you' });
    expect(response.status).toBe(200);
    return { caseId, token };
  }

  function assertAuditTrail(caseId: string) {
    return (async () => {
      const complaintCase = await current().caseStore.getCase(caseId);
      const events = await current().caseStore.listEvents(caseId);
      expect(verifyCaseChain(events, complaintCase!.personalDataSalt)).toBeUndefined();
      const versions = events.map((e) => e.seq);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      return events.map((e) => e.action);
    })();
  }

  /** Waits for emails to an address: a step changes the case first and emails after, so the mail can trail the case by a moment. */
  async function untilMail(address: string, condition: (emails: MailboxEmail[]) => boolean, what: string): Promise<MailboxEmail[]> {
    return poll(
      current(),
      async () => {
        const emails = await mailTo(address);
        return condition(emails) ? emails : undefined;
      },
      () => `${what} in the mailbox of ${address}`,
      30_000,
    );
  }

  return { auth, getCase, until, untilMail, waitingFor, act, actOk, file, mailTo, subjects, rateFromEmail, assertAuditTrail };
}
