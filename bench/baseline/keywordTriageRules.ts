/**
 * The triage rules as they were before the corpus (one keyword, matched anywhere in the text, decides):
 * kept only as the baseline of the triage bench (bench/triage.ts). Not used by the platform.
 *
 * Initial assessment, rules first (ISO 10002 "initial assessment"): propose
 * class, severity, cause category and department from the complaint's words.
 * A person always confirms or corrects the proposal at triage; the reasons
 * say which words matched so they can judge it quickly.
 */
import type { CauseCategory, ComplaintClass, Severity } from '../../functions/domain/complaint';
import type { TriageProposal } from '../../functions/domain/complaintCase';

interface Rule<T> {
  value: T;
  words: string[];
}

const norm = (text: string) => text.toLowerCase();

/** Seed 001 §4: class 2 = developer / building quality; class 3 = outside our jurisdiction. */
const CLASS_RULES: Rule<ComplaintClass>[] = [
  { value: 2, words: ['developer', 'defect', 'crack', 'seepage', 'water leak', 'leaking', 'construction quality', 'warranty', 'handover', '發展商', '发展商', '開發商', '开发商', '裂縫', '裂缝', '滲水', '渗水', '漏水', '質量', '质量', '保修'] },
  { value: 3, words: ['government', 'road works', 'roadworks', 'bus stop', 'public transport', 'outside the estate', 'construction site next door', 'council', '政府', '馬路', '马路', '巴士', '公交', '地盤', '工地', '屋苑外', '小区外', '市政'] },
];

/** Seed 002 §三: critical (恶性) and serious complaints. */
const SEVERITY_RULES: Rule<Severity>[] = [
  { value: 'critical', words: ['fire', 'injur', 'danger', 'gas leak', 'collapse', 'electrocut', 'assault', 'trapped', 'media', 'journalist', '火', '受傷', '受伤', '危險', '危险', '煤氣', '煤气', '倒塌', '觸電', '触电', '被困', '打人', '記者', '记者', '媒體', '媒体'] },
  { value: 'serious', words: ['again', 'third time', 'repeated', 'weeks', 'urgent', 'elderly', 'no water', 'no power', 'flood', '再次', '第三次', '多次', '緊急', '紧急', '長者', '老人', '停水', '停電', '停电', '水浸', '淹水'] },
];

/** Seed 003 §1: causes of complaints. */
const CATEGORY_RULES: Rule<CauseCategory>[] = [
  { value: 'staff-attitude', words: ['rude', 'attitude', 'impolite', 'shouted', 'ignored me', '態度', '态度', '不禮貌', '不礼貌', '罵', '骂'] },
  { value: 'inappropriate-language', words: ['swore', 'insult', 'offensive', '粗口', '侮辱', '說話難聽', '说话难听'] },
  { value: 'slow-or-inefficient', words: ['slow', 'still not fixed', 'waiting', 'days', 'delay', 'no one came', '慢', '拖', '仍未', '还没', '還沒', '等了', '幾天', '几天'] },
  { value: 'poor-skill', words: ['broke it', 'not fixed properly', 'badly repaired', 'incompetent', '修不好', '技術', '技术', '不專業', '不专业'] },
  { value: 'service-standard-too-low', words: ['dirty', 'rubbish', 'garbage', 'smell', 'unclean', '髒', '脏', '垃圾', '臭', '衛生', '卫生'] },
  { value: 'misunderstanding', words: ['misunderstand', 'was told', 'not informed', 'notice', '誤會', '误会', '沒有通知', '没有通知'] },
  { value: 'service-missing-or-not-working', words: ['broken', 'out of service', 'not working', 'lift', 'elevator', 'light', 'door', 'gate', '壞', '坏', '故障', '電梯', '电梯', '燈', '灯', '門', '门'] },
];

const DEPARTMENT_RULES: Rule<string>[] = [
  { value: 'security', words: ['security', 'guard', 'theft', 'stolen', 'stranger', 'parking', 'car park', '保安', '偷', '盜', '盗', '陌生人', '停車', '停车'] },
  { value: 'cleaning', words: ['clean', 'rubbish', 'garbage', 'dirty', 'smell', 'pest', 'cockroach', '清潔', '清洁', '垃圾', '髒', '脏', '臭', '蟲', '虫', '蟑螂'] },
  { value: 'engineering', words: ['lift', 'elevator', 'water', 'leak', 'light', 'power', 'electric', 'door', 'gate', 'pipe', 'air con', 'repair', '電梯', '电梯', '水', '燈', '灯', '電', '电', '門', '门', '維修', '维修', '冷氣', '空调'] },
];

function firstMatch<T>(rules: Rule<T>[], text: string): { value: T; word: string } | undefined {
  for (const rule of rules) {
    const word = rule.words.find((w) => text.includes(norm(w)));
    if (word) return { value: rule.value, word };
  }
  return undefined;
}

export function proposeTriage(description: string): TriageProposal {
  const text = norm(description);
  const reasons: string[] = [];
  const caseClass = firstMatch(CLASS_RULES, text);
  const severity = firstMatch(SEVERITY_RULES, text);
  const category = firstMatch(CATEGORY_RULES, text);
  const department = firstMatch(DEPARTMENT_RULES, text);
  if (caseClass) reasons.push(`class ${caseClass.value}: "${caseClass.word}"`);
  if (severity) reasons.push(`${severity.value}: "${severity.word}"`);
  if (category) reasons.push(`${category.value}: "${category.word}"`);
  if (department) reasons.push(`${department.value}: "${department.word}"`);
  const proposedClass = caseClass?.value ?? 1;
  return {
    caseClass: proposedClass,
    severity: severity?.value ?? 'general',
    category: category?.value ?? 'service-missing-or-not-working',
    // Class 2 and 3 matters are recorded and followed up by the customer-service desk (seed 001 §5.1.2 B, C).
    departmentId: proposedClass === 1 ? (department?.value ?? 'customer-service') : 'customer-service',
    reasons: reasons.length > 0 ? reasons : ['no rule matched: defaults proposed'],
  };
}
