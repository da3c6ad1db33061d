/**
 * Full-lifecycle bench: complaints per second from intake to close on the
 * local runtime on simulated time (each complaint an actor on the clock:
 * time jumps to the next timer, e.g. the follow-up, whenever every complaint
 * waits for it; see infra/local/simulatedActors.ts), or with waits
 * compressed (a number), driven as people would (triage,
 * response, rating through the API), and the number of state transitions per
 * complaint — the Step Functions cost driver ($0.025 per 1,000 transitions).
 * Path: class 1, no claim, satisfied (the common path).
 */
import { demoUsers } from '../infra/local/demoGroup';
import type { LocalPlatform } from '../infra/local/runtime';
import { asActor, poll } from '../infra/local/simulatedActors';

export interface LifecycleBenchResult {
  complaints: number;
  concurrency: number;
  /** `simulated`, or how many times faster than real time the clock ran. */
  timeScale: number | 'simulated';
  seconds: number;
  closedPerSecond: number;
  transitions: { min: number; max: number; mean: number };
  costPerThousandComplaintsUsd: number;
  errors: string[];
}

export const STATE_TRANSITION_PRICE_USD = 0.025 / 1000;

interface Options {
  complaints: number;
  concurrency: number;
  timeScale: number | 'simulated';
  /** Counts of `state entered` per execution, filled by the platform's log. */
  transitions: Map<string, number>;
  log: (line: string) => void;
}

export async function runLifecycleBench(platform: LocalPlatform, options: Options): Promise<LifecycleBenchResult> {
  const user = (id: string) => demoUsers.find((u) => u.userId === id)!;
  const lead = `Bearer ${await platform.issuer.mint(user('cslead.est01'))}`;
  const errors: string[] = [];
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return response;
  };
  const caseView = async (caseId: string) => {
    const response = await call('GET', `/api/v1/cases/${caseId}`, undefined, { authorization: lead });
    return { body: (await response.json()) as { waitingFor: string | null; status: string }, etag: response.headers.get('etag')! };
  };
  const until = (caseId: string, done: (c: { waitingFor: string | null; status: string }) => boolean) =>
    poll(
      platform,
      async () => {
        const view = await caseView(caseId);
        return done(view.body) ? view : undefined;
      },
      () => `case ${caseId} progressed`,
      120_000,
    );
  const act = async (caseId: string, action: Record<string, unknown>, wait: string) => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const view = await until(caseId, (c) => c.waitingFor === wait);
      const response = await call('POST', `/api/v1/cases/${caseId}/actions`, action, { authorization: lead, 'if-match': view.etag });
      if (response.status === 200) return;
      if (response.status !== 409) throw new Error(`${String(action.type)}: ${response.status} ${await response.text()}`);
    }
    throw new Error(`${String(action.type)}: kept conflicting`);
  };

  async function oneComplaint(n: number) {
    const created = await call('POST', '/api/v1/complaints', {
      estateId: 'EST01',
      unit: `Block A, ${n % 30}/F`,
      name: `Bench resident ${n}`,
      email: `bench.lifecycle.${n}@example.com`,
      language: 'en',
      description: `Lifecycle bench complaint ${n}: the corridor light is broken.`,
    }, { 'idempotency-key': `bench-lifecycle-${n}-${Date.now()}` });
    if (created.status !== 201) throw new Error(`intake: ${created.status}`);
    const { id, trackingUrl } = (await created.json()) as { id: string; trackingUrl: string };
    await act(id, { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' }, 'triage');
    await act(id, { type: 'respond', outcome: 'upheld', decision: 'Light replaced.', reasons: 'Tube worn out.', rootCause: 'Wear', accountability: 'Engineering' }, 'resolution');
    await until(id, (c) => c.status === 'responded' || c.waitingFor === 'feedback');
    const token = new URL(trackingUrl).searchParams.get('token')!;
    const rated = await call('POST', `/api/v1/complaints/${id}/feedback?token=${token}`, { outcomeRating: 5, processRating: 5 });
    if (rated.status !== 200) throw new Error(`rating: ${rated.status} ${await rated.text()}`);
    await until(id, (c) => c.status === 'closed');
    return id;
  }

  const started = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.complaints) {
        const n = next++;
        try {
          ids.push(await asActor(platform.clock, () => oneComplaint(n)));
        } catch (error) {
          errors.push(`complaint ${n}: ${(error as Error).message}`);
        }
      }
    }),
  );
  await platform.settle();
  const seconds = (performance.now() - started) / 1000;
  const counts = ids.map((id) => options.transitions.get(id) ?? 0);
  const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
  options.log(`lifecycle: ${ids.length} complaints closed in ${seconds.toFixed(1)} s`);
  return {
    complaints: ids.length,
    concurrency: options.concurrency,
    timeScale: options.timeScale,
    seconds,
    closedPerSecond: ids.length / seconds,
    transitions: { min: Math.min(...counts), max: Math.max(...counts), mean },
    costPerThousandComplaintsUsd: mean * STATE_TRANSITION_PRICE_USD * 1000,
    errors,
  };
}
