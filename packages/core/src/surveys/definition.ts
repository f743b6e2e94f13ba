// A survey's definition: sections of questions in English and 简体中文, dimensions that group
// Likert items, skip logic, and the closed-loop thresholds. Stored as one JSON document per
// survey version; the server validates it with this schema and answers against it.
import { z } from 'zod';

export const QUESTION_TYPES = ['likert', 'nps', 'single', 'multiple', 'rating', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const bilingual = z.strictObject({
  en: z.string().trim().min(1).max(500),
  'zh-CN': z.string().trim().min(1).max(500),
});
export type Bilingual = z.infer<typeof bilingual>;

const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');

/** Show a question or section only when an earlier answer meets the condition. */
export const skipConditionSchema = z.strictObject({
  question: code,
  op: z.enum(['eq', 'neq', 'lte', 'gte', 'in', 'answered']),
  value: z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))]).optional(),
});
export type SkipCondition = z.infer<typeof skipConditionSchema>;

export const questionSchema = z.strictObject({
  id: code,
  type: z.enum(QUESTION_TYPES),
  text: bilingual,
  help: bilingual.optional(),
  required: z.boolean().default(false),
  /** Likert items that measure a dimension. */
  dimension: code.optional(),
  /** What the question stands for in reports and the closed loop. */
  role: z.enum(['overall', 'nps', 'comment']).optional(),
  options: z
    .array(z.strictObject({ value: code, label: bilingual }))
    .max(30)
    .optional(),
  /** Top of a rating scale (1 … max). */
  max: z.number().int().min(2).max(10).optional(),
  showIf: skipConditionSchema.optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.strictObject({
  id: code,
  title: bilingual,
  showIf: skipConditionSchema.optional(),
  questions: z.array(questionSchema).min(1).max(60),
});
export type Section = z.infer<typeof sectionSchema>;

export const surveyDefinitionSchema = z
  .strictObject({
    dimensions: z
      .array(z.strictObject({ code, name: bilingual }))
      .max(20)
      .default([]),
    sections: z.array(sectionSchema).min(1).max(20),
    /** A follow-up ticket opens when overall satisfaction is at most `lowScore` or the NPS answer at most `detractor`. */
    closedLoop: z
      .strictObject({ lowScore: z.number().int().min(1).max(5), detractor: z.number().int().min(0).max(10) })
      .default({ lowScore: 2, detractor: 6 }),
  })
  .superRefine((d, ctx) => {
    const seen = new Map<string, Question>();
    const dims = new Set(d.dimensions.map((x) => x.code));
    d.sections.forEach((s, si) =>
      s.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (seen.has(q.id))
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate question id ${q.id}` });
        if (q.showIf && !seen.has(q.showIf.question))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf'],
            message: 'skip logic may only refer to an earlier question',
          });
        if ((q.type === 'single' || q.type === 'multiple') && !q.options?.length)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'options'],
            message: 'a choice question needs options',
          });
        if (q.dimension && !dims.has(q.dimension))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'dimension'],
            message: `unknown dimension ${q.dimension}`,
          });
        if (q.dimension && q.type !== 'likert')
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'dimension'],
            message: 'only Likert items measure a dimension',
          });
        if (q.role === 'overall' && q.type !== 'likert')
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'role'],
            message: 'overall satisfaction is a Likert item',
          });
        if (q.role === 'nps' && q.type !== 'nps')
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'role'],
            message: 'the NPS role needs an NPS question',
          });
        seen.set(q.id, q);
      }),
    );
    d.sections.forEach((s, si) => {
      if (s.showIf && !seen.has(s.showIf.question))
        ctx.addIssue({ code: 'custom', path: ['sections', si, 'showIf'], message: 'unknown question' });
    });
  });
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

export function allQuestions(def: SurveyDefinition): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

export function questionByRole(
  def: SurveyDefinition,
  role: 'overall' | 'nps' | 'comment',
): Question | undefined {
  return allQuestions(def).find((q) => q.role === role);
}

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

/** The questions a respondent sees given the answers so far (skip logic applied in order). */
export function visibleQuestions(def: SurveyDefinition, answers: Answers): Question[] {
  const out: Question[] = [];
  for (const s of def.sections) {
    if (!conditionHolds(s.showIf, answers)) continue;
    for (const q of s.questions) if (conditionHolds(q.showIf, answers)) out.push(q);
  }
  return out;
}

export function scaleOf(q: Question): number[] | null {
  switch (q.type) {
    case 'likert':
      return [1, 2, 3, 4, 5];
    case 'nps':
      return Array.from({ length: 11 }, (_, i) => i);
    case 'rating':
      return Array.from({ length: q.max ?? 5 }, (_, i) => i + 1);
    default:
      return null;
  }
}

export interface AnswerError {
  field: string;
  message: string;
}

/**
 * Check answers against the definition: known questions, values of the right type and range,
 * and (when `complete`) every visible required question answered. Answers to questions hidden by
 * skip logic are dropped from `clean`.
 */
export function checkAnswers(
  def: SurveyDefinition,
  answers: Answers,
  complete: boolean,
): { errors: AnswerError[]; clean: Answers } {
  const errors: AnswerError[] = [];
  const byId = new Map(allQuestions(def).map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) errors.push({ field: `answers.${id}`, message: 'no such question' });
  }
  const clean: Answers = {};
  for (const q of visibleQuestions(def, answers)) {
    const a = answers[q.id];
    const field = `answers.${q.id}`;
    if (a === undefined || a === '' || (Array.isArray(a) && a.length === 0)) {
      if (complete && q.required) errors.push({ field, message: 'required' });
      continue;
    }
    const scale = scaleOf(q);
    const options = new Set((q.options ?? []).map((o) => o.value));
    let ok: boolean;
    if (scale) ok = typeof a === 'number' && scale.includes(a);
    else if (q.type === 'single') ok = typeof a === 'string' && options.has(a);
    else if (q.type === 'multiple')
      ok = Array.isArray(a) && a.every((x) => options.has(x)) && new Set(a).size === a.length;
    else ok = typeof a === 'string' && a.length <= 4000;
    if (!ok)
      errors.push({
        field,
        message: scale ? `a whole number from ${scale[0]} to ${scale.at(-1)}` : 'not an allowed answer',
      });
    else clean[q.id] = a;
  }
  return { errors, clean };
}

/** A respondent's mean per dimension over the items they answered (null when none). */
export function dimensionScores(def: SurveyDefinition, answers: Answers): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const d of def.dimensions) {
    const vals = allQuestions(def)
      .filter((q) => q.dimension === d.code)
      .map((q) => answers[q.id])
      .filter((v): v is number => typeof v === 'number');
    out[d.code] = vals.length ? vals.reduce((s, v) => s + v, 0) / vals.length : null;
  }
  return out;
}

/** Why an answer set calls for a follow-up: overall satisfaction low, or a detractor. */
export function followUpReason(def: SurveyDefinition, answers: Answers): 'low-score' | 'detractor' | null {
  const overall = questionByRole(def, 'overall');
  const npsQ = questionByRole(def, 'nps');
  const o = overall ? answers[overall.id] : undefined;
  const n = npsQ ? answers[npsQ.id] : undefined;
  if (typeof o === 'number' && o <= def.closedLoop.lowScore) return 'low-score';
  if (typeof n === 'number' && n <= def.closedLoop.detractor) return 'detractor';
  return null;
}
