// Ticket priority from its type, its words (English and Chinese) and what is known about the
// customer. Fraud and safety words take the urgent path whatever the type.
export const DESK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type DeskPriority = (typeof DESK_PRIORITIES)[number];
export type DeskTicketType = 'consultation' | 'complaint' | 'suggestion' | 'hardship' | 'dispute';

const URGENT_WORDS = [
  'fraud',
  'scam',
  'stolen',
  'identity theft',
  'not my loan',
  'suicide',
  'self-harm',
  'threat',
  'harass',
  'violence',
  'unsafe',
  '诈骗',
  '欺诈',
  '盗用',
  '被盗',
  '冒用',
  '冒名',
  '自杀',
  '轻生',
  '威胁',
  '骚扰',
  '暴力',
  '人身安全',
];
const HIGH_WORDS = [
  'complaint',
  'regulator',
  'ombudsman',
  'lawyer',
  'legal action',
  'sue',
  'media',
  'unfair',
  'wrongly charged',
  '投诉',
  '监管',
  '银保监',
  '金融监管',
  '律师',
  '起诉',
  '媒体',
  '曝光',
  '乱收费',
  '不公平',
];

export interface PriorityInput {
  type: DeskTicketType;
  subject: string;
  body: string;
  /** e.g. financial need (低保, 建档立卡, 孤儿, 残疾) or a vulnerability tag on the customer. */
  vulnerable?: boolean | undefined;
  /** Risk grade A–E, or days past due of the customer's worst loan. */
  riskGrade?: string | null | undefined;
  daysPastDue?: number | undefined;
  /** What the person opening it asked for: honoured unless the rules say higher. */
  requested?: DeskPriority | undefined;
}

export interface PriorityResult {
  priority: DeskPriority;
  reasons: string[];
}

const rank = (p: DeskPriority) => DESK_PRIORITIES.indexOf(p);
const max = (a: DeskPriority, b: DeskPriority) => (rank(a) >= rank(b) ? a : b);

function matches(text: string, words: readonly string[]): string[] {
  const t = text.toLowerCase();
  return words.filter((w) => (/^[a-z -]+$/.test(w) ? new RegExp(`\\b${w}`).test(t) : t.includes(w)));
}

export function ticketPriority(input: PriorityInput): PriorityResult {
  const reasons: string[] = [];
  let p: DeskPriority = input.type === 'suggestion' ? 'low' : 'normal';
  reasons.push(`type:${input.type}`);
  if (input.type === 'complaint' || input.type === 'hardship' || input.type === 'dispute') p = 'high';
  const text = `${input.subject}\n${input.body}`;
  const urgent = matches(text, URGENT_WORDS);
  if (urgent.length > 0) {
    p = 'urgent';
    reasons.push(`urgent-keyword:${urgent.join(',')}`);
  }
  const high = matches(text, HIGH_WORDS);
  if (high.length > 0 && rank(p) < rank('high')) {
    p = 'high';
    reasons.push(`keyword:${high.join(',')}`);
  }
  if (input.vulnerable && rank(p) < rank('high')) {
    p = max(p, 'high');
    reasons.push('vulnerable-customer');
  }
  const risky = (input.riskGrade && ['D', 'E'].includes(input.riskGrade)) || (input.daysPastDue ?? 0) >= 30;
  if (risky) {
    const raised = DESK_PRIORITIES[Math.min(rank(p) + 1, rank('high'))]!;
    if (rank(raised) > rank(p)) {
      p = raised;
      reasons.push('customer-risk');
    }
  }
  if (input.requested && rank(input.requested) > rank(p)) {
    p = input.requested;
    reasons.push('requested');
  }
  return { priority: p, reasons };
}
