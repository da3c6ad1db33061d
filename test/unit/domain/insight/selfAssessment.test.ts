/**
 * The self-assessments from hand-made counters: the figures worked out on paper, the statement items left
 * blank, and every text the document can need present in all three languages (a missing key would show as
 * the key itself).
 */
import { describe, expect, it } from 'vitest';
import { SEED_DEFAULT_POLICY, UK_HOUSING_OMBUDSMAN_2024_POLICY } from '../../../../functions/domain/deadlinePolicy';
import { selfAssessment } from '../../../../functions/domain/insight/selfAssessment';
import { assessmentRows, controlText, gapText, itemLabel, measureLabel } from '../../../../functions/domain/insight/selfAssessmentText';
import { LANGUAGES } from '../../../../functions/domain/vocabulary';
import { INTL_LOCALES, translate } from '../../../../functions/messages';

// 10 complaints (2 untriaged), 8 acknowledged (6 within 5 working days, 7 by the policy); 6 stage-1 answers,
// 5 on time; 2 at stage 2 (1 answered in 25 working days, late), one handled by a stage-1 handler, one stage-2
// request acknowledged (the same day, on time) and one not recorded as acknowledged; 6 closed,
// 4 with a closing report (1 systemic); survey asked 6, answered 2.
const counters = {
  cases: 10, 'class:1': 8, 'class:untriaged': 2, 'category:staff-attitude': 8, 'category:untriaged': 2, 'channel:web': 7, 'channel:phone': 3, 'severity:general': 8, 'severity:untriaged': 2,
  'ack:count': 8, 'ack:onTime': 7, 'ack:days:1': 4, 'ack:days:5': 2, 'ack:days:8': 2,
  'answer:s1:count': 6, 'answer:s1:onTime': 5, 'answer:s1:days:4': 5, 'answer:s1:days:12': 1, 'answer:days:4': 5, 'answer:days:12': 1, 'answer:days:25': 1,
  'stage:2': 2, 'stage2:handled': 2, 'stage2:sameHandler': 1, 'answer:s2:count': 1, 'answer:s2:days:25': 1,
  'ack2:count': 1, 'ack2:onTime': 1, 'ack2:days:0': 1,
  closed: 6, 'lessons:reported': 4, 'lessons:systemic': 1, 'lessons:one-off': 3, 'lessons:improvement': 1,
  'survey:asked': 6, 'survey:answered': 2, 'satisfaction:process:5': 1, 'satisfaction:process:2': 1,
  'outcome:upheld': 4, 'outcome:not-upheld': 3, extended: 1, extensions: 2, extensionDays: 15,
};
const document = selfAssessment({ counters, homes: 2_000, policies: [UK_HOUSING_OMBUDSMAN_2024_POLICY, SEED_DEFAULT_POLICY, UK_HOUSING_OMBUDSMAN_2024_POLICY] });
const item = (items: { id: string }[], id: string) => items.find((i) => i.id === id) as (typeof document.iso10002)[number];
const figure = (entry: (typeof document.iso10002)[number], measure: string) => entry.evidence.find((e) => e.measure === measure);

describe('self-assessment figures', () => {
  it('measures the Code provisions the platform can evidence', () => {
    const code = document.housingOmbudsman;
    expect(figure(item(code, '6.2'), 'acknowledgedWithin5')).toMatchObject({ numerator: 6, denominator: 8, value: 0.75 });
    expect(item(code, '6.2').gaps).toEqual([{ gap: 'acknowledgedAfter5', count: 2 }, { gap: 'notAcknowledged', count: 2 }]);
    expect(figure(item(code, '6.3'), 'stage1Within10')).toMatchObject({ numerator: 5, denominator: 6 });
    expect(figure(item(code, '6.4'), 'extensionMeanDays')).toMatchObject({ value: 7.5 });
    expect(figure(item(code, '6.13'), 'stage2SeparateHandler')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(item(code, '6.13').gaps).toEqual([{ gap: 'stage2SameHandler', count: 1 }]);
    expect(figure(item(code, '6.14'), 'stage2Within20')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(figure(item(code, '8.1'), 'CH01stage1')).toMatchObject({ value: 5, unit: 'perThousandHomes' });
    expect(item(code, '9.1').gaps).toEqual([{ gap: 'closedWithoutReport', count: 2 }]);
    expect(figure(item(code, '6.11'), 'stage2AcknowledgedWithin5')).toMatchObject({ numerator: 1, denominator: 1, value: 1, cases: { stage: '2' } });
    expect(figure(item(code, '6.11'), 'stage2AcknowledgedByPolicy')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(figure(item(code, '6.11'), 'stage2AcknowledgeMedian')).toMatchObject({ value: 0, unit: 'workingDays' });
    expect(item(code, '6.11').gaps).toEqual([{ gap: 'stage2NotAcknowledged', count: 1 }]);
    expect(code.filter((i) => i.kind === 'statement').map((i) => i.id)).toEqual(['§1', '§2', '§3', '§4', '§5', '8.2', '§9']);
  });

  it('gives evidence and gaps per ISO 10002 clause', () => {
    const iso = document.iso10002;
    expect(item(iso, '7.5').gaps).toEqual([{ gap: 'untriaged', count: 2 }]);
    expect(item(iso, '8.3').gaps).toEqual([{ gap: 'lowSurveyResponse', count: 4 }]);
    expect(figure(item(iso, '7.2'), 'channel.phone')).toMatchObject({ value: 3, cases: { channel: 'phone' } });
    expect(iso.filter((i) => i.kind === 'statement').map((i) => i.id)).toEqual(['8.5', '8.6']);
  });

  it("sets the estates' policies beside the Code's timescales", () => {
    expect(document.policies[0]).toMatchObject({
      policyId: 'uk-housing-ombudsman-2024', estates: 2,
      stages: [{ stage: 1, acknowledgeWithinWorkingDays: 5, respondWithinWorkingDays: 10, maxExtensionWorkingDays: 10 }, { stage: 2, acknowledgeWithinWorkingDays: 5, respondWithinWorkingDays: 20, maxExtensionWorkingDays: 20 }],
    });
    expect(document.policies[1]).toMatchObject({ policyId: 'seed-default', estates: 1 });
  });

  it('withholds the rate per 1,000 homes when homes are unknown, and says so', () => {
    const code = selfAssessment({ counters, homes: 0, policies: [] }).housingOmbudsman;
    expect(figure(item(code, '8.1'), 'CH01stage1')?.value).toBeNull();
    expect(item(code, '8.1').gaps).toContainEqual({ gap: 'homesUnknown' });
  });
});

describe.each(LANGUAGES)('self-assessment texts in %s', (language) => {
  const t = translate(language);
  it('has a text for every item, figure, gap and control', () => {
    for (const [standard, items] of [['housingOmbudsman', document.housingOmbudsman], ['iso10002', document.iso10002]] as const) {
      for (const entry of items) {
        expect(itemLabel(standard, entry.id, t)).not.toMatch(/^selfAssessment\./);
        for (const e of entry.evidence) expect(measureLabel(e.measure, t)).not.toMatch(/selfAssessment\.|channels\.|severities\.|categories\.|outcomes\./);
        for (const g of entry.gaps) expect(gapText(g, t)).not.toMatch(/selfAssessment\.|\{count\}/);
        for (const c of entry.controls) expect(controlText(c, t)).not.toMatch(/^selfAssessment\./);
      }
      const rows = assessmentRows(standard, items, t, INTL_LOCALES[language]);
      expect(rows.length).toBeGreaterThan(items.length);
    }
  });
});
