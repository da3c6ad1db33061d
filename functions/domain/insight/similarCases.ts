/**
 * "Have we seen this before?" (seed 003, 總結經驗教訓): the past cases of an estate most like one case, with
 * how they ended. Candidates are the estate's cases received before it; they are ranked by BM25 over the
 * words of their descriptions (MiniSearch, whose scoring is BM25+, k1 1.2, b 0.7) — Chinese split into words
 * with `Intl.Segmenter` (functions/domain/lifecycle/textSignals.ts `analyse`), English lower-cased — and a
 * case of the same cause category counts 1.5 times. A case of the same category with no word in common is
 * still listed after those that share words; one with neither is not.
 *
 * Not used: the building (a case has none, only the free-text unit, which is personal data).
 */
import MiniSearch from 'minisearch';
import { analyse } from '../lifecycle/textSignals';

export interface SimilarCaseCandidate {
  caseId: string;
  reference: string;
  receivedAt: string;
  description: string;
  category?: string;
  status: string;
  outcome?: string;
}

export interface SimilarCase {
  caseId: string;
  reference: string;
  receivedAt: string;
  category?: string;
  status: string;
  outcome?: string;
  sameCategory: boolean;
  /** BM25 score (0 when listed for its category alone). */
  score: number;
  /** The words it shares with the case (at most 8): why it is listed. */
  sharedWords: string[];
}

/** Word-like segments, without single Latin letters and digits alone (noise in complaint text). */
export const descriptionWords = (text: string): string[] => analyse(text).words.map((w) => w.text).filter((w) => !/^[a-z0-9]$/.test(w));

const SAME_CATEGORY_BOOST = 1.5;

export function findSimilarCases(target: Pick<SimilarCaseCandidate, 'caseId' | 'receivedAt' | 'description' | 'category'>, candidates: readonly SimilarCaseCandidate[], limit = 5): SimilarCase[] {
  const past = candidates.filter((c) => c.caseId !== target.caseId && c.receivedAt < target.receivedAt);
  const byId = new Map(past.map((c) => [c.caseId, c]));
  const index = new MiniSearch<SimilarCaseCandidate>({ idField: 'caseId', fields: ['description'], tokenize: descriptionWords, processTerm: (term) => term });
  index.addAll(past);
  const queryWords = [...new Set(descriptionWords(target.description))];
  const sameCategory = (c: SimilarCaseCandidate) => target.category !== undefined && c.category === target.category;
  const hits = queryWords.length
    ? index.search(queryWords.join(' '), { combineWith: 'OR', tokenize: (text) => text.split(' '), processTerm: (t) => t, boostDocument: (id) => (sameCategory(byId.get(id as string)!) ? SAME_CATEGORY_BOOST : 1) })
    : [];
  const ranked: SimilarCase[] = hits.map((hit) => {
    const c = byId.get(hit.id as string)!;
    return { ...view(c), sameCategory: sameCategory(c), score: Math.round(hit.score * 1000) / 1000, sharedWords: hit.terms.slice(0, 8) };
  });
  const listed = new Set(ranked.map((r) => r.caseId));
  // Then the same category without a shared word, newest first.
  const categoryOnly = past
    .filter((c) => sameCategory(c) && !listed.has(c.caseId))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .map((c) => ({ ...view(c), sameCategory: true, score: 0, sharedWords: [] }));
  return [...ranked, ...categoryOnly].slice(0, limit);
}

const view = (c: SimilarCaseCandidate) => ({
  caseId: c.caseId,
  reference: c.reference,
  receivedAt: c.receivedAt,
  ...(c.category !== undefined ? { category: c.category } : {}),
  status: c.status,
  ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
});
