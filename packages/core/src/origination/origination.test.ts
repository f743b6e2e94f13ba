import { describe, expect, it } from 'vitest';
import { productTemplate, PRODUCT_TEMPLATES } from '../loan/templates.ts';
import { missingForSubmission, requiredDocuments, type ApplicationSections } from './application.ts';
import { productFit } from './fit.ts';
import { funnelSummary } from './funnel.ts';
import { priceOffer, pricingSpreadBp, repaymentPreview, tranchePlan } from './offer.ts';

const complete: ApplicationSections = {
  identity: {
    legalName: '张小明',
    dateOfBirth: '2007-03-01',
    nationalId: '110101200703010015',
    phone: '13800138000',
    email: 'xm@example.cn',
  },
  school: {
    schoolId: '00000000-0000-4000-8000-000000000001',
    level: 'undergraduate',
    programme: 'Economics',
    yearOfStudy: 1,
    startDate: '2026-09-01',
    expectedGraduationDate: '2030-06-30',
  },
  household: { size: 4, annualIncomeMinor: 3_000_000, needs: ['low_income'] },
  related: { guardianName: '张父' },
  purpose: {
    productCode: 'CN-NSL-HOME',
    purpose: 'tuition',
    years: [{ academicYear: '2026-2027', amountMinor: 1_600_000, payee: 'school' }],
  },
};

describe('application completeness', () => {
  it('names every missing answer and document', () => {
    const missing = missingForSubmission({ identity: { legalName: 'A' } }, []);
    const fields = missing.map((m) => m.field);
    expect(fields).toContain('identity.dateOfBirth');
    expect(fields).toContain('school.schoolId');
    expect(fields).toContain('purpose.years');
    expect(fields).toContain('documents.identity_document');
    expect(fields).not.toContain('identity.legalName');
  });

  it('accepts a complete application with its documents', () => {
    expect(requiredDocuments(complete)).toEqual([
      'identity_document',
      'admission_letter',
      'household_need_evidence',
    ]);
    expect(missingForSubmission(complete, requiredDocuments(complete))).toEqual([]);
    expect(missingForSubmission(complete, ['identity_document']).map((m) => m.field)).toEqual([
      'documents.admission_letter',
      'documents.household_need_evidence',
    ]);
  });

  it('asks for the co-signer consent when there is a co-signer, and refuses a year twice', () => {
    const s: ApplicationSections = {
      ...complete,
      related: { guardianName: 'x', cosigner: { name: '张父', relationship: 'parent' } },
      purpose: {
        ...complete.purpose,
        years: [
          { academicYear: '2026-2027', amountMinor: 1, payee: 'school' },
          { academicYear: '2026-2027', amountMinor: 1, payee: 'student' },
        ],
      },
    };
    expect(missingForSubmission(s, requiredDocuments(complete)).map((m) => m.field)).toEqual([
      'purpose.years.1.academicYear',
      'documents.cosigner_consent',
    ]);
  });
});

describe('product fit', () => {
  const fit = (over: Partial<Parameters<typeof productFit>[1]> = {}) =>
    productFit(PRODUCT_TEMPLATES, {
      level: 'undergraduate',
      purpose: 'tuition',
      financialNeed: true,
      expectedGraduationDate: '2030-06-30',
      years: [{ academicYear: '2026-2027' }],
      usage: {},
      today: '2026-08-01',
      ...over,
    });

  it('offers the national loan to need-based undergraduates with the yearly limit in force', () => {
    const home = fit().find((f) => f.code === 'CN-NSL-HOME')!;
    expect(home.eligible).toBe(true);
    expect(home.perYearLimitMinor).toBe(2_000_000);
    expect(home.remainingByYear).toEqual([
      { academicYear: '2026-2027', limitMinor: 2_000_000, remainingMinor: 2_000_000 },
    ]);
    const noNeed = fit({ financialNeed: false }).find((f) => f.code === 'CN-NSL-HOME')!;
    expect(noNeed.eligible).toBe(false);
    expect(noNeed.reasons).toContainEqual({ code: 'need_based', ok: false });
  });

  it('keeps the entrepreneurship loan for recent graduates and counts what is used', () => {
    const e = fit({ purpose: 'entrepreneurship', expectedGraduationDate: '2025-06-30' }).find(
      (f) => f.code === 'CN-BANK-ENTREPRENEURSHIP',
    )!;
    expect(e.eligible).toBe(true);
    const us = fit({
      usage: { 'US-DIRECT-SUB': { totalMinor: 2_000_000, byYear: { '2026-2027': 500_000 } } },
    }).find((f) => f.code === 'US-DIRECT-SUB')!;
    expect(us.remainingTotalMinor).toBe(300_000);
    expect(us.remainingByYear[0]!.remainingMinor).toBe(50_000);
  });
});

describe('offer', () => {
  it('lists each pricing adjustment on a bank product and none on a state-priced one', () => {
    const p = productTemplate('CN-BANK-TUITION');
    const o = priceOffer(p, '2026-09-01', { grade: 'A', academicResult: 'excellent', needs: ['low_income'] });
    expect(o.baseRate).toBe('0.0395');
    expect(o.adjustments).toEqual([
      { code: 'grade_A', bp: -25 },
      { code: 'academic_excellent', bp: -10 },
      { code: 'financial_need', bp: -20 },
    ]);
    expect(o.rate).toBe('0.034');
    const n = priceOffer(productTemplate('CN-NSL-HOME'), '2026-09-01', {
      grade: 'A',
      academicResult: 'excellent',
      needs: ['low_income'],
    });
    expect(n.adjustments).toEqual([]);
    expect(n.rate).toBe('0.029');
  });

  it('plans one tranche per academic year and previews repayment with its APR', () => {
    const plan = tranchePlan([
      { academicYear: '2027-2028', amountMinor: 2, payee: 'student' },
      { academicYear: '2026-2027', amountMinor: 1, payee: 'school' },
    ]);
    expect(plan.map((t) => [t.tranche, t.academicYear, t.plannedDate])).toEqual([
      [1, '2026-2027', '2026-09-01'],
      [2, '2027-2028', '2027-09-01'],
    ]);
    const p = productTemplate('CN-BANK-TUITION');
    const pre = repaymentPreview(p, {
      amountMinor: 3_000_000,
      rate: '0.0395',
      studyEndDate: '2030-06-30',
      yearsOfStudy: 4,
    });
    expect(pre.instalments).toBe(60);
    expect(pre.schedule).toHaveLength(60);
    expect(pre.schedule.at(-1)!.balance).toBe('0.00');
    expect(Number(pre.apr)).toBeGreaterThan(0.039);
    expect(Number(pre.apr)).toBeLessThan(0.041);
  });
});

describe('funnel', () => {
  it('counts stages reached, conversion, the worst drop-off and medians', () => {
    const s = funnelSummary([
      {
        channel: 'portal',
        schoolId: null,
        stage: 'draft',
        submittedAt: null,
        decidedAt: null,
        firstDisbursedAt: null,
      },
      {
        channel: 'portal',
        schoolId: null,
        stage: 'draft',
        submittedAt: null,
        decidedAt: null,
        firstDisbursedAt: null,
      },
      {
        channel: 'portal',
        schoolId: null,
        stage: 'approved',
        submittedAt: '2026-01-01T00:00:00Z',
        decidedAt: '2026-01-01T10:00:00Z',
        firstDisbursedAt: null,
      },
      {
        channel: 'branch',
        schoolId: null,
        stage: 'disbursed',
        submittedAt: '2026-01-01T00:00:00Z',
        decidedAt: '2026-01-01T02:00:00Z',
        firstDisbursedAt: '2026-01-03T00:00:00Z',
      },
    ]);
    expect(s.stages.map((x) => x.reached)).toEqual([4, 2, 2, 2, 1, 1]);
    expect(s.stages[1]!.conversion).toBe(0.5);
    expect(s.dropOff).toEqual({ from: 'draft', to: 'submitted', lost: 2 });
    expect(s.medianHoursToDecision).toBe(6);
    expect(s.medianHoursToDisbursement).toBe(48);
  });
});

describe('pricing spread carried to servicing', () => {
  it('is the offer rate minus the base rate in whole basis points', () => {
    expect(pricingSpreadBp({ rate: '0.0365', baseRate: '0.0415' })).toBe(-50);
    expect(pricingSpreadBp({ rate: '0.0435', baseRate: '0.0435' })).toBe(0);
    expect(pricingSpreadBp({ rate: '0.05', baseRate: '0.0425' })).toBe(75);
    expect(() => pricingSpreadBp({ rate: '0.04355', baseRate: '0.0435' })).toThrow(/basis points/);
  });
});
