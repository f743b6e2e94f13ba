// The repayment calculator: a fixed contract other tools call. Thin over the core engine.
import {
  calculateIncomeDriven,
  calculateSchedule,
  comparePlansRequestSchema,
  compareRepaymentPlans,
  incomeDrivenRequestSchema,
  scheduleRequestSchema,
} from '@bursar/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';

export const calculatorRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app) => {
  app.post(
    '/calculator/schedule',
    {
      config: { permission: 'calculator.use' },
      schema: {
        tags: ['calculator'],
        summary: 'Repayment schedule for an amount, rate, term and method, exact to the cent',
        body: scheduleRequestSchema,
      },
    },
    async (request) => calculateSchedule(request.body),
  );

  app.post(
    '/calculator/income-driven',
    {
      config: { permission: 'calculator.use' },
      schema: {
        tags: ['calculator'],
        summary: 'Income-driven payment (US IBR, PAYE, ICR, RAP; UK Plan 2 and 5) with a projection',
        body: incomeDrivenRequestSchema,
      },
    },
    async (request) => calculateIncomeDriven(request.body),
  );

  app.post(
    '/calculator/compare',
    {
      config: { permission: 'calculator.use' },
      schema: {
        tags: ['calculator'],
        summary:
          'Repayment plans side by side (Standard, Graduated, Extended and the income-driven plans), with balance over time',
        body: comparePlansRequestSchema,
      },
    },
    async (request) => ({ plans: compareRepaymentPlans(request.body) }),
  );
};
