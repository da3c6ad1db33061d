/**
 * k-fold cross-validation of the crisis decision (triageRules.ts `decideCrisis`: the rules and the statistical second
 * opinion together) on the triage corpus, scenarios 1–187. blind4 (test/fixtures/triageBlind4.ts) is not in the
 * corpus and is never read here.
 *
 * Folds are whole scenarios (scenario mod 5), so the three translations of a complaint are always in the same fold:
 * a model never sees the Cantonese wording of the complaint it is tested on in English. For each fold the naive Bayes
 * model is trained on the other four and the rules' evidence plus its log-odds are taken for the fold's rows; the
 * alarm thresholds are then varied over a grid on those out-of-fold figures. The chosen point (highest out-of-fold
 * critical recall with precision ≥ 0.85, then the fewest alarms) is what bench/trainCrisisModel.ts commits.
 *
 * Honest reading: only the model is out-of-fold. The rules' lexicon was written while reading scenarios up to 175, so
 * their evidence on those rows is optimistic; the per-batch lines show blind3 (176–187, written after the lexicon)
 * apart, the fairest estimate before blind4.
 *
 * `npx tsx bench/crisisCrossValidation.ts` prints; `-- --write` writes bench/results/crisis-cross-validation.txt.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainCrisisModel } from '../functions/domain/lifecycle/crisisModel';
import { crisisEvidence, decideCrisis } from '../functions/domain/lifecycle/triageRules';
import { FIRST_BLIND2_SCENARIO, FIRST_BLIND3_SCENARIO, FIRST_BLIND_SCENARIO, FIRST_FRESH_SCENARIO, type LabelledComplaint, TRIAGE_CORPUS } from '../test/fixtures/triageCorpus';
import { CRISIS_ALARM, examplesOf, TRAINING_OPTIONS } from './trainCrisisModel';
import { BLIND4_CORPUS, FIRST_BLIND4_SCENARIO } from '../test/fixtures/triageBlind4';
import { BLIND5_CORPUS, FIRST_BLIND5_SCENARIO } from '../test/fixtures/triageBlind5';

export const FOLDS = 5;
const MIN_PRECISION = 0.85;
const CORROBORATED = [2, 3, 4, 5, 6, 7, 8, 10, 12, Number.POSITIVE_INFINITY];
const ALONE = [10, 12, 14, 16, 18, 20, 25, 30, Number.POSITIVE_INFINITY];

interface OutOfFold {
  row: LabelledComplaint;
  evidence: ReturnType<typeof crisisEvidence>;
}

export function outOfFoldEvidence(corpus: readonly LabelledComplaint[] = TRIAGE_CORPUS): OutOfFold[] {
  const result: OutOfFold[] = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const training = corpus.filter((row) => row.scenario % FOLDS !== fold);
    const model = trainCrisisModel(examplesOf(training), { ...TRAINING_OPTIONS, trainedOn: `fold ${fold}` });
    for (const row of corpus.filter((r) => r.scenario % FOLDS === fold)) result.push({ row, evidence: crisisEvidence(row.text, model) });
  }
  return result;
}

export interface OperatingPoint {
  alarm: { corroborated: number; alone: number };
  crises: number;
  caught: number;
  alarms: number;
  falseAlarms: number;
  recall: number;
  precision: number;
  /** Crises proposed critical or flagged for urgent human triage. */
  netRecall: number;
  flagsOnOthers: number;
  others: number;
}

export function operatingPoint(rows: readonly OutOfFold[], alarm: { corroborated: number; alone: number }, respectNotNow = true): OperatingPoint {
  let caught = 0;
  let alarms = 0;
  let net = 0;
  let flagsOnOthers = 0;
  const crises = rows.filter((r) => r.row.severity === 'critical').length;
  for (const { row, evidence } of rows) {
    const decision = decideCrisis(evidence.rules, evidence.logOdds, { threshold: TRAINING_OPTIONS.threshold, alarm }, respectNotNow);
    const crisis = row.severity === 'critical';
    if (decision === 'critical') alarms += 1;
    if (decision === 'critical' && crisis) caught += 1;
    if (decision !== 'none' && crisis) net += 1;
    if (decision !== 'none' && !crisis) flagsOnOthers += 1;
  }
  const r = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
  return { alarm, crises, caught, alarms, falseAlarms: alarms - caught, recall: r(caught, crises), precision: r(caught, alarms), netRecall: r(net, crises), flagsOnOthers, others: rows.length - crises };
}

export function chooseAlarm(rows: readonly OutOfFold[]): OperatingPoint {
  const points = CORROBORATED.flatMap((corroborated) => ALONE.map((alone) => operatingPoint(rows, { corroborated, alone })));
  const acceptable = points.filter((p) => p.precision >= MIN_PRECISION);
  acceptable.sort((a, b) => b.recall - a.recall || a.alarms - b.alarms || b.alarm.alone - a.alarm.alone || b.alarm.corroborated - a.alarm.corroborated);
  return acceptable[0] as OperatingPoint;
}

const BATCHES: [string, (s: number) => boolean][] = [
  ['1–90 (tuning, held-out, unseen)', (s) => s < FIRST_FRESH_SCENARIO],
  ['fresh 91–130', (s) => s >= FIRST_FRESH_SCENARIO && s < FIRST_BLIND_SCENARIO],
  ['blind 131–145', (s) => s >= FIRST_BLIND_SCENARIO && s < FIRST_BLIND2_SCENARIO],
  ['blind2 146–175', (s) => s >= FIRST_BLIND2_SCENARIO && s < FIRST_BLIND3_SCENARIO],
  ['blind3 176–187', (s) => s >= FIRST_BLIND3_SCENARIO && s < FIRST_BLIND4_SCENARIO],
  ['blind4 188–207', (s) => s >= FIRST_BLIND4_SCENARIO && s < FIRST_BLIND5_SCENARIO],
  ['blind5 208–227', (s) => s >= FIRST_BLIND5_SCENARIO],
];

const inf = (n: number) => (Number.isFinite(n) ? String(n) : '∞');
const line = (name: string, p: OperatingPoint) =>
  `${name.padEnd(34)} critical R ${p.recall.toFixed(2)} (${p.caught}/${p.crises})  P ${p.precision.toFixed(2)} (${p.falseAlarms} false of ${p.alarms})  critical-or-urgent R ${p.netRecall.toFixed(2)}  urgent flags on others ${p.flagsOnOthers}/${p.others}`;

export function formatCrossValidation(rows: readonly OutOfFold[]): string {
  const rulesOnly = operatingPoint(rows, { corroborated: Number.POSITIVE_INFINITY, alone: Number.POSITIVE_INFINITY });
  const chosen = chooseAlarm(rows);
  const committed = operatingPoint(rows, CRISIS_ALARM);
  const out = [
    `Crisis decision, ${FOLDS}-fold cross-validation by scenario (${rows.length} complaints, scenarios ${Math.min(...rows.map((r) => r.row.scenario))}–${Math.max(...rows.map((r) => r.row.scenario))}: the corpus${rows.some((r) => r.row.scenario >= FIRST_BLIND4_SCENARIO) ? ', blind4 and blind5 after they were measured once' : ''}; blind6 never read). Only the model is out-of-fold: the rules' lexicon was written reading scenarios up to 175.`,
    '',
    'grid (out-of-fold critical recall / precision), rows: alarm with the rules\' own signs of danger (corroborated), columns: on the wording alone',
    `${'corroborated \\ alone'.padEnd(22)}${ALONE.map((a) => inf(a).padStart(12)).join('')}`,
    ...CORROBORATED.map((c) => `${inf(c).padEnd(22)}${ALONE.map((a) => {
      const p = operatingPoint(rows, { corroborated: c, alone: a });
      return `${p.recall.toFixed(2)}/${p.precision.toFixed(2)}`.padStart(12);
    }).join('')}`),
    '',
    line('rules alone (model flags only)', rulesOnly),
    line(`chosen (corroborated ${inf(chosen.alarm.corroborated)}, alone ${inf(chosen.alarm.alone)})`, chosen),
    line(`committed (corroborated ${inf(CRISIS_ALARM.corroborated)}, alone ${inf(CRISIS_ALARM.alone)})`, committed),
    line('  the rules ignoring "not now" (round 4)', operatingPoint(rows, CRISIS_ALARM, false)),
    '',
    'committed point, per batch (out-of-fold model; rules as built):',
    ...BATCHES.map(([name, inBatch]) => {
      const batch = rows.filter((r) => inBatch(r.row.scenario));
      return `  ${line(name, operatingPoint(batch, CRISIS_ALARM))}\n  ${line('    rules ignoring "not now"', operatingPoint(batch, CRISIS_ALARM, false))}\n  ${line('    rules alone', operatingPoint(batch, { corroborated: Number.POSITIVE_INFINITY, alone: Number.POSITIVE_INFINITY }))}`;
    }),
  ];
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Every row but blind6: the corpus, and blind4 and blind5 now that each was measured once.
  const text = formatCrossValidation(outOfFoldEvidence([...TRIAGE_CORPUS, ...BLIND4_CORPUS, ...BLIND5_CORPUS]));
  console.log(text);
  if (process.argv.includes('--write')) {
    writeFileSync(fileURLToPath(new URL('./results/crisis-cross-validation.txt', import.meta.url)), `${text}\n`);
    console.log('\nwritten: bench/results/crisis-cross-validation.txt');
  }
}
