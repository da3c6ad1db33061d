/**
 * What the browser tests share when they drive a case through the staff API beside the browser: read a
 * case as a member of staff, wait until the workflow brings it to a condition (vi.waitFor: polled until
 * true or the timeout, never a fixed sleep standing for "long enough"), act like a person at the console
 * (on a version conflict, read again and retry), and collect a page's script errors and CSP refusals.
 */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { TestPlatform } from './localPlatform';

export interface StaffCaseView {
  caseId: string;
  reference: string;
  status: string;
  version: number;
  waitingFor: string | null;
  closureReason?: string;
  actionsForYou: string[];
  satisfaction?: { outcomeRating?: number; processRating?: number };
  timeline: { action: string; actor: { type: string; id?: string } }[];
  etag: string;
}

export function staffApiDriver(platform: () => TestPlatform, tokens: ReadonlyMap<string, string>, defaultUser: string) {
  async function getCase(caseId: string, userId = defaultUser): Promise<StaffCaseView> {
    const response = await platform().get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${tokens.get(userId)}` });
    expect(response.status).toBe(200);
    return { ...((await response.json()) as Omit<StaffCaseView, 'etag'>), etag: response.headers.get('etag')! };
  }

  /** Waits until the case satisfies `condition` (the workflow runs in the background); says where it stood if it never does. */
  async function until(caseId: string, condition: (c: StaffCaseView) => boolean, what: string, timeout = 30_000): Promise<StaffCaseView> {
    let last: StaffCaseView | undefined;
    try {
      return await vi.waitFor(
        async () => {
          last = await getCase(caseId);
          if (!condition(last)) throw new Error('not yet');
          return last;
        },
        { timeout, interval: 50 },
      );
    } catch {
      throw new Error(`case ${caseId} never reached: ${what}; last status ${last?.status}, waiting for ${last?.waitingFor}, actions ${last?.timeline.map((e) => e.action).join(' > ')}`);
    }
  }

  /** Acts like a person at the console: a version conflict (or the workflow not there yet) means read again and retry. */
  async function act(caseId: string, userId: string, action: Record<string, unknown>): Promise<void> {
    const refused = await vi.waitFor(
      async () => {
        const current = await getCase(caseId, userId);
        const response = await platform().post(`/api/v1/cases/${caseId}/actions`, action, { authorization: `Bearer ${tokens.get(userId)}`, 'if-match': current.etag });
        if (response.status === 200) return undefined;
        const body = (await response.json()) as { error: { code: string } };
        const refusal = `${String(action.type)} by ${userId}: ${response.status} ${JSON.stringify(body)}`;
        if (body.error.code === 'version_conflict' || body.error.code === 'action_not_allowed') throw new Error(refusal);
        return refusal;
      },
      { timeout: 15_000, interval: 100 },
    );
    if (refused) throw new Error(refused);
  }

  return { getCase, until, act };
}

/** Script errors and CSP refusals of a page (expected 4xx answers are not problems): assert the list is empty at the end. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}
