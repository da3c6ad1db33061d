/**
 * Crisis recognition by families of signals, not by memorised wording.
 *
 * Residents rarely write "fire" or "gas leak" when frightened: they write what they see, smell and feel ("a smell
 * like rotten eggs and my mum is dizzy", "the old lady in 8B has not answered for days", "a toddler on the window
 * sill"). So a crisis is recognised from combinations of general families, each a short list of everyday words:
 *
 * - danger to life on its own: self-harm (however hedged: "might jump", 一死了之), a weapon or a threat to kill;
 * - a symptom together with a cause in the air (a smell, fumes, smoke, gas, chemicals, carbon monoxide);
 * - a vulnerable person together with a hazard (a height, live electrics, an attacking animal), worse when
 *   nobody is with them;
 * - someone not answering together with a vulnerable person or a cause (smoke, a smell);
 * - live electrics with water or crackling; a structure that has come down; someone stuck between floors; a fall
 *   after which the person cannot get up.
 *
 * What reaches a crisis is proposed critical (HQ is alerted). A partial combination (a cause with urgency but no
 * symptom, electrics near water, a child near a height) is the **safety net**: proposed "possible crisis: needs urgent
 * human triage", which puts the case at the top of the customer-service lead's queue and emails the lead at once —
 * a person decides within minutes, HQ is not alarmed on a guess.
 *
 * Words that make a hazard unreal in their sentence (a drill, a film, a metaphor such as an inbox "exploding" or "a
 * dangerous precedent") cancel the cause words there; a past event ("last year") makes them history: a hazard at
 * most. Symptoms and injuries are never cancelled by those words: someone who fainted during a drill still fainted.
 */
import { assessByTaxonomy, NOW as HAPPENING_NOW } from './crisisLexicon';
import { type AnalysedText, type Term, type TermHit, TermSet } from './textSignals';

const terms = (signal: string, patterns: string[]): Term[] => patterns.map((pattern) => ({ pattern, weight: 1, signal }));

/** Danger to life on its own, even when hedged ("might jump", 諗住一死了之): hypothetical wording does not clear it. */
const DANGER_TO_LIFE = new TermSet([
  ...terms('self-harm', ['自殺', '自杀', '輕生', '轻生', '一死了之', '一了百了', '不想活', '唔想活', '活唔落去', '活不下去', '尋死', '寻死', '結束生命', '结束生命', '了結自己', '了结自己', '跳樓', '跳楼', '跳落去', '跳下去', '想跳', '燒炭', '烧炭', '割脈', '割脉', '割腕', '輕生念頭',
    'suicid(?:e|al)', 'kill (?:my|him|her|them)sel(?:f|ves)', 'end(?:ing)? (?:it all|my life|his life|her life)', 'take (?:my|his|her) own life', "(?:don't|do not|doesn't|does not) want to live", 'better off without me', 'jump(?:ing)? off', '(?:might|going to|about to|wants? to|threaten(?:ed|ing)? to) jump', 'charcoal burning', 'self-harm(?:ing)?', 'harm(?:ing)? (?:my|him|her)self']),
  ...terms('weapon or threat to kill', ['刀', '攞刀', '拿刀', '持刀', '菜刀', '斬我', '斬死', '砍我', '砍死', '砍人', '斬人', '劈死', '殺咗我', '殺我', '杀我', '殺死', '杀死', '打死', '打我', '打死你', '打死我', '槍', '枪',
    'knife', 'knives', 'stab(?:bed|bing)?', 'gun', 'machete', '(?:kill|hurt|stab|beat|strangle) (?:me|us|you|her|him|them|my \\w+)', 'threatened to (?:kill|hurt|stab|beat)', 'beat (?:me|her|him) up']),
  // "打我電話" is "call my phone" in Cantonese: the longer match hides 打我.
  ...terms('neutral', ['打我電話', '打我电话', '打我手機', '打我手机']),
]);

/** What a person feels when something in the air or the place is harming them. */
const SYMPTOM = new TermSet(terms('symptom', ['天旋地轉', '天旋地转', '嘔', '吐', '要吐', '想吐', '頭暈', '头晕', '暈', '晕', '想嘔', '想吐', '嘔吐', '呕吐', '作嘔', '作呕', '頭痛', '头痛', '頭疼', '头疼', '咳', '咳嗽', '咳過不停', '咳个不停', '呼吸困難', '呼吸困难', '透唔到氣', '喘不過氣', '喘不过气', '胸口痛', '眼瞓', '犯困', '嗜睡', '昏昏欲睡', '刺痛', '流眼水', '喉嚨痛', '喉咙痛', '唔醒', '叫唔醒', '叫不醒', '不省人事', '抽搐', '流緊血', '正在流血',
  'dizz(?:y|iness)', 'light-?headed', '(?:head|room) (?:is |was )?spinning', 'throw(?:ing)? up', 'threw up', 'nause(?:a|ous)', 'vomit(?:ing|ed)?', 'throwing up', 'headaches?', 'cough(?:ing|s)?', "can(?:no|')t breathe", 'short of breath', 'breathless', 'drowsy', 'sleepy', "can(?:no|')t keep (?:his|her|my|their|our) eyes open", 'eyes? (?:are |is )?(?:stinging|burning|watering)', 'stinging', 'chest pains?', 'feel(?:s|ing)? (?:sick|faint|unwell)', 'not breathing', 'unresponsive', 'is bleeding', 'are bleeding']));

/** A cause in the air: something that can poison, burn or suffocate. */
const AIRBORNE_CAUSE = new TermSet(terms('cause in the air', ['電油', '电油', '汽油', '化學味', '化学味', '嘶嘶聲', '嘶嘶声', '怪味', '臭雞蛋', '臭鸡蛋', '煤氣', '煤气', '燃氣', '燃气', '石油氣', '石油气', '廢氣', '废气', '煙', '烟', '黑煙', '黑烟', '濃煙', '浓烟', '一氧化碳', '化學品', '化学品', '化學', '化学', '漂白水', '清潔劑', '清洁剂', '刺鼻', '炭味', '燒炭味', '有毒', '毒氣', '毒气', '氣味', '气味',
  'rotten eggs?', 'petrol', 'gasoline', 'diesel', 'hissing', 'fumes?', 'gas', 'smoke', 'smoky', 'chemicals?', 'bleach', 'ammonia', 'carbon monoxide', 'co alarm', 'toxic', 'strange smell', 'sharp smell', 'pungent', 'chemical smell', 'charcoal', 'smell of (?:gas|burning|chemicals|smoke)']));

const ELECTRICS = new TermSet(terms('live electrics', ['插蘇', '插座', '電線', '电线', '電掣', '电掣', '電箱', '电箱', '電錶', '电表', '總掣', '电闸', '電纜', '电缆',
  'sockets?', 'power points?', 'plugs?', '(?:power|electric(?:al|ity)?) (?:cables?|wires?|lines?)', 'cables?', 'wires?', 'live wires?', 'fuse ?box', 'consumer unit', 'switchboard']));
const WATER = new TermSet(terms('water', ['漏水', '滲水', '渗水', '水浸', '淹', '流水', '積水', '积水', '樓上漏水', '水',
  'water', 'leak(?:s|ing|ed)?', 'flood(?:s|ed|ing)?', 'pouring', 'dripping', 'soaked', 'wet']));
/** Electrics failing now (arcing), or a cable down where people walk (bare wiring in place is a hazard, not this). */
const ARCING = new TermSet(terms('arcing', ['冒火花', '噴火花', '喷火花', '啪啪聲', '啪啪声', '噼啪', '火花', '漏電', '漏电', '冒煙', '冒烟', '燒焦', '烧焦', 'crackl(?:e|es|ing)', 'spark(?:s|ing)?', 'buzzing']));
const CABLE_DOWN = new TermSet(terms('down', ['甩咗落地', '跌咗落地', '掉在地上', '掉落地', '跌落地', '斷咗', '断了', '垂落', 'came down', 'fell down', 'hanging (?:down|loose)', 'down in', 'on the ground']));

const VULNERABLE = new TermSet(terms('vulnerable person', ['長者', '长者', '老人', '老人家', '婆婆', '伯伯', '公公', '老奶奶', '老伯', '嫲嫲', '奶奶', '爺爺', '爷爷', '外婆', '年邁', '年迈', '獨居', '独居', '輪椅', '轮椅', '小朋友', '小孩', '小孩子', '男仔', '女仔', '男孩', '女孩', 'bb', 'BB', '寶寶', '宝宝', '仔女', '阿媽', '媽媽', '妈妈', '阿爸', '爸爸', '孩子', '細路', '细路', '細路仔', '嬰兒', '婴儿', '幼兒', '幼儿', '孕婦', '孕妇', '兩三歲', '两三岁', '學生', '学生',
  'elderly', 'old (?:lady|man|woman|people)', 'grand(?:ma|pa|mother|father)', 'lives alone', 'living alone', 'wheelchair', 'toddlers?', 'child(?:ren)?', 'kids?', 'boy', 'girl', 'bab(?:y|ies)', 'infant', 'pregnant', 'disabled', '\\d+-year-old']));
const HEIGHT = new TermSet(terms('height', ['窗台', '窗邊', '窗边', '天台', '屋頂', '屋顶', '樓頂', '楼顶', '欄杆', '栏杆', '邊緣', '边缘', '平台邊', '露台', '陽台', '阳台',
  'window ?sills?', 'sills?', 'ledges?', 'roof(?:top)?', 'roof edge', 'edge', 'railings?', 'balcony', 'parapet']));
const ALONE = new TermSet(terms('nobody with them', ['冇大人', '没有大人', '沒有大人', '身邊冇', '身边没有', '無人看管', '无人看管', '冇人睇', '自己一個', '一个人', '爬咗上', '爬上',
  'no adults?', 'unattended', 'alone', 'on (?:his|her) own', 'nobody with', 'no one with', 'climbed', 'climbing']));

const NOT_ANSWERING = new TermSet(terms('not answering', ['冇人應', '沒人應', '没人应', '沒有人應', '没人回应', '冇人開', '没人开', '冇人開門', '沒人開門', '没人开门', '冇見過', '没见到', '沒見到', '冇見', '報紙堆', '报纸堆', '唔應', '不應門', '不应门', '鎖住門', '锁着门',
  "(?:doesn't|does not|didn't|did not|won't) answer", "(?:has|have|had)(?: not|n't) (?:answered|been answering)", 'not answering', 'nobody (?:answers|opens|came to the door)', 'no one (?:answers|opens)', "(?:haven't|have not|hasn't|has not) (?:seen|been seen)", 'piling up', 'door is locked']));

/** Someone missing or unreachable by phone: weaker than a door nobody opens (an office phone nobody answers is common). */
const UNREACHABLE = new TermSet(terms('missing or unreachable', ['未返', '仲未返', '還沒回來', '还没回来', '沒回來', '没回来', '冇人接', '没人接', '沒人接', '失蹤', '失踪', '唔見咗', '不见了', '不見了',
  "(?:has not|hasn't|still has not|not) (?:come|came) back", 'rings out', "(?:does not|doesn't|did not|didn't) pick up", 'not picking up', 'missing', 'disappeared']));

/** Someone calling for help, or under water. */
const CRY_FOR_HELP = new TermSet(terms('cry for help', ['救命', '喊救命', '叫救命', 'screaming for help', 'cry(?:ing)? for help', 'shouting for help', 'calling for help']));
const NEAR_DROWNING = new TermSet(terms('near drowning', ['遇溺', '溺水', '沉咗落水', '沉下去', '沉咗', '咳出水', '咳水', 'drown(?:ed|ing)?', 'went under', 'coughing up water', 'pulled (?:him|her|them) out of the (?:water|pool)']));

/** Objects dropping where people walk. */
const DROPPING = new TermSet(terms('objects dropping', ['跌落', '掉到', '掉下', '掉落', '墮下', '坠落', 'dropping', 'falling', 'keep(?:s)? dropping', 'fell onto', 'landed']));
const PEOPLE_BELOW = new TermSet(terms('people below', ['行人路', '人行道', '路人', '途人', '行人', '經過', '经过', 'footpath', 'pavement', 'walkway', 'passers-?by', 'pedestrians', 'people walking', 'pass(?:es)? (?:by|under)', '(?:children|kids|schoolchildren) (?:use|walk|pass)']));

const STUCK_BETWEEN_FLOORS = new TermSet(terms('stuck in a lift', ['困咗', '困住', '被困', '困在', '卡住', '卡在', '兩層之間', '两层之间', '兩層中間', '两层中间',
  'stuck between floors', 'between floors', 'trapped', '(?:stuck|locked|shut) (?:in|inside) (?:the|a) (?:lift|elevator)']));
const LIFT = new TermSet(terms('lift', ['𨋢', '升降機', '升降机', '電梯', '电梯', 'lifts?', 'elevators?']));

const STRUCTURE = new TermSet(terms('structure', ['天花', '天花板', '石屎', '混凝土', '牆身', '墙体', '外牆', '外墙', '樓梯', '楼梯', '棚', '棚架', '脚手架', '腳手架', '木板', '磚', '砖', '簷篷', '雨篷', '屋頂', '屋顶',
  'ceiling', 'concrete', 'wall', 'slab', 'scaffold(?:ing)?', 'planks?', 'bricks?', 'canopy', 'staircase', 'roof', 'balcony']));
const CAME_DOWN = new TermSet(terms('came down', ['塌', '塌咗', '塌了', '倒塌', '坍塌', '跌落', '掉落', '掉下', '冧', '冧咗',
  'came down', 'caved in', 'collapsed?', 'fell (?:down|in|off|onto)', 'gave way', 'chunks?']));

const ANIMAL = new TermSet(terms('animal', ['狗', '大狗', '惡犬', '恶犬', '犬', 'dogs?', 'pit ?bull']));
const ATTACKED = new TermSet(terms('attack', ['撲', '扑', '咬', '撲咗', '扑向', '襲擊', '袭击', 'went for', 'attack(?:ed|ing)?', 'lunged', 'bit', 'bitten', 'mauled']));

const FELL = new TermSet(terms('a fall', ['跌低', '跌倒', '摔倒', '絆親', '绊倒', '滑倒', '跌親', 'tripped', 'slipped', 'fell', 'had a fall']));
const CANNOT_GET_UP = new TermSet(terms('cannot get up', ['企唔返起身', '企唔起身', '起唔到身', '站不起來', '站不起来', '起不來', '起不来', '郁唔到', '動不了', '动不了', '好痛', '很疼', '很痛',
  "can(?:no|')t (?:stand|get) up", "can(?:no|')t (?:move|walk)", 'really hurts', 'in (?:a lot of )?pain', 'badly hurt']));

/** Urgency: it is happening now, or about to. */
const NOW = new TermSet(terms('happening now', ['依家', '而家', '現在', '现在', '正在', '啱啱', '剛才', '刚才', '一直', '隨時', '随时', '今朝開始', '從早上', '从早上',
  'now', 'right now', 'just now', 'at the moment', 'keeps?', 'at any moment', 'since this morning', 'still']));

/** Words that make a hazard unreal in their sentence: a drill, a film, a figure of speech. */
const UNREAL = new TermSet(terms('not real', ['講笑', '讲笑', '講笑話', '讲笑话', '說笑話', '说笑话', '開玩笑', '开玩笑', '說笑', '说笑', '演習', '演习', '演練', '演练', '電影', '电影', '恐怖片', '戲', '影片', '遊戲', '游戏', '郵箱', '邮箱', '電郵', '电邮', '邮件', '先例', '激死', '氣死', '气死',
  'jok(?:e|es|ed|ing)', 'kidding', 'drills?', 'exercise', 'rehearsal', 'films?', 'movies?', 'horror', 'tv (?:show|series)', 'games?', 'inbox', 'e-?mails?', 'precedent', 'killing me', 'dying to']));
/** A past event: history, a hazard at most. */
const PAST = new TermSet(terms('in the past', ['去年', '上年', '前年', '幾年前', '几年前', '以前', 'last year', 'years ago', 'in the past', 'used to']));

/**
 * Frames that put a whole complaint outside "now" for the statistical second opinion, which reads words and no
 * context: a recent past (yesterday, last week), a future or luck ("sooner or later", "luckily nobody"), thanks.
 * Grammar of time and stance, not crisis vocabulary; chosen on the older batches' out-of-fold false alarms.
 */
const NOT_NOW = new TermSet(terms('not now', [
  '琴日', '尋日', '昨日', '昨天', '昨晚', '上星期', '上個禮拜', '上个礼拜', '上週', '上周', '上個月', '上个月', '禮拜前', '礼拜前', '星期前', '個月前', '个月前', '之前',
  '多謝', '多谢', '謝謝', '谢谢',
  'yesterday', 'last (?:week|month|night|time)', '(?:days|weeks|months) ago', 'thanks?', 'thank you',
]));
/** A future or luck ("sooner or later", "luckily nobody"): what could happen or nearly did, not what is happening. */
const FUTURE_OR_LUCK = new TermSet(terms('not now', ['遲早', '迟早', '早晚會', '早晚会', '總有一日', '总有一天', '幸好', '好彩', 'sooner or later', 'one day', 'waiting to happen', 'luckily', 'fortunately']));

/**
 * Why the whole complaint reads as not happening now (a drill, a film, a figure of speech, the past, a future,
 * luck, thanks) with no sign that something is happening now; undefined otherwise. The second opinion may not
 * raise the HQ alarm on such a complaint (it still flags it for urgent human triage).
 */
export function notNowFrame(text: AnalysedText): string | undefined {
  return frameOf(text, [...UNREAL.find(text), ...PAST.find(text), ...NOT_NOW.find(text), ...FUTURE_OR_LUCK.find(text)]);
}

/**
 * The narrower frame the rules' own crisis respects: a game, a film, a joke, a figure of speech, a future or luck,
 * with no sign of now. Not the past nor thanks: under cross-validation "last night" and "thanks everyone, bye" also
 * frame real crises (a fire still smoking, a farewell before an overdose), so there the rules' crisis stands.
 */
export function unrealFrame(text: AnalysedText): string | undefined {
  // A drill is real: someone who fainted during one fainted (a drill still cancels fire and gas words, sentence by sentence).
  return frameOf(text, [...UNREAL.find(text).filter((hit) => !DRILL.test(hit.text)), ...FUTURE_OR_LUCK.find(text)]);
}

const DRILL = /演習|演习|演練|演练|drill|exercise|rehearsal/i;

function frameOf(text: AnalysedText, markers: readonly TermHit[]): string | undefined {
  if (markers.length === 0 || HAPPENING_NOW.find(text).some((hit) => !hit.negated)) return undefined;
  return markers.map((hit) => `"${hit.text}"`).join(', ');
}

const SENTENCE_END = /[.!?;。！？；\n]/;

function sentenceBounds(lower: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && !SENTENCE_END.test(lower[start - 1] as string)) start -= 1;
  let end = offset;
  while (end < lower.length && !SENTENCE_END.test(lower[end] as string)) end += 1;
  return [start, end];
}

const sameSentence = (lower: string, hit: TermHit, markers: readonly TermHit[]) => {
  const [start, end] = sentenceBounds(lower, hit.start);
  return markers.some((marker) => marker.start >= start && marker.end <= end);
};

export type CrisisLevel = 'critical' | 'urgent-triage' | 'none';

export interface CrisisAssessment {
  level: CrisisLevel;
  /** The combinations found, for the person confirming (e.g. `symptom "頭暈" + cause in the air "怪味"`). */
  reasons: string[];
}

const quote = (hits: readonly TermHit[]) => hits.map((hit) => `"${hit.text}"`).join(', ');

/**
 * Which sentences are unreal (a drill, a film, a metaphor) or past: exported for the severity score, whose own
 * crisis words (fire, gas, explosion) those sentences cancel in the same way.
 */
export function unrealOrPast(text: AnalysedText, hit: TermHit): 'unreal' | 'past' | undefined {
  if (sameSentence(text.lower, hit, UNREAL.find(text))) return 'unreal';
  if (sameSentence(text.lower, hit, PAST.find(text))) return 'past';
  return undefined;
}

export function assessCrisis(text: AnalysedText): CrisisAssessment {
  const unreal = UNREAL.find(text);
  const past = PAST.find(text);
  // Events (a symptom, a fall, an attack) count unless negated or hedged; the context they happen in (who, where: a
  // child, a window sill, a socket) counts whatever the words around it: a negation nearby ("no lock and a toddler")
  // is about something else. `realOnly`: not in a sentence about a drill, a film, a metaphor or the past.
  const present = (set: TermSet, options: { hedgedCounts?: boolean; context?: boolean; realOnly?: boolean } = {}) =>
    set
      .find(text)
      .filter((hit) => hit.term.signal !== 'neutral')
      .filter((hit) => options.context || (!hit.negated && (options.hedgedCounts || !hit.hypothetical)))
      .filter((hit) => !options.realOnly || (!sameSentence(text.lower, hit, unreal) && !sameSentence(text.lower, hit, past)));

  const critical: string[] = [];
  const urgent: string[] = [];

  const danger = present(DANGER_TO_LIFE, { hedgedCounts: true, realOnly: true });
  if (danger.length > 0) critical.push(`danger to life: ${quote(danger)}`);

  const symptoms = present(SYMPTOM);
  const airborne = present(AIRBORNE_CAUSE, { hedgedCounts: true, realOnly: true });
  const now = present(NOW, { context: true });
  if (symptoms.length > 0 && airborne.length > 0) critical.push(`symptom ${quote(symptoms)} + cause in the air ${quote(airborne)}`);
  else if (airborne.length > 0 && now.length > 0 && present(NOT_ANSWERING).length > 0) critical.push(`cause in the air ${quote(airborne)} + nobody answering`);

  const vulnerable = present(VULNERABLE, { context: true });
  const alone = present(ALONE, { context: true });
  const electrics = present(ELECTRICS, { context: true });
  const water = present(WATER, { context: true });
  const arcing = present(ARCING);
  const down = present(CABLE_DOWN);
  if (electrics.length > 0 && (arcing.length > 0 || down.length > 0 || water.length > 0)) {
    const combination = `live electrics ${quote(electrics)} + ${quote([...arcing, ...down, ...water])}${vulnerable.length > 0 ? ` + vulnerable ${quote(vulnerable)}` : ''}`;
    const danger = (arcing.length > 0 && (water.length > 0 || vulnerable.length > 0)) || ((down.length > 0 || water.length > 0) && vulnerable.length > 0);
    (danger ? critical : urgent).push(combination);
  }

  const height = present(HEIGHT, { context: true, realOnly: true });
  if (height.length > 0 && vulnerable.length > 0) {
    if (alone.length > 0) critical.push(`vulnerable ${quote(vulnerable)} at a height ${quote(height)} + ${quote(alone)}`);
    else urgent.push(`vulnerable ${quote(vulnerable)} at a height ${quote(height)}`);
  }

  const notAnswering = present(NOT_ANSWERING, { context: true });
  if (notAnswering.length > 0 && (vulnerable.length > 0 || airborne.length > 0)) critical.push(`nobody answering ${quote(notAnswering)} + ${quote([...vulnerable, ...airborne])}`);

  const stuck = present(STUCK_BETWEEN_FLOORS);
  if (stuck.length > 0 && (present(LIFT, { context: true }).length > 0 || stuck.some((hit) => /between|之間|之间|中間|中间/.test(hit.text)))) critical.push(`someone stuck in a lift ${quote(stuck)}`);

  const structure = present(STRUCTURE, { context: true, realOnly: true });
  const cameDown = present(CAME_DOWN, { realOnly: true });
  if (structure.length > 0 && cameDown.length > 0) critical.push(`a structure came down: ${quote([...structure, ...cameDown])}`);

  const animal = present(ANIMAL, { context: true });
  const attacked = present(ATTACKED);
  if (animal.length > 0 && attacked.length > 0) {
    if (vulnerable.length > 0 || symptoms.length > 0) critical.push(`an animal attack ${quote([...animal, ...attacked])} on ${quote([...vulnerable, ...symptoms])}`);
    else urgent.push(`an animal attack ${quote([...animal, ...attacked])}`);
  }

  const drowning = present(NEAR_DROWNING, { realOnly: true });
  if (drowning.length > 0) critical.push(`near drowning: ${quote(drowning)}`);

  const cry = present(CRY_FOR_HELP, { context: true, realOnly: true });
  if (cry.length > 0) (danger.length > 0 || vulnerable.length > 0 ? critical : urgent).push(`a cry for help ${quote(cry)}`);

  const unreachable = present(UNREACHABLE, { context: true });
  if (unreachable.length > 0 && vulnerable.length > 0) urgent.push(`a vulnerable person missing or unreachable: ${quote([...vulnerable, ...unreachable])}`);

  const dropping = present(DROPPING, { realOnly: true });
  const below = present(PEOPLE_BELOW, { context: true });
  if (dropping.length > 0 && (structure.length > 0 || present(HEIGHT, { context: true }).length > 0) && (below.length > 0 || vulnerable.length > 0)) critical.push(`objects dropping where people walk: ${quote([...structure, ...dropping, ...below])}`);

  const fell = present(FELL);
  const cannotGetUp = present(CANNOT_GET_UP);
  if (fell.length > 0 && cannotGetUp.length > 0) critical.push(`a fall ${quote(fell)} + ${quote(cannotGetUp)}`);

  // The taxonomy lexicon (crisisLexicon.ts): first-aid warning signs, violence, hazard signs without their names.
  const taxonomy = assessByTaxonomy(text, (hit) => !sameSentence(text.lower, hit, unreal) && !sameSentence(text.lower, hit, past));
  critical.push(...taxonomy.critical);
  if (critical.length === 0) urgent.push(...taxonomy.urgent);

  // Partial combinations: the safety net. A cause in the air now, a symptom with a vulnerable person, someone not answering.
  if (critical.length === 0) {
    if (airborne.length > 0 && now.length > 0) urgent.push(`cause in the air ${quote(airborne)} + happening now ${quote(now)}`);
    if (symptoms.length > 0 && vulnerable.length > 0) urgent.push(`symptom ${quote(symptoms)} + vulnerable ${quote(vulnerable)}`);
    if (notAnswering.length > 0 && present(NOT_ANSWERING).some((hit) => !/locked|鎖|锁/.test(hit.text))) urgent.push(`nobody answering ${quote(notAnswering)}`);
    if (cannotGetUp.length > 0 && vulnerable.length > 0) urgent.push(`vulnerable ${quote(vulnerable)} + ${quote(cannotGetUp)}`);
  }

  if (critical.length > 0) return { level: 'critical', reasons: critical };
  if (urgent.length > 0) return { level: 'urgent-triage', reasons: urgent };
  return { level: 'none', reasons: [] };
}
