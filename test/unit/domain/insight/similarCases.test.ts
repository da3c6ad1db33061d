import { describe, expect, it } from 'vitest';
import { descriptionWords, findSimilarCases, type SimilarCaseCandidate } from '../../../../functions/domain/insight/similarCases';

const past = (n: number, description: string, category?: string, outcome?: string): SimilarCaseCandidate => ({
  caseId: `C${n}`,
  reference: `EST01-2026-${String(n).padStart(6, '0')}`,
  receivedAt: `2026-0${1 + (n % 8)}-10T02:00:00.000Z`,
  description,
  status: 'closed',
  ...(category ? { category } : {}),
  ...(outcome ? { outcome } : {}),
});

const cases = [
  past(1, '電梯經常故障，困住住客半小時', 'service-missing-or-not-working', 'upheld'),
  past(2, '大堂清潔工人態度惡劣', 'staff-attitude', 'partly-upheld'),
  past(3, '二座電梯故障已經三日仍未維修', 'slow-or-inefficient', 'upheld'),
  past(4, '停車場照明不足', 'service-missing-or-not-working'),
  past(5, 'The lift broke down again and nobody came', 'service-missing-or-not-working', 'not-upheld'),
  past(6, '保安員用語不當', 'inappropriate-language'),
];
const target = { caseId: 'NEW', receivedAt: '2026-12-01T00:00:00.000Z', description: '電梯又再故障，維修太慢', category: 'service-missing-or-not-working' };

describe('have we seen this before? (similar past cases)', () => {
  it('splits Chinese into words with Intl.Segmenter', () => {
    const words = descriptionWords('電梯經常故障');
    expect(words).toContain('電梯');
    expect(words).toContain('故障');
  });

  it('ranks the cases that share words first (BM25), with their outcomes, and then the same cause', () => {
    const similar = findSimilarCases(target, cases, 5);
    const references = similar.map((s) => s.caseId);
    // Both lift-fault cases share 電梯 and 故障; C3 also shares 維修.
    expect(references.slice(0, 2).sort()).toEqual(['C1', 'C3']);
    expect(similar[0]!.sharedWords).toEqual(expect.arrayContaining(['電梯', '故障']));
    expect(similar.find((s) => s.caseId === 'C1')).toMatchObject({ outcome: 'upheld', sameCategory: true });
    // Same cause, no shared word: listed after, score 0.
    expect(references).toContain('C4');
    expect(similar.find((s) => s.caseId === 'C4')).toMatchObject({ score: 0, sameCategory: true });
    // Neither shared words nor cause: not listed.
    expect(references).not.toContain('C2');
    expect(references).not.toContain('C6');
  });

  it('weighs the same cause: equal words, the same category ranks higher', () => {
    const twins = [past(1, '水管漏水', 'staff-attitude'), past(2, '水管漏水', 'service-missing-or-not-working')];
    const [first, second] = findSimilarCases({ ...target, description: '水管漏水' }, twins);
    expect(first!.caseId).toBe('C2');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('never lists the case itself or a later one, and honours the limit', () => {
    const later = { ...past(9, '電梯故障', 'service-missing-or-not-working'), receivedAt: '2026-12-05T00:00:00.000Z' };
    const similar = findSimilarCases(target, [...cases, later, { ...past(10, '電梯故障'), caseId: 'NEW' }], 2);
    expect(similar).toHaveLength(2);
    expect(similar.map((s) => s.caseId)).not.toContain('C9');
    expect(similar.map((s) => s.caseId)).not.toContain('NEW');
  });

  it('finds English cases by their words too', () => {
    const similar = findSimilarCases({ ...target, description: 'The lift is broken', category: undefined }, cases);
    expect(similar[0]!.caseId).toBe('C5');
  });
});
