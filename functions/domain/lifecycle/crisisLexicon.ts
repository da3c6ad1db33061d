/**
 * A crisis lexicon built from a taxonomy, not from the complaints that were missed.
 *
 * Each crisis is a harm to a person's body happening now, or a hazard with people exposed to it. So the lexicon is
 * laid out by what a frightened witness can report, axis by axis, each axis filled from general knowledge rather
 * than from corpus sentences:
 *
 * - **body**: the warning signs first-aid courses teach for the emergencies a witness sees (stroke: face, arm,
 *   speech; heart attack: chest, sweat, colour; breathing; allergic swelling; unconsciousness and fits; heat and
 *   cold; heavy bleeding; poisoning and overdose). Strong signs (2) are emergencies alone; weak signs (1) are two
 *   together, or one with a person at risk or nobody able to help;
 * - **violence**: harm a person is doing to another, now (hitting, strangling, dragging, trampling);
 * - **hazard signs**: what a fire, heat, gas, live electricity, a structure coming loose, traffic or a crowd looks,
 *   sounds or feels like, without the hazard's name ("an orange glow", "hot to the touch", "hanging by",
 *   "a jolt from the railing", "cars coming down");
 * - **exposed**: a person in the way of the hazard (anyone under, in, near it; children, elderly, a person with an
 *   illness);
 * - **cannot act**: nobody able to help (locked in, alone, nobody answers, staff refusing, waiting for a key);
 * - **now**: it is happening or getting worse.
 *
 * Written once, in Traditional Chinese (Cantonese and standard written forms) and English; the Simplified forms are
 * converted with OpenCC (`opencc-js`, Hong Kong → mainland; through the generated table of simplifiedChinese.ts), not
 * doubled by hand. Measured on the blind batches in
 * docs/TRIAGE.md; its own tests are sentences outside the corpus.
 */
import { toSimplified } from './simplifiedChinese';
import { type AnalysedText, type Term, type TermHit, TermSet } from './textSignals';

const CJK = /[\u3400-\u9fff]/;
/** Every term as written (Traditional and English), for the generator of the Traditional → Simplified table. */
export const WRITTEN_TERMS: string[] = [];

/** Two-character terms that also occur inside ordinary words (有電 in 沒有電): these keep to word boundaries. */
const NEEDS_WORD_BOUNDARY = new Set(['有電', '有电', '唔郁', '拉走', '扯走', '拖走', '好熱', '好热']);

/**
 * Traditional terms plus their OpenCC Simplified forms (deduplicated); English terms as they are. In the event
 * families (`anywhere`), two-character Chinese terms match anywhere: a warning sign is specific, and the dictionary
 * cuts text unpredictably (又在家暴 → 又|在家|暴).
 */
function lexicon(signal: string, weight: number, patterns: readonly string[], anywhere = false): Term[] {
  const all = new Set<string>();
  for (const pattern of patterns) {
    WRITTEN_TERMS.push(pattern);
    all.add(pattern);
    if (CJK.test(pattern)) all.add(toSimplified(pattern));
  }
  return [...all].map((pattern) => ({ pattern, weight, signal, ...(anywhere && CJK.test(pattern) && !NEEDS_WORD_BOUNDARY.has(pattern) ? { anywhere: true } : {}) }));
}

const HIS = '(?:his|her|my|their|our|your|the)';

/** First-aid warning signs. Weight 2: an emergency on its own; weight 1: with another sign or with context. */
export const BODY = new TermSet([
  // Stroke (face, arm, speech).
  ...lexicon('stroke signs', 2, ['口齒不清', '口齒唔清', '說話含糊', '講嘢含糊', '講嘢唔清楚', '含糊不清', '大舌頭', '面歪', '嘴歪', '口角歪', '半邊面', '半邊臉', '半邊身', '手腳無力', '一邊手無力',
    'slurr(?:ed|ing)', '(?:words|speech) (?:came|come|coming|are|were|is|was) (?:out )?(?:all )?(?:mixed up|jumbled|garbled|slurred)', 'face (?:is |was |looks |looked )?(?:droop(?:y|ing|ed)?|lopsided|twisted)', 'droop(?:y|ing) (?:face|mouth|eyelid)', "(?:can(?:no|')t|could(?:n't| not)) (?:lift|raise|move) " + HIS + ' (?:arm|hand|leg)'], true),
  // Heart.
  ...lexicon('heart attack signs', 2, ['心口痛', '胸口痛', '胸痛', '揞住心口', '按住心口', '按住胸口', '捂住胸口', '捂着胸口', '抓住心口', '心口翳', '心絞痛', '心臟病發', '心臟停頓', '冇咗心跳', '沒有心跳',
    'chest pains?', 'pains? in ' + HIS + ' chest', '(?:holding|clutching|gripping|rubbing) ' + HIS + ' chest', 'heart attack', 'cardiac arrest', 'no pulse'], true),
  // Breathing.
  ...lexicon('breathing difficulty', 2, ['唞唔到氣', '抖唔到氣', '透唔到氣', '喘唔到氣', '喘唔過氣', '喘晒氣', '喘不過氣', '上氣唔接下氣', '呼吸困難', '呼吸唔到', '冇呼吸', '沒有呼吸', '停咗呼吸', '停止呼吸', '窒息', '哽住', '噎住', '嘴唇發紫', '嘴唇發藍', '嘴唇紫', '面色發紫', '面都紫',
    'gasping', "(?:can(?:no|')t|could(?:n't| not)) (?:catch " + HIS + ' breath|breathe)', 'struggling (?:to|for) (?:breathe|breath)', 'fighting for breath', 'not breathing', 'stopped breathing', 'suffocat(?:ing|ed)', '(?:lips|face) (?:are |is |were |was |turning |turned |went |going )?(?:blue|purple)', 'blue lips'], true),
  ...lexicon('breathing difficulty', 1, ['chok(?:ing|ed)', '氣促', '呼吸急促', '喘氣', '扯氣', '氣喘', '哮喘發作', '嗚嗚聲', '呼哧', 'wheez(?:e|es|ed|ing|y)', 'breathless', 'short of breath', 'out of breath', 'panting'], true),
  // Idioms that contain a sign's words: the longer match hides the sign (含糊其辭: evasive, not slurred).
  ...lexicon('neutral', 0, ['含糊其辭', '含糊其詞', '講嘢含糊其辭'], true),
  // Allergy.
  ...lexicon('allergic swelling', 1, ['腫晒', '腫起', '腫咗', '腫到', '嘴唇腫', '眼腫', '喉嚨腫', '塊面腫', '出晒疹', '過敏', '敏感反應',
    '(?:lips|tongue|throat|eyes|face) (?:are |is |were |was )?(?:swelling|swollen|puffing up|puffed up|puffy|blowing up)', 'allergic reaction', 'anaphyla(?:xis|ctic)', 'hives', 'epipen'], true),
  // Consciousness, fits, confusion.
  ...lexicon('unconscious or fitting', 2, ['不省人事', '昏迷', '暈低咗', '暈倒', '叫唔醒', '叫不醒', '冇反應', '沒有反應', '一動不動', '動也不動', '郁都唔郁', '唔郁', '抽筋', '抽搐', '口吐白沫', '羊癇', '癲癇發作', '神志不清', '意識模糊', '認唔到人', '前言不對後語', '語無倫次', '胡言亂語',
    'unconscious', 'unresponsive', "(?:won't|will not|doesn't|does not|didn't|did not|can't|cannot) wake (?:up)?", '(?:lying|lay|lies) (?:completely |very )?(?:still|motionless)', '(?:is|was) (?:completely |totally )?motionless', 'not moving', 'seizures?', 'fitting', 'convuls(?:ing|ions?|ed)', 'foaming at the mouth', "(?:isn't|is not|wasn't|was not|not) making (?:any )?sense", "(?:doesn't|does not|didn't|did not) know where (?:she|he) (?:is|was)", 'delirious', 'passed out', 'fainted', 'collapsed'], true),
  // Circulation and skin.
  ...lexicon('shock or circulation', 1, ['出冷汗', '冒冷汗', '一身冷汗', '冷汗', '面青', '面青青', '面色發青', '面色蒼白', '臉色發青', '臉色蒼白', '面無血色', '手腳冰冷', '皮膚好熱', '熱到辣手', '熱到燙手', '好熱好熱', '發高燒', '高燒', '中暑', '熱衰竭', '失溫', '凍僵',
    'cold sweat', 'sweaty', 'sweating (?:heavily|a lot|buckets)', 'clammy', '(?:went|gone|turned|is|was|looks|looked) (?:very |really |all )?(?:grey|gray|ashen|pale|white as)', 'skin (?:is |was |feels |felt )?(?:burning|very|really)? ?hot', 'burning hot', 'heat ?stroke', 'heat exhaustion', 'hypothermi(?:a|c)', 'high fever'], true),
  // Bleeding, poisoning, overdose.
  ...lexicon('heavy bleeding', 2, ['流好多血', '流咗好多血', '大量出血', '血流不止', '止唔到血', '一地血', '成地血', '周身血', '吐血', '好深嘅傷口', '傷口好深',
    '(?:a lot|lots|loads|so much|a pool|pools) of blood', 'bleeding (?:heavily|badly|a lot|everywhere)', "(?:won't|will not) stop bleeding", 'blood everywhere', 'deep cut', 'gash', 'vomiting blood', 'coughing (?:up )?blood'], true),
  ...lexicon('overdose or poisoning', 2, ['食晒', '吞晒', '吞咗', '吞了', '成樽藥', '成排藥', '服藥過量', '過量服藥', '食過量', '藥物過量', '吞藥', '飲咗漂白水', '飲咗殺蟲水', '農藥',
    'overdos(?:e|ed|ing)', 'swallowed (?:all|a lot of|a whole|the whole|loads of|lots of|a bottle of|a handful of|' + HIS + ')', 'took (?:all|a whole bottle of|a handful of) ' + HIS + '? ?(?:pills|tablets|medicine|meds)', '(?:drank|swallowed) (?:bleach|poison|pesticide|weedkiller)'], true),
]);

/** Harm a person is doing to another person, now. */
export const VIOLENCE = new TermSet(lexicon('violence to a person', 2, [
  '打緊佢', '打緊人', '打佢老婆', '打老婆', '打仔', '打個仔', '撞門', '撞牆', '個頭撞', '掐頸', '箍頸', '叉頸', '捏頸', '拖走', '扯走', '拉走', '扯住頭髮', '揪頭髮', '拳打腳踢', '踢佢', '推落樓梯', '人踩人', '踩踏', '踩住佢', '踩落佢', '踩到佢', '家暴', '家庭暴力', '虐待', '虐兒',
  '(?:banging|bashing|slamming|smashing) ' + HIS + ' (?:head|face)', '(?:hitting|beating|punching|kicking|slapping|strangling|choking|throttling) (?:her|him|them|his \\w+|her \\w+|a \\w+|the \\w+)', '(?:dragged|dragging|pulled|pulling) (?:her|him|a \\w+|the \\w+) (?:out|away|along|by)', 'by (?:the|her|his) (?:hair|throat|neck)', 'trampl(?:ed|ing)', 'treading on (?:her|him|them|people)', 'stamp(?:ed|ing) on (?:her|him|them)', 'crush(?:ed|ing) (?:against|in the crowd)', 'crowd crush', 'stampede', 'domestic (?:violence|abuse)',
], true));

/** What a hazard looks, sounds, smells or feels like, without its name. Weight 2: a hazard now; 1: a sign of one. */
export const HAZARD_SIGN = new TermSet([
  ...lexicon('fire signs', 2, ['火光', '紅光', '橙色光', '橙色嘅光', '一片紅', '火舌', '噼噼啪啪', '劈劈啪啪', '噼里啪啦', '劈里啪啦', '灰濛濛', '白濛濛', '烏煙瘴氣', '嗆鼻', '睇唔到出口', '看不見出口', '看不到出口', '燶膠味', '燒膠味', '燒塑膠', '燒塑料味', '膠溶', '溶膠味', '燶味', '燒焦嘅味',
    '(?:orange|red) (?:light|glow)', 'glow(?:ing)? (?:orange|red)', 'crackl(?:e|es|ed|ing) (?:noise|sound)s?', '(?:corridor|room|stairwell|lobby|stairs?|air|flat|landing) (?:is |was )?(?:all |full of |thick with )?(?:grey|gray|hazy|haze)', "(?:can(?:no|')t|could(?:n't| not)) see (?:the )?(?:exit|stairs|door|corridor)", 'smell (?:like|of) (?:melting|burning|burnt) (?:plastic|rubber|wires?)', 'melting plastic', 'scorch(?:ed|ing|es)? marks?'], true),
  ...lexicon('heat where it should not be', 2, ['熱到燙', '摸落好熱', '摸落去好熱', '摸上去很燙', '燙手', '好燙', '滾燙', '發滾', '熱到冒煙', '燒緊',
    'hot to (?:the )?touch', '(?:too|very|really|burning) hot to touch', 'scorching hot', 'too hot to hold'], true),
  ...lexicon('electricity felt', 2, ['觸電', '電親', '電咗一下', '麻咗一下', '麻痺咗', '有電', '漏電', '電到彈開',
    'got (?:a|an) (?:electric )?shock', 'zapped', 'jolt', 'tingl(?:e|ed|ing) (?:from|when)', '(?:railing|tap|door|handle|metal|pipe) (?:is |was )?live'], true),
  ...lexicon('gas signs', 2, ['嘶嘶聲', '臭雞蛋', '石油氣味', '煤氣味', '有陣氣味', 'hissing', 'rotten[- ]eggs?', 'smell of gas', 'gas smell'], true),
  ...lexicon('coming loose overhead', 2, ['吊住', '吊喺半空', '得一邊鉸', '得返一邊', '搖搖欲墜', '晃嚟晃去', '晃來晃去', '搖嚟搖去', '搖緊', '隨時跌落', '隨時冧', '一嚿嚿', '大嚿', '成嚿',
    'hanging (?:by|off|loose|down)', 'dangling', 'swinging (?:about|around|in the wind)', '(?:wobbling|wobbly|loose) (?:up there|overhead|above)', '(?:lumps?|chunks?|pieces?|slabs?) of (?:concrete|plaster|glass|tiles?|brick|stone|metal)', 'crashed down', 'came crashing'], true),
  ...lexicon('traffic where people are', 1, ['啲車不停', '車不停', '車來車往', '車嚟車往', '車路中間', '馬路中間', '行車道', '車道上',
    '(?:cars?|vehicles?|lorr(?:y|ies)|trucks?|vans?) (?:coming|driving|speeding|reversing)', 'traffic', 'on the (?:road|driveway|carriageway)', 'in the road'], true),
  ...lexicon('crowd pressing', 1, ['迫住', '擠住', '逼爆', '人迫人', '人擠人', '幾百人', '好多人推', 'hundreds of people', 'pushing (?:and shoving|through|against)', 'packed crowd', 'crowd(?:s|ed)? (?:surging|pushing)'], true),
  ...lexicon('water where people are', 1, ['遇溺', '沉咗落去', '浮喺水面', '面向下', '喺水底', '浸咗喺水', 'face down in', 'at the bottom of the pool', 'under the water', 'went under'], true),
]);

/** A person in the way: anyone named, the vulnerable above all. */
export const EXPOSED = new TermSet(lexicon('person exposed', 1, [
  '小朋友', '小孩', '細路', '細路仔', 'BB', '嬰兒', '幼兒', '學生', '中學生', '後生仔', '老人家', '長者', '婆婆', '伯伯', '阿伯', '公公', '老婆婆', '老伯', '孕婦', '輪椅', '心臟病', '哮喘', '糖尿病', '有病', '病人', '行人', '街坊', '住客', '居民', '途人', '路人', '喺下面', '喺底下', '喺入面', '佢一個',
  'child(?:ren)?', 'kids?', 'toddlers?', 'bab(?:y|ies)', 'teen(?:ager)?s?', 'boy', 'girl', 'elderly', 'old (?:lady|man|woman|people|person)', '\\d+-year-old', 'pregnant', 'wheelchair', 'heart (?:condition|problem|disease)', 'asthma(?:tic)?', 'diabetic', 'people (?:are )?(?:still )?(?:walking|standing|underneath|below|inside|waiting)', 'underneath', 'passers-?by', 'residents (?:walk|pass|use)', 'where (?:the )?(?:kids|children|people) (?:play|ride|walk|wait|sit)',
]));

/** Nobody able to help: locked in or out, alone, unanswered, refused. */
export const CANNOT_ACT = new TermSet(lexicon('nobody able to help', 1, [
  '開唔到', '打唔開', '入唔到', '出唔到', '鎖咗門', '鎖住門', '反鎖', '等鎖匙', '冇鎖匙', '冇人應', '冇人理', '冇人睇', '冇大人', '冇人喺度', '得佢一個', '自己一個', '一個人住', '獨居', '唔關佢哋事', '唔關我哋事', '唔好理', '唔肯幫', '唔肯入', '拍門冇反應', '冇人開門',
  "(?:can(?:no|')t|could(?:n't| not)) (?:open|get (?:in|out|to (?:her|him|them)))", '(?:door|gate) (?:is |was )?locked', 'locked (?:in|out)', 'wait for (?:\\w+ ){0,3}(?:key|son|daughter|family)', 'nobody (?:answers|comes|came|is there|around|in the)', 'no one (?:answers|comes|came|is there|around)', 'no adults?', 'on (?:his|her|their) own', 'home alone', 'lives alone', 'not (?:our|their|my) business', 'not to get involved', "(?:won't|will not|refused to) (?:help|come|go in|check)", "(?:doesn't|does not|didn't|did not) open",
]));

/** Happening now or getting worse. */
export const NOW = new TermSet(lexicon('happening now', 1, [
  '而家', '依家', '現在', '正在', '頭先', '啱啱', '越嚟越', '越來越', '仲喺度', '仍然', '即刻', '唔該快', '快啲', '救命', '馬上',
  'right now', 'now', 'just now', 'still', 'getting (?:worse|stronger|bigger|louder)', 'more and more', 'keeps? getting', 'please help', 'quick(?:ly)?', 'hurry', 'urgent(?:ly)?',
]));

export interface TaxonomyAssessment {
  critical: string[];
  urgent: string[];
}

const quote = (hits: readonly TermHit[]) => hits.map((hit) => `"${hit.text}"`).join(', ');
const weight = (hits: readonly TermHit[]) => hits.reduce((sum, hit) => sum + hit.term.weight, 0);
const distinctSignals = (hits: readonly TermHit[]) => new Set(hits.map((hit) => hit.term.signal)).size;

/**
 * Combines the axes: a strong body sign, two body signs of different kinds, or violence to a person are crises on
 * their own; a weak body sign with a person at risk or nobody able to help is one too. A strong hazard sign with a
 * person exposed or nobody able to help is a crisis; a hazard sign alone, or a weak one (traffic, a crowd, water) with
 * people, goes to a person at once (the safety net). `real` filters out what a drill, a film, a metaphor or the past
 * makes unreal (crisisSignals.ts decides), and negated or hypothetical events.
 */
/** "Nearly had a heart attack", 差啲心臟病發: hyperbole, not an event. The clause just before the sign is read. */
const NEARLY = /(?:^|[^a-z])(?:nearly|almost|practically|virtually)(?:\s+\S+){0,3}\s*$|差啲|差點|幾乎|险些|險些|差点|几乎/;

function hedged(text: AnalysedText, hit: TermHit): boolean {
  const before = text.lower.slice(Math.max(0, hit.start - 24), hit.start);
  const clause = before.slice(Math.max(...[',', '.', ';', '!', '?', '，', '。', '；', '！', '？', '、'].map((p) => before.lastIndexOf(p))) + 1);
  return NEARLY.test(clause);
}

export function assessByTaxonomy(text: AnalysedText, real: (hit: TermHit) => boolean): TaxonomyAssessment {
  const found = (set: TermSet, event: boolean) =>
    set.find(text).filter((hit) => hit.term.weight > 0 && (!event || (!hit.negated && !hit.hypothetical && !hedged(text, hit))) && real(hit));
  const body = found(BODY, true);
  const violence = found(VIOLENCE, true);
  const hazard = found(HAZARD_SIGN, true);
  const exposed = found(EXPOSED, false);
  const cannotAct = found(CANNOT_ACT, false);
  const now = found(NOW, false);
  const critical: string[] = [];
  const urgent: string[] = [];

  const strongBody = body.filter((hit) => hit.term.weight >= 2);
  if (strongBody.length > 0) critical.push(`warning signs of an emergency ${quote(strongBody)}`);
  else if (distinctSignals(body) >= 2) critical.push(`warning signs together ${quote(body)}`);
  else if (body.length > 0 && (exposed.length > 0 || cannotAct.length > 0)) critical.push(`a warning sign ${quote(body)} + ${quote([...exposed, ...cannotAct])}`);
  else if (body.length > 0) urgent.push(`a warning sign ${quote(body)}`);

  if (violence.length > 0) critical.push(`violence to a person ${quote(violence)}`);

  const strongHazard = hazard.filter((hit) => hit.term.weight >= 2);
  const people = [...exposed, ...cannotAct];
  if (strongHazard.length > 0 && (people.length > 0 || now.length > 0)) critical.push(`a hazard ${quote(strongHazard)} + ${quote([...people, ...now])}`);
  else if (weight(hazard) >= 1 && exposed.length > 0 && (now.length > 0 || cannotAct.length > 0 || distinctSignals(hazard) >= 2)) critical.push(`a hazard ${quote(hazard)} + ${quote([...people, ...now])}`);
  else if (hazard.length > 0 && (strongHazard.length > 0 || exposed.length > 0)) urgent.push(`a hazard sign ${quote(hazard)}${exposed.length > 0 ? ` + ${quote(exposed)}` : ''}`);

  return { critical, urgent };
}
