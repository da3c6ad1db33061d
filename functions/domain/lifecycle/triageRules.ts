/**
 * Initial assessment, rules first (ISO 10002 "initial assessment"): propose
 * class, severity, cause category, department and validity from the
 * complaint's words. A person always confirms or corrects the proposal at
 * triage; the reasons say which words weighed how much so they can judge it
 * quickly. Nothing is closed or dropped on a proposal.
 *
 * Each proposal is a score over several signals, not one word (see
 * textSignals.ts for how words are found): a proposed-critical complaint
 * alerts HQ at acknowledgement, so one ambiguous word must never do it.
 * Tuned on two thirds of test/fixtures/triageCorpus.ts; measured on all of it,
 * the held-out third reported apart (`npm run bench`, docs/TRIAGE.md).
 */
import type { CauseCategory, ComplaintClass, Severity } from '../complaint';
import type { TriageProposal, ValidityProposal } from '../complaintCase';
import type { OpenCaseOfUnit } from '../openCasesOfUnit';
import { type CrisisModel, crisisOpinion } from './crisisModel';
import { CRISIS_MODEL } from './crisisModel.generated';
import { assessCrisis, notNowFrame, unrealFrame, unrealOrPast } from './crisisSignals';
import { type AnalysedText, type Term, type TermHit, TermSet, analyse, total } from './textSignals';

export type { OpenCaseOfUnit };

export interface TriageContext {
  openCasesOfUnit?: readonly OpenCaseOfUnit[];
  /** The complainant said someone is in danger right now (complaint form): critical whatever the words say. */
  dangerReported?: boolean;
  /** The statistical second opinion; the committed one unless a cross-validation fold brings its own. */
  crisisModel?: CrisisModel;
}

const terms = (signal: string, weight: number, patterns: string[]): Term[] => patterns.map((pattern) => ({ pattern, weight, signal }));

/** Thresholds: a crisis needs a strong signal (one alone scores 3); serious needs 2 from danger, repetition, outage, vulnerability. */
export const CRITICAL_AT = 3;
export const SERIOUS_AT = 2;
const CLASS_AT = 2;

/**
 * Seed 002 §三: critical (恶性) — danger to people happening now, or a public crisis (the press, collective action).
 * Neutral terms (weight 0) hide the crisis words inside them: a fire alarm or fire door is equipment, "fire the guard" a dismissal.
 */
const CRISIS = new TermSet([
  ...terms('fire', 3, ['起火', '着火', '著火', '失火', '火災', '火灾', '火警', '小火', '大火', '火頭', '火头', '冒煙', '冒烟', '濃煙', '浓烟', 'fires?', 'caught fire', 'on fire', 'blaze', 'flames', 'smoke filled', '燒焦味', '烧焦味', '燒焦', '烧焦', '焦味', '爆炸', 'burning smell', 'smell of burning', 'smell of (?:burning|melting|burnt)', '燒膠', '烧塑料', '膠味', '胶味', '燒電線', '烧电线', 'smoke (?:is |was )?(?:coming|pouring)', 'explo(?:sion|ded)', 'sparks? (?:came|coming|flying)']),
  ...terms('smoke', 2, ['冒火花', '噴火花', '喷火花', '火花', '火星', 'sparks?', 'sparking']),
  ...terms('smoke', 1.5, ['smok(?:e|ing)']),
  ...terms('neutral', 0, ['火警鐘', '火警钟', '消防', '消防栓', '消防門', '消防门', 'fire (?:alarms?|doors?|exits?|escapes?|extinguishers?|safety|drills?|hydrants?|hoses?|inspections?)', 'fire (?:the|him|her|them|this|that|your|our)', 'smoke (?:detectors?|alarms?)']),
  ...terms('gas', 3, ['煤氣味', '煤气味', '燃氣味', '燃气味', '煤氣洩漏', '煤气泄漏', '燃氣洩漏', '燃气泄漏', '漏氣', '漏气', 'gas leaks?', 'gas leaking', 'smell of gas', 'gas smell', 'smells of gas']),
  ...terms('injury', 3, ['受傷', '受伤', '流血', '骨折', '燒傷', '烧伤', '灼傷', '灼伤', '瘀傷', '淤青', '擦傷', '擦伤', '昏迷', '送院', '送醫', '送医', '救護車', '救护车', '身亡', '死亡', '打傷', '打伤', 'injur(?:y|ies|ed|ing)?', 'hurt', 'bleeding', 'bled', 'fractured?', 'broke (?:his|her|my|their) (?:arm|leg|wrist|hip|ankle)', 'burns?', 'burnt', 'bruised?', 'ambulance', 'hospitali[sz]ed', 'unconscious', 'cut (?:his|her|my|their) (?:head|hand|face|leg|arm|foot)', '暈倒', '晕倒', '暈低', '昏倒', '扭傷', '扭伤', '睇醫生', '看醫生', '看医生', '看了医生', '急症', '急診', '急诊', '縫針', '缝针', '咬傷', '咬伤', '中毒', '白車', '叫咗白車', '叫了120', '打了120', '打999', '送醫院', '送医院', '送院', '撞親個頭', '磕破', '頭破', '头破', '墮樓', '坠楼', '跳樓', '跳楼', '自殺', '自杀', 'faint(?:ed)?', 'passed out', 'collapsed (?:in|on|at)', 'paramedics', 'twisted (?:my|his|her|their) (?:ankle|knee|wrist|back)', 'sprain(?:ed)?', '(?:see|saw|seeing|visit) a doctor', 'a&e', 'emergency room', 'stitches', 'bitten', 'bit (?:me|him|her|the|a|my|our|his)', 'called (?:an ambulance|999|911|120)', '(?:took|take|taken) (?:him|her|them) to (?:the )?hospital', 'hit (?:his|her|my|their) head', 'poison(?:ed|ing)', 'carbon monoxide', 'suicide']),
  ...terms('trapped', 3, ['困住', '被困', '困在', 'trapped', 'stuck in (?:the|a) (?:lift|elevator)', '(?:stuck|trapped) between']),
  ...terms('electric shock', 3, ['觸電', '触电', '電到', '电到', '電親', 'electric shock', 'electrocut(?:ed|ion)?']),
  ...terms('violence', 3, ['打人', '毆打', '殴打', '襲擊', '袭击', 'assault(?:ed)?', 'attacked', 'punched', '搶劫', '抢劫', '持刀', '恐嚇', '恐吓', 'robbery', 'robbed', 'threatened (?:to kill|me with|us with)', 'knife']),
  ...terms('water on electrics', 3, ['電錶房', '电表房', '配電房', '配电房', '電房', '电房', '電箱', '电箱', 'electrical (?:switch )?room', 'switch room', 'meter room']),
  ...terms('falling', 2, ['跌落', '掉下來', '掉下来', '墮下', '坠落', '墜落', '高空墮物', '高空坠物', '倒塌', '塌', 'collapsed?', 'fell (?:onto|on|from|off|into)', 'falling (?:tiles|glass|debris|objects)', '掉進', '掉进', '掉落', '墜下', 'fell down', 'fell over']),
  ...terms('near miss', 1, ['險些', '险些', '差點', '差点', 'nearly hit', 'narrowly missed', 'almost hit']),
  ...terms('press', 1, ['記者', '记者', '傳媒', '传媒', '媒體', '媒体', '電視台', '电视台', '報社', '报社', '報紙', '报纸', 'journalists?', 'reporters?', 'newspapers?', 'the press', 'media', 'tv']),
  ...terms('going public', 2, ['爆料', '曝光', '報料', '上新聞', '上新闻', '網上公開', '网上公开', '放上網', '放上网', '发到网上', '發到網上', '放上報紙', '发给报社', '發給報社', 'go (?:to|public)', 'contacted', 'invited', 'send (?:\\w+ ){0,3}to the', 'post (?:\\w+ ){0,2}online', 'social media', '聯絡了', '联系了', '邀請', '邀请', '通知了', '找記者', '找记者']),
  ...terms('collective action', 2, ['抗議', '抗议', '維權', '维权', '示威', '集體投訴', '集体投诉', '聯署', '联署', 'protest', 'petition', 'demonstrat(?:e|ion)']),
]);

/** Serious: repetition, loss of an essential service, vulnerable people, a hazard nobody was hurt by yet. */
const SERIOUS = new TermSet([
  ...terms('repeated', 1.5, ['第三次', '第四次', '多次', '屢次', '屡次', '一再', '三番四次', 'third time', 'fourth time', 'repeatedly', 'again and again', 'several times']),
  ...terms('again', 0.5, ['再次', '又再', 'again']),
  ...terms('damage to property', 1.5, ['損壞了我', '损坏了我', '弄濕了', '弄湿了', '泡壞', '泡坏', '腐蝕', '腐蚀', '蝕晒', '損毀', '损毁', 'damag(?:ed|ing|es) (?:my|our)', 'ruined (?:my|our)', 'eaten into', 'corroded', 'stained (?:my|our)']),
  ...terms('no essential service', 1.5, ['停水', '停電', '停电', '沒有水用', '没水用', '沒水用', '沒有電', '没有电', 'no (?:hot )?water', 'no power', 'no electricity', '冇熱水', '没有热水', '沒有熱水', '冇水', '冇電', 'water (?:was|is) cut', 'power (?:was|is) cut']),
  ...terms('vulnerable person', 1, ['長者', '长者', '老人', '婆婆', '伯伯', '年邁', '年迈', '輪椅', '轮椅', '小朋友', '小孩', '孩子', '嬰兒', '婴儿', '孕婦', '孕妇', '八十多岁', '八十多歲', 'elderly', 'wheelchair', '\\d+-year-old', 'children', 'child', 'kids', 'baby', 'pregnant', 'disabled']),
  ...terms('hazard', 2, ['危險', '危险', '鬆脫', '松脱', '松动', '鬆動', '電線外露', '外露', '裸露', '搖搖欲墜', '摇摇欲坠', '搖晃', '摇晃', '晃得', '不穩', '不稳', 'dangerous', 'hazard', 'came loose', 'bare (?:electrical )?wires', 'exposed (?:electrical )?wires', 'unsafe', 'wobbl(?:y|es|ing)', 'unstable', 'shaky', 'about to fall']),
  ...terms('flooding', 1.5, ['水浸', '被淹', '淹水', '淹了', '水淹', 'flood(?:ed|ing)?']),
  ...terms('guard not on watch', 1, ['睡覺', '睡觉', '擅離職守', '脱岗', 'asleep', 'not at (?:his|her) post']),
  ...terms('security lapse', 1.5, ['陌生人', '可疑人', 'stranger', 'intruder', 'break-in', 'burglary']),
  ...terms('health', 1.5, ['紅腫', '红肿', '不適', '不适', '皮疹', '腹瀉', '腹泻', '感冒', '病咗', '生病', '病倒', 'swollen', 'rash', 'sick', 'red eyes', 'caught a cold', 'fell ill', 'got ill']),
  ...terms('essential facility down', 0.5, ['升降機', '電梯', '电梯', 'lift', 'elevator']),
  ...terms('lasting', 0.5, ['三日', '三天', '幾天', '几天', '一星期', '一個星期', '一个星期', '兩星期', '两周', '一個月', '一个月', '兩個月', '两个月', 'for days', 'days', 'weeks?', 'since monday', 'a month', 'months']),
]);

/** Seed 001 §4: class 2 = the developer and building quality; class 3 = the environment outside our jurisdiction. */
const CLASS_2 = new TermSet([
  ...terms('developer', 3, ['發展商', '发展商', '開發商', '开发商', 'developer', "developer's"]),
  ...terms('handover', 1.5, ['收樓', '收楼', '交樓', '交楼', '交房', '交付', '入伙', '入夥', '新樓', '新楼', '新房', 'handover', 'handed over', 'new flat', 'moved in(?:to)?', 'got the keys']),
  ...terms('workmanship', 1, ['空心', '空鼓', '起鼓', '脫落', '脱落', 'hollow', 'uneven', 'peeling']),
  ...terms('defect', 2, ['保修', '保養', '建築質量', '建筑质量', '房屋質量', '房屋质量', '工程質量', '工程质量', 'warranty', 'construction defects?', 'defects? liability', 'building defects?', 'construction (?:quality|problem|fault)s?']),
  ...terms('defect', 1.5, ['缺陷', '瑕疵', 'defects?', 'defective']),
  ...terms('structure', 1.5, ['裂縫', '裂缝', '裂痕', '外牆', '外墙', '爆裂', '自爆', 'cracks?', 'cracked', 'external wall', 'facade', 'burst on its own', 'spontaneous']),
  ...terms('waterproofing', 1, ['滲水', '渗水', '防水', '窗框', 'seeps?', 'seepage', 'waterproofing', 'window frame']),
  ...terms('fabric', 0.5, ['紙皮石', '瓷磚', '瓷砖', '玻璃', 'tiles?', 'window pane', 'glass']),
]);

const CLASS_3 = new TermSet([
  ...terms('government', 2, ['政府', '運輸署', '运输署', '路政署', '食環署', '食环署', '康文署', '水務署', '水务署', '渠務署', '城管', '市政', '區議會', '区议会', '街道辦', '街道办', '居委會', '居委会', '政府部門', 'government', 'transport department', 'highways department', '(?:district|local) (?:council|authority|office)', 'authorit(?:y|ies)', 'council', 'public works']),
  ...terms('public facility', 1.5, ['公園', '公园', '公廁', '公厕', '街市', 'public (?:park|toilets?|library|pool|market)']),
  ...terms('public transport', 2, ['巴士站', '公交站', '港鐵站', '地鐵站', '地铁站', 'bus stop', 'mtr', 'railway station', 'metro']),
  ...terms('public road', 1, ['馬路', '马路', '公路', '街燈', '路灯', '路燈', '的士', '出租車', '出租车', 'public road', 'street lights?', 'taxis?', 'public']),
  ...terms('outside the estate', 1.5, ['屋苑外', '小区外', '小區外', '小区外面', '屋苑外面', '對面', '对面', '隔壁工地', 'outside the estate', 'across the road', 'opposite the estate', 'next door site']),
  ...terms('construction site', 1.5, ['地盤', '地盘', '工地', 'construction site', 'building site']),
  ...terms('road works', 2, ['修路', '掘路', '道路工程', '路面工程', '道路施工', 'road ?works', 'roadworks', 'slip road', 'pavement']),
  ...terms('nearby', 0.5, ['隔壁', '附近', 'next door', 'nearby']),
  ...terms('on the street', 1.5, ['公家', '街上', '馬路邊', '马路边', '閘口外', '大門外', '大门外', 'on the street', 'outside (?:the|our) (?:gate|entrance)', 'public (?:sewer|drain)s?'])
]);

/** Seed 003 §1: causes. Scored each; the highest wins, ties in this order. */
const CATEGORY_TERMS: Record<CauseCategory, TermSet> = {
  'inappropriate-language': new TermSet([
    ...terms('foul language', 2, ['粗口', '髒話', '脏话', '侮辱', '辱罵', '辱骂', '罵', '骂', 'swore', 'swear(?:ing)?', 'foul language', 'filthy language', 'insult(?:ed|s|ing)?', 'called (?:me|her|him|us) (?:stupid|an idiot)', 'abusive', 'cursed', 'vulgar', 'obscen(?:e|ities)', '爆粗']),
  ]),
  'staff-attitude': new TermSet([
    ...terms('attitude', 2, ['態度', '态度', '呼喝', '發火', '发火', '不理睬', '不理我', '不理', '挂我电话', '掛我電話', '聊天', '黑面', 'rude', 'impolite', 'attitude', 'shouted', 'ignored me', 'lost (?:his|her) temper', 'chatted', 'rolled (?:his|her) eyes', 'hung up', '笑我', '取笑', '嘲笑', '學我', '学我', '冷嘲熱諷', 'laughed at', 'mocked', 'imitated', 'made fun of', 'sneered']),
  ]),
  'unreasonable-demand': new TermSet([
    ...terms('demand beyond the service', 2, ['豁免', '免除', '旅行', '旅游', '每天派人', '每天派人上門', 'family holiday', 'waives?', 'every day to', 'sends someone every day']),
    ...terms('demand', 0.5, ['我要求', 'i demand', 'demand that', 'i want the office to']),
    ...terms('something for nothing', 1.5, ['免費', '免费', 'for free', 'free (?:of charge|parking|space)', 'a free']),
  ]),
  'poor-skill': new TermSet([
    ...terms('poor workmanship', 2, ['弄壞', '弄坏', '修不好', '没修好', '沒修好', '更厲害', '更厉害', '越修越', 'broke the', 'worse than before', 'incompetent', 'not (?:fixed|repaired) properly', 'badly repaired', '唔識', '不懂', '不會用', '不会用', '不會急救', '不会急救', '不熟悉', 'no idea how', '(?:do|did) not know how', "don't know how", 'cannot even', "can't even", 'not trained', 'untrained']),
  ]),
  misunderstanding: new TermSet([
    ...terms('not informed', 2, ['並不知道', '并不知道', '根本不知道', '從未解釋', '从来没有解释', '沒有解釋', '没有解释', '未有通知任何人', '没有通知任何人', '沒有通知任何人', '誤會', '误会', 'nobody told me', 'without telling anyone', 'never explained', 'misunderstand(?:ing)?', 'which nobody told me', 'i did not know', '通告話', '通告說', '通知上說', '通知上说', '根本無開過', '根本没开', 'notice (?:says|said|claims|claimed)', 'there was never', '冇人講過', '沒人講過', '没人说过', '沒人說過', '從來冇人', '从来没人', '從來沒人', '事先不知', 'never mentioned', 'nobody (?:ever )?mentioned', 'did not expect', 'unexpected']),
  ]),
  'slow-or-inefficient': new TermSet([
    ...terms('still not done', 1.5, ['至今仍未', '仍未有人', '還沒有人', '还没有人', '到現在還', '到现在还', '未退還', '还没退', '還沒退', '不處理', '不处理', '不管', '不修好', '再不修', '只是叫我', '只叫我', 'still nobody', 'still not been', 'not been returned', 'do nothing', 'did nothing', 'not (?:repaired|fixed) by', 'sort it out', 'nobody has come', 'delay(?:ed|s)?', 'slow', '每次都叫我', '每次都让我', '下星期再', '下周再', '下週再', '推搪', '推脱', 'keeps? telling me', 'come back next week', 'kept waiting', 'no reply', 'no answer', '冇人理', '沒人理', '没人管', '沒人管', '再唔處理', '再不处理', '再不處理', '(?:no one|nobody|no-one) (?:has )?(?:come|came|cares|did anything)', 'not dealt with', 'no action']),
    ...terms('waiting', 0.5, ['兩星期前', '两周前', '三個星期前', '三周前', '四個月', '四个月', '兩個月', '两个月', '\\w+ weeks ago', '\\w+ months ago', 'four months', 'two months', 'still']),
  ]),
  'service-standard-too-low': new TermSet([
    ...terms('standard', 1.5, ['曱甴', '蟑螂', '臭', '骯髒', '肮脏', '髒', '脏', '混濁', '浑浊', '警告牌', '警示牌', '睡覺', '睡觉', '噪音', '吵', '無預先通知', '不通知', '清洗', 'cockroach(?:es)?', 'stinks?', 'dirty', 'filthy', 'cloudy', 'warning sign', 'asleep', 'noise', 'without notice', 'washed', 'kept my baby awake', '鑽牆', '打钻', '鑽', '电钻', '電鑽', 'drilling', '蚊', '蚊子', '草長', '草长', '雜草', '杂草', '流浪狗', '流浪貓', '流浪猫', 'mosquito(?:es)?', 'weeds', 'overgrown', 'knee-high', 'stray (?:dogs?|cats?)']),
  ]),
  'service-missing-or-not-working': new TermSet([
    ...terms('not working', 1.5, ['壞', '坏', '壞了', '坏了', '壞咗', '故障', '失靈', '失灵', '不靈', '不灵', '不亮', '關門', '关门', '刷不開', '刷不开', '拒絕', '沒有響', '没有响', '沒響', '没响', '沒有水', '没有水', '停了', '淤塞', '堵塞', 'broken', 'out of (?:service|order)', 'not work(?:ing)?', 'does not work', 'do not work', "doesn't work", 'flickering', 'closed', 'rejects', 'did not sound', 'never went off', 'blocked', 'off for']),
  ]),
};

const CATEGORY_ORDER = Object.keys(CATEGORY_TERMS) as CauseCategory[];

const DEPARTMENTS: { departmentId: string; terms: TermSet }[] = [
  { departmentId: 'security', terms: new TermSet(terms('security', 1, ['保安', '保安員', '門衛', '门卫', '陌生人', '偷', '盜竊', '盗窃', '停車', '停车', '泊車', 'security', 'guards?', 'theft', 'stolen', 'stranger', 'parking', 'intruder'])) },
  { departmentId: 'cleaning', terms: new TermSet(terms('cleaning', 1, ['清潔', '清洁', '垃圾', '垃圾房', '垃圾桶', '曱甴', '蟑螂', '臭', '髒', '脏', '蟲', '虫', 'clean(?:ing|er|ers)?', 'rubbish', 'garbage', 'bins?', 'refuse', 'dirty', 'cockroach(?:es)?', 'pests?', 'stinks?'])) },
  { departmentId: 'engineering', terms: new TermSet(terms('engineering', 1, ['升降機', '電梯', '电梯', '漏水', '水管', '水龍頭', '水龙头', '燈', '灯', '電線', '电线', '冷氣', '空調', '空调', '門鎖', '门锁', '門禁', '门禁', '讀卡機', '渠', '下水道', '維修', '维修', '停水', '停電', '停电', 'lifts?', 'elevators?', 'doors?', 'gates?', 'barriers?', 'intercoms?', 'pumps?', '閘', '闸', '門', '门', 'leak(?:s|ing)?', 'pipes?', 'taps?', 'lights?', 'wires?', 'air conditioning', 'air con', 'lock', 'card reader', 'drains?', 'repair(?:ed)?', 'plumber', 'technician'])) },
];

/** Validity (seed 001 §5.4): outside property management entirely, or no complaint at all. */
const OUT_OF_SCOPE = new TermSet(terms('outside property management', 2, ['網上購物', '网上购物', '網購', '网购', '淘寶', '淘宝', '賣家', '卖家', '商家', '電訊公司', '电讯公司', '運營商', '运营商', '月費單', '话费', '話費', 'online shop', 'online order', 'ordered online', 'seller', 'phone provider', 'mobile phone', 'telecom', 'phone bill', '借了我', '借咗我', '唔還', '不还', '追數', '追债', '欠我', 'borrowed (?:\\w+ ){0,3}from me', 'owes me', 'pay (?:it|me) back', 'debt']));
/** Words that anchor a complaint in the estate: with any of them, it is ours to look at. */
const ESTATE_ANCHOR = new TermSet(terms('estate', 1, ['管理處', '管理处', '物業', '物业', '管理公司', '屋苑', '小區', '小区', '大廈', '大厦', '保安', '升降機', '電梯', '电梯', '會所', '会所', 'management', 'estate', 'guards?', 'lifts?', 'clubhouse', 'block [a-z0-9]']));
const COMPLIMENT = new TermSet(terms('compliment', 2, ['多謝', '多谢', '感謝', '感谢', '表揚', '表扬', '讚揚', '赞扬', '點讚', '点赞', '服務非常好', '服务很好', '謝意', '谢意', '轉達', '转达', 'thank you', 'thanks', 'excellent service', 'well done', 'compliment', 'great service', 'pass on our']));
const QUESTION = new TermSet(terms('question', 1, ['請問', '请问', '有沒有計劃', '有这个计划吗', '可以用', '幾點', '几点', 'may i ask', 'could you tell me', 'what time', 'is there any plan', 'does our estate', 'any plan', '想問', '想问', '可唔可以', '能不能', '幾時', '哪天', 'when is', 'would help', 'is it possible']));

interface Scored<T> {
  value: T;
  score: number;
  hits: TermHit[];
}

const describe = (hits: readonly TermHit[]) => hits.map((hit) => `${hit.term.signal} "${hit.text}"${hit.negated ? ' (negated)' : ''}${hit.hypothetical ? ' (hypothetical)' : ''}`).join(', ');
const round = (n: number) => Math.round(n * 10) / 10;

/** Signals whose words a drill, a film or a figure of speech in the same sentence makes unreal ("a gas leak drill", an inbox "exploding"). */
const CANCELLED_WHEN_UNREAL = new Set(['fire', 'smoke', 'gas', 'falling', 'hazard']);

/** Signals of public pressure (the press, going public, collective action): not danger to people. */
const PUBLIC_PRESSURE = ['press', 'going public', 'collective action'];

interface SeverityAssessment {
  severity: Severity;
  crisis: number;
  serious: number;
  reasons: string[];
  /** The safety net: crisis signals that did not reach critical; a person must look within minutes. */
  urgentTriage?: { reasons: string[] };
  /** What the decision was made from (bench/crisisCrossValidation.ts re-decides with other models and thresholds). */
  evidence: { rules: RuleCrisisEvidence; logOdds: number | undefined };
}

function severityOf(text: AnalysedText, model: CrisisModel): SeverityAssessment {
  const found = CRISIS.find(text).filter((hit) => hit.term.weight > 0);
  // A drill, a film or a metaphor in the sentence cancels fire/gas words; a past event ("last year") is history: a hazard at most.
  const unreal = found.filter((hit) => CANCELLED_WHEN_UNREAL.has(hit.term.signal) && unrealOrPast(text, hit) === 'unreal');
  const past = found.filter((hit) => !unreal.includes(hit) && CANCELLED_WHEN_UNREAL.has(hit.term.signal) && unrealOrPast(text, hit) === 'past');
  const crisisHits = found.filter((hit) => !unreal.includes(hit) && !past.includes(hit));
  // A negated danger ("nobody was hurt") counts for nothing; a hypothetical one ("could start a fire") is a hazard: serious, not a crisis.
  const actual = crisisHits.filter((hit) => !hit.negated && !hit.hypothetical);
  const hypothetical = [...crisisHits.filter((hit) => !hit.negated && hit.hypothetical), ...past];
  // Going public only counts with the press named; the press alone (quoting the news) is a weak signal.
  const pressNamed = actual.some((hit) => hit.term.signal === 'press');
  const counted = actual.filter((hit) => hit.term.signal !== 'going public' || pressNamed || /爆料|曝光|報料|上新聞|上新闻|報紙|报纸|報社|报社|網上|网上|online|social media/.test(hit.text));
  const crisis = counted.reduce((sum, hit) => sum + hit.term.weight, 0);
  const families = assessCrisis(text);
  const seriousHits = SERIOUS.find(text).filter((hit) => !hit.negated && !(hit.term.signal === 'hazard' && unrealOrPast(text, hit) === 'unreal'));
  const serious = seriousHits.reduce((sum, hit) => sum + hit.term.weight, 0) + (hypothetical.length > 0 ? SERIOUS_AT : 0) + Math.min(crisis, SERIOUS_AT);
  const reasons: string[] = [];
  const ignored = found.filter((hit) => !counted.includes(hit));
  if (counted.length > 0) reasons.push(`crisis signals ${round(crisis)} (critical at ${CRITICAL_AT}): ${describe(counted)}`);
  if (families.level === 'critical') reasons.push(`crisis combinations: ${families.reasons.join('; ')}`);
  if (ignored.length > 0) reasons.push(`not counted as a crisis: ${describe(ignored)}${unreal.length > 0 ? ' (a drill, a film or a figure of speech)' : ''}${past.length > 0 ? ' (in the past)' : ''}`);
  if (seriousHits.length > 0) reasons.push(`serious signals: ${describe(seriousHits)}`);
  const rulesCritical = crisis >= CRITICAL_AT || families.level === 'critical';
  // The safety net: a crisis word that did not reach critical on its own (sparks, something fell) or a partial combination.
  // Smoke alone (1.5: a cigarette) does not. The public-pressure signals (press, going public, collective action) are not danger to people: they never trigger it.
  const partial = counted.filter((hit) => ![...PUBLIC_PRESSURE, 'near miss'].includes(hit.term.signal));
  const urgentReasons = rulesCritical ? [] : [...(total(partial) >= 2 ? [`crisis signals below critical: ${describe(partial)}`] : []), ...(families.level === 'urgent-triage' ? families.reasons : [])];
  // Where the rules found danger words and dismissed every one (a drill, a film, the past, a negation), the statistical
  // second opinion defers: it cannot read context.
  const dismissedByRules = found.some((hit) => !PUBLIC_PRESSURE.includes(hit.term.signal)) && partial.length === 0;
  const opinion = rulesCritical || dismissedByRules ? undefined : crisisOpinion(model, text.text);
  const notNow = notNowFrame(text);
  const unrealFramed = rulesCritical ? unrealFrame(text) : undefined;
  const decision = decideCrisis({ critical: rulesCritical, urgent: urgentReasons.length > 0, notNow: notNow !== undefined, unreal: unrealFramed !== undefined }, opinion?.logOdds, model);
  const isCritical = decision === 'critical';
  // The rules' own crisis in a complaint framed as unreal (a game's "he's bleeding", fees "killing me", "one
  // day an ambulance won't get through") is not an HQ alarm; it still reaches the customer-service lead at once.
  if (rulesCritical && !isCritical) urgentReasons.push(`crisis signs in a complaint framed as not real or not now (${unrealFramed}): a person checks whether anyone is in danger`);
  const modelWords = opinion ? `log-odds ${opinion.logOdds}; ${opinion.strongest.map((f) => `"${f}"`).join(', ')}` : '';
  if (!rulesCritical && isCritical) {
    reasons.push(
      urgentReasons.length > 0
        ? `crisis: signs of danger (${urgentReasons.join('; ')}) worded like past crises (statistical second opinion ${modelWords} ≥ ${model.alarm.corroborated})`
        : `crisis: worded like past crises (statistical second opinion ${modelWords} ≥ ${model.alarm.alone})`,
    );
  }
  const modelReasons = !isCritical && opinion && opinion.logOdds >= model.threshold ? [`statistical second opinion: worded like past crises (${modelWords} ≥ ${model.threshold})`] : [];
  if (!isCritical && urgentReasons.length + modelReasons.length > 0) reasons.push(`possible crisis, needs urgent human triage: ${[...urgentReasons, ...modelReasons].join('; ')}`);
  const severity: Severity = isCritical ? 'critical' : serious >= SERIOUS_AT || urgentReasons.length > 0 ? 'serious' : 'general';
  const flags = isCritical ? [] : [...urgentReasons, ...modelReasons];
  return { severity, crisis: isCritical ? Math.max(crisis, CRITICAL_AT) : crisis, serious, reasons, ...(flags.length > 0 ? { urgentTriage: { reasons: flags } } : {}), evidence: { rules: { critical: rulesCritical, urgent: urgentReasons.length > 0, notNow: notNow !== undefined, unreal: unrealFramed !== undefined }, logOdds: opinion?.logOdds } };
}

/** The evidence the crisis decision is made from, with a given second opinion (for cross-validation folds). */
export function crisisEvidence(description: string, model: CrisisModel = CRISIS_MODEL): SeverityAssessment['evidence'] {
  return severityOf(analyse(description), model).evidence;
}

/** What the rules alone found, for the decision below. */
export interface RuleCrisisEvidence {
  /** A crisis word scoring 3, or a complete combination of families. */
  critical: boolean;
  /** Crisis words under 3 or a partial combination: the safety net's own signs. */
  urgent: boolean;
  /** The whole complaint reads as not happening now (crisisSignals.ts `notNowFrame`): the second opinion cannot raise the alarm. */
  notNow: boolean;
  /** The narrower frame (crisisSignals.ts `unrealFrame`: a game, a film, a figure of speech, a future): the rules' own crisis becomes urgent triage. */
  unreal?: boolean;
}

/**
 * The crisis decision, rules and statistical second opinion together (one place, so the bench's cross-validation
 * measures exactly what the acknowledgement does):
 * - the rules' critical stands, except in a complaint framed as unreal (`unreal`: a game, a film, a figure of
 *   speech, a future; not a drill, in which people really get hurt), where it becomes urgent human triage — part of the framing the second opinion respects; the
 *   past and thanks are left out, cross-validation showed them framing real crises (fifth round; `respectNotNow`
 *   false gives the fourth round's decision, for the cross-validation's comparison);
 * - the second opinion raises the HQ alarm when the rules saw signs of danger of their own (partial: urgent) and the
 *   wording is like past crises (log-odds ≥ `alarm.corroborated`), or on the wording alone at a much higher
 *   `alarm.alone` (the signs a resident writes are endless; the words around them repeat);
 * - never on a complaint framed as not happening now (a drill, the past, "sooner or later", thanks: `notNow`);
 * - otherwise the rules' partial signs or the second opinion over `threshold` flag urgent human triage.
 * `logOdds` is undefined where the second opinion was not consulted (the rules dismissed every danger word).
 */
export function decideCrisis(rules: RuleCrisisEvidence, logOdds: number | undefined, model: Pick<CrisisModel, 'threshold' | 'alarm'>, respectNotNow = true): 'critical' | 'urgent' | 'none' {
  if (rules.critical) return rules.unreal && respectNotNow ? 'urgent' : 'critical';
  if (logOdds !== undefined && !rules.notNow && (logOdds >= model.alarm.alone || (rules.urgent && logOdds >= model.alarm.corroborated))) return 'critical';
  if (rules.urgent || (logOdds !== undefined && logOdds >= model.threshold)) return 'urgent';
  return 'none';
}

/** Negation is not filtered here: for a cause it is often the complaint itself ("no warning sign", 沒有通知). */
function score<T>(value: T, set: TermSet, text: AnalysedText): Scored<T> {
  const hits = set.find(text);
  return { value, score: hits.reduce((sum, hit) => sum + hit.term.weight, 0), hits };
}

function best<T>(candidates: Scored<T>[], threshold: number): Scored<T> | undefined {
  let top: Scored<T> | undefined;
  for (const candidate of candidates) if (candidate.score >= threshold && (!top || candidate.score > top.score)) top = candidate;
  return top;
}

function validityOf(text: AnalysedText, complaintSignals: number, category: CauseCategory, context: TriageContext): ValidityProposal {
  const outside = OUT_OF_SCOPE.find(text);
  const anchored = ESTATE_ANCHOR.find(text).length > 0;
  if (total(outside) >= 2 && !anchored) {
    return { proposed: 'out-of-scope', reason: `about a matter outside property management (${describe(outside)}) and nothing about the estate or its services` };
  }
  const compliment = COMPLIMENT.find(text);
  const question = QUESTION.find(text);
  if (complaintSignals < 1.5 && (total(compliment) >= 2 || total(question) >= 1 || /[?？]\s*$/.test(text.text))) {
    return {
      proposed: 'no-complaint',
      reason: total(compliment) >= 2 ? `a compliment, not a complaint (${describe(compliment)}): pass it on to the staff named` : `a question or suggestion, not a complaint${question.length > 0 ? ` (${describe(question)})` : ''}: answer it`,
    };
  }
  const same = context.openCasesOfUnit?.find((open) => open.category === category);
  if (same) return { proposed: 'duplicate', reason: `the same unit has an open case in the same category (${category}): ${same.reference}`, duplicateOf: { caseId: same.caseId, reference: same.reference } };
  return { proposed: 'valid' };
}

export function proposeTriage(description: string, context: TriageContext = {}): TriageProposal {
  const text = analyse(description);
  const reasons: string[] = [];

  const assessed = severityOf(text, context.crisisModel ?? CRISIS_MODEL);
  // The complainant's own answer outranks the words: a person confirms at triage, as for every proposal.
  const severity = context.dangerReported ? { ...assessed, severity: 'critical' as const, urgentTriage: undefined } : assessed;
  if (context.dangerReported) reasons.push('the complainant said someone is in danger right now: critical');
  reasons.push(...assessed.reasons);

  const class2 = score<ComplaintClass>(2, CLASS_2, text);
  const class3 = score<ComplaintClass>(3, CLASS_3, text);
  const chosenClass = best([class2, class3], CLASS_AT);
  const caseClass: ComplaintClass = chosenClass?.value ?? 1;
  for (const candidate of [class2, class3]) {
    if (candidate.hits.length > 0) reasons.push(`class ${candidate.value} signals ${round(candidate.score)} (proposed at ${CLASS_AT}): ${describe(candidate.hits)}`);
  }

  const categories = CATEGORY_ORDER.map((category) => score(category, CATEGORY_TERMS[category], text));
  const topCategory = best(categories, 1);
  // Class 2: the building itself falls short; class 3: a facility outside our jurisdiction is missing or not working.
  const category: CauseCategory = caseClass === 2 ? 'service-standard-too-low' : caseClass === 3 ? 'service-missing-or-not-working' : (topCategory?.value ?? 'service-missing-or-not-working');
  if (caseClass !== 1) reasons.push(`category ${category}: class ${caseClass}`);
  else if (topCategory) reasons.push(`category ${category} ${round(topCategory.score)}: ${describe(topCategory.hits)}`);

  const departments = DEPARTMENTS.map(({ departmentId, terms: set }) => score(departmentId, set, text));
  const department = best(departments, 1);
  if (department) reasons.push(`department ${department.value}: ${describe(department.hits)}`);

  const complaintSignals = severity.crisis + severity.serious + (chosenClass?.score ?? 0) + (topCategory?.score ?? 0);
  const validity = validityOf(text, complaintSignals, category, context);
  if (validity.proposed !== 'valid') reasons.push(`validity ${validity.proposed}: ${validity.reason}`);

  return {
    caseClass,
    severity: severity.severity,
    category,
    // Class 2 and 3 matters are recorded and followed up by the customer-service desk (seed 001 §5.1.2 B, C).
    departmentId: caseClass === 1 ? (department?.value ?? 'customer-service') : 'customer-service',
    validity,
    ...(severity.urgentTriage ? { urgentTriage: severity.urgentTriage } : {}),
    reasons: reasons.length > 0 ? reasons : ['no rule matched: defaults proposed'],
  };
}
