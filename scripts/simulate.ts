/**
 * `npm run simulate -- --estates 100 --days 365`: a realistic complaint history
 * for a group, made through the real HTTP API, handlers and state machine on
 * simulated time (infra/local/platformClock.ts), for analytics, early warning
 * and performance work to be tested and shown on.
 *
 * - Complaints arrive with a weekly pattern (busy Mondays, quiet Sundays), a
 *   seasonal one (summer rain: seepage and air-conditioning), office-hours
 *   peaks, and planted spikes: a burst of one category in one building of one
 *   estate for a few days (the ground truth is written to the summary file).
 * - Staff triage and answer with realistic delays, at hourly rounds in office
 *   hours, and occasionally miss a deadline (the case escalates; they answer later).
 * - Residents rate from the follow-up (most satisfied, some not: stage 2), or
 *   never answer (the follow-up window closes the case).
 *
 * Every person is an actor on the clock (infra/local/simulatedActors.ts): time
 * jumps to the next moment someone acts or a workflow timer is due, once the
 * platform is idle. Deterministic for a given `--seed` (the order of work
 * within one instant aside).
 *
 * Options: --estates N (100) --days N (365) --start YYYY-MM-DD (2025-01-06)
 * --per-estate-day X (1.4, mean arrivals) --spikes N (4) --seed N (1)
 * --concurrency N (8, HTTP requests at once) --data-dir DIR (.data-simulation;
 * browse it afterwards with `DATA_DIR=.data-simulation npm start`).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.LOG_LEVEL ??= 'SILENT';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const { values: args } = parseArgs({
  options: {
    estates: { type: 'string', default: '100' },
    days: { type: 'string', default: '365' },
    start: { type: 'string', default: '2025-01-06' },
    'per-estate-day': { type: 'string', default: '1.4' },
    spikes: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    'data-dir': { type: 'string', default: '.data-simulation' },
  },
});

/** Mulberry32: small, seedable, good enough for a simulation. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    poisson(mean: number) {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k += 1;
      return k;
    },
    /** Log-normal with the given median (hours, days…) and spread. */
    logNormal(median: number, sigma = 0.8) {
      const u = Math.max(1e-9, next());
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
}

interface Category {
  id: string;
  caseClass: 1 | 2 | 3;
  departmentId: 'engineering' | 'security' | 'cleaning' | 'customer-service';
  triageCategory: string;
  /** Relative frequency in each month, January first. */
  season: number[];
  descriptions: string[];
}

const CATEGORIES: Category[] = [
  { id: 'lift', caseClass: 1, departmentId: 'engineering', triageCategory: 'service-missing-or-not-working', season: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], descriptions: ['The lift in Block {b} has been out of service since yesterday.', 'The lift in Block {b} stops between floors and the doors open slowly.'] },
  { id: 'water-seepage', caseClass: 2, departmentId: 'customer-service', triageCategory: 'service-standard-too-low', season: [0.5, 0.5, 0.7, 1, 1.6, 2.2, 2.4, 2.2, 1.6, 0.9, 0.6, 0.5], descriptions: ['Water seepage through the ceiling of my flat in Block {b} after the rain; it looks like a building defect.', 'There is seepage under the window frame in Block {b}, a construction defect.'] },
  { id: 'air-conditioning', caseClass: 1, departmentId: 'engineering', triageCategory: 'service-missing-or-not-working', season: [0.3, 0.3, 0.5, 0.9, 1.5, 2, 2.3, 2.2, 1.5, 0.8, 0.4, 0.3], descriptions: ['The air con in the clubhouse of Block {b} is not working and the room is too hot.', 'The lobby air conditioning in Block {b} is not working.'] },
  { id: 'cleaning', caseClass: 1, departmentId: 'cleaning', triageCategory: 'service-standard-too-low', season: [1.3, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2], descriptions: ['Rubbish has not been collected from the podium of Block {b} for three days.', 'The stairwell of Block {b} has not been cleaned this week.'] },
  { id: 'security', caseClass: 1, departmentId: 'security', triageCategory: 'staff-attitude', season: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1], descriptions: ['The guard at the gate of Block {b} was rude to my visitor.', 'The night guard of Block {b} was not at the desk when the alarm rang.'] },
  { id: 'noise-works', caseClass: 3, departmentId: 'customer-service', triageCategory: 'service-missing-or-not-working', season: [0.8, 0.8, 1, 1.1, 1.2, 1.2, 1.1, 1.1, 1.2, 1.2, 1, 0.9], descriptions: ['The construction site next to Block {b} starts piling at 7 am and wakes the whole block.', 'Road works outside Block {b} block the pavement; pedestrians walk on the road.'] },
];
const CATEGORY_WEIGHT: Record<string, number> = { lift: 1.2, 'water-seepage': 1, 'air-conditioning': 0.9, cleaning: 1.3, security: 0.7, 'noise-works': 0.5 };
/** Monday first (getUTCDay order is Sunday first; see weekdayFactor). */
const WEEKDAY = [1.35, 1.15, 1.05, 1.05, 1.1, 0.75, 0.55];
const weekdayFactor = (t: number) => WEEKDAY[(new Date(t).getUTCDay() + 6) % 7]!;
/** Hong Kong is UTC+8: arrival hours (local) weighted towards office hours and evenings. */
const LOCAL_HOURS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 1.8, 1.8, 1.6, 1.3, 1.5, 1.6, 1.5, 1.4, 1.4, 1.5, 1.6, 1.4, 1, 0.6, 0.3];
const BLOCKS = ['A', 'B', 'C', 'D', 'E', 'F'];

interface Spike {
  estateId: string;
  block: string;
  category: string;
  from: string;
  to: string;
  extraPerDay: number;
}

interface PlannedComplaint {
  n: number;
  at: number;
  estateId: string;
  block: string;
  category: Category;
  spike: boolean;
}

/** Office rounds: staff look at their queue on the hour, 09:00–18:00 Hong Kong time, Monday to Saturday. */
function nextStaffRound(t: number): number {
  let at = Math.ceil(t / HOUR) * HOUR;
  for (;;) {
    const local = new Date(at + 8 * HOUR);
    const hour = local.getUTCHours();
    const weekday = local.getUTCDay();
    if (weekday !== 0 && hour >= 9 && hour < 18) return at;
    at += HOUR;
  }
}

async function main() {
  const estates = Number(args.estates);
  const days = Number(args.days);
  const start = Date.parse(`${args.start}T00:00:00+08:00`);
  const perEstateDay = Number(args['per-estate-day']);
  const concurrency = Number(args.concurrency);
  const dataDir = resolve(String(args['data-dir']));
  if (![estates, days, start, perEstateDay, concurrency].every(Number.isFinite) || estates < 1 || days < 1) throw new Error('usage: npm run simulate -- --estates 100 --days 365 [--start 2025-01-06] [--seed 1]');
  const rng = random(Number(args.seed));
  const estateIds = Array.from({ length: estates }, (_, i) => `SIM${String(i + 1).padStart(3, '0')}`);
  const size = new Map(estateIds.map((id) => [id, 0.5 + rng.next() * 1.2]));

  // The spikes, then every arrival, planned up front from the seed.
  const spikes: Spike[] = Array.from({ length: Number(args.spikes) }, () => {
    const fromDay = Math.floor(rng.next() * Math.max(1, days - 6));
    const length = 3 + Math.floor(rng.next() * 3);
    return { estateId: rng.pick(estateIds), block: rng.pick(BLOCKS), category: rng.pick(CATEGORIES).id, from: new Date(start + fromDay * DAY).toISOString(), to: new Date(start + Math.min(days, fromDay + length) * DAY).toISOString(), extraPerDay: 4 + Math.floor(rng.next() * 5) };
  });
  const planned: PlannedComplaint[] = [];
  const arrivalTime = (day: number) => {
    const total = LOCAL_HOURS.reduce((a, b) => a + b, 0);
    let pick = rng.next() * total;
    let hour = 0;
    while (pick > LOCAL_HOURS[hour]!) pick -= LOCAL_HOURS[hour++]!;
    return start + day * DAY + hour * HOUR + Math.floor(rng.next() * HOUR);
  };
  for (let day = 0; day < days; day += 1) {
    const t = start + day * DAY;
    const month = new Date(t + 8 * HOUR).getUTCMonth();
    const weights = CATEGORIES.map((c) => c.season[month]! * CATEGORY_WEIGHT[c.id]!);
    const weightTotal = weights.reduce((a, b) => a + b, 0);
    const seasonal = weightTotal / CATEGORIES.reduce((sum, c) => sum + CATEGORY_WEIGHT[c.id]!, 0);
    for (const estateId of estateIds) {
      const count = rng.poisson(perEstateDay * size.get(estateId)! * weekdayFactor(t) * seasonal);
      for (let i = 0; i < count; i += 1) {
        let pick = rng.next() * weightTotal;
        let index = 0;
        while (pick > weights[index]!) pick -= weights[index++]!;
        planned.push({ n: 0, at: arrivalTime(day), estateId, block: rng.pick(BLOCKS), category: CATEGORIES[index]!, spike: false });
      }
    }
    for (const spike of spikes) {
      if (t < Date.parse(spike.from) || t >= Date.parse(spike.to)) continue;
      const category = CATEGORIES.find((c) => c.id === spike.category)!;
      for (let i = 0; i < spike.extraPerDay; i += 1) planned.push({ n: 0, at: arrivalTime(day), estateId: spike.estateId, block: spike.block, category, spike: true });
    }
  }
  planned.sort((a, b) => a.at - b.at);
  planned.forEach((p, i) => (p.n = i + 1));

  // The platform on simulated time, from the start date; time jumps whenever everyone waits.
  const { startLocalPlatform } = await import('../infra/local/runtime');
  const { asActor, currentActor, poll } = await import('../infra/local/simulatedActors');
  const runtimeErrors: string[] = [];
  const platform = await startLocalPlatform({
    port: 0,
    mailboxPort: 0,
    dynamoDbPort: 0,
    stepFunctionsPort: 0,
    dataDir,
    reset: true,
    timeScale: 'simulated',
    clockStartAt: start,
    autoAdvance: true,
    scheduledTasks: false,
    intakeLimits: { perIp: 1_000_000_000, perEstate: 1_000_000_000 },
    log: (entry) => {
      if (entry.level === 'ERROR' && runtimeErrors.length < 20) runtimeErrors.push(JSON.stringify(entry));
    },
  });
  const { demoEstates } = await import('../infra/local/demoGroup');
  const template = demoEstates[0]!;
  for (const [i, estateId] of estateIds.entries()) {
    const code = estateId.toLowerCase();
    await platform.caseStore.putEstate({
      ...template,
      estateId,
      referencePrefix: estateId,
      names: { en: `Simulated Estate ${i + 1}`, 'zh-Hant': `模擬屋苑 ${i + 1}`, 'zh-Hans': `模拟屋苑 ${i + 1}` },
      departments: template.departments.map((d) => ({ ...d, email: d.email.replace('est01', code) })),
      customerServiceEmail: `cs.${code}@demo-group.example`,
      managerEmail: `manager.${code}@demo-group.example`,
    });
  }

  const tokens = new Map<string, string>();
  const staffToken = async (estateId: string, who: 'cslead' | 'manager' | Category['departmentId']) => {
    const code = estateId.toLowerCase();
    const key = `${who}.${code}`;
    if (!tokens.has(key)) {
      const user =
        who === 'cslead'
          ? { userId: key, name: `Customer-service lead, ${estateId}`, email: `cs.${code}@demo-group.example`, role: 'cs-lead' as const, estates: estateId, departmentId: 'customer-service' }
          : who === 'manager'
            ? { userId: key, name: `Estate manager, ${estateId}`, email: `manager.${code}@demo-group.example`, role: 'estate-manager' as const, estates: estateId }
            : { userId: key, name: `${who} handler, ${estateId}`, email: `${who}.${code}@demo-group.example`, role: 'department-handler' as const, estates: estateId, departmentId: who };
      tokens.set(key, `Bearer ${await platform.issuer.mint(user, { expiresInSeconds: 7 * 24 * 3600 })}`);
    }
    return tokens.get(key)!;
  };

  // At most `concurrency` HTTP requests at once (a waiting actor holds the clock, so time does not move meanwhile).
  let active = 0;
  const queue: (() => void)[] = [];
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    while (active >= concurrency) await new Promise<void>((r) => queue.push(r));
    active += 1;
    try {
      return await fetch(`${platform.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } finally {
      active -= 1;
      queue.shift()?.();
    }
  }
  type View = { waitingFor: string | null; status: string; stage: number; escalationLevel?: number };
  const view = async (caseId: string, token: string) => {
    const response = await call('GET', `/api/v1/cases/${caseId}`, undefined, { authorization: token });
    return { body: (await response.json()) as View, etag: response.headers.get('etag')! };
  };
  const until = (caseId: string, token: string, ok: (c: View) => boolean, what: string) =>
    poll(platform, async () => {
      const v = await view(caseId, token);
      return ok(v.body) ? v : undefined;
    }, () => `${caseId} ${what}`);
  /** Acts like a person at the console: waits for the step, and on a conflict (the workflow moved on) reloads and tries again. */
  async function act(caseId: string, token: string, waitingFor: string, action: Record<string, unknown>, path = 'actions') {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const current = await until(caseId, token, (c) => c.waitingFor === waitingFor || c.status === 'closed', `waiting for ${waitingFor}`);
      if (current.body.status === 'closed') return false;
      const response = await call('POST', `/api/v1/cases/${caseId}/${path}`, action, { authorization: token, 'if-match': current.etag });
      if (response.status === 200) return true;
      if (response.status !== 409) throw new Error(`${String(action.type ?? action.decision)} on ${caseId}: ${response.status} ${await response.text()}`);
      await platform.settle();
    }
    throw new Error(`${String(action.type)} on ${caseId}: kept conflicting`);
  }
  const later = (at: number) => currentActor()!.until(at);

  const outcomes = { filed: 0, missedTriage: 0, missedResponse: 0, rated: 0, dissatisfied: 0, unanswered: 0, errors: [] as string[] };
  const bar = new SingleBar({ format: 'simulating [{bar}] {percentage}% | {value}/{total} complaints | platform time {platformTime} | {rate}/s', hideCursor: true, barsize: 30, noTTYOutput: true, notTTYSchedule: 10_000, barCompleteChar: '#', barIncompleteChar: '.' });
  const startedReal = Date.now();
  bar.start(planned.length, 0, { platformTime: new Date(start).toISOString().slice(0, 16), rate: '0' });
  let done = 0;
  const progress = setInterval(() => bar.update(done, { platformTime: platform.clock.date().toISOString().slice(0, 16), rate: (done / Math.max(1, (Date.now() - startedReal) / 1000)).toFixed(2) }), 500);
  // The mailbox keeps every email in memory; the case trail records each as sent, so clear it each simulated day.
  const clearMailbox = setInterval(() => void fetch(`${platform.mailboxUrl}/clear-store`, { method: 'POST' }).catch(() => undefined), 60_000);

  async function lifeOf(p: PlannedComplaint) {
    const personal = random(Number(args.seed) * 1_000_003 + p.n);
    await later(p.at);
    const created = await call('POST', '/api/v1/complaints', {
      estateId: p.estateId,
      unit: `Block ${p.block}, ${1 + Math.floor(personal.next() * 30)}/F, Flat ${'ABCDEFGH'[Math.floor(personal.next() * 8)]}`,
      name: `Resident ${p.n}`,
      email: `resident.${p.n}@example.com`,
      language: personal.pick(['en', 'zh-Hant', 'zh-Hant', 'zh-Hans']),
      description: personal.pick(p.category.descriptions).replace('{b}', p.block),
    }, { 'idempotency-key': `simulation-${args.seed}-${p.n}` });
    if (created.status !== 201) throw new Error(`intake: ${created.status} ${await created.text()}`);
    outcomes.filed += 1;
    const { id, trackingUrl } = (await created.json()) as { id: string; trackingUrl: string };
    const lead = await staffToken(p.estateId, 'cslead');
    await until(id, lead, (c) => c.waitingFor === 'triage', 'waiting for triage');

    // Triage at a staff round a few working hours later; now and then forgotten for days.
    const missTriage = personal.next() < 0.04;
    if (missTriage) outcomes.missedTriage += 1;
    await later(nextStaffRound(platform.clock.now() + (missTriage ? (3 + personal.next() * 4) * DAY : personal.logNormal(3, 0.9) * HOUR)));
    const { caseClass, departmentId, triageCategory } = p.category;
    await act(id, lead, 'triage', {
      type: 'triage',
      caseClass,
      severity: caseClass === 2 ? 'serious' : 'general',
      category: triageCategory,
      departmentId,
      ...(caseClass === 3 ? { externalParty: { name: 'District Works Office', email: 'district-works@gov-works.example', impact: 'Residents are affected on their way in and out.' } } : {}),
    });

    // The response: a day or two of work, sometimes well past the deadline.
    const missResponse = personal.next() < 0.07;
    if (missResponse) outcomes.missedResponse += 1;
    await later(nextStaffRound(platform.clock.now() + (missResponse ? (8 + personal.next() * 6) * DAY : personal.logNormal(1.5, 0.7) * DAY)));
    const responder = caseClass === 1 ? await staffToken(p.estateId, departmentId) : lead;
    await act(id, responder, 'resolution', { type: 'respond', outcome: personal.pick(['upheld', 'upheld', 'partly-upheld', 'not-upheld']), decision: 'We looked into it and put the work in hand.', reasons: 'Inspected on site.', rootCause: p.category.id, accountability: departmentId });

    // The resident and the follow-up: most rate within days, most of them satisfied; some never answer.
    const token = new URL(trackingUrl).searchParams.get('token')!;
    for (const stage of [1, 2] as const) {
      if (personal.next() < 0.25) {
        outcomes.unanswered += 1;
        return;
      }
      await until(id, lead, (c) => (c.waitingFor === 'feedback' && c.stage === stage) || c.status === 'closed', `stage ${stage} follow-up`);
      await later(platform.clock.now() + personal.logNormal(0.8, 1) * DAY);
      const satisfied = personal.next() < (stage === 1 ? 0.82 : 0.65);
      const rated = await call('POST', `/api/v1/complaints/${id}/feedback?token=${token}`, { outcomeRating: satisfied ? 4 + Math.round(personal.next()) : 1 + Math.round(personal.next()), processRating: satisfied ? 4 : 2 });
      if (rated.status !== 200) return; // the window closed first
      outcomes.rated += 1;
      if (satisfied || stage === 2) return;
      outcomes.dissatisfied += 1;
      // Stage 2: the estate manager takes it and answers after a few days.
      const manager = await staffToken(p.estateId, 'manager');
      await later(nextStaffRound(platform.clock.now() + personal.logNormal(2, 0.5) * DAY));
      await act(id, manager, 'resolution', { type: 'assign', assigneeId: `manager.${p.estateId.toLowerCase()}` });
      await act(id, manager, 'resolution', { type: 'respond', outcome: 'partly-upheld', decision: 'The estate manager reviewed the first response and added a remedy.', reasons: 'Review of the stage-1 findings.', rootCause: p.category.id, accountability: departmentId });
    }
  }

  await Promise.all(
    planned.map((p) =>
      asActor(platform.clock, () => lifeOf(p)).then(
        () => (done += 1),
        (error: Error) => {
          done += 1;
          if (outcomes.errors.length < 50) outcomes.errors.push(`complaint ${p.n}: ${error.message}`);
        },
      ),
    ),
  );
  // The last follow-up windows close on their own.
  const lastTimer = async () => {
    for (let t = platform.clock.nextTimerAt(); t !== undefined; t = platform.clock.nextTimerAt()) await new Promise((r) => setTimeout(r, 200));
  };
  await lastTimer();
  await platform.settle();
  clearInterval(progress);
  clearInterval(clearMailbox);
  bar.update(done, { platformTime: platform.clock.date().toISOString().slice(0, 16) });
  bar.stop();
  const seconds = (Date.now() - startedReal) / 1000;
  const summary = {
    estates: estateIds.length,
    days,
    start: new Date(start).toISOString(),
    end: platform.clock.date().toISOString(),
    complaints: planned.length,
    realSeconds: Math.round(seconds),
    complaintsPerSecond: Number((planned.length / seconds).toFixed(2)),
    outcomes: { ...outcomes, errors: outcomes.errors.length },
    spikes,
    errors: [...outcomes.errors, ...runtimeErrors],
  };
  writeFileSync(join(dataDir, 'simulation.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify({ ...summary, errors: summary.errors.slice(0, 5) }, null, 2));
  console.log(`History kept in ${dataDir} (summary: simulation.json). Browse it: DATA_DIR=${args['data-dir']} npm start`);
  await platform.stop();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
