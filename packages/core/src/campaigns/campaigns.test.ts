import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assignArm,
  attributeConversion,
  attributeAll,
  campaignResults,
  daysToNextTermStart,
  DEFAULT_NBO_RULES,
  HOLDOUT_ARM,
  nextBestOffer,
  revenueProxy,
  twoProportionZTest,
  type NboFacts,
  type Touch,
} from '../index.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');

describe('attribution', () => {
  // A path: A delivered 100 days before, B clicked 90 days before (the lookback edge), C landed
  // 10 days before, A delivered again 1 day before, D touched after the application.
  const path: Touch[] = [
    { campaignId: 'A', kind: 'delivery', at: T0 - 100 * DAY },
    { campaignId: 'B', kind: 'click', at: T0 - 90 * DAY },
    { campaignId: 'C', kind: 'landing', at: T0 - 10 * DAY },
    { campaignId: 'A', kind: 'delivery', at: T0 - DAY },
    { campaignId: 'D', kind: 'click', at: T0 + 1 },
  ];

  it('takes first and last touch inside the lookback window, edge included, later touches ignored', () => {
    expect(attributeConversion(path, T0, 90)).toEqual({ firstTouch: 'B', lastTouch: 'A' });
    // One millisecond past the edge: B falls out, C is first.
    expect(attributeConversion(path, T0 + 1 - 1, 89)).toEqual({ firstTouch: 'C', lastTouch: 'A' });
    // A wider window reaches A's first delivery.
    expect(attributeConversion(path, T0, 100)).toEqual({ firstTouch: 'A', lastTouch: 'A' });
    // No touch before the conversion: nobody gets it.
    expect(attributeConversion(path, T0 - 200 * DAY, 90)).toEqual({ firstTouch: null, lastTouch: null });
  });

  it('breaks ties at one instant by the stronger touch, then campaign id', () => {
    const tie: Touch[] = [
      { campaignId: 'Z', kind: 'delivery', at: T0 - DAY },
      { campaignId: 'Y', kind: 'landing', at: T0 - DAY },
      { campaignId: 'X', kind: 'landing', at: T0 - DAY },
    ];
    expect(attributeConversion(tie, T0, 90)).toEqual({ firstTouch: 'X', lastTouch: 'X' });
  });

  it('does not depend on touch order and never credits a touch outside the window (property)', () => {
    const touch = fc.record({
      campaignId: fc.constantFrom('A', 'B', 'C', 'D'),
      kind: fc.constantFrom('delivery', 'click', 'landing', 'prospect', 'application' as const),
      at: fc.integer({ min: T0 - 200 * DAY, max: T0 + 10 * DAY }),
    });
    fc.assert(
      fc.property(fc.array(touch, { maxLength: 30 }), fc.integer({ min: 1, max: 120 }), (ts, lookback) => {
        const r = attributeConversion(ts, T0, lookback);
        const rev = attributeConversion([...ts].reverse(), T0, lookback);
        expect(rev).toEqual(r);
        const inWindow = ts.filter((t) => t.at >= T0 - lookback * DAY && t.at <= T0);
        expect(r.firstTouch === null).toBe(inWindow.length === 0);
        expect(r.lastTouch === null).toBe(inWindow.length === 0);
        if (inWindow.length) {
          const minAt = Math.min(...inWindow.map((t) => t.at));
          const maxAt = Math.max(...inWindow.map((t) => t.at));
          expect(inWindow.some((t) => t.campaignId === r.firstTouch && t.at === minAt)).toBe(true);
          expect(inWindow.some((t) => t.campaignId === r.lastTouch && t.at === maxAt)).toBe(true);
        }
      }),
    );
  });

  it('computes CPA and return exactly in minor units', () => {
    const touches = new Map<string, Touch[]>([
      [
        'c1',
        [
          { campaignId: 'A', kind: 'click', at: T0 - 5 * DAY },
          { campaignId: 'B', kind: 'landing', at: T0 - DAY },
        ],
      ],
      ['c2', [{ campaignId: 'A', kind: 'delivery', at: T0 - 3 * DAY }]],
      ['c3', [{ campaignId: 'A', kind: 'delivery', at: T0 - 3 * DAY }]],
    ]);
    const attributed = attributeAll(
      touches,
      [
        { applicationId: 'a1', customerId: 'c1', at: T0, funded: true, disbursedMinor: 1_000_000n },
        { applicationId: 'a2', customerId: 'c2', at: T0, funded: true, disbursedMinor: 2_000_001n },
        { applicationId: 'a3', customerId: 'c3', at: T0, funded: false, disbursedMinor: 0n },
        { applicationId: 'a4', customerId: 'nobody', at: T0, funded: true, disbursedMinor: 5n },
      ],
      90,
    );
    const costs = [
      { campaignId: 'A', spendMinor: 100_001n, marginBps: 800 },
      { campaignId: 'B', spendMinor: 50_000n, marginBps: 800 },
      { campaignId: 'E', spendMinor: 10_000n, marginBps: 800 },
    ];
    const first = campaignResults(costs, attributed, 'first');
    expect(first.find((r) => r.campaignId === 'A')).toEqual({
      campaignId: 'A',
      model: 'first',
      applications: 3,
      funded: 2,
      disbursedMinor: 3_000_001n,
      spendMinor: 100_001n,
      cpaMinor: 50_001n, // 100 001 ÷ 2 = 50 000.5 → half-up
      revenueMinor: 240_000n, // 3 000 001 × 8 % = 240 000.08
      returnBps: 14_000, // (240 000 − 100 001) × 10 000 ÷ 100 001 = 13 999.76 → half-up
    });
    expect(first.find((r) => r.campaignId === 'E')).toMatchObject({
      applications: 0,
      cpaMinor: null,
      returnBps: -10_000,
    });
    const last = campaignResults(costs, attributed, 'last');
    expect(last.find((r) => r.campaignId === 'B')).toMatchObject({
      applications: 1,
      funded: 1,
      disbursedMinor: 1_000_000n,
      cpaMinor: 50_000n,
      revenueMinor: 80_000n,
      returnBps: 6_000, // (80 000 − 50 000) ÷ 50 000
    });
    expect(last.find((r) => r.campaignId === 'A')).toMatchObject({
      applications: 2,
      funded: 1,
      cpaMinor: 100_001n,
    });
    expect(revenueProxy(12_345n, 1)).toBe(1n); // 1.2345 → 1
    expect(revenueProxy(15_000n, 1)).toBe(2n); // 1.5 → 2 (half-up)
  });
});

describe('A/B assignment and significance', () => {
  const variants = [
    { key: 'A', weight: 1 },
    { key: 'B', weight: 1 },
  ];

  it('assigns deterministically and close to the weights', () => {
    const counts: Record<string, number> = { A: 0, B: 0, [HOLDOUT_ARM]: 0 };
    for (let i = 0; i < 20_000; i++) {
      const id = `customer-${i}`;
      const arm = assignArm('seed-1', id, variants, 10);
      expect(assignArm('seed-1', id, variants, 10)).toBe(arm);
      counts[arm]!++;
    }
    expect(counts[HOLDOUT_ARM]! / 20_000).toBeGreaterThan(0.09);
    expect(counts[HOLDOUT_ARM]! / 20_000).toBeLessThan(0.11);
    expect(counts.A! / 20_000).toBeGreaterThan(0.43);
    expect(counts.B! / 20_000).toBeGreaterThan(0.43);
    // A different seed reshuffles customers.
    let moved = 0;
    for (let i = 0; i < 1000; i++)
      if (
        assignArm('seed-1', `customer-${i}`, variants, 10) !==
        assignArm('seed-2', `customer-${i}`, variants, 10)
      )
        moved++;
    expect(moved).toBeGreaterThan(300);
    expect(assignArm('s', 'x', [], 0)).toBe(HOLDOUT_ARM);
    expect(assignArm('s', 'x', variants, 100)).toBe(HOLDOUT_ARM);
  });

  it('matches a hand-computed two-proportion z-test', () => {
    // 60/500 vs 40/500: pooled p = 0.1, se = √(0.1·0.9·(2/500)) = 0.0189737, z = 0.04/se.
    const t = twoProportionZTest({ conversions: 60, n: 500 }, { conversions: 40, n: 500 })!;
    expect(t.difference).toBeCloseTo(0.04, 12);
    expect(t.relativeLift).toBeCloseTo(0.5, 12);
    expect(t.z).toBeCloseTo(2.1081851067789192, 9);
    expect(t.pValue).toBeCloseTo(0.035014981019662536, 9); // 2·(1 − Φ(z))
    expect(t.ci95.low).toBeCloseTo(0.0028950294254694864, 9);
    expect(t.ci95.high).toBeCloseTo(0.0771049705745305, 9);
    expect(t.adequateSample).toBe(true);
    const small = twoProportionZTest({ conversions: 2, n: 10 }, { conversions: 1, n: 10 })!;
    expect(small.adequateSample).toBe(false);
    expect(twoProportionZTest({ conversions: 0, n: 10 }, { conversions: 0, n: 10 })).toBeNull();
    expect(twoProportionZTest({ conversions: 1, n: 10 }, { conversions: 0, n: 0 })).toBeNull();
  });
});

describe('next-best offer', () => {
  const base: NboFacts = {
    enrolmentStatus: 'enrolled',
    level: 'undergraduate',
    daysToGraduation: 700,
    daysToNextTerm: 60,
    hasOpenLoan: true,
    maxDaysPastDue: 0,
    inCollections: false,
    onIncomeDrivenPlan: false,
    paymentToIncomeBps: null,
    daysSinceFirstDisbursement: 400,
    hasBusinessPlan: false,
  };

  it('chooses by the rules on constructed customers', () => {
    expect(nextBestOffer(base).code).toBe('next-year-tranche');
    expect(nextBestOffer({ ...base, daysToNextTerm: 150 }).code).toBeNull();
    expect(nextBestOffer({ ...base, daysToGraduation: 200, daysToNextTerm: 150 }).code).toBe('graduate-loan');
    expect(
      nextBestOffer({ ...base, daysToGraduation: 200, level: 'master', daysToNextTerm: 150 }).code,
    ).toBeNull();
    expect(nextBestOffer({ ...base, maxDaysPastDue: 3 }).code).toBeNull();
    const graduate = { ...base, enrolmentStatus: 'graduated', daysToGraduation: -30 };
    expect(nextBestOffer({ ...graduate, maxDaysPastDue: 12 }).code).toBe('income-driven-plan');
    expect(nextBestOffer({ ...graduate, paymentToIncomeBps: 1500 }).code).toBe('income-driven-plan');
    expect(nextBestOffer({ ...graduate, paymentToIncomeBps: 1499 }).code).toBeNull();
    expect(nextBestOffer({ ...graduate, maxDaysPastDue: 12, onIncomeDrivenPlan: true }).code).toBeNull();
    expect(nextBestOffer({ ...graduate, hasBusinessPlan: true }).code).toBe('entrepreneurship-loan');
    const d = nextBestOffer({
      ...base,
      inCollections: true,
      maxDaysPastDue: 120,
      daysSinceFirstDisbursement: 30,
    });
    expect(d.code).toBe('collections-hold');
    expect(d.rule!.action.kind).toBe('none');
    expect(d.eligible).toEqual(['collections-hold', 'financial-literacy']);
    expect(nextBestOffer({ ...base, daysToNextTerm: 150, daysSinceFirstDisbursement: 180 }).code).toBe(
      'financial-literacy',
    );
    expect(nextBestOffer({ ...base, hasOpenLoan: false, daysSinceFirstDisbursement: null }).code).toBeNull();
    for (const r of DEFAULT_NBO_RULES) expect(r.reason['zh-CN'].length).toBeGreaterThan(0);
  });

  it('counts days to the next term start', () => {
    expect(daysToNextTermStart('2026-07-03')).toBe(60);
    expect(daysToNextTermStart('2026-09-01')).toBe(0);
    expect(daysToNextTermStart('2026-09-02')).toBe(364);
  });
});
