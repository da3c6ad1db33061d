/**
 * The weekly report's cells say codes in words from the staff emails' catalogue (`email.insight.weeklyReport.values`,
 * issue 12), in each of the three languages: every status, channel, severity, cause and outcome a case can carry.
 */
import { describe, expect, it } from 'vitest';
import { valueInWords } from '../../../../functions/domain/insight/weeklyReport';
import { CASE_STATUSES, CAUSE_CATEGORIES, CHANNELS, LANGUAGES, SEVERITIES } from '../../../../functions/domain/vocabulary';
import { STAFF_EMAIL_CATALOGUES } from '../../../../functions/messages/staffEmail';

const OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;
const CODES = [...CASE_STATUSES, ...CHANNELS, ...SEVERITIES, ...CAUSE_CATEGORIES, ...OUTCOMES];

describe('weekly report cell words', () => {
  it.each(LANGUAGES)('has a word for every code in %s, the catalogue’s', (language) => {
    const values = STAFF_EMAIL_CATALOGUES[language].email.insight.weeklyReport.values as Record<string, string>;
    for (const code of CODES) {
      expect(values[code], `${language}: ${code}`).toBeTruthy();
      expect(valueInWords(code, language)).toBe(values[code]);
    }
  });

  it('writes the same code differently in each language where the words differ', () => {
    expect(valueInWords('in-progress', 'zh-Hant')).toBe('處理中');
    expect(valueInWords('in-progress', 'zh-Hans')).toBe('处理中');
    expect(valueInWords('in-progress', 'en')).toBe('In progress');
  });

  it('leaves a code the catalogue does not know as it is', () => {
    expect(valueInWords('finance', 'en')).toBe('finance');
  });
});
