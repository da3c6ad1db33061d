/**
 * A statistical second opinion on "is this a crisis?": naive Bayes over character n-grams (Chinese) and word stems
 * (English), trained on every labelled corpus row (blind4 and blind5 live outside the corpus; bench/trainCrisisModel.ts
 * writes crisisModel.generated.ts; a test checks the committed model is what training gives, so it is reproducible).
 *
 * It flags "possible crisis: needs urgent human triage" to the customer-service lead at `threshold`, and raises the HQ
 * alarm only at the cross-validated `alarm` thresholds (triageRules.ts `decideCrisis`): it knows words that went with
 * crises in the corpus, not why, so it never decides on a complaint framed as past, drill or thanks.
 *
 * Deterministic: features and counts are sorted, no randomness. Traditional and Simplified Chinese share features
 * (the text is converted to Simplified first, through the OpenCC-generated table of simplifiedChinese.ts), so a crisis written in one script teaches the other.
 */
import { toSimplified as tableToSimplified } from './simplifiedChinese';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/gu;

/** A few English endings folded so "bleeding", "bleeds" and "bleed" count as one feature. */
function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/u, '').replace(/(.)\1$/u, '$1');
}

/** The set of features of a text: Chinese character unigrams and bigrams (within a run of Han characters), English word stems and stem pairs. */
export function features(text: string, toSimplified: (text: string) => string = tableToSimplified): string[] {
  const lower = toSimplified(text.toLowerCase());
  const found = new Set<string>();
  for (const run of lower.match(HAN_RUN) ?? []) {
    const chars = [...run];
    chars.forEach((char, i) => {
      found.add(`c:${char}`);
      if (i + 1 < chars.length) found.add(`c:${char}${chars[i + 1]}`);
    });
  }
  const words = (lower.replace(HAN_RUN, ' ').match(/[a-z][a-z']*/gu) ?? []).map((w) => stem(w.replace(/'.*$/u, ''))).filter((w) => w.length > 1);
  words.forEach((word, i) => {
    found.add(`w:${word}`);
    if (i + 1 < words.length) found.add(`w:${word} ${words[i + 1]}`);
  });
  return [...found].filter((f) => !HAN.test(f) || f.length > 2).sort();
}

export interface CrisisModel {
  /** How the model was made, for the reader. */
  trainedOn: string;
  /** log P(crisis) − log P(not a crisis). */
  prior: number;
  /** Per feature: log P(f | crisis) − log P(f | not a crisis), Laplace-smoothed, only features seen at least twice. */
  weights: Record<string, number>;
  /** A text whose log-odds reach this is flagged for urgent human triage. */
  threshold: number;
  /**
   * Log-odds at which the second opinion raises the HQ alarm (triageRules.ts `decideCrisis`): `corroborated` when the
   * rules saw signs of danger of their own, `alone` without them. Chosen by k-fold cross-validation (bench/crisisCrossValidation.ts).
   */
  alarm: { corroborated: number; alone: number };
}

export interface TrainingExample {
  text: string;
  crisis: boolean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Bernoulli-style naive Bayes on feature presence: each feature counts once per complaint (short texts). */
export function trainCrisisModel(examples: readonly TrainingExample[], options: { threshold: number; alarm: CrisisModel['alarm']; trainedOn: string; minCount?: number; toSimplified?: (text: string) => string }): CrisisModel {
  const crisisCount = new Map<string, number>();
  const calmCount = new Map<string, number>();
  let crises = 0;
  for (const example of examples) {
    if (example.crisis) crises += 1;
    const counts = example.crisis ? crisisCount : calmCount;
    for (const feature of features(example.text, options.toSimplified)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const calm = examples.length - crises;
  const weights: Record<string, number> = {};
  const all = [...new Set([...crisisCount.keys(), ...calmCount.keys()])].sort();
  for (const feature of all) {
    const inCrisis = crisisCount.get(feature) ?? 0;
    const inCalm = calmCount.get(feature) ?? 0;
    if (inCrisis + inCalm < (options.minCount ?? 2)) continue;
    // Only what a feature's presence says (absence says little in a short complaint).
    const weight = Math.log((inCrisis + 1) / (crises + 2)) - Math.log((inCalm + 1) / (calm + 2));
    if (Math.abs(weight) >= 0.1) weights[feature] = round(weight);
  }
  return { trainedOn: options.trainedOn, prior: round(Math.log(crises / calm)), weights, threshold: options.threshold, alarm: options.alarm };
}

export interface CrisisOpinion {
  logOdds: number;
  flagged: boolean;
  /** The features that weighed most towards a crisis, for the person reading the flag. */
  strongest: string[];
}

export function crisisOpinion(model: CrisisModel, text: string): CrisisOpinion {
  let logOdds = model.prior;
  const contributions: [string, number][] = [];
  for (const feature of features(text)) {
    const weight = model.weights[feature];
    if (weight === undefined) continue;
    logOdds += weight;
    contributions.push([feature, weight]);
  }
  const strongest = contributions
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([f]) => f.slice(2));
  return { logOdds: round(logOdds), flagged: logOdds >= model.threshold, strongest };
}
