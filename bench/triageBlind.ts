/**
 * One blind batch, measured once: `npx tsx bench/triageBlind.ts blind5` prints the batch's scores (all, per language),
 * its crisis misses and false alarms by id, and writes them to bench/results/triage-<batch>.txt. The batches live
 * outside TRIAGE_CORPUS, so no training, cross-validation or threshold saw them (docs/TRIAGE.md, "The corpus").
 * Run a batch once after the round's changes are committed; never tune on it after.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proposeTriage } from '../functions/domain/lifecycle/triageRules';
import { LANGUAGES } from '../functions/domain/vocabulary';
import { BLIND4_CORPUS } from '../test/fixtures/triageBlind4';
import { BLIND5_CORPUS } from '../test/fixtures/triageBlind5';
import { BLIND6_CORPUS } from '../test/fixtures/triageBlind6';
import type { LabelledComplaint } from '../test/fixtures/triageCorpus';
import { meetsTargets, scoreSet, TRIAGE_TARGETS } from './triage';

const BATCHES: Record<string, readonly LabelledComplaint[]> = { blind4: BLIND4_CORPUS, blind5: BLIND5_CORPUS, blind6: BLIND6_CORPUS };

const propose = (entry: LabelledComplaint) =>
  proposeTriage(entry.text, { openCasesOfUnit: (entry.openCasesOfUnit ?? []).map((open, i) => ({ caseId: `OPEN${i}`, reference: open.reference, receivedAt: '2026-01-01T00:00:00Z', category: open.category })) });

const fmt = (n: number | null) => (n === null ? '  —  ' : n.toFixed(2).padStart(5));

export function formatBlindBatch(name: string, entries: readonly LabelledComplaint[]): string {
  const scenarios = entries.map((e) => e.scenario);
  const lines = [`Triage proposals on ${name} (scenarios ${Math.min(...scenarios)}–${Math.max(...scenarios)}, ${entries.length} complaints), rules and model as committed`, ''];
  const row = (label: string, subset: readonly LabelledComplaint[]) => {
    const s = scoreSet(subset, propose);
    const c = s.labels.find((l) => l.label === 'severity critical');
    return `${label.padEnd(16)} critical R ${fmt(c?.recall ?? null)} (${c?.correct}/${c?.support})  P ${fmt(c?.precision ?? null)} (${(c?.proposed ?? 0) - (c?.correct ?? 0)} false of ${c?.proposed})  critical-or-urgent R ${fmt(s.safetyNet.criticalOrUrgentRecall)}  urgent flags on others ${s.safetyNet.flaggedNonCritical}/${s.safetyNet.nonCritical}  class ${fmt(s.classAccuracy)}  severity ${fmt(s.severityAccuracy)}  category ${fmt(s.categoryAccuracy)}  validity ${fmt(s.validityAccuracy)}`;
  };
  lines.push(row(name, entries));
  for (const language of LANGUAGES) lines.push(row(`${name} ${language}`, entries.filter((e) => e.language === language)));
  const all = scoreSet(entries, propose);
  lines.push('', `targets (critical R ≥ ${TRIAGE_TARGETS.critical.minRecall}, P ≥ ${TRIAGE_TARGETS.critical.minPrecision}, critical-or-urgent R ≥ ${TRIAGE_TARGETS.criticalOrUrgent.minRecall}, class ≥ ${TRIAGE_TARGETS.classAccuracy.min}): ${meetsTargets(all) ? 'PASS' : 'MISS'}`);
  const decisions = entries.map((e) => ({ e, p: propose(e) }));
  const missed = decisions.filter(({ e, p }) => e.severity === 'critical' && p.severity !== 'critical').map(({ e, p }) => `${e.id} (${p.severity}${p.urgentTriage ? ', urgent triage' : ''})`);
  const falseAlarms = decisions.filter(({ e, p }) => e.severity !== 'critical' && p.severity === 'critical').map(({ e }) => `${e.id} (labelled ${e.severity})`);
  const flagged = decisions.filter(({ e, p }) => e.severity !== 'critical' && p.severity !== 'critical' && p.urgentTriage).map(({ e }) => e.id);
  lines.push(`crises not proposed critical: ${missed.join('; ') || 'none'}`, `false crisis alarms: ${falseAlarms.join('; ') || 'none'}`, `non-crises flagged for urgent triage: ${flagged.join('; ') || 'none'}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const name = process.argv[2] ?? '';
  const entries = BATCHES[name];
  if (!entries) throw new Error(`usage: tsx bench/triageBlind.ts <${Object.keys(BATCHES).join('|')}>`);
  const text = formatBlindBatch(name, entries);
  console.log(text);
  const path = join(fileURLToPath(new URL('../', import.meta.url)), 'bench', 'results', `triage-${name}.txt`);
  if (!process.argv.includes('--no-write')) writeFileSync(path, `${text}\n`);
}
