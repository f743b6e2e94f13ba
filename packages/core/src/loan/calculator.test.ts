import { formatMoney, parseMoney } from '../money/index.ts';
import { describe, expect, it } from 'vitest';
import {
  calculateSchedule,
  incomeDrivenRequestSchema,
  scheduleRequestSchema,
  scheduleResponseSchema,
} from './calculator.ts';
import { compareRepaymentPlans } from './compare.ts';

const valid = {
  principal: '15000.00',
  currency: 'USD',
  annualRate: '0.08',
  startDate: '2024-01-01',
  installments: 60,
  frequency: 'monthly',
  method: 'annuity',
  dayCount: '30/360',
  rounding: 'half-up',
} as const;

const pathsOf = (
  input: unknown,
  schema: typeof scheduleRequestSchema | typeof incomeDrivenRequestSchema = scheduleRequestSchema,
): string[] => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('calculateSchedule contract', () => {
  it('returns the documented JSON with money as decimal strings', () => {
    const out = calculateSchedule(valid);
    expect(scheduleResponseSchema.parse(out)).toEqual(out);
    expect(out.payment).toBe('304.15');
    expect(out.installments[0]).toEqual({
      n: 1,
      dueDate: '2024-02-01',
      principal: '204.15',
      interest: '100.00',
      payment: '304.15',
      balance: '14795.85',
    });
    expect(out.installments.at(-1)!.balance).toBe('0.00');
    expect(out.totalPaid).toBe(
      formatMoney(parseMoney('15000.00', 'USD') + parseMoney(out.totalInterest, 'USD'), 'USD'),
    );
  });
  it('honours firstDueDate and quarterly frequency', () => {
    const out = calculateSchedule({
      ...valid,
      firstDueDate: '2024-03-15',
      frequency: 'quarterly',
      installments: 4,
      dayCount: 'ACT/365',
    });
    expect(out.installments.map((i) => i.dueDate)).toEqual([
      '2024-03-15',
      '2024-06-15',
      '2024-09-15',
      '2024-12-15',
    ]);
  });
  it.each([
    [{ principal: '-1.00' }, 'principal'],
    [{ principal: '0' }, 'principal'],
    [{ principal: '100.001' }, 'principal'],
    [{ principal: 'abc' }, 'principal'],
    [{ annualRate: '1.5' }, 'annualRate'],
    [{ annualRate: '-0.01' }, 'annualRate'],
    [{ method: 'balloon' }, 'method'],
    [{ dayCount: 'ACT/364' }, 'dayCount'],
    [{ frequency: 'weekly' }, 'frequency'],
    [{ installments: 0 }, 'installments'],
    [{ installments: 1.5 }, 'installments'],
    [{ startDate: '2024-02-30' }, 'startDate'],
    [{ firstDueDate: '2023-12-01' }, 'firstDueDate'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ rounding: 'up' }, 'rounding'],
  ])('rejects %j naming the field', (patch, field) => {
    expect(pathsOf({ ...valid, ...patch })).toEqual([field]);
  });
  it('rejects unknown fields and missing ones', () => {
    expect(pathsOf({ ...valid, extra: 1 })).toEqual(['']);
    const { principal: _p, ...missing } = valid;
    expect(pathsOf(missing)).toEqual(['principal']);
  });
});

describe('calculateIncomeDriven validation', () => {
  const ok = {
    plan: 'PAYE',
    annualIncome: '60000',
    familySize: 4,
    year: 2024,
    balance: '50000.00',
    annualRate: '0.055',
    currency: 'USD',
  };
  it('names the field for each bad input', () => {
    expect(pathsOf(ok, incomeDrivenRequestSchema)).toEqual([]);
    expect(pathsOf({ ...ok, plan: 'SAVE' }, incomeDrivenRequestSchema)).toEqual(['plan']);
    expect(pathsOf({ ...ok, year: 2019 }, incomeDrivenRequestSchema)).toEqual(['year']);
    expect(pathsOf({ ...ok, annualRate: undefined }, incomeDrivenRequestSchema)).toEqual(['annualRate']);
    expect(pathsOf({ ...ok, currency: 'GBP' }, incomeDrivenRequestSchema)).toEqual(['currency']);
    expect(pathsOf({ ...ok, filingStatus: 'married-joint' }, incomeDrivenRequestSchema)).toEqual([
      'spouseIncome',
    ]);
    expect(pathsOf({ ...ok, familySize: 0 }, incomeDrivenRequestSchema)).toEqual(['familySize']);
    expect(pathsOf({ ...ok, region: 'PR' }, incomeDrivenRequestSchema)).toEqual(['region']);
  });
});

describe('compareRepaymentPlans', () => {
  it('puts plans side by side with a balance-over-time series', () => {
    const plans = compareRepaymentPlans({
      balance: '30000.00',
      annualRate: '0.0639',
      currency: 'USD',
      annualIncome: '45000',
      familySize: 1,
      year: 2025,
    });
    expect(plans.map((p) => p.plan)).toEqual([
      'standard',
      'graduated',
      'extended',
      'IBR-new',
      'PAYE',
      'ICR',
      'RAP',
    ]);
    const standard = plans[0]!;
    expect(standard.months).toBe(120);
    expect(standard.balanceOverTime[0]!.balance).toBe('30000.00');
    expect(standard.balanceOverTime.at(-1)!.balance).toBe('0.00');
    expect(plans.every((p) => p.error === undefined)).toBe(true);
    expect(Number(plans[2]!.totalPaid)).toBeGreaterThan(Number(standard.totalPaid));
  });
  it('compares UK plans for a GBP balance', () => {
    const plans = compareRepaymentPlans({
      balance: '45000.00',
      annualRate: '0.032',
      currency: 'GBP',
      annualIncome: '35000',
      year: 2025,
      plans: ['UK-PLAN-2', 'UK-PLAN-5'],
    });
    expect(plans.map((p) => p.firstMonthlyPayment)).toEqual(['48.00', '74.00']);
  });
});
