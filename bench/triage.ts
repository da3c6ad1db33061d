/**
 * Triage quality: the rules' proposals (functions/domain/lifecycle/triageRules.ts)
 * against the labelled corpus (test/fixtures/triageCorpus.ts), with the keyword
 * rules they replaced (bench/baseline/keywordTriageRules.ts) measured on the same
 * corpus as the baseline. Precision and recall per label, class accuracy, on the
 * tuning set, the held-out set and the complaints written after tuning apart.
 *
 * A section of `npm run bench` (its figures go into bench/.out/results.json under
 * `triage`); alone, in a second: `npm run bench:triage` (`-- --write-doc` also
 * rewrites the figures in docs/TRIAGE.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TriageProposal } from '../functions/domain/complaintCase';
import { CAUSE_CATEGORIES, COMPLAINT_CLASSES, LANGUAGES } from '../functions/domain/vocabulary';
import { proposeTriage } from '../functions/domain/lifecycle/triageRules';
import { FIRST_BLIND2_SCENARIO, FIRST_BLIND3_SCENARIO, FIRST_BLIND_SCENARIO, FIRST_FRESH_SCENARIO, type LabelledComplaint, TRIAGE_CORPUS } from '../test/fixtures/triageCorpus';
import { BLIND4_CORPUS } from '../test/fixtures/triageBlind4';
import { proposeTriage as proposeByKeyword } from './baseline/keywordTriageRules';
import { formatCrossValidation, outOfFoldEvidence } from './crisisCrossValidation';

export const TRIAGE_TARGETS = {
  critical: { minRecall: 0.95, minPrecision: 0.8 },
  classAccuracy: { min: 0.85 },
  /** The safety net: every crisis proposed critical or flagged "possible crisis: needs urgent human triage". */
  criticalOrUrgent: { minRecall: 0.95 },
} as const;

export interface LabelScore {
  label: string;
  /** How many complaints carry the label; how many the rules gave it; how many of those were right. */
  support: number;
  proposed: number;
  correct: number;
  /** null when undefined (nothing proposed / nothing labelled). */
  precision: number | null;
  recall: number | null;
}

export interface SetScore {
  complaints: number;
  classAccuracy: number;
  severityAccuracy: number;
  categoryAccuracy: number;
  validityAccuracy: number;
  labels: LabelScore[];
  /**
   * The safety net: of the crises, how many were proposed critical or flagged for urgent human triage; of the other
   * complaints, how many were flagged (each a call on the customer-service lead's attention, not HQ's).
   */
  safetyNet: { criticalOrUrgentRecall: number | null; flaggedNonCritical: number; nonCritical: number };
  /** The complaints whose severity or class was missed, for reading. */
  misses: { id: string; expected: string; proposed: string }[];
}

export interface TriageBenchResult {
  corpus: { complaints: number; tuning: number; heldOut: number; unseen: number; fresh: number; blind: number; blind2: number; blind3: number; perLanguage: Record<string, number> };
  targets: typeof TRIAGE_TARGETS;
  /**
   * `heldOut`: the third of scenarios 1–50 not tuned on; `unseen`: scenarios written after the tuning (81–187);
   * `fresh`: 91–130, each batch measured once untouched and then read while building the crisis families; `blind`:
   * 131–145, written after the second round of families and never tuned on; `blind2`: 146–175, written before the
   * generalisation round read the term lists, never tuned on; `blind3`: 176–187, written after the taxonomy lexicon and
   * the statistical second opinion were committed, before they ran on it (the only batch written after these rules).
   */
  rules: { all: SetScore; tuning: SetScore; heldOut: SetScore; unseen: SetScore; fresh: SetScore; blind: SetScore; blind2: SetScore; blind3: SetScore; perLanguage: Record<string, SetScore> };
  /**
   * blind4 (scenarios 188–207, test/fixtures/triageBlind4.ts): written before the fourth crisis round changed anything,
   * outside TRIAGE_CORPUS so no training or cross-validation saw it; not in `all`. Per language too.
   */
  blind4: { all: SetScore; perLanguage: Record<string, SetScore> };
  /** The crisis decision's 5-fold cross-validation on scenarios 1–187 (bench/crisisCrossValidation.ts), as printed. */
  crossValidation: string;
  /** The keyword rules before the corpus, on all of it. */
  baseline: SetScore;
  /** Targets met on the whole corpus, unseen complaints included. */
  pass: boolean;
}

type Propose = (entry: LabelledComplaint) => TriageProposal;

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000);

function labelScore(label: string, entries: readonly LabelledComplaint[], proposals: readonly TriageProposal[], labelled: (e: LabelledComplaint) => boolean | undefined, proposedAs: (p: TriageProposal) => boolean): LabelScore {
  let support = 0;
  let proposed = 0;
  let correct = 0;
  entries.forEach((entry, i) => {
    const expected = labelled(entry);
    if (expected === undefined) return;
    const got = proposedAs(proposals[i] as TriageProposal);
    if (expected) support += 1;
    if (got) proposed += 1;
    if (expected && got) correct += 1;
  });
  return { label, support, proposed, correct, precision: ratio(correct, proposed), recall: ratio(correct, support) };
}

export function scoreSet(entries: readonly LabelledComplaint[], propose: Propose): SetScore {
  const proposals = entries.map(propose);
  const validityOf = (p: TriageProposal) => p.validity?.proposed ?? 'valid';
  const accuracy = (pick: (e: LabelledComplaint, p: TriageProposal) => boolean | undefined) => {
    const judged = entries.map((e, i) => pick(e, proposals[i] as TriageProposal)).filter((v): v is boolean => v !== undefined);
    return ratio(judged.filter(Boolean).length, judged.length) ?? 0;
  };
  const labels: LabelScore[] = [
    labelScore('severity critical', entries, proposals, (e) => e.severity === 'critical', (p) => p.severity === 'critical'),
    labelScore('severity serious', entries, proposals, (e) => e.severity === 'serious', (p) => p.severity === 'serious'),
    labelScore('severity general', entries, proposals, (e) => e.severity === 'general', (p) => p.severity === 'general'),
    ...COMPLAINT_CLASSES.map((c) => labelScore(`class ${c}`, entries, proposals, (e) => (e.caseClass === undefined ? undefined : e.caseClass === c), (p) => p.caseClass === c)),
    ...CAUSE_CATEGORIES.map((c) => labelScore(`category ${c}`, entries, proposals, (e) => (e.category === undefined ? undefined : e.category === c), (p) => p.category === c)),
    ...(['valid', 'no-complaint', 'out-of-scope', 'duplicate'] as const).map((v) => labelScore(`validity ${v}`, entries, proposals, (e) => e.validity === v, (p) => validityOf(p) === v)),
  ];
  const misses = entries.flatMap((e, i) => {
    const p = proposals[i] as TriageProposal;
    const wrong = e.severity !== p.severity || (e.caseClass !== undefined && e.caseClass !== p.caseClass);
    return wrong ? [{ id: e.id, expected: `${e.severity} class ${e.caseClass ?? '-'}`, proposed: `${p.severity} class ${p.caseClass}` }] : [];
  });
  const crises = entries.filter((e) => e.severity === 'critical').length;
  const netCaught = entries.filter((e, i) => e.severity === 'critical' && ((proposals[i] as TriageProposal).severity === 'critical' || (proposals[i] as TriageProposal).urgentTriage)).length;
  const nonCritical = entries.filter((e) => e.severity !== 'critical');
  const flaggedNonCritical = entries.filter((e, i) => e.severity !== 'critical' && (proposals[i] as TriageProposal).urgentTriage).length;
  return {
    complaints: entries.length,
    safetyNet: { criticalOrUrgentRecall: ratio(netCaught, crises), flaggedNonCritical, nonCritical: nonCritical.length },
    classAccuracy: accuracy((e, p) => (e.caseClass === undefined ? undefined : e.caseClass === p.caseClass)),
    severityAccuracy: accuracy((e, p) => e.severity === p.severity),
    categoryAccuracy: accuracy((e, p) => (e.category === undefined ? undefined : e.category === p.category)),
    validityAccuracy: accuracy((e, p) => e.validity === validityOf(p)),
    labels,
    misses,
  };
}

/** The issue's targets: critical recall and precision, class accuracy, and the safety net's recall. */
export function meetsTargets(score: SetScore): boolean {
  const critical = score.labels.find((l) => l.label === 'severity critical') as LabelScore;
  return (
    (critical.recall ?? 0) >= TRIAGE_TARGETS.critical.minRecall &&
    (critical.precision ?? 1) >= TRIAGE_TARGETS.critical.minPrecision &&
    score.classAccuracy >= TRIAGE_TARGETS.classAccuracy.min &&
    (score.safetyNet.criticalOrUrgentRecall ?? 1) >= TRIAGE_TARGETS.criticalOrUrgent.minRecall
  );
}

/** The rules as the acknowledgement calls them: with the unit's open cases the store found. */
const proposeWithContext: Propose = (entry) =>
  proposeTriage(entry.text, { openCasesOfUnit: (entry.openCasesOfUnit ?? []).map((open, i) => ({ caseId: `OPEN${i}`, reference: open.reference, receivedAt: '2026-01-01T00:00:00Z', category: open.category })) });
const proposeBaseline: Propose = (entry) => proposeByKeyword(entry.text);

export function runTriageBench(corpus: readonly LabelledComplaint[] = TRIAGE_CORPUS, blind4Corpus: readonly LabelledComplaint[] = BLIND4_CORPUS): TriageBenchResult {
  const tuning = corpus.filter((e) => e.split === 'tuning');
  const heldOut = corpus.filter((e) => e.split === 'held-out');
  const unseen = corpus.filter((e) => e.split === 'unseen');
  const fresh = corpus.filter((e) => e.scenario >= FIRST_FRESH_SCENARIO && e.scenario < FIRST_BLIND_SCENARIO);
  const blind = corpus.filter((e) => e.scenario >= FIRST_BLIND_SCENARIO && e.scenario < FIRST_BLIND2_SCENARIO);
  const blind2 = corpus.filter((e) => e.scenario >= FIRST_BLIND2_SCENARIO && e.scenario < FIRST_BLIND3_SCENARIO);
  const blind3 = corpus.filter((e) => e.scenario >= FIRST_BLIND3_SCENARIO);
  const all = scoreSet(corpus, proposeWithContext);
  const perLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, scoreSet(corpus.filter((e) => e.language === language), proposeWithContext)]));
  return {
    corpus: { complaints: corpus.length, tuning: tuning.length, heldOut: heldOut.length, unseen: unseen.length, fresh: fresh.length, blind: blind.length, blind2: blind2.length, blind3: blind3.length, perLanguage: Object.fromEntries(LANGUAGES.map((l) => [l, corpus.filter((e) => e.language === l).length])) },
    targets: TRIAGE_TARGETS,
    rules: { all, tuning: scoreSet(tuning, proposeWithContext), heldOut: scoreSet(heldOut, proposeWithContext), unseen: scoreSet(unseen, proposeWithContext), fresh: scoreSet(fresh, proposeWithContext), blind: scoreSet(blind, proposeWithContext), blind2: scoreSet(blind2, proposeWithContext), blind3: scoreSet(blind3, proposeWithContext), perLanguage },
    blind4: { all: scoreSet(blind4Corpus, proposeWithContext), perLanguage: Object.fromEntries(LANGUAGES.map((language) => [language, scoreSet(blind4Corpus.filter((e) => e.language === language), proposeWithContext)])) },
    crossValidation: formatCrossValidation(outOfFoldEvidence(corpus)),
    baseline: scoreSet(corpus, proposeBaseline),
    pass: meetsTargets(all),
  };
}

const fmt = (n: number | null) => (n === null ? '  —  ' : n.toFixed(2).padStart(5));

export function formatTriage(result: TriageBenchResult): string {
  const { all, tuning, heldOut, unseen, fresh, blind, blind2, blind3, perLanguage } = result.rules;
  const critical = (s: SetScore) => s.labels.find((l) => l.label === 'severity critical') as LabelScore;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const lines = [
    `Triage proposals vs the labelled corpus (${result.corpus.complaints} complaints, blind4's ${result.blind4.all.complaints} apart: ${Object.entries(result.corpus.perLanguage).map(([l, n]) => `${n} ${l}`).join(', ')}; tuned on ${result.corpus.tuning}, held out ${result.corpus.heldOut}, written after tuning ${result.corpus.unseen}, of which ${result.corpus.fresh} fresh (91–130), ${result.corpus.blind} blind (131–145) ${result.corpus.blind2} blind2 (146–175) and ${result.corpus.blind3} blind3 (176–187))`,
    '',
    'label                                    |  all: P     R    n | tuning: P   R  | held-out: P  R  | unseen: P    R  | keyword baseline: P  R',
    '-----------------------------------------|-------------------|----------------|-----------------|-----------------|----------------------',
  ];
  all.labels.forEach((label, i) => {
    const t = tuning.labels[i] as LabelScore;
    const h = heldOut.labels[i] as LabelScore;
    const u = unseen.labels[i] as LabelScore;
    const b = result.baseline.labels[i] as LabelScore;
    lines.push(`${label.label.padEnd(41)}| ${fmt(label.precision)} ${fmt(label.recall)} ${String(label.support).padStart(3)} | ${fmt(t.precision)} ${fmt(t.recall)} | ${fmt(h.precision)} ${fmt(h.recall)}  | ${fmt(u.precision)} ${fmt(u.recall)}  | ${fmt(b.precision)} ${fmt(b.recall)}`);
  });
  lines.push('');
  const row = (name: string, s: SetScore) =>
    `${name.padEnd(24)} class ${fmt(s.classAccuracy)}  severity ${fmt(s.severityAccuracy)}  category ${fmt(s.categoryAccuracy)}  validity ${fmt(s.validityAccuracy)}  critical P ${fmt(critical(s).precision)} R ${fmt(critical(s).recall)}  critical-or-urgent R ${fmt(s.safetyNet.criticalOrUrgentRecall)}  urgent flags on others ${s.safetyNet.flaggedNonCritical}/${s.safetyNet.nonCritical}`;
  lines.push(row('all', all), row('tuning', tuning), row('held-out', heldOut), row('unseen (81–187)', unseen), row('fresh (91–130)', fresh), row('blind (131–145)', blind), row('blind2 (146–175)', blind2), row('blind3 (176–187)', blind3));
  for (const [language, s] of Object.entries(perLanguage)) lines.push(row(language, s));
  lines.push(row('keyword baseline (all)', result.baseline));
  lines.push(row('blind4 (188–207)', result.blind4.all));
  for (const [language, s] of Object.entries(result.blind4.perLanguage)) lines.push(row(`blind4 ${language}`, s));
  lines.push('');
  for (const [name, s] of [['all', all], ['held-out', heldOut], ['unseen', unseen], ['fresh', fresh], ['blind', blind], ['blind2', blind2], ['blind3', blind3], ['blind4', result.blind4.all]] as const) {
    const c = critical(s);
    const net = s.safetyNet.criticalOrUrgentRecall;
    lines.push(
      `${name.padEnd(8)}: critical-or-urgent recall ${fmt(net)} (target ≥ ${TRIAGE_TARGETS.criticalOrUrgent.minRecall}) ${verdict((net ?? 0) >= TRIAGE_TARGETS.criticalOrUrgent.minRecall)}; critical recall ${fmt(c.recall)} (target ≥ ${TRIAGE_TARGETS.critical.minRecall}) ${verdict((c.recall ?? 0) >= TRIAGE_TARGETS.critical.minRecall)}; ` +
        `precision ${fmt(c.precision)} (target ≥ ${TRIAGE_TARGETS.critical.minPrecision}) ${c.proposed === 0 ? 'n/a (none proposed)' : verdict((c.precision ?? 0) >= TRIAGE_TARGETS.critical.minPrecision)}; ` +
        `class accuracy ${fmt(s.classAccuracy)} (target ≥ ${TRIAGE_TARGETS.classAccuracy.min}) ${verdict(s.classAccuracy >= TRIAGE_TARGETS.classAccuracy.min)}`,
    );
  }
  if (all.misses.length > 0) lines.push(`severity/class misses: ${all.misses.map((m) => `${m.id} (${m.expected} → ${m.proposed})`).join('; ')}`);
  if (result.blind4.all.misses.length > 0) lines.push(`blind4 severity/class misses: ${result.blind4.all.misses.map((m) => `${m.id} (${m.expected} → ${m.proposed})`).join('; ')}`);
  lines.push('', result.crossValidation);
  return lines.join('\n');
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOC_START = '<!-- triage:results:start (generated by `npm run bench:triage -- --write-doc`; edits inside are overwritten) -->';
const DOC_END = '<!-- triage:results:end -->';

export function writeTriageDoc(result: TriageBenchResult, docPath = join(REPO_ROOT, 'docs', 'TRIAGE.md')): void {
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`${docPath}: the triage results markers are missing`);
  writeFileSync(docPath, `${doc.slice(0, start + DOC_START.length)}\n\n\`\`\`\n${formatTriage(result)}\n\`\`\`\n\n${doc.slice(end)}`);
}

/** Alone: print, merge into bench/.out/results.json under `triage`, and with --write-doc rewrite docs/TRIAGE.md's figures. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = runTriageBench();
  console.log(formatTriage(result));
  const outDir = join(REPO_ROOT, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  const resultsPath = join(outDir, 'results.json');
  const previous = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(resultsPath, `${JSON.stringify({ ...previous, triage: result }, null, 2)}\n`);
  console.log(`\nresults: bench/.out/results.json (triage)`);
  if (process.argv.includes('--write-doc')) {
    writeTriageDoc(result);
    console.log('docs/TRIAGE.md: results section rewritten');
  }
}
