/**
 * Crisis recognition by families of signals (crisisSignals.ts, weighed in triageRules.ts): each family recognises
 * wording it was not written for, the safety net flags partial combinations for urgent human triage, and drills,
 * films, metaphors and past events stay calm. The sentences here are not in the corpus.
 */
import { describe, expect, it } from 'vitest';
import { assessCrisis } from '../../../../functions/domain/lifecycle/crisisSignals';
import { analyse } from '../../../../functions/domain/lifecycle/textSignals';
import { CRISIS_MODEL } from '../../../../functions/domain/lifecycle/crisisModel.generated';
import { proposeTriage } from '../../../../functions/domain/lifecycle/triageRules';

/** The committed second opinion, never raising the HQ alarm: what the families alone decide. */
const RULES_ALONE = { ...CRISIS_MODEL, alarm: { corroborated: Number.POSITIVE_INFINITY, alone: Number.POSITIVE_INFINITY } };

const level = (text: string) => assessCrisis(analyse(text)).level;

describe('crisis families', () => {
  it.each([
    ['self-harm, hedged', 'My son says he does not want to live any more and keeps talking about ending it all.'],
    ['self-harm, zh-Hant', '隔籬個後生仔話活唔落去，成日企喺走廊窗邊。'],
    ['self-harm, zh-Hans', '楼下的阿姨说不想活了，管理处也不理。'],
    ['a weapon', 'The man downstairs waved a machete at my wife in the lift lobby.'],
    ['symptom + cause in the air', 'There are fumes coming from the car park and my daughter has a headache and feels sick.'],
    ['symptom + cause in the air, zh-Hant', '走廊有陣刺鼻氣味，我個仔一直咳。'],
    ['nobody answering + living alone', 'The old man who lives alone upstairs has not been seen for a week and does not answer the door.'],
    ['live electrics + water + arcing', '浴室的插座被水淋湿了，还一直冒火花。'],
    ['a structure came down', 'Part of the canopy over the entrance collapsed this afternoon.'],
    ['stuck between floors', '我同個女困咗喺電梯入面，停咗喺兩層中間。'],
    ['a fall, cannot get up', 'My grandfather slipped by the pool and cannot get up.'],
    ['a child at a height, alone', 'A little girl is climbing the balcony railing of 9/F and nobody is with her.'],
    ['an animal attack on a child', 'A neighbour\'s dog bit a child at the playground.'],
  ])('critical: %s', (_family, text) => {
    expect(level(text)).toBe('critical');
    expect(proposeTriage(text).severity).toBe('critical');
  });

  it.each([
    ['live electrics and water, nobody near', 'The sockets in my kitchen got wet from the leak upstairs.'],
    ['a cause in the air, happening now', 'There is a strong chemical smell in the stairwell right now.'],
    ['a child near a height', 'Children keep sitting on the podium railing after school.'],
  ])('possible crisis, urgent human triage: %s (the rules alone; the second opinion may corroborate, crisisDecision.test.ts)', (_family, text) => {
    const proposal = proposeTriage(text, { crisisModel: RULES_ALONE });
    expect(proposal.severity).not.toBe('critical');
    expect(proposal.urgentTriage?.reasons.length).toBeGreaterThan(0);
    expect(proposal.reasons.some((r) => r.startsWith('possible crisis, needs urgent human triage'))).toBe(true);
  });

  it.each([
    ['a gas drill', 'The gas leak drill this morning was not announced and it scared my mother.'],
    ['a fire drill, zh-Hans', '今天消防演练放了很多烟，事前没有通知。'],
    ['a film', 'The film night showed a movie with a building on fire and explosions; not for small children.'],
    ['a metaphor: an inbox', '我個郵箱收你哋啲通告收到爆炸。'],
    ['a metaphor: killing me', 'Waiting three weeks for a parking permit is killing me.'],
    ['a metaphor: a precedent', 'Letting him park there is a dangerous precedent.'],
    ['anger', 'I am so angry at the office I could scream.'],
    ['cigarette smoke', 'Someone smokes in the corridor every night.'],
  ])('calm: %s', (_trap, text) => {
    const proposal = proposeTriage(text);
    expect(proposal.severity).not.toBe('critical');
    expect(proposal.urgentTriage).toBeUndefined();
  });

  it('a past fire is history: serious at most, no alarm', () => {
    const proposal = proposeTriage('Last year there was a fire in the bin room; the bins are still black and nobody replaced them.');
    expect(proposal.severity).not.toBe('critical');
    expect(proposal.reasons.join(' ')).toContain('(in the past)');
  });

  it('a symptom alone, or a vulnerable person alone, is no crisis', () => {
    expect(level('I have had a headache all week because of your drilling noise.')).toBe('none');
    expect(level('The elderly residents want a bench in the garden.')).toBe('none');
  });

  it('someone who fainted during a drill still fainted: injuries are never cancelled by a drill', () => {
    expect(proposeTriage('During the fire drill an elderly resident fainted on the stairs and an ambulance came.').severity).toBe('critical');
  });
});
