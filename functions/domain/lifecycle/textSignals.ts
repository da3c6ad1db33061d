/**
 * Finds weighted terms in a complaint's words, for the triage rules.
 *
 * Chinese has no spaces: the text is split into words with `Intl.Segmenter`
 * (ICU's dictionary), and a Chinese term matches one word or a run of up to
 * four adjacent words that spell it exactly — so 火警 matches 火警 and 起火
 * matches 起火, while 火車 (train) and 發火 (lost his temper) are words of
 * their own and never contain a match for a fire. Terms the dictionary splits
 * (傳媒 → 傳|媒, 渗水 → 渗|水) still match as runs of words, and terms of three
 * characters or more match anywhere (they are specific enough).
 * English terms are regular expressions matched on whole words only, so
 * "media" never matches inside "immediately" nor "gate" inside "investigate".
 *
 * A longer match hides any match inside it ("fire alarm" hides "fire",
 * 火警鐘 hides 火警), and each match knows whether the words just before it
 * in the same clause negate it ("no one was injured", 沒有人受傷) or make it
 * hypothetical ("could start a fire", 可能起火).
 */

export interface Term {
  /** Chinese text (matched on word boundaries) or, for Latin script, a regular expression source matched on whole words. */
  pattern: string;
  weight: number;
  /** Groups terms in the reasons shown to staff (e.g. "fire", "injury"). */
  signal: string;
  /** A two-character Chinese term specific enough to match anywhere, even where the dictionary cut it (又在家暴 → 在家|暴). */
  anywhere?: boolean;
}

export interface TermHit {
  term: Term;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  negated: boolean;
  hypothetical: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ASPECT_PARTICLE = /[了咗過过着著住]$/u;
const MAX_WORDS_PER_TERM = 4;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

interface Word {
  text: string;
  start: number;
  end: number;
}

/** The text's word-like segments (Chinese words, English words, numbers), lower-cased, with their offsets. */
export interface AnalysedText {
  text: string;
  lower: string;
  words: Word[];
}

export function analyse(text: string): AnalysedText {
  const lower = text.toLowerCase();
  const words: Word[] = [];
  for (const segment of segmenter.segment(lower)) {
    if (segment.isWordLike) words.push({ text: segment.segment, start: segment.index, end: segment.index + segment.segment.length });
  }
  return { text, lower, words };
}

/** Compiled once per list of terms. */
export class TermSet {
  private readonly chinese = new Map<string, Term[]>();
  /** All Latin-script terms in one expression (one capture group each), compiled once: hundreds of separate ones cost seconds. */
  private readonly latin: RegExp | undefined;
  private readonly latinTerms: Term[] = [];

  constructor(readonly terms: readonly Term[]) {
    const latin: Term[] = [];
    for (const term of terms) {
      if (CJK.test(term.pattern)) {
        const key = term.pattern.toLowerCase();
        this.chinese.set(key, [...(this.chinese.get(key) ?? []), term]);
      } else {
        if (new RegExp(`${term.pattern}|`).exec('')!.length > 1) throw new Error(`term /${term.pattern}/ has a capturing group: use (?:...)`);
        latin.push(term);
      }
    }
    // Alternatives are tried in order: longer patterns first, so "fire alarm" is found before "fire" at the same place.
    this.latinTerms = [...latin].sort((a, b) => b.pattern.length - a.pattern.length);
    // Whole words only: not preceded or followed by a letter or digit (Unicode-aware \b).
    this.latin = this.latinTerms.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${this.latinTerms.map((t) => `(${t.pattern})`).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : undefined;
  }

  /** Every match, longest first where they overlap (a match inside a longer one is dropped). */
  find(analysed: AnalysedText): TermHit[] {
    const raw: { term: Term; start: number; end: number }[] = [];
    const { words, lower } = analysed;
    for (let i = 0; i < words.length; i += 1) {
      let spelled = '';
      for (let j = i; j < Math.min(words.length, i + MAX_WORDS_PER_TERM); j += 1) {
        const word = words[j] as Word;
        if (j > i && (words[j - 1] as Word).end !== word.start) break;
        // The dictionary often keeps an aspect particle on the word (伤了, 壞咗): the word without it matches too.
        const bare = ASPECT_PARTICLE.test(word.text) && [...word.text].length > 1 ? word.text.slice(0, -1) : undefined;
        if (bare) for (const term of this.chinese.get(spelled + bare) ?? []) raw.push({ term, start: (words[i] as Word).start, end: word.end - 1 });
        spelled += word.text;
        for (const term of this.chinese.get(spelled) ?? []) raw.push({ term, start: (words[i] as Word).start, end: word.end });
      }
    }
    // A Chinese term of three characters or more is specific enough to match anywhere, even where the dictionary cut
    // the text differently (配电房里 → 配电|房里): only one- and two-character terms need word boundaries.
    for (const [spelled, found] of this.chinese) {
      if ([...spelled].length < 3 && !found.some((term) => term.anywhere)) continue;
      for (let at = lower.indexOf(spelled); at >= 0; at = lower.indexOf(spelled, at + 1)) {
        if (!raw.some((hit) => hit.start === at && hit.end === at + spelled.length)) for (const term of found) raw.push({ term, start: at, end: at + spelled.length });
      }
    }
    if (this.latin) {
      for (const match of lower.matchAll(this.latin)) {
        const group = match.findIndex((value, i) => i > 0 && value !== undefined);
        raw.push({ term: this.latinTerms[group - 1] as Term, start: match.index, end: match.index + match[0].length });
      }
    }
    const kept = raw.filter((hit) => !raw.some((other) => other !== hit && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start));
    return kept
      .sort((a, b) => a.start - b.start)
      .map((hit) => ({
        term: hit.term,
        text: analysed.text.slice(hit.start, hit.end),
        start: hit.start,
        end: hit.end,
        negated: precededBy(analysed, hit.start, NEGATION_EN, NEGATION_ZH),
        hypothetical: precededBy(analysed, hit.start, HYPOTHETICAL_EN, HYPOTHETICAL_ZH),
      }));
  }
}

const NEGATION_EN = /^(?:no|not|nobody|none|never|without|neither|nor|nothing|\w+n't)$/;
const NEGATION_ZH = /沒有|没有|沒人|没人|無人|无人|並無|并无|未有|未曾|冇|毋|不是|並非|并非|幸好無|幸好没/;
const HYPOTHETICAL_EN = /^(?:could|might|may|risk|risks|afraid|worried|worry|fear|if|potential|possible|possibly|prevent|avoid|before)$/;
const HYPOTHETICAL_ZH = /可能|恐怕|擔心|担心|隱患|隐患|以免|避免|防止|會不會|会不会|如果|萬一|万一|預防|预防|怕/;

/** Words before `offset` in the same clause (a clause ends at punctuation): the last four English words or two Chinese words. */
function precededBy(analysed: AnalysedText, offset: number, english: RegExp, chinese: RegExp): boolean {
  const before = analysed.lower.slice(0, offset);
  const clauseStart = Math.max(...['.', ',', ';', '!', '?', ':', '。', '，', '；', '！', '？', '：', '、', '\n'].map((p) => before.lastIndexOf(p))) + 1;
  const clause = before.slice(clauseStart);
  const latinWords = clause.match(/[a-z0-9']+/g) ?? [];
  if (latinWords.slice(-4).some((word) => english.test(word))) return true;
  const clauseWords = analysed.words.filter((w) => w.start >= clauseStart && w.end <= offset && CJK.test(w.text));
  return chinese.test(clauseWords.slice(-2).map((w) => w.text).join(''));
}

/** Sum of weights of the hits that count (negated or hypothetical ones are left to the caller to weigh). */
export function total(hits: readonly TermHit[]): number {
  return hits.reduce((sum, hit) => sum + hit.term.weight, 0);
}
