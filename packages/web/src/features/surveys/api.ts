// The surveys API as the web app uses it. Shapes mirror packages/server/src/modules/surveys
// (surveys.schema.ts, reports.service.ts) and core's survey definition.
export const BASE = '/api/v1/surveys';
export const SURVEYS_KEY = ['surveys'] as const;

export const QUESTION_TYPES = ['likert', 'nps', 'single', 'multiple', 'rating', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const CONDITION_OPS = ['eq', 'neq', 'lte', 'gte', 'in', 'answered'] as const;
export const WAVE_KINDS = ['segment', 'event', 'manual'] as const;
export const WAVE_CHANNELS = ['email', 'sms', 'portal', 'staff'] as const;
export const WAVE_STATUSES = ['draft', 'open', 'closed'] as const;
export const SEGMENT_FIELDS = ['studyLevel', 'school', 'product', 'channel', 'riskGrade'] as const;
export const FOLLOW_UP_OUTCOMES = ['resolved', 'unresolved', 'no-contact'] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export const TRIGGER_EVENTS = ['ticket.resolved', 'loan.disbursed', 'survey.due'] as const;

export type Lang = 'en' | 'zh-CN';
export interface Bilingual {
  en: string;
  'zh-CN': string;
}
export interface SkipCondition {
  question: string;
  op: (typeof CONDITION_OPS)[number];
  value?: number | string | (number | string)[];
}
export interface Question {
  id: string;
  type: QuestionType;
  text: Bilingual;
  help?: Bilingual;
  required?: boolean;
  dimension?: string;
  role?: 'overall' | 'nps' | 'comment';
  options?: { value: string; label: Bilingual }[];
  max?: number;
  showIf?: SkipCondition;
}
export interface Section {
  id: string;
  title: Bilingual;
  showIf?: SkipCondition;
  questions: Question[];
}
export interface SurveyDefinition {
  dimensions: { code: string; name: Bilingual }[];
  sections: Section[];
  closedLoop: { lowScore: number; detractor: number };
}
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

export interface VersionSummary {
  id: string;
  surveyId: string;
  version: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  publishedBy: string | null;
  createdAt: string;
}
export interface Version extends VersionSummary {
  definition: SurveyDefinition;
}
export interface Survey {
  id: string;
  code: string;
  name: Bilingual;
  description: string | null;
  createdAt: string;
  versions: VersionSummary[];
}
export interface Wave {
  id: string;
  code: string;
  name: string;
  surveyId: string;
  versionId: string;
  kind: (typeof WAVE_KINDS)[number];
  segmentId: string | null;
  triggerEvent: string | null;
  channel: (typeof WAVE_CHANNELS)[number];
  status: (typeof WAVE_STATUSES)[number];
  sampleRate: number;
  quotaField: string | null;
  quotaPerGroup: number | null;
  reminderAfterDays: number;
  maxReminders: number;
  closesOn: string | null;
  verifiesActionId: string | null;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  counts: { invited: number; started: number; completed: number; responseRate: number | null };
}
export interface Interval {
  low: number;
  high: number;
}
export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: Interval | null;
  distribution: Record<string, number>;
}
export interface Proportion {
  n: number;
  count: number;
  share: number | null;
  ci95: Interval | null;
}
export interface Nps {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
  se: number | null;
  ci95: Interval | null;
}
export interface TTest {
  difference: number;
  t: number;
  df: number;
  pValue: number;
  ci95: Interval;
}
export interface Comparison {
  baseline: { id: string; code: string; name: string; n: number };
  current: { id: string; code: string; name: string; n: number };
  overall: { before: number | null; after: number | null; test: TTest | null };
  dimensions: {
    code: string;
    name: Bilingual;
    before: number | null;
    after: number | null;
    test: TTest | null;
  }[];
  csat: { before: number | null; after: number | null; difference: number; pValue: number } | null;
  nps: {
    before: number | null;
    after: number | null;
    test: { difference: number; z: number; pValue: number } | null;
  };
}
export interface WaveReport {
  wave: { id: string; code: string; name: string; status: string; surveyName: Bilingual; version: number };
  generatedAt: string;
  responseRate: { invited: number; completed: number; rate: number | null; byMode: Record<string, number> };
  overall: { summary: Summary; csat: Proportion } | null;
  nps: Nps | null;
  dimensions: { code: string; name: Bilingual; summary: Summary; csat: Proportion; alpha: number | null }[];
  questions: {
    id: string;
    type: QuestionType;
    text: Bilingual;
    dimension: string | null;
    summary: Summary | null;
    csat: Proportion | null;
    options: { value: string; label: Bilingual; count: number; share: number }[] | null;
    answered: number;
  }[];
  drivers: {
    n: number;
    rSquared: number | null;
    drivers: {
      code: string;
      name: Bilingual;
      correlation: number | null;
      beta: number | null;
      mean: number | null;
    }[];
  };
  crossTabs: {
    field: (typeof SEGMENT_FIELDS)[number];
    groups: {
      value: string;
      n: number;
      overall: Summary;
      csat: Proportion;
      nps: Nps;
      vsRest: TTest | null;
    }[];
    chiSquare: {
      statistic: number;
      df: number;
      pValue: number;
      cramersV: number;
      smallExpectedShare: number;
    } | null;
  }[];
  themes: { term: string; script: 'han' | 'latin'; count: number; share: number; examples: string[] }[];
  followUps: { opened: number; closed: number };
  change: Comparison | null;
}
export interface Invitation {
  id: string;
  customerId: string;
  mode: string;
  status: string;
  attributes: Record<string, string | null>;
  sentAt: string | null;
  remindersSent: number;
}
export interface FollowUp {
  id: string;
  waveId: string;
  waveCode: string;
  customerId: string;
  reason: 'low-score' | 'detractor';
  ticketId: string | null;
  ticketReference: string | null;
  status: 'open' | 'closed';
  outcome: (typeof FOLLOW_UP_OUTCOMES)[number] | null;
  result: string | null;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
}
export interface ImprovementAction {
  id: string;
  surveyId: string;
  baselineWaveId: string;
  dimension: string | null;
  finding: string;
  action: string;
  owner: string;
  dueOn: string;
  status: (typeof ACTION_STATUSES)[number];
  doneAt: string | null;
  verificationWaveId: string | null;
  createdAt: string;
}
export interface PublicSurvey {
  surveyName: Bilingual;
  waveName: string;
  language: Lang;
  status: 'open' | 'completed' | 'closed';
  definition: SurveyDefinition;
  answers: Answers;
}

/** Skip logic, as core's surveys/definition.ts applies it on the server (mirrored: the browser does not load core's zod schemas). */
export function conditionHolds(c: SkipCondition | undefined, answers: Answers): boolean {
  if (!c) return true;
  const a = answers[c.question];
  if (a === undefined) return false;
  switch (c.op) {
    case 'answered':
      return true;
    case 'eq':
      return Array.isArray(a) ? a.includes(String(c.value)) : a === c.value;
    case 'neq':
      return Array.isArray(a) ? !a.includes(String(c.value)) : a !== c.value;
    case 'lte':
      return typeof a === 'number' && typeof c.value === 'number' && a <= c.value;
    case 'gte':
      return typeof a === 'number' && typeof c.value === 'number' && a >= c.value;
    case 'in': {
      const set = Array.isArray(c.value) ? c.value : [];
      return Array.isArray(a) ? a.some((x) => set.includes(x)) : set.includes(a);
    }
  }
}

export function visibleSections(def: SurveyDefinition, answers: Answers): Section[] {
  return def.sections
    .filter((s) => conditionHolds(s.showIf, answers))
    .map((s) => ({ ...s, questions: s.questions.filter((q) => conditionHolds(q.showIf, answers)) }))
    .filter((s) => s.questions.length > 0);
}

export function scaleOf(q: Question): number[] | null {
  if (q.type === 'likert') return [1, 2, 3, 4, 5];
  if (q.type === 'nps') return Array.from({ length: 11 }, (_, i) => i);
  if (q.type === 'rating') return Array.from({ length: q.max ?? 5 }, (_, i) => i + 1);
  return null;
}

export const fmt = (v: number | null | undefined, digits = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–';
export const pct = (v: number | null | undefined) =>
  typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '–';
export const pValue = (p: number | null | undefined) =>
  typeof p !== 'number' ? '–' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
