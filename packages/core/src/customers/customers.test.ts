import { describe, expect, it } from 'vitest';
import {
  classifyCustomer,
  cnIdCheckDigit,
  fieldsOfRule,
  maskNationalId,
  maskPhone,
  nationalIdProblem,
  normaliseNationalId,
  normalisePhone,
  phoneProblem,
  segmentRuleIssues,
  segmentRuleSchema,
  type ClassificationInput,
} from './index.ts';

const base: ClassificationInput = {
  homeCountry: 'CN',
  declaredLoanPurpose: null,
  enrolment: { level: 'undergraduate', status: 'enrolled', schoolCountry: 'CN' },
  household: { size: 4, annualIncomeMinor: 120_000_00, currency: 'CNY', needIndicators: [] },
  credit: { fileStatus: 'none', bureauScore: null, priorLoans: 0, delinquencies: 0, fraudFlags: [] },
};

describe('classification rules', () => {
  it('classifies a typical undergraduate: standard, thin file, tuition', () => {
    const c = classifyCustomer(base);
    expect(c.educationLevel).toMatchObject({ value: 'undergraduate', rule: 'edu.enrolment' });
    expect(c.economicStatus).toMatchObject({ value: 'standard', rule: 'econ.middle_income' });
    expect(c.creditRecord).toMatchObject({ value: 'thin_or_none', rule: 'credit.thin' });
    expect(c.loanNeed).toMatchObject({ value: 'tuition', rule: 'need.default' });
  });

  it('finds financial need from a verified indicator, not from an unverified one', () => {
    const verified = classifyCustomer({
      ...base,
      household: { ...base.household!, needIndicators: [{ code: 'orphan', verified: true }] },
    });
    expect(verified.economicStatus).toMatchObject({ value: 'financial_need', rule: 'econ.need_indicator' });
    expect(verified.economicStatus.explanation).toContain('orphan');
    const firstGen = classifyCustomer({
      ...base,
      household: { ...base.household!, needIndicators: [{ code: 'first_generation', verified: true }] },
    });
    expect(firstGen.economicStatus.value).toBe('standard');
    const unverified = classifyCustomer({
      ...base,
      household: {
        ...base.household!,
        annualIncomeMinor: null,
        needIndicators: [{ code: 'disability', verified: false }],
      },
    });
    expect(unverified.economicStatus).toMatchObject({ value: 'standard', rule: 'econ.need_unverified' });
  });

  it('uses income per person against the currency thresholds', () => {
    const low = classifyCustomer({
      ...base,
      household: { ...base.household!, annualIncomeMinor: 40_000_00 },
    });
    expect(low.economicStatus).toMatchObject({ value: 'financial_need', rule: 'econ.low_income' });
    expect(low.economicStatus.explanation).toMatch(/10,000 CNY is below 12,000 CNY/);
    const high = classifyCustomer({
      ...base,
      household: { ...base.household!, size: 2, annualIncomeMinor: 200_000_00 },
    });
    expect(high.economicStatus).toMatchObject({ value: 'self_funded_lifestyle', rule: 'econ.high_income' });
    expect(high.loanNeed).toMatchObject({ value: 'living_expenses', rule: 'need.lifestyle' });
    expect(classifyCustomer({ ...base, household: null }).economicStatus.rule).toBe('econ.no_data');
    expect(
      classifyCustomer({ ...base, household: { ...base.household!, currency: 'EUR' } }).economicStatus.rule,
    ).toBe('econ.no_income');
  });

  it('grades credit records: fraud and delinquency and a low score are adverse', () => {
    const credit = base.credit!;
    expect(
      classifyCustomer({ ...base, credit: { ...credit, fraudFlags: ['identity_mismatch'] } }).creditRecord
        .rule,
    ).toBe('credit.fraud');
    expect(classifyCustomer({ ...base, credit: { ...credit, delinquencies: 2 } }).creditRecord).toMatchObject(
      { value: 'adverse', rule: 'credit.delinquency' },
    );
    expect(classifyCustomer({ ...base, credit: { ...credit, bureauScore: 500 } }).creditRecord.rule).toBe(
      'credit.low_score',
    );
    expect(
      classifyCustomer({ ...base, credit: { ...credit, fileStatus: 'established', bureauScore: 700 } })
        .creditRecord.value,
    ).toBe('established');
    expect(
      classifyCustomer({ ...base, credit: { ...credit, priorLoans: 1, bureauScore: 650 } }).creditRecord
        .value,
    ).toBe('established');
    expect(classifyCustomer({ ...base, credit: null }).creditRecord).toMatchObject({
      value: 'thin_or_none',
      rule: 'credit.no_record',
    });
  });

  it('derives loan need in rule order: declared, abroad, graduate, graduated', () => {
    expect(classifyCustomer({ ...base, declaredLoanPurpose: 'entrepreneurship' }).loanNeed.rule).toBe(
      'need.declared',
    );
    expect(
      classifyCustomer({ ...base, enrolment: { ...base.enrolment!, schoolCountry: 'US' } }).loanNeed,
    ).toMatchObject({ value: 'study_abroad' });
    expect(
      classifyCustomer({ ...base, enrolment: { ...base.enrolment!, level: 'master' } }).loanNeed,
    ).toMatchObject({ value: 'graduate_study' });
    expect(
      classifyCustomer({ ...base, enrolment: { ...base.enrolment!, status: 'graduated' } }).loanNeed,
    ).toMatchObject({ value: 'entrepreneurship' });
    const none = classifyCustomer({ ...base, enrolment: null });
    expect(none.educationLevel).toMatchObject({ value: null, rule: 'edu.none' });
  });
});

describe('identity numbers and phones', () => {
  it('validates PRC resident IDs with their check digit and birth date', () => {
    const first17 = '11010519491231002';
    const id = first17 + cnIdCheckDigit(first17);
    expect(nationalIdProblem('cn_resident', id)).toBeNull();
    expect(nationalIdProblem('cn_resident', first17 + (id.endsWith('1') ? '2' : '1'))).toMatch(/check digit/);
    expect(nationalIdProblem('cn_resident', '110105194913310021')).toMatch(/impossible birth date/);
    expect(nationalIdProblem('cn_resident', '12345')).toMatch(/18 characters/);
    expect(normaliseNationalId(' 1101 0519-49123 1002x ')).toBe('11010519491231002X');
    expect(nationalIdProblem('us_ssn', '078051120')).toBeNull();
    expect(nationalIdProblem('us_ssn', '000121234')).toMatch(/issuable/);
  });

  it('normalises phones so one number typed several ways is one number', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('008613812345678')).toBe('13812345678');
    expect(normalisePhone('138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('+1 (415) 555-0134')).toBe('+14155550134');
    expect(phoneProblem('call me')).toMatch(/digits/);
    expect(phoneProblem('123')).toMatch(/7 to 15/);
    expect(phoneProblem('12012345678')).toMatch(/mainland/);
  });

  it('masks identifiers the way staff expect', () => {
    expect(maskNationalId('110105194912310021')).toBe('110***********0021');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+14155550134')).toBe('+14*****0134');
  });
});

describe('segment rule trees', () => {
  it('accepts nested and/or/not trees using every operator', () => {
    const rule = {
      and: [
        { field: 'customer.status', op: 'eq', value: 'active' },
        { field: 'customer.status', op: 'neq', value: 'closed' },
        { field: 'enrolment.level', op: 'in', value: ['master', 'doctoral'] },
        { field: 'enrolment.status', op: 'notIn', value: ['withdrawn'] },
        { field: 'customer.city', op: 'contains', value: '京' },
        { field: 'customer.region', op: 'startsWith', value: 'Guang' },
        {
          or: [
            { field: 'customer.age', op: 'gt', value: 18 },
            { field: 'customer.age', op: 'gte', value: 30 },
          ],
        },
        { field: 'credit.bureauScore', op: 'lt', value: 700 },
        { field: 'credit.bureauScore', op: 'lte', value: 700 },
        { field: 'customer.dateOfBirth', op: 'between', value: ['2000-01-01', '2005-12-31'] },
        { not: { field: 'credit.bureauScore', op: 'isNull' } },
        { field: 'enrolment.schoolId', op: 'isNotNull' },
        { field: 'household.needIndicators', op: 'hasAny', value: ['orphan'] },
        { field: 'household.needIndicators', op: 'hasAll', value: ['orphan', 'disability'] },
        { field: 'customer.tags', op: 'hasNone', value: ['vip'] },
        { not: { field: 'customer.tags', op: 'isEmpty' } },
        { field: 'customer.tags', op: 'isNotEmpty' },
        { field: 'consent.marketing', op: 'eq', value: true },
      ],
    };
    expect(segmentRuleIssues(rule)).toEqual([]);
    expect(segmentRuleSchema.safeParse(rule).success).toBe(true);
    expect([...fieldsOfRule(rule as never)]).toContain('household.needIndicators');
  });

  it('names the part of the tree that is wrong', () => {
    const issues = segmentRuleIssues({
      or: [
        { field: 'customer.nationalId', op: 'eq', value: 'x' },
        { field: 'customer.age', op: 'contains', value: 'x' },
        { field: 'enrolment.level', op: 'eq', value: 'kindergarten' },
        { not: { field: 'customer.age', op: 'between', value: [30, 20] } },
        { field: 'customer.dateOfBirth', op: 'gt', value: '2001-02-30' },
        { and: [] },
        { field: 'customer.status', op: 'isNull', value: 'x' },
        { field: 'customer.status', op: 'eq', value: 'active', extra: 1 },
      ],
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'or.0.field',
      'or.1.op',
      'or.2.value',
      'or.3.not.value',
      'or.4.value',
      'or.5.and',
      'or.6.value',
      'or.7.extra',
    ]);
    expect(segmentRuleIssues('nope')[0]!.message).toMatch(/must be an object/);
  });

  it('bounds depth and size', () => {
    let deep: unknown = { field: 'customer.age', op: 'gt', value: 1 };
    for (let i = 0; i < 10; i++) deep = { not: deep };
    expect(segmentRuleIssues(deep)[0]!.message).toMatch(/nest/);
    const wide = { or: Array.from({ length: 250 }, () => ({ field: 'customer.age', op: 'gt', value: 1 })) };
    expect(segmentRuleIssues(wide)[0]!.message).toMatch(/at most 200/);
  });
});
