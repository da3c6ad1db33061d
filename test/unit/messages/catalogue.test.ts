/**
 * The message catalogues (functions/messages): every key of each catalogue exists in the other two,
 * every text is non-empty, and each translation has exactly the `{placeholders}` of the English.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES as SHARED_CATALOGUES, fill, lookup, translate } from '../../../functions/messages';
import { RESIDENT_CATALOGUES } from '../../../functions/messages/resident';
import { STAFF_EMAIL_CATALOGUES } from '../../../functions/messages/staffEmail';
import { LANGUAGES } from '../../../functions/domain/vocabulary';
import { CASE_STATUSES, CAUSE_CATEGORIES, CHANNELS, SEVERITIES } from '../../../functions/domain/vocabulary';
import { STAFF_ROLES } from '../../../functions/domain/access/identity';
import { WAIT_KINDS } from '../../../functions/domain/lifecycle/workflowWait';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
/** Placeholders a translation may leave out, where its wording does without them (the Chinese stage-2 email names the reference only). */
const MAY_OMIT: Record<string, string[]> = { 'residentEmail.stage2Opened.started': ['estate'] };
const expectedPlaceholders = (key: string, english: string) => placeholders(english).filter((name) => !MAY_OMIT[key]?.includes(name));

/** Each language's whole catalogue: the part the console also loads, the resident side and the staff emails (server only). */
const CATALOGUES = Object.fromEntries(LANGUAGES.map((language) => [language, { ...SHARED_CATALOGUES[language], ...RESIDENT_CATALOGUES[language], ...STAFF_EMAIL_CATALOGUES[language] }])) as Record<
  (typeof LANGUAGES)[number],
  (typeof SHARED_CATALOGUES)['en'] & (typeof RESIDENT_CATALOGUES)['en'] & (typeof STAFF_EMAIL_CATALOGUES)['en']
>;

describe('the message catalogues', () => {
  const english = leaves(CATALOGUES.en);

  it.each(LANGUAGES)('%s has every key of every other catalogue, each non-empty', (language) => {
    const mine = leaves(CATALOGUES[language]);
    for (const other of LANGUAGES) {
      const missing = [...leaves(CATALOGUES[other]).keys()].filter((key) => !mine.has(key));
      expect(missing, `${language} lacks keys of ${other}`).toEqual([]);
    }
    const empty = [...mine].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English in every text', (language) => {
    const mine = leaves(CATALOGUES[language]);
    const different = [...english]
      .filter(([key, text]) => {
        const theirs = JSON.stringify(placeholders(mine.get(key) ?? ''));
        return theirs !== JSON.stringify(placeholders(text)) && theirs !== JSON.stringify(expectedPlaceholders(key, text));
      })
      .map(([key]) => key);
    expect(different).toEqual([]);
  });

  it('names every value of the shared vocabulary', () => {
    for (const language of LANGUAGES) {
      const c = CATALOGUES[language];
      expect(Object.keys(c.statuses).sort()).toEqual([...CASE_STATUSES].sort());
      expect(Object.keys(c.severities).sort()).toEqual([...SEVERITIES].sort());
      expect(Object.keys(c.categories).sort()).toEqual([...CAUSE_CATEGORIES].sort());
      expect(Object.keys(c.channels).sort()).toEqual([...CHANNELS].sort());
      expect(Object.keys(c.roles).sort()).toEqual([...STAFF_ROLES].sort());
      expect(Object.keys(c.waitingFor).sort()).toEqual([...WAIT_KINDS].sort());
    }
  });

  it('looks up dotted keys, fills placeholders, and shows an unknown placeholder as written', () => {
    expect(translate('zh-Hans')('console.queue.title')).toBe('个案');
    expect(lookup(CATALOGUES.en, 'console.shell.signedInAs', { name: 'Chan', role: 'HQ' })).toBe('Signed in as Chan (HQ)');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
