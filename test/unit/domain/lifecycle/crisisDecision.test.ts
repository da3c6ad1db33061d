/**
 * The crisis decision (triageRules.ts `decideCrisis`): the rules' critical stands; the statistical second opinion
 * raises the HQ alarm with the rules' own signs of danger at `alarm.corroborated`, alone at `alarm.alone`, never on a
 * complaint framed as not happening now (crisisSignals.ts `notNowFrame`); otherwise flags for urgent human triage.
 */
import { describe, expect, it } from 'vitest';
import { CRISIS_MODEL } from '../../../../functions/domain/lifecycle/crisisModel.generated';
import { notNowFrame } from '../../../../functions/domain/lifecycle/crisisSignals';
import { analyse } from '../../../../functions/domain/lifecycle/textSignals';
import { crisisEvidence, decideCrisis, proposeTriage } from '../../../../functions/domain/lifecycle/triageRules';

const model = { threshold: 7, alarm: { corroborated: 4, alone: 10 } };
const rules = (over: Partial<{ critical: boolean; urgent: boolean; notNow: boolean; unreal: boolean }> = {}) => ({ critical: false, urgent: false, notNow: false, unreal: false, ...over });

describe('the crisis decision', () => {
  it('keeps the rules\' critical whatever the second opinion says', () => {
    expect(decideCrisis(rules({ critical: true }), undefined, model)).toBe('critical');
    expect(decideCrisis(rules({ critical: true }), -20, model)).toBe('critical');
  });

  it('raises the alarm with the rules\' own signs at the corroborated threshold, alone only at the higher one', () => {
    expect(decideCrisis(rules({ urgent: true }), 4, model)).toBe('critical');
    expect(decideCrisis(rules({ urgent: true }), 3.9, model)).toBe('urgent');
    expect(decideCrisis(rules(), 9.9, model)).toBe('urgent');
    expect(decideCrisis(rules(), 10, model)).toBe('critical');
    expect(decideCrisis(rules(), 6.9, model)).toBe('none');
  });

  it('never raises the alarm from the second opinion on a complaint framed as not now; the flag stays', () => {
    expect(decideCrisis(rules({ notNow: true }), 30, model)).toBe('urgent');
    expect(decideCrisis(rules({ urgent: true, notNow: true }), 30, model)).toBe('urgent');
    // Not consulted (the rules dismissed every danger word): the rules decide.
    expect(decideCrisis(rules(), undefined, model)).toBe('none');
  });

  it.each([
    ['the past', 'Yesterday the lift stopped between floors with my father inside.'],
    ['a later day', '上個禮拜有個細路喺泳池遇溺，好彩救生員救返佢。'],
    ['sooner or later', '游乐场旁边的井盖裂了，踩上去会晃，迟早有人崴脚。'],
    ['thanks', 'Thank you to the guard who helped my mother when she fainted in the lobby.'],
    ['a drill', 'The fire drill this morning had smoke everywhere and the old folks were coughing.'],
  ])('reads a complaint framed as not now: %s', (_frame, text) => {
    expect(notNowFrame(analyse(text))).toBeDefined();
  });

  it.each([
    ['now, though last week is named', 'Since the repair last week the gas smell is getting stronger right now and my son is dizzy.'],
    ['plain present', 'There is a man lying on the stairs of Block C and he does not answer.'],
  ])('does not read a complaint happening now as framed: %s', (_frame, text) => {
    expect(notNowFrame(analyse(text))).toBeUndefined();
  });

  it('gives the reason when the second opinion raised the alarm, and the acknowledgement path uses the committed thresholds', () => {
    expect(CRISIS_MODEL.alarm).toEqual({ corroborated: 4, alone: 10 });
    const text = 'The sockets in my kitchen got wet from the leak upstairs.';
    const evidence = crisisEvidence(text);
    expect(evidence.rules).toEqual({ critical: false, urgent: true, notNow: false, unreal: false });
    expect(evidence.logOdds).toBeGreaterThanOrEqual(CRISIS_MODEL.alarm.corroborated);
    const proposal = proposeTriage(text);
    expect(proposal.severity).toBe('critical');
    expect(proposal.urgentTriage).toBeUndefined();
    expect(proposal.reasons.join(' ')).toMatch(/crisis: signs of danger \(live electrics .*\) worded like past crises/);
  });

  it('turns the rules\' critical into urgent triage in a complaint framed as unreal (a game, a figure of speech, a future), not in the past nor a drill', () => {
    expect(decideCrisis(rules({ critical: true, unreal: true }), undefined, model)).toBe('urgent');
    // The fourth round's decision, kept for the cross-validation's comparison.
    expect(decideCrisis(rules({ critical: true, unreal: true }), undefined, model, false)).toBe('critical');
    const game = proposeTriage('My nephew plays a zombie game in the common room every night yelling "she is bleeding to death, he has been stabbed" at full volume.');
    expect(game.severity).not.toBe('critical');
    expect(game.urgentTriage?.reasons.join(' ')).toMatch(/framed as not real or not now/);
    // Told with a recent past, a crisis still happening is not dismissed (cross-validation: "last night" frames real fires).
    expect(proposeTriage('Since last night a fire has been burning in the bin room and smoke is filling the stairwell where people are trapped.').severity).toBe('critical');
  });
});
