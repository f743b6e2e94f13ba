// Request and response shapes of the portfolio risk analytics and risk register API. Money is
// integer minor units of the named currency; ratios are fractions (0.05 = 5 %).
import { z } from 'zod';
import { EXPORT_SECTIONS } from './portfolio.export.ts';
import { KRI_METRICS } from './portfolio.service.ts';

const isoDay = z.iso.date();
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');
const share = z.number().min(0).max(1);

export const portfolioQuerySchema = z.strictObject({
  currency: currency.optional(),
  topN: z.coerce.number().int().min(1).max(50).optional(),
});

export const parLoansQuerySchema = z.strictObject({
  currency: currency.optional(),
  days: z.coerce.number().int().min(1).max(1000).default(30),
});

export const exportQuerySchema = z.strictObject({
  currency: currency.optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  section: z.enum(EXPORT_SECTIONS).default('summary'),
});

const par = z.object({
  days: z.number(),
  count: z.number(),
  countAtRisk: z.number(),
  balance: z.number(),
  balanceAtRisk: z.number(),
  ratio: z.number(),
  countRatio: z.number(),
});
const matrix = z.object({
  statuses: z.array(z.string()),
  counts: z.array(z.array(z.number())),
  rates: z.array(z.array(z.number().nullable())),
  balanceRates: z.array(z.array(z.number().nullable())),
});
const provisionLine = z.object({
  key: z.string(),
  count: z.number(),
  ead: z.number(),
  provision: z.number(),
  coverage: z.number(),
});
const provisions = z.object({
  ead: z.number(),
  ifrs9: z.object({ total: z.number(), byStage: z.array(provisionLine) }),
  cecl: z.object({ total: z.number(), byStage: z.array(provisionLine) }),
  fiveTier: z.object({ total: z.number(), byTier: z.array(provisionLine) }),
});
const concentration = z.object({
  groups: z.number(),
  total: z.number(),
  hhi: z.number(),
  hhiPoints: z.number(),
  equivalentGroups: z.number(),
  top: z.array(z.object({ key: z.string(), balance: z.number(), share: z.number() })),
  topShare: z.number(),
});
const cdrRow = z.object({
  group: z.string(),
  fiscalYear: z.number(),
  windowEnd: z.string(),
  borrowers: z.number(),
  defaulted: z.number(),
  rate: z.number(),
  final: z.boolean(),
});

const fiveTierRates = z.strictObject({
  normal: share,
  special_mention: share,
  substandard: share,
  doubtful: share,
  loss: share,
});
export const portfolioSettingsSchema = z.strictObject({
  ecl: z.strictObject({
    pd12ByBucket: z.record(z.string().min(1).max(40), share),
    lgd: share,
    sicrDaysPastDue: z.number().int().min(1).max(365),
    impairedDaysPastDue: z.number().int().min(1).max(1000),
    fiveTierRates,
  }),
  stress: z.strictObject({
    unemploymentPerPp: z.number().min(0).max(10),
    incomePerPct: z.number().min(0).max(10),
  }),
});

export const dashboardSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  currencies: z.array(z.string()),
  loans: z.number(),
  balance: z.number(),
  par30: par,
  par90: par,
  buckets: z.array(
    z.object({ bucket: z.string(), count: z.number(), balance: z.number(), share: z.number() }),
  ),
  parTrend: z.array(
    z.object({
      date: z.string(),
      live: z.boolean(),
      par30: z.number(),
      par90: z.number(),
      par30Count: z.number(),
      balance: z.number(),
    }),
  ),
  rollRates: z.object({
    statuses: z.array(z.string()),
    periods: z.array(matrix.extend({ from: z.string(), to: z.string() })),
    pooled: matrix,
  }),
  vintages: z.array(
    z.object({
      cohort: z.string(),
      loans: z.number(),
      amount: z.number(),
      points: z.array(
        z.object({
          monthsOnBook: z.number(),
          observed: z.number(),
          rate: z.number(),
          amountRate: z.number(),
        }),
      ),
    }),
  ),
  cdrBySchool: z.array(cdrRow),
  cdrByProgramme: z.array(cdrRow),
  provisions,
  concentration: z.object({ school: concentration, programme: concentration, region: concentration }),
  settings: portfolioSettingsSchema,
});

export const parLoansSchema = z.object({
  currency: z.string(),
  days: z.number(),
  items: z.array(
    z.object({
      loanId: z.string(),
      loanNumber: z.string(),
      customerId: z.string(),
      productCode: z.string(),
      state: z.string(),
      bucket: z.string(),
      daysPastDue: z.number(),
      principal: z.number(),
      school: z.string().nullable(),
      programme: z.string().nullable(),
    }),
  ),
});

export const stressBodySchema = z.strictObject({
  currency: currency.optional(),
  unemploymentPp: z.number().min(-20).max(50),
  incomeDropPct: z.number().min(-50).max(100),
});

export const stressSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  scenario: z.object({ unemploymentPp: z.number(), incomeDropPct: z.number() }),
  elasticity: z.object({ unemploymentPerPp: z.number(), incomePerPct: z.number() }),
  pd12: z.array(z.object({ bucket: z.string(), baseline: z.number(), stressed: z.number() })),
  baseline: provisions,
  stressed: provisions,
  delta: z.object({ ifrs9: z.number(), cecl: z.number(), fiveTier: z.number() }),
});

export const captureSchema = z.object({ captured: z.array(z.string()), rows: z.number() });

// ——— risk register ———

const text = (max: number) => z.string().trim().min(1).max(max);
const rating = z.number().int().min(1).max(5);
export const RISK_CATEGORIES = ['credit', 'market', 'operational', 'legal'] as const;
export const RISK_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const;
export const CONTROL_KINDS = ['preventive', 'detective', 'corrective'] as const;
export const CONTROL_EFFECTIVENESS = [
  'effective',
  'partially_effective',
  'ineffective',
  'not_tested',
] as const;
/** Basel II operational loss event types. */
export const INCIDENT_CATEGORIES = [
  'internal_fraud',
  'external_fraud',
  'employment_practices',
  'clients_products',
  'physical_assets',
  'business_disruption',
  'execution_delivery',
] as const;

export const controlInputSchema = z.strictObject({
  name: text(200),
  description: z.string().max(2000).nullish(),
  kind: z.enum(CONTROL_KINDS),
  effectiveness: z.enum(CONTROL_EFFECTIVENESS),
});

export const kriInputSchema = z.strictObject({
  name: text(200),
  metric: z.enum(KRI_METRICS),
  direction: z.enum(['above', 'below']),
  amber: z.number().finite(),
  red: z.number().finite(),
});

const riskFields = {
  title: text(200),
  description: z.string().max(4000).nullish(),
  category: z.enum(RISK_CATEGORIES),
  ownerName: text(200),
  likelihood: rating,
  impact: rating,
  status: z.enum(RISK_STATUSES).optional(),
  reviewEveryDays: z.number().int().min(1).max(730).optional(),
  nextReviewOn: isoDay.optional(),
};

export const riskCreateSchema = z.strictObject({
  ...riskFields,
  controls: z.array(controlInputSchema).max(50).optional(),
  kris: z.array(kriInputSchema).max(50).optional(),
});
export const riskPatchSchema = z.strictObject(riskFields).partial();
export const reviewSchema = z.strictObject({
  note: z.string().max(2000).optional(),
  nextReviewOn: isoDay.optional(),
});

const riskBase = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.enum(RISK_CATEGORIES),
  ownerName: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(['low', 'medium', 'high', 'critical']),
  status: z.enum(RISK_STATUSES),
  reviewEveryDays: z.number(),
  nextReviewOn: z.string(),
  lastReviewedOn: z.string().nullable(),
  lastReviewNote: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const kriStatus = z.enum(['green', 'amber', 'red']);

export const registerSchema = z.object({
  asOf: z.string(),
  items: z.array(
    riskBase.extend({ controls: z.number(), kris: z.number(), kriStatus: kriStatus.nullable() }),
  ),
  heatMap: z.array(z.array(z.number())),
  overdueReviews: z.number(),
});

export const incidentSchema = z.object({
  id: z.string(),
  occurredOn: z.string(),
  category: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  lossAmount: z.string(),
  lossMinor: z.number(),
  currency: z.string(),
  riskId: z.string().nullable(),
  actions: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  reportedByName: z.string().nullable(),
  createdAt: z.string(),
});

export const riskDetailSchema = riskBase.extend({
  controls: z.array(
    z.object({
      id: z.string(),
      riskId: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      kind: z.enum(CONTROL_KINDS),
      effectiveness: z.enum(CONTROL_EFFECTIVENESS),
    }),
  ),
  kris: z.array(
    z.object({
      id: z.string(),
      riskId: z.string(),
      name: z.string(),
      metric: z.string(),
      direction: z.enum(['above', 'below']),
      amber: z.number(),
      red: z.number(),
      value: z.number().nullable(),
      status: kriStatus,
    }),
  ),
  incidents: z.array(incidentSchema),
});

export const incidentCreateSchema = z.strictObject({
  occurredOn: isoDay,
  category: z.enum(INCIDENT_CATEGORIES),
  title: text(200),
  description: z.string().max(4000).nullish(),
  lossAmount: z.string().max(30),
  currency,
  riskId: z.uuid().nullish(),
  actions: z.string().max(4000).nullish(),
  status: z.enum(['open', 'closed']).optional(),
});
export const incidentPatchSchema = z.strictObject({
  actions: z.string().max(4000).nullish(),
  status: z.enum(['open', 'closed']).optional(),
});
