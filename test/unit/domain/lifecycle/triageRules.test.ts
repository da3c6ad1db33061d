/**
 * The triage rules' proposals one by one: each false alarm and miss the keyword rules made
 * (bench/baseline/keywordTriageRules.ts, asserted below so each case is known to fail there),
 * and how the new rules weigh words in context.
 */
import { describe, expect, it } from 'vitest';
import { proposeTriage } from '../../../../functions/domain/lifecycle/triageRules';
import { proposeTriage as proposeByKeyword } from '../../../../bench/baseline/keywordTriageRules';

describe('no false crisis alarm from a word inside another word', () => {
  it.each([
    ['"immediately" contains "media"', 'Please fix the corridor light on 12/F immediately, it has been flickering for a week.'],
    ['火車 (train) contains 火', '我每天坐火車返工，今晚回來發現大堂的燈全部不亮。'],
    ['发火 (lost his temper) contains 火', '物业客服对我发火，还挂我电话，态度太差了。'],
    ['發火 in Hong Kong usage', '保安員對我發火，大聲呼喝，態度非常差。'],
    ['"fireworks" contains "fire"', 'Fireworks from the New Year party in the podium garden kept my baby awake until 2am.'],
    ['煙火 (fireworks) contains 火', '新年夜屋苑平台放煙火，噪音太大，嬰兒整晚無法入睡。'],
    ['烟火晚会 (a fireworks show) contains 火', '小区搞烟火晚会，吵到半夜，物业也不管。'],
    ['"fire the guard" is a dismissal', 'Please fire the guard at gate 2, he swore at my husband using filthy language.'],
    ['a fire alarm going off is equipment', 'The fire alarm in Block C keeps going off at night for no reason.'],
  ])('%s: not critical', (_why, text) => {
    expect(proposeByKeyword(text).severity).toBe('critical');
    expect(proposeTriage(text).severity).not.toBe('critical');
  });

  it('"investigate" contains "gate" but is no gate: not engineering by that word', () => {
    const text = 'Could you investigate why the committee minutes were never posted on the notice board?';
    expect(proposeByKeyword(text).departmentId).toBe('engineering');
    expect(proposeTriage(text).departmentId).not.toBe('engineering');
  });
});

describe('real crises are proposed critical, also worded mildly', () => {
  it.each([
    ['火警', '大廈昨晚發生火警，住戶要疏散。'],
    ['起火', '十樓垃圾房起火，走廊都是煙。'],
    ['着火', '5栋厨房着火了，烟很大。'],
    ['失火', '地下商舖失火，煙湧入大堂。'],
    ['火災', '停車場發生火災，請即處理。'],
    ['火灾', '车库发生火灾，很多车被烧。'],
    ['a fire, worded mildly', 'A small fire started in the rubbish chute this morning; the guard put it out.'],
    ['gas, worded mildly', 'There is a faint smell of gas on the back staircase.'],
    ['injured (stem)', 'My son was injured by the broken gate in the car park.'],
    ['injuries (stem)', 'Two residents suffered injuries when the canopy fell.'],
    ['trapped in a lift', '電梯困住了一位婆婆超過半小時。'],
    ['going to the press', 'I have contacted a journalist and will go to the newspapers if nothing is done.'],
  ])('%s', (_why, text) => {
    expect(proposeTriage(text).severity).toBe('critical');
  });

  it('the keyword rules missed crises worded without their words', () => {
    expect(proposeByKeyword('My son got an electric shock from the railing and has a burn on his hand.').severity).not.toBe('critical');
    expect(proposeTriage('My son got an electric shock from the railing and has a burn on his hand.').severity).toBe('critical');
  });
});

describe('several signals, weighed', () => {
  it('a negated injury is no crisis, while the hazard still makes it serious', () => {
    const text = 'No one was injured, but the handrail on the car park ramp came loose. It is dangerous.';
    expect(proposeByKeyword(text).severity).toBe('critical');
    const proposal = proposeTriage(text);
    expect(proposal.severity).toBe('serious');
    expect(proposal.reasons.join(' ')).toContain('(negated)');
    expect(proposeTriage('幸好沒有人受傷，但停車場扶手已經鬆脫。').severity).toBe('serious');
    expect(proposeTriage('没有人受伤，但护栏松动了，很危险。').severity).toBe('serious');
  });

  it('a fire that happened stays critical even when nobody was hurt', () => {
    expect(proposeTriage('今天早上垃圾道里起火了，保安很快扑灭，没有人受伤。').severity).toBe('critical');
  });

  it('a hypothetical danger is serious, not a crisis', () => {
    expect(proposeTriage('The overloaded sockets in the plant room could start a fire.').severity).toBe('serious');
    expect(proposeTriage('電線老化，可能起火，請盡快檢查。').severity).toBe('serious');
  });

  it('the press quoted without a threat is no crisis', () => {
    const text = 'I read in the media that other estates installed EV chargers. Does our estate have any plan?';
    expect(proposeByKeyword(text).severity).toBe('critical');
    expect(proposeTriage(text).severity).toBe('general');
  });

  it('emotional language without danger is not serious', () => {
    expect(proposeTriage('氣死我了！收發室又在午飯時間關門，我真的快瘋了。').severity).toBe('general');
    expect(proposeTriage('I am so angry I could scream! The parcel room is closed at lunchtime AGAIN.').severity).toBe('general');
  });

  it('one weak word is not enough for a class: a leak from the flat above is management, cracks after handover the developer', () => {
    expect(proposeByKeyword('楼上漏水到我家卫生间天花板已经两个月了，物业只叫我自己去找楼上。').caseClass).toBe(2);
    expect(proposeTriage('楼上漏水到我家卫生间天花板已经两个月了，物业只叫我自己去找楼上。').caseClass).toBe(1);
    expect(proposeTriage('交房才半年，卧室墙面就出现好几条裂缝，开发商应该负责保修。').caseClass).toBe(2);
    expect(proposeTriage('對面地盤每朝七點開始打樁，塵土飛揚，請向政府部門反映。').caseClass).toBe(3);
  });

  it('says why, with the words and their weights', () => {
    const proposal = proposeTriage('大廈昨晚十樓垃圾房起火，走廊全是濃煙。');
    expect(proposal.reasons[0]).toMatch(/^crisis signals \d+ \(critical at 3\): fire "起火"/);
  });
});

describe('validity, proposed with its reason', () => {
  it('a compliment is no complaint', () => {
    const proposal = proposeTriage('Thank you to the night guard Mr Lee who helped me find my lost wallet. Excellent service!');
    expect(proposal.validity).toMatchObject({ proposed: 'no-complaint', reason: expect.stringContaining('compliment') });
  });

  it('a question is no complaint, but a complaint asked as a question is one', () => {
    expect(proposeTriage('請問會所泳池公眾假期幾點開放？').validity?.proposed).toBe('no-complaint');
    expect(proposeTriage('装修押金已经四个月了还没退，到底什么时候退？').validity?.proposed).toBe('valid');
  });

  it('a matter outside property management is out of scope', () => {
    expect(proposeTriage('我在淘宝买的衣服质量很差，商家不给退货。').validity).toMatchObject({ proposed: 'out-of-scope', reason: expect.stringContaining('outside property management') });
    // Mentioning a shop about the estate's own services keeps it in scope.
    expect(proposeTriage('The guard lost the parcel my online shop delivered to the management office.').validity?.proposed).not.toBe('out-of-scope');
  });

  it('an open case of the same unit and category makes a duplicate; another category does not', () => {
    const open = { caseId: '01OPEN', reference: 'EST01-2026-000311', receivedAt: '2026-11-01T00:00:00Z', category: 'service-missing-or-not-working' as const };
    const text = 'I complained about the lift last week and it is still broken, so I am complaining again.';
    expect(proposeTriage(text, { openCasesOfUnit: [open] }).validity).toEqual({
      proposed: 'duplicate',
      reason: expect.stringContaining('EST01-2026-000311'),
      duplicateOf: { caseId: '01OPEN', reference: 'EST01-2026-000311' },
    });
    expect(proposeTriage(text, { openCasesOfUnit: [{ ...open, category: 'staff-attitude' }] }).validity?.proposed).toBe('valid');
    expect(proposeTriage(text).validity?.proposed).toBe('valid');
  });
});
