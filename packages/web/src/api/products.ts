// Loan products as the products API returns them (definition: packages/core/src/loan/templates.ts).

export type PhaseInterest = 'subsidised' | 'paid' | 'capitalised' | 'accrued';

export type ProductRate =
  | { kind: 'fixed'; annualRate: string }
  | { kind: 'floating'; benchmark: 'CN-LPR-5Y'; spreadBp: number; repricing: 'annual-1-january' | 'annual-anniversary' };

export interface ProductDefinition {
  code: string;
  version: number;
  name: { en: string; 'zh-CN': string };
  currency: string;
  rate: ProductRate;
  interestMethod: string;
  amortisation: string;
  repaymentPlans?: string[];
  frequency: string;
  annualDueDate?: { month: number; day: number };
  dayCount: string;
  rounding: string;
  phases: {
    inSchool: { interest: PhaseInterest; subsidisedBy?: string };
    grace: { months: number; interest: PhaseInterest; principalFree: boolean };
    repayment: { termMonths?: number; termRule?: { yearsOfStudyPlus: number; maxYears: number } };
  };
  limits: { level: string; perYear: string; aggregate?: string; effectiveFrom?: string }[];
  eligibleLevels: string[];
  minimumPayment?: string;
  capitalisationEvents: string[];
  prepaymentPenalty: false;
  penaltyRate?: { kind: string; value: string };
  fees: {
    originationShare?: string;
    lateFee?: string;
    lateFeeShare?: string;
    lateFeeCap?: string;
    lateFeeGraceDays?: number;
    returnedPaymentFee?: string;
  };
  defaultDaysPastDue: number;
  notes?: string;
}

export type ProductStatus = 'draft' | 'active' | 'retired';

export interface ProductVersion {
  code: string;
  version: number;
  status: ProductStatus;
  name: { en: string; 'zh-CN': string };
  basedOn: string | null;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  definition: ProductDefinition;
}

export const PRODUCTS_KEY = ['products'] as const;

export const AMORTISATIONS = ['annuity', 'equal-principal', 'interest-only', 'graduated', 'income-driven'] as const;
export const INTEREST_METHODS = ['declining-balance', 'flat'] as const;
export const PHASE_INTEREST = ['subsidised', 'paid', 'capitalised', 'accrued'] as const;
export const PRODUCT_CURRENCIES = ['CNY', 'USD', 'GBP', 'EUR', 'HKD'] as const;
export const REPRICING = ['annual-1-january', 'annual-anniversary'] as const;
export const CAPITALISATION_EVENTS = ['end-of-grace', 'end-of-deferment', 'leaving-income-driven-plan'] as const;
export const SUBSIDISERS = ['state', 'lender', 'school'] as const;
export const PENALTY_KINDS = ['multiplier-of-contract-rate', 'fixed'] as const;

/** Moves the decimal point of a decimal string: exact, no floating point. "0.0395", 2 → "3.95". */
export function shiftDecimal(value: string, places: number): string | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  let digits = (m[1] ?? '') + (m[2] ?? '');
  let point = (m[1] ?? '').length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** "0.0395" → "3.95" (per cent, for display and editing). */
export const fractionToPercent = (fraction: string) => shiftDecimal(fraction, 2);
/** "3.95" → "0.0395". */
export const percentToFraction = (percent: string) => shiftDecimal(percent, -2);

/** Groups product versions by code, each product's versions newest first. */
export function groupProducts(versions: readonly ProductVersion[]): { code: string; versions: ProductVersion[] }[] {
  const by = new Map<string, ProductVersion[]>();
  for (const v of versions) by.set(v.code, [...(by.get(v.code) ?? []), v]);
  return [...by.entries()]
    .map(([code, vs]) => ({ code, versions: vs.sort((a, b) => b.version - a.version) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Sets a value at a dotted path of a JSON object, copying along the way; undefined deletes. */
export function setPath<T extends object>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const copy = { ...(obj as Record<string, unknown>) };
  if (!head) return obj;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const child = copy[head];
    copy[head] = setPath(typeof child === 'object' && child !== null ? child : {}, rest.join('.'), value);
  }
  return copy as T;
}
