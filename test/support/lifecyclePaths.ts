/**
 * The lifecycle matrix (issue 3): builds a complaint's path from its
 * dimensions — class 1/2/3, valid or invalid, with or without a compensation
 * claim, satisfied or dissatisfied — and the helpers the matrix tests share:
 * patient polling, acting like a person at the console (reload and try again
 * when the workflow moved the case on), rating from the follow-up email of a
 * given stage, and reading what each recipient received. Every wait goes
 * through `poll` (test/support/simulatedTime.ts): on simulated time it lets
 * the runtime settle and time pass, never the wall clock.
 */
import { expect } from 'vitest';
import { formatAmount } from '../../functions/domain/notifications/residentEmails';
import type { MailboxEmail } from '../../infra/local/mailbox';
import type { CaseView, lifecycleDriver } from './lifecycleDriver';
import type { TestPlatform } from './localPlatform';
import { poll } from './simulatedTime';

export type Driver = ReturnType<typeof lifecycleDriver>;
export type CaseClass = 1 | 2 | 3;

export interface ClaimSpec {
  amount: number;
  decision: 'approve' | 'amend';
  /** The amount granted when amending. */
  amendedTo?: number;
}

export interface PathSpec {
  name: string;
  caseClass: CaseClass;
  valid: boolean;
  claim?: ClaimSpec;
  satisfied?: boolean;
  /** Which of the class's descriptions this path uses (each path its own). */
  variant: number;
}

export const STAFF = {
  csLead: 'cslead.est01',
  engineering: 'engineering.est01',
  manager: 'manager.est01',
} as const;

export const MAILBOXES = {
  engineering: 'engineering.est01@demo-group.example',
  customerService: 'cs.est01@demo-group.example',
  manager: 'manager.est01@demo-group.example',
  hq: 'hq.cs@demo-group.example',
  developer: 'customer-centre@harbour-developer.example',
  externalParty: 'district-works@gov-works.example',
} as const;

/**
 * Descriptions suited to each class (the rules propose that class from the words), none of them
 * with words the rules read as serious or critical (no "again", "danger", "immediately"…).
 */
const DESCRIPTIONS: Record<CaseClass, string[]> = {
  1: [
    'The lift in Block A has been out of service since Monday and residents on high floors must use the stairs.',
    'The corridor light outside flat 12C is not working, so the corridor is completely dark at night.',
    'The lobby door of Block C does not close properly and slams on residents as they walk in.',
    'The air con in the residents clubhouse gym is not working and the room is too hot to use.',
    'The main gate of the podium is not working and visitors cannot get in without calling the office.',
    'The water pump room door on the roof of Block B is broken and keeps banging in the wind.',
  ],
  2: [
    'There is a crack in the bedroom wall of my flat that keeps widening; it looks like a building defect.',
    'Water seepage through the bathroom ceiling has stained the paint; it is a construction quality problem.',
    'The window frame in my living room has a defect and rain comes in around it during storms.',
    'The floor tiles in my kitchen have lifted since handover; the developer should fix them under warranty.',
    'There is seepage under the balcony door of my flat after every storm, a defect from construction.',
    'The external wall tiles on Block D show a crack and small pieces have dropped onto the podium.',
  ],
  3: [
    'The road works outside the estate gate block the pavement and pedestrians have to walk on the road.',
    'The bus stop outside the estate has had no shelter since the government removed it last month.',
    'The construction site next door starts piling at 7 am and the noise wakes the whole block.',
    'The public transport minibus stop outside the estate was moved without telling residents.',
    'The council street lamps on the road outside the estate are out, so the walk home is dark.',
    'Road works on the slip road outside the estate leave mud across the entrance every evening.',
  ],
};

/** Complaints that, once looked into, are not for the complaints procedure: each with the reasoned, polite explanation. */
const INVALID: Record<CaseClass, { description: string; explanation: string }> = {
  1: {
    description: 'The air con inside my own flat is not working and the management office should repair it for free.',
    explanation: 'We are sorry for the inconvenience. The air conditioner inside your flat is your own appliance, so its repair is outside what the management office looks after; we cannot take this further as a complaint.',
  },
  2: {
    description: 'There is a crack in the tiles of my kitchen floor which I believe is a building defect from the developer.',
    explanation: 'We are sorry for the trouble. Our inspection found the tiles were laid during your own renovation last year, not by the developer, so this is not a building defect we can pursue as a complaint.',
  },
  3: {
    description: 'The bus stop outside the estate is too far from my block and the government should move it next to my door.',
    explanation: 'Thank you for raising this. The bus stop is where the Transport Department planned it and nothing is out of order, so we cannot take this further as a complaint; we have passed your suggestion on.',
  },
};

const DEPARTMENT: Record<CaseClass, string> = { 1: 'engineering', 2: 'customer-service', 3: 'customer-service' };

export function describePath(p: Omit<PathSpec, 'name' | 'variant'>): string {
  if (!p.valid) return `class ${p.caseClass}, invalid`;
  return `class ${p.caseClass}, ${p.claim ? `claim (${p.claim.decision})` : 'no claim'}, ${p.satisfied ? 'satisfied' : 'dissatisfied'}`;
}

/** Compensation claims under the HKD 5,000 group threshold: the estate manager decides alone. */
export function claimFor(caseClass: CaseClass): ClaimSpec {
  return caseClass === 2 ? { amount: 1800, decision: 'amend', amendedTo: 1500 } : { amount: caseClass === 1 ? 600 : 950, decision: 'approve' };
}

export function grantedAmount(claim: ClaimSpec): number {
  return claim.decision === 'amend' ? claim.amendedTo! : claim.amount;
}

/** How the response email states the amount (en-GB, HKD). */
export const amountText = (amount: number) => formatAmount(amount, 'HKD', 'en');

export function complaintFor(p: PathSpec): Record<string, unknown> {
  const description = p.valid ? DESCRIPTIONS[p.caseClass][p.variant]! : INVALID[p.caseClass].description;
  expect(description, `${p.name}: no description left for variant ${p.variant}`).toBeDefined();
  return {
    description,
    unit: `Block ${'ABCDEFGH'[p.variant % 8]}, ${p.variant + 3}/F, Flat ${p.caseClass}`,
    ...(p.claim ? { compensationClaim: { amount: p.claim.amount, currency: 'HKD', reason: `Costs caused by the matter (${p.name})` } } : {}),
  };
}

export const invalidExplanation = (caseClass: CaseClass) => INVALID[caseClass].explanation;

/** Class 2 is serious so the developer gets the formal written report; class 3 names the external party. */
export function triageFor(p: PathSpec): Record<string, unknown> {
  return {
    type: 'triage',
    caseClass: p.caseClass,
    severity: p.caseClass === 2 ? 'serious' : 'general',
    category: p.caseClass === 2 ? 'service-standard-too-low' : 'service-missing-or-not-working',
    departmentId: DEPARTMENT[p.caseClass],
    ...(p.caseClass === 3 ? { externalParty: { name: 'District Works Office', email: MAILBOXES.externalParty, impact: 'Residents of the estate are affected on their way in and out.' } } : {}),
  };
}

/** Class 1 is answered by the department it was routed to; classes 2 and 3 by the customer-service lead. */
export const stage1Responder = (p: PathSpec) => (p.caseClass === 1 ? STAFF.engineering : STAFF.csLead);
/** The department mailbox the routing email goes to. */
export const departmentMailbox = (p: PathSpec) => (p.caseClass === 1 ? MAILBOXES.engineering : MAILBOXES.customerService);

export function decisionText(p: PathSpec, stage: 1 | 2): string {
  return stage === 1 ? `Stage 1 decision for ${p.name}: the work has been put in hand.` : `Stage 2 decision for ${p.name}: the estate manager reviewed the first response and added a remedy.`;
}

export function responseFor(p: PathSpec, stage: 1 | 2): Record<string, unknown> {
  return {
    type: 'respond',
    outcome: stage === 1 ? 'upheld' : 'partly-upheld',
    decision: decisionText(p, stage),
    reasons: stage === 1 ? 'We inspected the matter and agree it fell short.' : 'The review found the first response did not explain the remedy well enough.',
    remedy: 'We will check the work a month from now.',
    rootCause: p.caseClass === 1 ? 'Maintenance missed at the last inspection' : p.caseClass === 2 ? 'Building defect' : 'Works by a third party outside the estate',
    accountability: p.caseClass === 1 ? 'Engineering department' : p.caseClass === 2 ? 'Developer (warranty)' : 'External party',
    ...(stage === 1 && p.claim ? { compensationProposal: { amount: grantedAmount(p.claim), note: 'Evidenced costs' } } : {}),
  };
}

export function compensationDecisionFor(claim: ClaimSpec): Record<string, unknown> {
  return claim.decision === 'amend'
    ? { decision: 'amend', amount: claim.amendedTo, reasons: 'Only part of the costs are evidenced by receipts' }
    : { decision: 'approve', reasons: 'Receipts provided for the whole amount' };
}

export function matrixHelpers(current: () => TestPlatform, driver: Driver) {
  /** Polls the case (as the CS lead) until `condition` holds: a wider budget than the driver's `until`, for a loaded machine. */
  async function waitFor(caseId: string, condition: (c: CaseView) => boolean, what: string, timeoutMs = 120_000): Promise<CaseView & { etag: string }> {
    let last: (CaseView & { etag: string }) | undefined;
    return poll(
      current(),
      async () => {
        last = await driver.getCase(caseId);
        return condition(last) ? last : undefined;
      },
      () => `case ${caseId} reached: ${what}; last status ${last?.status}, stage ${last?.stage}, waiting for ${last?.waitingFor}, actions ${last?.timeline.map((e) => e.action).join(' > ')}`,
      timeoutMs,
    );
  }

  /**
   * Acts once the workflow waits for `kind`, like a person at the console: when the workflow moved the case on
   * between reading and acting (a deadline firing, say), reload, wait again and retry.
   */
  async function actWhen(caseId: string, kind: string, userId: string, action: Record<string, unknown>, path = 'actions'): Promise<CaseView> {
    for (let attempt = 1; ; attempt += 1) {
      await waitFor(caseId, (c) => c.waitingFor === kind, `waiting for ${kind}`);
      const response = await driver.act(caseId, userId, action, path);
      if (response.status === 200) return (await response.json()) as CaseView;
      const body = await response.text();
      const code = response.status === 409 ? (JSON.parse(body) as { error: { code: string } }).error.code : '';
      if (attempt < 10 && (code === 'version_conflict' || code === 'action_not_allowed')) {
        // The workflow moved the case on meanwhile: let it finish, then look again.
        await current().settle();
        continue;
      }
      throw new Error(`${String(action.type ?? action.decision)} by ${userId} on ${caseId}: ${response.status} ${body}`);
    }
  }

  const followUps = (emails: MailboxEmail[]) => emails.filter((m) => m.body.text?.includes('/feedback/'));

  /**
   * The complainant rates from the follow-up email of `stage` (the newest one): follows the rating link to the
   * confirmation page (which records nothing), then confirms as the page's form does.
   */
  async function rateFollowUp(created: { id: string; email: string }, stage: 1 | 2, outcomeRating: number, processRating: number) {
    await waitFor(created.id, (c) => c.stage === stage && c.waitingFor === 'feedback', `stage ${stage} follow-up awaiting a rating`);
    // The step queued the email; the outbox sends it a moment later.
    const sent = await poll(
      current(),
      async () => {
        const emails = followUps(await driver.mailTo(created.email));
        return emails.length >= stage ? emails : undefined;
      },
      () => `stage ${stage} follow-up email sent to ${created.email}`,
      30_000,
    );
    expect(sent, `follow-up emails to ${created.email}`).toHaveLength(stage);
    const links = [...sent.at(-1)!.body.text!.matchAll(/(http:\/\/\S+\/feedback\/\S+)/g)].map((m) => new URL(m[1]!));
    const link = links.find((l) => l.searchParams.get('aspect') === 'outcome' && l.searchParams.get('rating') === String(outcomeRating));
    expect(link, 'outcome rating link').toBeDefined();
    expect((await fetch(link!)).status).toBe(200);
    expect(link!.pathname.split('/').pop()).toBe(created.id);
    const token = link!.searchParams.get('token')!;
    const response = await current().post(`/api/v1/complaints/${created.id}/feedback?token=${token}`, { outcomeRating, processRating, comment: `Stage ${stage} rating` });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  /** Waits until every email of the case has left the outbox (sent), as the outbox sends each a moment after its step. */
  async function emailsSent(caseId: string, timeoutMs = 60_000): Promise<void> {
    let pending: { notificationKey: string; status: string }[] = [];
    await poll(
      current(),
      async () => {
        pending = (await current().caseStore.listNotifications(caseId)).filter((n) => n.status !== 'sent');
        return pending.length === 0 ? true : undefined;
      },
      () => `all emails of case ${caseId} sent: ${pending.map((n) => `${n.notificationKey} ${n.status}`).join(', ')}`,
      timeoutMs,
    );
  }

  /** What `address` received about the case with this reference. */
  async function received(address: string, reference: string): Promise<MailboxEmail[]> {
    return (await driver.mailTo(address)).filter((m) => m.subject.includes(reference));
  }

  /** Waits until `address` has received an email about the case that `matches` (the workflow sends it in the background). */
  async function mailArrives(address: string, reference: string, matches: (m: MailboxEmail) => boolean, what: string, timeoutMs = 60_000): Promise<MailboxEmail[]> {
    let emails: MailboxEmail[] = [];
    return poll(
      current(),
      async () => {
        emails = await received(address, reference);
        return emails.some(matches) ? emails : undefined;
      },
      () => `${address} received ${what} about ${reference}: ${emails.map((m) => m.subject).join(' | ')}`,
      timeoutMs,
    );
  }

  /** The execution's final status: closing the case is its last step, so it may still be finishing when the case reads closed. */
  async function finishedExecution(caseId: string, timeoutMs = 30_000): Promise<string> {
    const arn = current().stepFunctions.executionArn(caseId);
    let status = '';
    return poll(
      current(),
      async () => {
        status = (await current().stepFunctions.describeExecution(arn)).status;
        return status === 'RUNNING' ? undefined : status;
      },
      () => `execution of ${caseId} finished (still ${status})`,
      timeoutMs,
    ).catch(() => status);
  }

  return { waitFor, actWhen, rateFollowUp, received, mailArrives, finishedExecution, emailsSent };
}

/** Complainant email subjects (English), by kind. */
export const subjectsFor = (reference: string) => ({
  acknowledgement: `We have received your complaint ${reference}`,
  response: `Our response to your complaint ${reference}`,
  finalResponse: `Our final response to your complaint ${reference}`,
  followUp: `How did we do? Your complaint ${reference}`,
  stage2Opened: `Your complaint ${reference}: stage 2 review started`,
  interim: `Your complaint ${reference}: an update on timing`,
  invalidReply: `Your complaint ${reference}: our reply`,
  closed: `Your complaint ${reference} is now closed`,
});

/** Runs `work` now, keeping its outcome for later: a path started in beforeAll and asserted in its own `it`. */
export function started<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export async function outcomeOf<T>(run: Promise<{ ok: true; value: T } | { ok: false; error: unknown }> | undefined): Promise<T> {
  if (!run) throw new Error('the path was never started (did the platform start?)');
  const outcome = await run;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
