import { describe, expect, it } from 'vitest';
import {
  type ClockPause,
  computeDeadlines,
  DEADLINE_POLICY_PRESETS,
  extendForPauses,
  SEED_DEFAULT_POLICY,
  SPSO_MODEL_POLICY,
  UK_HOUSING_OMBUDSMAN_2024_POLICY,
} from '../../../functions/domain/deadlinePolicy';
import { deadlinePolicySchema, parseDeadlinePolicy } from '../../../functions/domain/deadlinePolicySchema';

const HK = { jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong' } as const;
const CN = { jurisdiction: 'CN', timeZone: 'Asia/Shanghai' } as const;
const ENG = { jurisdiction: 'GB-ENG', timeZone: 'Europe/London' } as const;

describe('deadline policy schema', () => {
  it.each(Object.entries(DEADLINE_POLICY_PRESETS))('preset %s is a valid policy', (id, policy) => {
    expect(parseDeadlinePolicy(policy)).toEqual(policy);
    expect(policy.id).toBe(id);
  });

  it('rejects duplicate stage ids, negative or fractional days and unknown fields', () => {
    const stage = SEED_DEFAULT_POLICY.stages[0]!;
    expect(deadlinePolicySchema.safeParse({ ...SEED_DEFAULT_POLICY, stages: [stage, stage] }).success).toBe(false);
    const withDays = (days: number) => ({
      ...SEED_DEFAULT_POLICY,
      stages: [{ ...stage, tiers: { ...stage.tiers, general: { ...stage.tiers.general, respondWithinWorkingDays: days } } }],
    });
    expect(deadlinePolicySchema.safeParse(withDays(-1)).success).toBe(false);
    expect(deadlinePolicySchema.safeParse(withDays(2.5)).success).toBe(false);
    expect(deadlinePolicySchema.safeParse(withDays(7)).success).toBe(true);
    expect(deadlinePolicySchema.safeParse({ ...SEED_DEFAULT_POLICY, extra: 1 }).success).toBe(false);
  });

  it('rejects an unknown stage when computing', () => {
    expect(() =>
      computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-9', severity: 'general', receivedAt: '2026-03-02T02:00:00Z', ...HK }),
    ).toThrow(/no stage "stage-9"/);
  });
});

describe('seed-default preset (Hong Kong estate)', () => {
  // Monday 2 March 2026, 10:00 in Hong Kong; no holidays in the next weeks.
  const receivedAt = '2026-03-02T02:00:00Z';

  it.each([
    ['general', '2026-03-03T15:59:59.999Z', '2026-03-09T15:59:59.999Z', '2026-03-23T15:59:59.999Z'],
    ['serious', '2026-03-02T15:59:59.999Z', '2026-03-05T15:59:59.999Z', '2026-03-12T15:59:59.999Z'],
    ['critical', '2026-03-02T15:59:59.999Z', '2026-03-03T15:59:59.999Z', '2026-03-05T15:59:59.999Z'],
  ] as const)('%s: acknowledge by %s, respond by %s, at most %s with extension', (severity, ack, respond, latest) => {
    const result = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity, receivedAt, ...HK });
    expect(result.acknowledgeBy).toBe(ack);
    expect(result.respondBy).toBe(respond);
    expect(result.baseRespondBy).toBe(respond);
    expect(result.latestPermittedRespondBy).toBe(latest);
    expect(result.provisional).toBe(false);
    expect(result.rule.extensionNotice).toMatchObject({ statesReason: true, statesMeasuresTaken: true });
  });

  it('general matches the intake default of 5 working days from receipt', () => {
    const result = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'general', receivedAt, ...HK });
    expect(result.rule.respondWithinWorkingDays).toBe(5);
    expect(result.rule.respondCountedFrom).toBe('receipt');
  });

  it('critical complaint received at 23:30 on the Friday before Lunar New Year', () => {
    // Friday 13 Feb 2026 23:30 HKT. Same-day acknowledgement ends at midnight; the response is due Monday 16th
    // (the weekend does not count; Lunar New Year starts on Tuesday 17th).
    const result = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'critical', receivedAt: '2026-02-13T15:30:00Z', ...HK });
    expect(result.acknowledgeBy).toBe('2026-02-13T15:59:59.999Z');
    expect(result.respondBy).toBe('2026-02-16T15:59:59.999Z');
    expect(result.rule.escalateWhenMissedTo).toBe('hq');
  });

  it('general complaint crossing Lunar New Year: Fri 20, Mon 23, Tue 24, Wed 25, Thu 26', () => {
    const result = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'general', receivedAt: '2026-02-16T02:00:00Z', ...HK });
    expect(result.respondBy).toBe('2026-02-26T15:59:59.999Z');
  });

  it('mainland estate over Golden Week 2025 counts the make-up Sunday 28 September', () => {
    // Friday 26 Sep 2025 10:00 CST: Sun 28, Mon 29, Tue 30, (1-8 Oct off), Thu 9, Fri 10.
    const result = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'general', receivedAt: '2025-09-26T02:00:00Z', ...CN });
    expect(result.acknowledgeBy).toBe('2025-09-28T15:59:59.999Z');
    expect(result.respondBy).toBe('2025-10-10T15:59:59.999Z');
  });

  it('pauses and a granted extension move the response deadline', () => {
    // Clock stopped from Monday 10:00 to Wednesday 09:00: Monday and Tuesday are paused.
    const pauses: ClockPause[] = [{ from: '2026-03-02T02:00:00Z', to: '2026-03-04T01:00:00Z' }];
    const paused = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'general', receivedAt, pauses, ...HK });
    expect(paused.baseRespondBy).toBe('2026-03-09T15:59:59.999Z');
    expect(paused.respondBy).toBe('2026-03-11T15:59:59.999Z');
    expect(paused.pausedWorkingDays).toBe(2);
    expect(paused.acknowledgeBy).toBe('2026-03-03T15:59:59.999Z'); // acknowledgement is not moved
    expect(paused.latestPermittedRespondBy).toBe('2026-03-25T15:59:59.999Z');

    const extended = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'general', receivedAt, extensionWorkingDays: 3, ...HK });
    expect(extended.respondBy).toBe('2026-03-12T15:59:59.999Z');
    expect(extended.extensionExceedsMaximum).toBe(false);
    const tooLong = computeDeadlines(SEED_DEFAULT_POLICY, { stage: 'stage-1', severity: 'critical', receivedAt, extensionWorkingDays: 3, ...HK });
    expect(tooLong.extensionExceedsMaximum).toBe(true);
  });
});

describe('uk-housing-ombudsman-2024 preset (England)', () => {
  // Friday 28 Aug 2026 10:00 BST; Monday 31 Aug is the Summer bank holiday.
  const receivedAt = '2026-08-28T09:00:00Z';

  it('stage 1: acknowledge within 5 working days, respond within 10 working days of acknowledgement', () => {
    const result = computeDeadlines(UK_HOUSING_OMBUDSMAN_2024_POLICY, {
      stage: 'stage-1',
      severity: 'general',
      receivedAt,
      acknowledgedAt: '2026-09-01T09:00:00Z', // Tuesday 1 Sep 10:00 BST
      ...ENG,
    });
    expect(result.acknowledgeBy).toBe('2026-09-07T22:59:59.999Z'); // Tue 1, Wed 2, Thu 3, Fri 4, Mon 7
    expect(result.respondBy).toBe('2026-09-15T22:59:59.999Z'); // 10 working days after Tue 1 Sep
    expect(result.respondCountedFromInstant).toBe('2026-09-01T09:00:00Z');
    expect(result.provisional).toBe(false);
    expect(result.latestPermittedRespondBy).toBe('2026-09-29T22:59:59.999Z'); // + at most 10
    expect(result.rule.extensionNotice.includesOmbudsmanContact).toBe(true);
  });

  it('stage 1 before acknowledgement: provisional deadline counted from receipt', () => {
    const result = computeDeadlines(UK_HOUSING_OMBUDSMAN_2024_POLICY, { stage: 'stage-1', severity: 'serious', receivedAt, ...ENG });
    expect(result.provisional).toBe(true);
    expect(result.respondBy).toBe('2026-09-14T22:59:59.999Z');
  });

  it('stage 1 extension over 10 working days is flagged', () => {
    const base = { stage: 'stage-1', severity: 'general', receivedAt, acknowledgedAt: '2026-09-01T09:00:00Z', ...ENG } as const;
    expect(computeDeadlines(UK_HOUSING_OMBUDSMAN_2024_POLICY, { ...base, extensionWorkingDays: 10 })).toMatchObject({
      respondBy: '2026-09-29T22:59:59.999Z',
      extensionExceedsMaximum: false,
    });
    expect(computeDeadlines(UK_HOUSING_OMBUDSMAN_2024_POLICY, { ...base, extensionWorkingDays: 11 })).toMatchObject({
      respondBy: '2026-09-30T22:59:59.999Z',
      extensionExceedsMaximum: true,
    });
  });

  it('stage 2 over Christmas: respond within 20 working days of acknowledgement', () => {
    // Escalation received Monday 14 Dec 2026, acknowledged Wednesday 16 Dec. Skips 25 Dec, 28 Dec (Boxing Day
    // substitute) and 1 Jan 2027: Thu 17 ... Thu 31 is 9 days, then 4-8 Jan, 11-15 Jan, Mon 18 Jan is the 20th.
    const result = computeDeadlines(UK_HOUSING_OMBUDSMAN_2024_POLICY, {
      stage: 'stage-2',
      severity: 'general',
      receivedAt: '2026-12-14T10:00:00Z',
      acknowledgedAt: '2026-12-16T12:00:00Z',
      ...ENG,
    });
    expect(result.acknowledgeBy).toBe('2026-12-21T23:59:59.999Z');
    expect(result.respondBy).toBe('2027-01-18T23:59:59.999Z');
    expect(result.rule.maxExtensionWorkingDays).toBe(20);
  });
});

describe('spso-model preset', () => {
  // Wednesday 24 Dec 2025 10:00 in Hong Kong (the policy is independent of the jurisdiction's holidays).
  const receivedAt = '2025-12-24T02:00:00Z';

  it('frontline: no separate acknowledgement, respond within 5 working days, extension to 10 in total', () => {
    const result = computeDeadlines(SPSO_MODEL_POLICY, { stage: 'frontline', severity: 'general', receivedAt, ...HK });
    expect(result.acknowledgeBy).toBeNull();
    // 25, 26 Dec and 1 Jan are HK holidays: Mon 29, Tue 30, Wed 31, Fri 2, Mon 5.
    expect(result.respondBy).toBe('2026-01-05T15:59:59.999Z');
    expect(result.latestPermittedRespondBy).toBe('2026-01-12T15:59:59.999Z');
  });

  it('investigation: acknowledge within 3 working days, respond within 20 working days of receipt, no fixed extension cap', () => {
    const result = computeDeadlines(SPSO_MODEL_POLICY, { stage: 'investigation', severity: 'critical', receivedAt, extensionWorkingDays: 30, ...HK });
    expect(result.acknowledgeBy).toBe('2025-12-31T15:59:59.999Z');
    expect(result.baseRespondBy).toBe('2026-01-26T15:59:59.999Z');
    expect(result.latestPermittedRespondBy).toBeNull();
    expect(result.extensionExceedsMaximum).toBe(false);
  });
});

describe('extendForPauses', () => {
  const due = '2026-03-06T15:59:59.999Z'; // end of Friday 6 March 2026, Hong Kong

  it.each<[string, ClockPause[], string]>([
    ['no pauses', [], due],
    ['Mon 10:00 to Wed 09:00 pauses Mon and Tue', [{ from: '2026-03-02T02:00:00Z', to: '2026-03-04T01:00:00Z' }], '2026-03-10T15:59:59.999Z'],
    ['a pause within one day pauses nothing', [{ from: '2026-03-03T02:00:00Z', to: '2026-03-03T08:00:00Z' }], due],
    ['a weekend-only pause costs nothing', [{ from: '2026-02-28T02:00:00Z', to: '2026-03-01T14:00:00Z' }], due],
    ['a pause after the deadline does not move it', [{ from: '2026-03-09T02:00:00Z', to: '2026-03-11T02:00:00Z' }], due],
    [
      'overlapping pauses count once',
      [
        { from: '2026-03-02T02:00:00Z', to: '2026-03-04T01:00:00Z' },
        { from: '2026-03-03T00:00:00Z', to: '2026-03-04T04:00:00Z' },
      ],
      '2026-03-10T15:59:59.999Z',
    ],
    [
      'a paused day inside the gained time is skipped too',
      [
        { from: '2026-03-02T02:00:00Z', to: '2026-03-03T02:00:00Z' }, // Monday 2nd
        { from: '2026-03-09T02:00:00Z', to: '2026-03-10T02:00:00Z' }, // Monday 9th
      ],
      '2026-03-10T15:59:59.999Z',
    ],
  ])('%s', (_label, pauses, expected) => {
    expect(extendForPauses(due, pauses, HK.jurisdiction, HK.timeZone)).toBe(expected);
  });

  it('holidays inside a pause are not working time', () => {
    // Fri 13 Feb 17:00 to Fri 20 Feb 09:00 HKT: Fri 13 and Mon 16 paused; Tue-Thu are Lunar New Year.
    const pauses = [{ from: '2026-02-13T09:00:00Z', to: '2026-02-20T01:00:00Z' }];
    expect(extendForPauses('2026-02-23T15:59:59.999Z', pauses, HK.jurisdiction, HK.timeZone)).toBe('2026-02-25T15:59:59.999Z');
  });

  it('mainland make-up working days inside a pause are working time', () => {
    // Fri 26 Sep 2025 18:00 to Mon 29 Sep 09:00 CST pauses Fri 26 and the make-up Sunday 28th;
    // from Fri 10 Oct the deadline moves over the make-up Saturday 11th to Monday 13th.
    const pauses = [{ from: '2025-09-26T10:00:00Z', to: '2025-09-29T01:00:00Z' }];
    expect(extendForPauses('2025-10-10T15:59:59.999Z', pauses, CN.jurisdiction, CN.timeZone)).toBe('2025-10-13T15:59:59.999Z');
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => extendForPauses(due, [{ from: '2026-03-04T00:00:00Z', to: '2026-03-03T00:00:00Z' }], 'HK', 'Asia/Hong_Kong')).toThrow(RangeError);
  });
});
