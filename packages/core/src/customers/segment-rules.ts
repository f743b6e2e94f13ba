// Segment rule trees: `{and: [...]}`, `{or: [...]}`, `{not: rule}` and leaf conditions
// `{field, op, value}` over a whitelist of fields. Validation lives here, shared by server and
// web (the segment builder); the server compiles a valid tree to one parameterised SQL query.
import { z } from 'zod';
import { isRealDate } from './national-id.ts';
import {
  CHANNELS,
  CREDIT_FILE_STATUSES,
  CREDIT_RECORD_CLASSES,
  CUSTOMER_STATUSES,
  ECONOMIC_STATUSES,
  EDUCATION_LEVELS,
  ENROLMENT_STATUSES,
  GENDERS,
  LANGUAGES,
  LOAN_NEEDS,
  NEED_INDICATORS,
} from './vocabulary.ts';

export type FieldType = 'text' | 'enum' | 'uuid' | 'number' | 'date' | 'boolean' | 'array';

export interface SegmentField {
  type: FieldType;
  /** Allowed values for enum fields and for the items of enum-valued arrays. */
  values?: readonly string[];
  label: string;
}

export const SEGMENT_FIELDS = {
  'customer.status': { type: 'enum', values: CUSTOMER_STATUSES, label: 'Customer status' },
  'customer.gender': { type: 'enum', values: GENDERS, label: 'Gender' },
  'customer.age': { type: 'number', label: 'Age (years)' },
  'customer.dateOfBirth': { type: 'date', label: 'Date of birth' },
  'customer.country': { type: 'text', label: 'Home country (ISO code)' },
  'customer.region': { type: 'text', label: 'Home region / province' },
  'customer.city': { type: 'text', label: 'Home city' },
  'customer.preferredLanguage': { type: 'enum', values: LANGUAGES, label: 'Preferred language' },
  'customer.preferredChannel': { type: 'enum', values: CHANNELS, label: 'Preferred channel' },
  'customer.createdAt': { type: 'date', label: 'Customer since' },
  'customer.tags': { type: 'array', label: 'Tags' },
  'enrolment.level': { type: 'enum', values: EDUCATION_LEVELS, label: 'Education level (current enrolment)' },
  'enrolment.status': { type: 'enum', values: ENROLMENT_STATUSES, label: 'Enrolment status' },
  'enrolment.schoolId': { type: 'uuid', label: 'School' },
  'enrolment.schoolCountry': { type: 'text', label: 'School country (ISO code)' },
  'enrolment.yearOfStudy': { type: 'number', label: 'Year of study' },
  'enrolment.expectedGraduationDate': { type: 'date', label: 'Expected graduation' },
  'enrolment.latestGpa': { type: 'number', label: 'Latest GPA / average score' },
  'household.size': { type: 'number', label: 'Household size' },
  'household.annualIncome': { type: 'number', label: 'Household annual income (minor units)' },
  'household.perCapitaIncome': { type: 'number', label: 'Household income per person (minor units)' },
  'household.dependants': { type: 'number', label: 'Dependants' },
  'household.needIndicators': { type: 'array', values: NEED_INDICATORS, label: 'Need indicators' },
  'credit.bureauScore': { type: 'number', label: 'Bureau score' },
  'credit.delinquencies': { type: 'number', label: 'Delinquencies reported' },
  'credit.fileStatus': { type: 'enum', values: CREDIT_FILE_STATUSES, label: 'Credit file status' },
  'class.educationLevel': { type: 'enum', values: EDUCATION_LEVELS, label: 'Class: education level' },
  'class.economicStatus': { type: 'enum', values: ECONOMIC_STATUSES, label: 'Class: economic status' },
  'class.creditRecord': { type: 'enum', values: CREDIT_RECORD_CLASSES, label: 'Class: credit record' },
  'class.loanNeed': { type: 'enum', values: LOAN_NEEDS, label: 'Class: loan need' },
  'consent.service': { type: 'boolean', label: 'Consents to service messages' },
  'consent.marketing': { type: 'boolean', label: 'Consents to marketing' },
  'consent.dataSharing': { type: 'boolean', label: 'Consents to data sharing' },
} as const satisfies Record<string, SegmentField>;

export type SegmentFieldName = keyof typeof SEGMENT_FIELDS;

export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly string[]>> = {
  text: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isNull', 'isNotNull'],
  enum: ['eq', 'neq', 'in', 'notIn', 'isNull', 'isNotNull'],
  uuid: ['eq', 'neq', 'in', 'notIn', 'isNull', 'isNotNull'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'isNull', 'isNotNull'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'],
  boolean: ['eq'],
  array: ['hasAny', 'hasAll', 'hasNone', 'isEmpty', 'isNotEmpty'],
};

export const SEGMENT_OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isNull',
  'isNotNull',
  'hasAny',
  'hasAll',
  'hasNone',
  'isEmpty',
  'isNotEmpty',
] as const;
export type SegmentOperator = (typeof SEGMENT_OPERATORS)[number];

export type SegmentValue = string | number | boolean | (string | number)[] | null;

export interface SegmentCondition {
  field: SegmentFieldName;
  op: SegmentOperator;
  value?: SegmentValue;
}

export type SegmentRule =
  { and: SegmentRule[] } | { or: SegmentRule[] } | { not: SegmentRule } | SegmentCondition;

export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_NODES = 200;
const MAX_LIST = 500;

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Check one scalar against a field's type; a message when it does not fit. */
function scalarProblem(field: SegmentField, v: unknown): string | null {
  switch (field.type) {
    case 'text':
      return typeof v === 'string' && v.length <= 200 ? null : 'must be text of at most 200 characters';
    case 'enum':
    case 'array':
      if (typeof v !== 'string') return 'must be text';
      return field.values && !field.values.includes(v) ? `must be one of ${field.values.join(', ')}` : null;
    case 'uuid':
      return typeof v === 'string' && UUID.test(v) ? null : 'must be a UUID';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'date':
      return typeof v === 'string' && isRealDate(v) ? null : 'must be a date YYYY-MM-DD';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
  }
}

/** Every problem in a rule tree, each with the path of the offending part. Empty when valid. */
export function segmentRuleIssues(input: unknown): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let nodes = 0;
  const walk = (node: unknown, path: (string | number)[], depth: number): void => {
    nodes += 1;
    if (nodes > MAX_RULE_NODES) {
      if (nodes === MAX_RULE_NODES + 1)
        issues.push({ path, message: `a rule may hold at most ${MAX_RULE_NODES} parts` });
      return;
    }
    if (depth > MAX_RULE_DEPTH) {
      issues.push({ path, message: `rules may nest at most ${MAX_RULE_DEPTH} deep` });
      return;
    }
    if (!isPlainObject(node)) {
      issues.push({ path, message: 'must be an object: {and}, {or}, {not} or {field, op, value}' });
      return;
    }
    const keys = Object.keys(node);
    for (const group of ['and', 'or'] as const) {
      if (group in node) {
        for (const k of keys) if (k !== group) issues.push({ path: [...path, k], message: 'unknown field' });
        const list = node[group];
        if (!Array.isArray(list) || list.length === 0) {
          issues.push({ path: [...path, group], message: 'must be a non-empty list of rules' });
          return;
        }
        list.forEach((child, i) => walk(child, [...path, group, i], depth + 1));
        return;
      }
    }
    if ('not' in node) {
      for (const k of keys) if (k !== 'not') issues.push({ path: [...path, k], message: 'unknown field' });
      walk(node.not, [...path, 'not'], depth + 1);
      return;
    }
    for (const k of keys)
      if (!['field', 'op', 'value'].includes(k))
        issues.push({ path: [...path, k], message: 'unknown field' });
    const fieldName = node.field;
    if (typeof fieldName !== 'string' || !(fieldName in SEGMENT_FIELDS)) {
      issues.push({ path: [...path, 'field'], message: 'is not a field segments may use' });
      return;
    }
    const field: SegmentField = SEGMENT_FIELDS[fieldName as SegmentFieldName];
    const op = node.op;
    if (typeof op !== 'string' || !OPERATORS_BY_TYPE[field.type].includes(op)) {
      issues.push({
        path: [...path, 'op'],
        message: `must be one of ${OPERATORS_BY_TYPE[field.type].join(', ')} for ${fieldName}`,
      });
      return;
    }
    const value = node.value;
    const vpath = [...path, 'value'];
    const noValue = ['isNull', 'isNotNull', 'isEmpty', 'isNotEmpty'].includes(op);
    if (noValue) {
      if (value !== undefined && value !== null)
        issues.push({ path: vpath, message: `${op} takes no value` });
      return;
    }
    if (['in', 'notIn', 'hasAny', 'hasAll', 'hasNone', 'between'].includes(op)) {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) {
        issues.push({
          path: vpath,
          message:
            op === 'between'
              ? 'must be a list of two values [from, to]'
              : `must be a list of 1 to ${MAX_LIST} values`,
        });
        return;
      }
      if (op === 'between' && value.length !== 2) {
        issues.push({ path: vpath, message: 'must be a list of two values [from, to]' });
        return;
      }
      let bad = 0;
      value.forEach((v, i) => {
        const p = scalarProblem(field, v);
        if (p) {
          bad += 1;
          issues.push({ path: [...vpath, i], message: p });
        }
      });
      if (op === 'between' && bad === 0) {
        const [a, b] = value as (string | number)[];
        if (a! > b!) issues.push({ path: vpath, message: 'from must not be after to' });
      }
      return;
    }
    const p = scalarProblem(field, value);
    if (p) issues.push({ path: vpath, message: p });
  };
  walk(input, [], 1);
  return issues;
}

/**
 * The rule tree as a request-body schema: any JSON that passes `segmentRuleIssues`, each issue
 * reported at its path so the problem response names the part of the tree that is wrong.
 */
export const segmentRuleSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const issue of segmentRuleIssues(value))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .transform((v) => v as SegmentRule);

/** Fields a rule tree reads, so the compiler joins only the tables it needs. */
export function fieldsOfRule(rule: SegmentRule, out = new Set<SegmentFieldName>()): Set<SegmentFieldName> {
  if ('and' in rule) rule.and.forEach((r) => fieldsOfRule(r, out));
  else if ('or' in rule) rule.or.forEach((r) => fieldsOfRule(r, out));
  else if ('not' in rule) fieldsOfRule(rule.not, out);
  else out.add(rule.field);
  return out;
}
