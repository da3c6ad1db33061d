/**
 * The rules against the labelled corpus (test/fixtures/triageCorpus.ts): the quality targets of
 * issue 13 hold on the whole corpus and on the held-out third the rules were not tuned on.
 * A quality check, not a timing one; the full table is `npm run bench:triage`.
 */
import { describe, expect, it } from 'vitest';
import { type SetScore, runTriageBench, TRIAGE_TARGETS } from '../../../../bench/triage';
import { LANGUAGES } from '../../../../functions/domain/vocabulary';
import { TRIAGE_CORPUS } from '../../../fixtures/triageCorpus';

// blind4 is measured by the bench only (its figures are reported as they are, never asserted): not read here.
const result = runTriageBench(TRIAGE_CORPUS, []);
const label = (s: SetScore, name: string) => s.labels.find((l) => l.label === name)!;

describe('the triage corpus', () => {
  it('has at least 50 complaints per language, every class, severity, category and validity, a third held out', () => {
    for (const language of LANGUAGES) expect(TRIAGE_CORPUS.filter((e) => e.language === language).length).toBeGreaterThanOrEqual(50);
    for (const l of result.rules.all.labels) expect(l.support, l.label).toBeGreaterThan(0);
    // Scenarios 1–50, written before tuning: a third held out.
    const first = TRIAGE_CORPUS.filter((e) => e.scenario <= 50);
    expect(first.filter((e) => e.split === 'held-out').length / first.length).toBeCloseTo(1 / 3, 1);
    expect(result.corpus.unseen).toBeGreaterThanOrEqual(30);
    expect(new Set(TRIAGE_CORPUS.map((e) => e.id)).size).toBe(TRIAGE_CORPUS.length);
  });
});

// The complaints written after tuning (split `unseen`) are reported by the bench, not asserted here: recall on wording
// nobody anticipated is far below target (docs/TRIAGE.md). The false-alarm side is asserted below.
describe.each([
  ['the tuning set', result.rules.tuning],
  ['the held-out set', result.rules.heldOut],
])('the rules on %s', (_name, score) => {
  it(`propose critical with recall ≥ ${TRIAGE_TARGETS.critical.minRecall} and precision ≥ ${TRIAGE_TARGETS.critical.minPrecision}`, () => {
    const critical = label(score, 'severity critical');
    expect(critical.recall).toBeGreaterThanOrEqual(TRIAGE_TARGETS.critical.minRecall);
    expect(critical.precision).toBeGreaterThanOrEqual(TRIAGE_TARGETS.critical.minPrecision);
  });
  it(`propose the class with accuracy ≥ ${TRIAGE_TARGETS.classAccuracy.min}`, () => {
    expect(score.classAccuracy).toBeGreaterThanOrEqual(TRIAGE_TARGETS.classAccuracy.min);
  });
});

// The false-alarm side on wording never tuned on: rare, not none. The blind batch (116–130) has one, a guard's joke
// quoted in zh-Hans ("砍死他"), kept as measured rather than tuned away.
it('keep false crisis alarms rare on the complaints written after tuning (precision ≥ 0.8)', () => {
  const critical = label(result.rules.unseen, 'severity critical');
  expect(critical.precision).toBeGreaterThanOrEqual(TRIAGE_TARGETS.critical.minPrecision);
});

it('the keyword rules they replace missed those targets on the same corpus', () => {
  const critical = label(result.baseline, 'severity critical');
  expect((critical.recall ?? 0) < TRIAGE_TARGETS.critical.minRecall || (critical.precision ?? 0) < TRIAGE_TARGETS.critical.minPrecision).toBe(true);
});
