import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;
let student: Session;

const contract = {
  principal: '15000.00',
  currency: 'USD',
  annualRate: '0.08',
  startDate: '2024-01-01',
  installments: 60,
  frequency: 'monthly',
  method: 'annuity',
  dayCount: '30/360',
  rounding: 'half-up',
};

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  student = session(app);
  await student.login('student', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('calculator API', () => {
  it('returns the contract schedule (numpy-financial pmt(0.08/12, 60, 15000) = 304.15)', async () => {
    const res = await student.request('POST', '/api/v1/calculator/schedule', contract);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.payment).toBe('304.15');
    expect(body.installments).toHaveLength(60);
    expect(body.installments[0]).toMatchObject({ n: 1, dueDate: '2024-02-01' });
    expect(body.installments.at(-1).balance).toBe('0.00');
  });

  it.each([
    [{ principal: '-5' }, 'principal'],
    [{ principal: '0' }, 'principal'],
    [{ annualRate: '1.5' }, 'annualRate'],
    [{ method: 'balloon' }, 'method'],
    [{ dayCount: '30/365' }, 'dayCount'],
    [{ installments: 0 }, 'installments'],
    [{ startDate: '2024-02-30' }, 'startDate'],
    [{ color: 'red' }, 'color'],
  ])('refuses %j with a 400 naming %s', async (patch, field) => {
    const res = await student.request('POST', '/api/v1/calculator/schedule', { ...contract, ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('computes an income-driven payment with a projection', async () => {
    const res = await student.request('POST', '/api/v1/calculator/income-driven', {
      plan: 'PAYE',
      annualIncome: '60000',
      familySize: 4,
      year: 2024,
      balance: '100000.00',
      annualRate: '0.06',
      currency: 'USD',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.monthlyPayment).toMatch(/^\d+\.\d{2}$/);
    expect(typeof body.cappedAtStandard).toBe('boolean');
    expect(body.projection).toBeTypeOf('object');
  });

  it('compares plans side by side with a balance series each', async () => {
    const res = await student.request('POST', '/api/v1/calculator/compare', {
      balance: '30000.00',
      annualRate: '0.055',
      currency: 'USD',
      annualIncome: '45000',
      familySize: 2,
      year: 2024,
      plans: ['standard', 'PAYE', 'IBR-new'],
    });
    expect(res.statusCode).toBe(200);
    const plans = res.json().plans;
    expect(plans.map((p: { plan: string }) => p.plan)).toEqual(['standard', 'PAYE', 'IBR-new']);
    for (const p of plans) expect(p.balanceOverTime.length).toBeGreaterThan(1);
  });
});
