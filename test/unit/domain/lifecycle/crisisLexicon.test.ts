/**
 * The taxonomy lexicon (crisisLexicon.ts) and the statistical second opinion (crisisModel.ts): each axis recognises
 * sentences that are not in the corpus, in the three languages; the Simplified forms come from OpenCC; hyperbole,
 * idioms and ordinary complaints stay calm; the model only ever raises the flag to the customer-service lead, and the
 * committed model is what training on the non-blind corpus rows gives.
 */
import { describe, expect, it } from 'vitest';
import { simplifiedPairs, trainFinalModel } from '../../../../bench/trainCrisisModel';
import { BODY, CANNOT_ACT, HAZARD_SIGN } from '../../../../functions/domain/lifecycle/crisisLexicon';
import { crisisOpinion, features, trainCrisisModel } from '../../../../functions/domain/lifecycle/crisisModel';
import { CRISIS_MODEL } from '../../../../functions/domain/lifecycle/crisisModel.generated';
import { SIMPLIFIED_PAIRS } from '../../../../functions/domain/lifecycle/simplifiedChinese.generated';
import { proposeTriage } from '../../../../functions/domain/lifecycle/triageRules';

describe('the taxonomy lexicon', () => {
  it('converts with the committed table, which is what OpenCC gives for every character of the lexicon and the training rows', () => {
    expect(simplifiedPairs()).toBe(SIMPLIFIED_PAIRS);
    expect([...SIMPLIFIED_PAIRS].length).toBeGreaterThan(200);
  });

  it('holds the Simplified form of each Traditional term, converted by OpenCC rather than written twice', () => {
    const patterns = (set: typeof BODY) => set.terms.map((t) => t.pattern);
    expect(patterns(BODY)).toEqual(expect.arrayContaining(['口齒不清', '口齿不清', '呼吸困難', '呼吸困难']));
    expect(patterns(HAZARD_SIGN)).toEqual(expect.arrayContaining(['搖搖欲墜', '摇摇欲坠']));
    expect(patterns(CANNOT_ACT)).toEqual(expect.arrayContaining(['獨居', '独居']));
  });

  it.each([
    ['stroke signs, en', 'My father suddenly has slurred speech at dinner and cannot raise his left arm.'],
    ['stroke signs, zh-Hans (converted terms)', '楼下王伯刚才突然口齿不清，嘴歪了，家里没人。'],
    ['heart attack signs, zh-Hant', '保安大叔喺更亭揞住心口，出晒冷汗。'],
    ['breathing, en', 'The lady in the lift lobby is wheezing and cannot catch her breath, her lips are turning blue.'],
    ['unconscious, zh-Hans', '健身房有个年轻人躺在地上一动不动，叫不醒。'],
    ['a fit, en', 'A boy is having a seizure on the podium and foaming at the mouth.'],
    ['heavy bleeding, zh-Hant', '有個工人俾玻璃割到，流好多血，止唔到血。'],
    ['overdose, en', 'My flatmate overdosed on sleeping pills and is barely awake.'],
    ['violence now, en', 'Two men are kicking a delivery rider on the ground outside Block C.'],
    ['violence now, zh-Hans', '楼上又在家暴，女人一直在哭喊。'],
    ['fire signs without the word, zh-Hant', '後樓梯有陣燒膠味，仲有紅光，而家好多人困喺上面。'],
    ['heat where it should not be, en', 'The switch room door is hot to the touch and children play right next to it.'],
    ['electricity felt, zh-Hans', '小区门口的铁闸漏电，小朋友摸了一下被电到弹开。'],
    ['loose overhead + people, en', 'An air-conditioner is dangling from its bracket over the bus queue right now.'],
  ])('critical: %s', (_axis, text) => {
    expect(proposeTriage(text).severity).toBe('critical');
  });

  it.each([
    ['hyperbole, en', 'I nearly had a heart attack when I saw the new parking charges.'],
    ['hyperbole, zh-Hant', '電費單貴到我差啲心臟病發。'],
    ['an idiom with the words of a sign', '管理處職員講嘢含糊其辭，成日推卸責任。'],
    ['"is still" is not "lying still"', 'I complained about the lift last week and it is still broken.'],
    ['traffic, no one in its way', 'There is so much traffic on the road outside the estate in the morning.'],
    ['hot weather', 'The lobby is hot in summer; please turn the air conditioning on.'],
    ['a crowd that is only a crowd', 'The swimming pool was so crowded that the kids could not swim.'],
    ['a past stroke, handled', 'Last year my mother had slurred speech after a stroke; the guards helped a lot, thank you.'],
    ['a film', 'The movie at the clubhouse had a man foaming at the mouth, too scary for children.'],
  ])('not critical: %s', (_trap, text) => {
    expect(proposeTriage(text).severity).not.toBe('critical');
  });

  it('sends a single weak sign to a person at once rather than to HQ', () => {
    const proposal = proposeTriage('I was choking on the dust from the cleaning of the car park.');
    expect(proposal.severity).not.toBe('critical');
    expect(proposal.urgentTriage?.reasons.join(' ')).toMatch(/warning sign/);
  });
});

describe('the statistical second opinion', () => {
  it('is the committed model: training on the non-blind corpus rows gives it again, deterministically', () => {
    expect(trainFinalModel()).toEqual(CRISIS_MODEL);
    expect(CRISIS_MODEL.trainedOn).toMatch(/blind4 excluded/);
  });

  it('reads Traditional and Simplified Chinese as the same features', () => {
    expect(features('婆婆頭暈，喘唔到氣')).toEqual(features('婆婆头晕，喘唔到气'));
    expect(features('Bleeding badly')).toEqual(features('bleeds badly'));
  });

  it('flags wording close to the crises it was trained on, and not wording close to the calm ones', () => {
    const model = trainCrisisModel(
      [
        { text: 'smoke pouring from the bin room', crisis: true },
        { text: 'thick smoke in the bin room corridor', crisis: true },
        { text: 'the bin room is dirty again', crisis: false },
        { text: 'the corridor lights are dirty again', crisis: false },
      ],
      { threshold: 0, alarm: { corroborated: 100, alone: 100 }, trainedOn: 'test', minCount: 1 },
    );
    expect(crisisOpinion(model, 'smoke in the corridor').flagged).toBe(true);
    expect(crisisOpinion(model, 'the lights are dirty').flagged).toBe(false);
  });

  it('raises the HQ alarm on the wording alone only at alarm.alone, and only for a complaint not framed as past, drill or thanks', () => {
    const text = '樓下婆婆今朝開始一直喺度叫，聲音好弱。';
    const logOdds = crisisOpinion(CRISIS_MODEL, text).logOdds;
    expect(logOdds).toBeGreaterThanOrEqual(CRISIS_MODEL.alarm.alone);
    const alarmed = proposeTriage(text);
    expect(alarmed.severity).toBe('critical');
    expect(alarmed.reasons.join(' ')).toMatch(/worded like past crises \(statistical second opinion/);
    // Below its alarm threshold the same opinion is only the safety net's flag to the customer-service lead.
    const flaggedOnly = proposeTriage(text, { crisisModel: { ...CRISIS_MODEL, alarm: { corroborated: logOdds + 1, alone: logOdds + 1 } } });
    expect(flaggedOnly.severity).toBe('general');
    expect(flaggedOnly.urgentTriage?.reasons.join(' ')).toMatch(/statistical second opinion/);
  });
});
