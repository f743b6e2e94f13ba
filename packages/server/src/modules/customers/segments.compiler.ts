// Compiles a validated segment rule tree to ONE parameterised SQL condition over a whitelist of
// columns. Field names map to fixed SQL; every value is a bound parameter. Joins are added only
// for the tables a rule reads, and each join is one-to-one, so counts stay exact.
import { SEGMENT_FIELDS, type SegmentCondition, type SegmentFieldName, type SegmentRule } from '@bursar/core';
import { sql, type SQL } from 'drizzle-orm';

type Join = 'h' | 'cr' | 'e' | 's';

interface FieldSql {
  /** SQL expression over the aliases c (customers), h, cr, e, s. Trusted text, never user input. */
  expr: string;
  joins: Join[];
  /** PostgreSQL type for casting bound parameters. */
  pg: 'text' | 'uuid' | 'numeric' | 'date' | 'boolean';
}

const F: Record<Exclude<SegmentFieldName, 'customer.age' | `consent.${string}`>, FieldSql> = {
  'customer.status': { expr: 'c.status', joins: [], pg: 'text' },
  'customer.gender': { expr: 'c.gender', joins: [], pg: 'text' },
  'customer.dateOfBirth': { expr: 'c.date_of_birth', joins: [], pg: 'date' },
  'customer.country': { expr: 'c.country', joins: [], pg: 'text' },
  'customer.region': { expr: 'c.region', joins: [], pg: 'text' },
  'customer.city': { expr: 'c.city', joins: [], pg: 'text' },
  'customer.preferredLanguage': { expr: 'c.preferred_language', joins: [], pg: 'text' },
  'customer.preferredChannel': { expr: 'c.preferred_channel', joins: [], pg: 'text' },
  'customer.createdAt': { expr: "(c.created_at at time zone 'UTC')::date", joins: [], pg: 'date' },
  'customer.tags': { expr: 'c.tags', joins: [], pg: 'text' },
  'enrolment.level': { expr: 'e.level', joins: ['e'], pg: 'text' },
  'enrolment.status': { expr: 'e.status', joins: ['e'], pg: 'text' },
  'enrolment.schoolId': { expr: 'c.current_school_id', joins: [], pg: 'uuid' },
  'enrolment.schoolCountry': { expr: 's.country', joins: ['e', 's'], pg: 'text' },
  'enrolment.yearOfStudy': { expr: 'e.year_of_study', joins: ['e'], pg: 'numeric' },
  'enrolment.expectedGraduationDate': { expr: 'e.expected_graduation_date', joins: ['e'], pg: 'date' },
  'enrolment.latestGpa': { expr: 'e.latest_gpa', joins: ['e'], pg: 'numeric' },
  'household.size': { expr: 'h.size', joins: ['h'], pg: 'numeric' },
  'household.annualIncome': { expr: 'h.annual_income_minor', joins: ['h'], pg: 'numeric' },
  'household.perCapitaIncome': {
    expr: '(h.annual_income_minor / nullif(h.size, 0))',
    joins: ['h'],
    pg: 'numeric',
  },
  'household.dependants': { expr: 'h.dependants', joins: ['h'], pg: 'numeric' },
  'household.needIndicators': { expr: 'h.need_codes', joins: ['h'], pg: 'text' },
  'credit.bureauScore': { expr: 'cr.bureau_score', joins: ['cr'], pg: 'numeric' },
  'credit.delinquencies': { expr: 'cr.delinquencies', joins: ['cr'], pg: 'numeric' },
  'credit.fileStatus': { expr: 'cr.file_status', joins: ['cr'], pg: 'text' },
  'class.educationLevel': { expr: 'c.class_education_level', joins: [], pg: 'text' },
  'class.economicStatus': { expr: 'c.class_economic_status', joins: [], pg: 'text' },
  'class.creditRecord': { expr: 'c.class_credit_record', joins: [], pg: 'text' },
  'class.loanNeed': { expr: 'c.class_loan_need', joins: [], pg: 'text' },
};

const CONSENT_PURPOSE: Record<string, string> = {
  'consent.service': 'service',
  'consent.marketing': 'marketing',
  'consent.dataSharing': 'data_sharing',
};

export interface CompiledRule {
  where: SQL;
  joins: Set<Join>;
}

function param(v: unknown, pg: FieldSql['pg']): SQL {
  return sql`${v}::${sql.raw(pg)}`;
}
function arrayParam(v: unknown[], pg: FieldSql['pg']): SQL {
  return sql`${sql.param(v)}::${sql.raw(pg)}[]`;
}
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function compileAge(cond: SegmentCondition, today: string): SQL {
  const dob = sql.raw('c.date_of_birth');
  const t = sql`${today}::date`;
  // age >= n  ⇔  born on or before today − n years
  const atLeast = (n: number) => sql`${dob} <= (${t} - make_interval(years => ${Math.ceil(n)}::int))::date`;
  const below = (n: number) => sql`${dob} > (${t} - make_interval(years => ${Math.ceil(n)}::int))::date`;
  const equals = (n: number) => sql`(${atLeast(n)} and ${below(n + 1)})`;
  const v = cond.value;
  switch (cond.op) {
    case 'eq':
      return Number.isInteger(v) ? equals(v as number) : sql`false`;
    case 'neq':
      return sql`(${dob} is null or not ${equals(v as number)})`;
    case 'gt':
      return atLeast(Math.floor(v as number) + 1);
    case 'gte':
      return atLeast(v as number);
    case 'lt':
      return below(v as number);
    case 'lte':
      return below(Math.floor(v as number) + 1);
    case 'between': {
      const [a, b] = v as number[];
      return sql`(${atLeast(a!)} and ${below(Math.floor(b!) + 1)})`;
    }
    case 'in':
      return sql`(${sql.join(
        (v as number[]).map((n) => (Number.isInteger(n) ? equals(n) : sql`false`)),
        sql` or `,
      )})`;
    case 'isNull':
      return sql`${dob} is null`;
    case 'isNotNull':
      return sql`${dob} is not null`;
    default:
      throw new Error(`operator ${cond.op} is not valid for customer.age`);
  }
}

function compileCondition(cond: SegmentCondition, today: string, joins: Set<Join>): SQL {
  if (cond.field === 'customer.age') return compileAge(cond, today);
  const purpose = CONSENT_PURPOSE[cond.field];
  if (purpose) {
    const granted = sql`exists (select 1 from consents k where k.customer_id = c.id and k.purpose = ${purpose} and k.granted)`;
    return cond.value === true ? granted : sql`not ${granted}`;
  }
  const f = F[cond.field as keyof typeof F];
  for (const j of f.joins) joins.add(j);
  const x = sql.raw(f.expr);
  const v = cond.value;
  const type = SEGMENT_FIELDS[cond.field].type;
  if (type === 'array') {
    switch (cond.op) {
      case 'hasAny':
        return sql`coalesce(${x}, '{}') && ${arrayParam(v as string[], 'text')}`;
      case 'hasAll':
        return sql`coalesce(${x}, '{}') @> ${arrayParam(v as string[], 'text')}`;
      case 'hasNone':
        return sql`not (coalesce(${x}, '{}') && ${arrayParam(v as string[], 'text')})`;
      case 'isEmpty':
        return sql`cardinality(coalesce(${x}, '{}')) = 0`;
      case 'isNotEmpty':
        return sql`cardinality(coalesce(${x}, '{}')) > 0`;
      default:
        throw new Error(`operator ${cond.op} is not valid for ${cond.field}`);
    }
  }
  switch (cond.op) {
    case 'eq':
      return sql`${x} = ${param(v, f.pg)}`;
    case 'neq':
      return sql`${x} is distinct from ${param(v, f.pg)}`;
    case 'in':
      return sql`${x} = any(${arrayParam(v as unknown[], f.pg)})`;
    case 'notIn':
      return sql`(${x} is null or ${x} <> all(${arrayParam(v as unknown[], f.pg)}))`;
    case 'contains':
      return sql`${x} ilike ${`%${escapeLike(String(v))}%`}`;
    case 'startsWith':
      return sql`${x} ilike ${`${escapeLike(String(v))}%`}`;
    case 'gt':
      return sql`${x} > ${param(v, f.pg)}`;
    case 'gte':
      return sql`${x} >= ${param(v, f.pg)}`;
    case 'lt':
      return sql`${x} < ${param(v, f.pg)}`;
    case 'lte':
      return sql`${x} <= ${param(v, f.pg)}`;
    case 'between': {
      const [a, b] = v as unknown[];
      return sql`${x} between ${param(a, f.pg)} and ${param(b, f.pg)}`;
    }
    case 'isNull':
      return sql`${x} is null`;
    case 'isNotNull':
      return sql`${x} is not null`;
    default:
      throw new Error(`operator ${cond.op} is not valid for ${cond.field}`);
  }
}

function compileNode(rule: SegmentRule, today: string, joins: Set<Join>): SQL {
  if ('and' in rule)
    return sql`(${sql.join(
      rule.and.map((r) => compileNode(r, today, joins)),
      sql` and `,
    )})`;
  if ('or' in rule)
    return sql`(${sql.join(
      rule.or.map((r) => compileNode(r, today, joins)),
      sql` or `,
    )})`;
  // NOT over SQL's three-valued logic: an unknown inner result counts as "not matched".
  if ('not' in rule) return sql`not coalesce(${compileNode(rule.not, today, joins)}, false)`;
  return compileCondition(rule, today, joins);
}

/** Compile a validated rule. `today` (YYYY-MM-DD) anchors ages. */
export function compileRule(rule: SegmentRule, today: string): CompiledRule {
  const joins = new Set<Join>();
  const where = compileNode(rule, today, joins);
  return { where, joins };
}

/** FROM clause with only the joins the rule needs (plus any the caller asks for). */
export function fromClause(joins: Set<Join>): SQL {
  const parts = [sql.raw('customers c')];
  if (joins.has('h')) parts.push(sql.raw('left join households h on h.customer_id = c.id'));
  if (joins.has('cr')) parts.push(sql.raw('left join credit_records cr on cr.customer_id = c.id'));
  if (joins.has('e') || joins.has('s'))
    parts.push(sql.raw('left join enrolments e on e.customer_id = c.id and e.is_current'));
  if (joins.has('s')) parts.push(sql.raw('left join schools s on s.id = e.school_id'));
  return sql.join(parts, sql` `);
}

/** Live customers only: merged and anonymised records are never segment members. */
export const LIVE = sql.raw(`c.status not in ('merged', 'anonymised')`);

export function countQuery(rule: SegmentRule, today: string): SQL {
  const { where, joins } = compileRule(rule, today);
  return sql`select count(*)::int as n from ${fromClause(joins)} where ${LIVE} and coalesce(${where}, false)`;
}

export function memberIdsQuery(rule: SegmentRule, today: string): SQL {
  const { where, joins } = compileRule(rule, today);
  return sql`select c.id from ${fromClause(joins)} where ${LIVE} and coalesce(${where}, false)`;
}
