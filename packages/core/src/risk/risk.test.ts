import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auc,
  binCategorical,
  binIndex,
  binNumeric,
  calibrationTable,
  fairnessReport,
  fitLogistic,
  gini,
  gradeFor,
  informationValue,
  isProtectedAttribute,
  ks,
  pdFromScore,
  psi,
  psiFromShares,
  scorecardDefinitionSchema,
  scoreFromPd,
  scoreWith,
  seededRandom,
  stratifiedFolds,
  trainScorecard,
  TrainingInputError,
  weightOfEvidence,
  DEFAULT_GRADES,
  type TrainingTable,
} from './index.ts';

describe('weight of evidence and information value', () => {
  it('matches hand-computed WOE and IV', () => {
    // 100 goods, 20 bads: bin 1 holds 30 goods and 10 bads, bin 2 holds 70 goods and 10 bads.
    expect(weightOfEvidence(30, 10, 100, 20)).toBeCloseTo(Math.log(0.3 / 0.5), 12); // −0.510826
    expect(weightOfEvidence(70, 10, 100, 20)).toBeCloseTo(Math.log(1.4), 12); // 0.336472
    const { iv, woe } = informationValue([
      { goods: 30, bads: 10 },
      { goods: 70, bads: 10 },
    ]);
    expect(woe[0]).toBeCloseTo(-0.510826, 6);
    // (0.3 − 0.5)·ln(0.6) + (0.7 − 0.5)·ln(1.4) = 0.102165 + 0.067294
    expect(iv).toBeCloseTo(0.16946, 6);
  });

  it('keeps WOE finite for a bin with no bads', () => {
    expect(Number.isFinite(weightOfEvidence(10, 0, 100, 20))).toBe(true);
  });
});

describe('AUC, Gini, KS', () => {
  it('AUC by ranks: 3 of 4 bad–good pairs ordered right', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(gini(0.75)).toBe(0.5);
  });
  it('AUC counts a tie as half a pair', () => {
    // bad 0.5 vs goods 0.5 (tie, ½) and 0.2 (1); bad 0.9 beats both (2): 3.5 / 4.
    expect(auc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBe(0.875);
  });
  it('KS: the largest gap between cumulative bad and good shares', () => {
    expect(ks([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.5);
    expect(ks([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    // Tied values move together: one bad and one good at the same score is no separation.
    expect(ks([0.5, 0.5], [1, 0])).toBe(0);
  });
  it('refuses a single class', () => {
    expect(() => auc([0.1, 0.2], [0, 0])).toThrow(/both/);
  });
  it('AUC equals the share of correctly ordered pairs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (pairs) => {
          const risk = pairs.map((p) => p[0]);
          const labels = pairs.map((p) => (p[1] ? 1 : 0));
          fc.pre(labels.includes(1) && labels.includes(0));
          let wins = 0,
            n = 0;
          for (let i = 0; i < risk.length; i++)
            for (let j = 0; j < risk.length; j++)
              if (labels[i] === 1 && labels[j] === 0) {
                n++;
                wins += risk[i]! > risk[j]! ? 1 : risk[i] === risk[j] ? 0.5 : 0;
              }
          expect(auc(risk, labels)).toBeCloseTo(wins / n, 12);
        },
      ),
    );
  });
});

describe('points scaling (600 points at 50:1, PDO 20)', () => {
  it('PD 1/51 → 600.0 and PD 0.10 → 550.52', () => {
    expect(scoreFromPd(1 / 51)).toBeCloseTo(600, 9);
    expect(Math.round(scoreFromPd(0.1) * 100) / 100).toBe(550.52);
  });
  it('20 points double the good:bad odds, and the score inverts to the PD', () => {
    const odds = (pd: number) => (1 - pd) / pd;
    expect(odds(pdFromScore(620)) / odds(pdFromScore(600))).toBeCloseTo(2, 9);
    expect(pdFromScore(scoreFromPd(0.137))).toBeCloseTo(0.137, 12);
  });
});

describe('PSI and calibration', () => {
  it('PSI of shares by hand', () => {
    // (0.6 − 0.5)·ln(1.2) + (0.4 − 0.5)·ln(0.8) = 0.018232 + 0.022314
    expect(psiFromShares([0.5, 0.5], [0.6, 0.4])).toBeCloseTo(0.0405465, 6);
    const same = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(psi(same, same).psi).toBe(0);
  });
  it('calibration bands cover every row once', () => {
    const scores = [500, 510, 520, 530, 540, 550];
    const table = calibrationTable(
      scores,
      scores.map(() => 0.2),
      [1, 1, 0, 1, 0, 0],
      3,
    );
    expect(table.map((b) => b.count)).toEqual([2, 2, 2]);
    expect(table.map((b) => b.badRate)).toEqual([1, 0.5, 0]);
  });
});

describe('binning', () => {
  const random = seededRandom(7);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const x = Math.floor(random() * 100);
    xs.push(x);
    ys.push(random() < 0.05 + x / 250 ? 1 : 0);
  }

  it('numeric bins: monotonic bad rate, at least 5% of rows each, covering the whole line', () => {
    const b = binNumeric('x', xs, ys);
    expect(b.trend).toBe('increasing');
    const rates = b.bins.map((bin) => bin.bads / bin.count);
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThan(rates[i - 1]!);
    for (const bin of b.bins) expect(bin.count / xs.length).toBeGreaterThanOrEqual(0.05);
    expect(b.bins[0]!.lower).toBeNull();
    expect(b.bins.at(-1)!.upper).toBeNull();
    expect(b.bins.reduce((s, bin) => s + bin.count, 0)).toBe(xs.length);
    expect(b.iv).toBeGreaterThan(0.1);
  });

  it('any numeric data: bins partition the rows, hold at least 5% each and keep a monotonic bad rate (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.boolean()), {
          minLength: 20,
          maxLength: 300,
        }),
        (pairs) => {
          const b = binNumeric(
            'x',
            pairs.map((p) => p[0]),
            pairs.map((p) => (p[1] ? 1 : 0)),
          );
          expect(b.bins.reduce((s, bin) => s + bin.count, 0)).toBe(pairs.length);
          if (b.bins.length > 1)
            for (const bin of b.bins)
              expect(bin.count).toBeGreaterThanOrEqual(Math.ceil(0.05 * pairs.length));
          const rates = b.bins.map((bin) => bin.bads / bin.count);
          for (let i = 1; i < rates.length; i++) {
            if (b.trend === 'increasing') expect(rates[i]!).toBeGreaterThan(rates[i - 1]!);
            else expect(rates[i]!).toBeLessThan(rates[i - 1]!);
          }
          for (const p of pairs) expect(binIndex(b, p[0])).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('missing values get their own bin', () => {
    const b = binNumeric('x', [...xs.slice(0, 100), null, null], [...ys.slice(0, 100), 1, 0], {
      minBinShare: 0.05,
    });
    expect(b.bins.at(-1)).toMatchObject({ missing: true, count: 2, bads: 1 });
  });

  it('categorical: rare levels grouped as other', () => {
    const values = [...Array<string>(50).fill('a'), ...Array<string>(45).fill('b'), 'c', 'c', 'd', 'e', 'f'];
    const labels = values.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const b = binCategorical('v', values, labels);
    const other = b.bins.find((bin) => bin.other)!;
    expect(other.levels).toEqual(expect.arrayContaining(['c', 'd', 'e', 'f']));
    expect(b.bins.reduce((s, bin) => s + bin.count, 0)).toBe(values.length);
  });
});

describe('logistic regression', () => {
  it('with no features fits the sample log-odds', () => {
    const m = fitLogistic([[], [], [], []], [1, 0, 0, 0], { l2: 0 });
    expect(m.intercept).toBeCloseTo(Math.log(1 / 3), 9);
  });
  it('reaches a zero gradient of the penalised likelihood', () => {
    const x = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 0, 1, 0, 1, 1];
    const m = fitLogistic(x, y, { l2: 0.5 });
    expect(m.converged).toBe(true);
    let g0 = 0,
      g1 = 0;
    x.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-(m.intercept + m.coefficients[0]! * row[0]!)));
      g0 += p - y[i]!;
      g1 += (p - y[i]!) * row[0]!;
    });
    expect(Math.abs(g0)).toBeLessThan(1e-8);
    expect(Math.abs(g1 + 0.5 * m.coefficients[0]!)).toBeLessThan(1e-8);
  });
});

describe('protected attributes', () => {
  it('recognises protected names by whole words', () => {
    for (const n of [
      'age_in_years',
      'personal_status_and_sex',
      'foreign_worker',
      'maritalStatus',
      'Gender',
      'ethnicity',
    ])
      expect(isProtectedAttribute(n), n).toBe(true);
    for (const n of [
      'installment_rate_in_percentage_of_disposable_income',
      'mortgage',
      'average_balance',
      'duration',
    ])
      expect(isProtectedAttribute(n), n).toBe(false);
    expect(isProtectedAttribute('hukou', ['HUKOU'])).toBe(true);
  });
});

describe('fairness report', () => {
  it('approval rate and adverse-impact ratio against the most approved group', () => {
    const groups = ['f', 'f', 'f', 'f', 'm', 'm', 'm', 'm', 'm'];
    const approved = [true, true, false, false, true, true, true, true, false];
    const r = fairnessReport('sex', groups, approved);
    expect(r.referenceGroup).toBe('m');
    const f = r.groups.find((g) => g.group === 'f')!;
    expect(f.approvalRate).toBe(0.5);
    expect(f.adverseImpactRatio).toBeCloseTo(0.5 / 0.8, 12); // 0.625 < 0.8: flagged
    expect(f.flagged).toBe(true);
    expect(r.flagged).toBe(true);
  });
});

describe('scoring, reason codes and grades', () => {
  const def = scorecardDefinitionSchema.parse({
    basePoints: 400,
    features: [
      {
        name: 'months_at_address',
        kind: 'numeric',
        bins: [
          { label: '< 12', lower: null, upper: 12, points: 10 },
          { label: '>= 12', lower: 12, upper: null, points: 60 },
          { label: 'missing', missing: true, points: 20 },
        ],
      },
      {
        name: 'study_level',
        kind: 'categorical',
        bins: [
          { label: 'master | doctoral', levels: ['master', 'doctoral'], points: 90 },
          { label: 'other', levels: ['undergraduate'], other: true, points: 50 },
        ],
      },
    ],
  });
  it('adds points, converts to PD, grades, and names the costliest features', () => {
    const r = scoreWith(def, { months_at_address: '3', study_level: 'vocational', age: 19 });
    expect(r.score).toBe(460);
    expect(r.pd).toBeCloseTo(pdFromScore(460), 12);
    expect(r.reasons.map((x) => [x.feature, x.pointsLost])).toEqual([
      ['months_at_address', 50],
      ['study_level', 40],
    ]);
    expect(r.grade).toBe(gradeFor(DEFAULT_GRADES, 460, r.pd));
    expect(scoreWith(def, { months_at_address: '', study_level: 'master' }).score).toBe(510);
  });
  it('grades by score bands or by PD bands', () => {
    const byScore = {
      by: 'score' as const,
      bands: [
        { grade: 'A', minScore: 650 },
        { grade: 'B', minScore: 600 },
        { grade: 'C', minScore: null },
      ],
    };
    expect([700, 620, 100].map((s) => gradeFor(byScore, s, 0))).toEqual(['A', 'B', 'C']);
    expect(gradeFor(DEFAULT_GRADES, 0, 0.01)).toBe('A');
    expect(gradeFor(DEFAULT_GRADES, 0, 0.15)).toBe('D');
    expect(gradeFor(DEFAULT_GRADES, 0, 0.5)).toBe('E');
  });
  it('refuses a protected attribute as a feature', () => {
    const bad = scorecardDefinitionSchema.safeParse({
      features: [
        { name: 'age', kind: 'numeric', bins: [{ label: 'all', lower: null, upper: null, points: 1 }] },
      ],
    });
    expect(bad.success).toBe(false);
  });
});

function synthetic(n: number, seed: number): TrainingTable {
  const random = seededRandom(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const income = Math.round(random() * 100);
    const level = ['vocational', 'undergraduate', 'master'][Math.floor(random() * 3)]!;
    const age = String(18 + Math.floor(random() * 20));
    const noise = String(Math.round(random() * 10));
    const z = -0.5 - income / 40 + (level === 'vocational' ? 1 : level === 'master' ? -0.7 : 0);
    const bad = random() < 1 / (1 + Math.exp(-z));
    rows.push([String(income), level, age, noise, bad ? 'bad' : 'good']);
  }
  return { columns: ['income', 'study_level', 'age', 'noise', 'outcome'], rows };
}

describe('training', () => {
  const table = synthetic(1500, 3);
  it('trains, cross-validates and keeps protected attributes out of the model', () => {
    const r = trainScorecard(table, { target: 'outcome', bad: 'bad', folds: 5 });
    expect(r.rows).toBe(1500);
    expect(r.folds).toBe(5);
    expect(r.auc).toBeGreaterThan(0.7);
    expect(r.gini).toBeCloseTo(2 * r.auc - 1, 12);
    expect(r.features.map((f) => f.name)).toEqual(expect.arrayContaining(['income', 'study_level']));
    expect(r.definition.features.map((f) => f.name)).not.toContain('age');
    expect(r.protectedAttributes).toEqual(['age']);
    expect(r.fairness.map((f) => f.attribute)).toEqual(['age']);
    expect(r.holdout?.rows).toBe(300);
    // Points run the right way: more income, more points.
    const income = r.definition.features.find((f) => f.name === 'income')!;
    expect(income.bins[income.bins.length - 1]!.points).toBeGreaterThan(income.bins[0]!.points);
  });

  it('is deterministic for a seed', () => {
    const a = trainScorecard(table, { target: 'outcome', bad: 'bad', folds: 3, seed: 9 });
    const b = trainScorecard(table, { target: 'outcome', bad: 'bad', folds: 3, seed: 9 });
    expect(a.auc).toBe(b.auc);
    expect(a.definition).toEqual(b.definition);
  });

  it('stratified folds keep the bad share in every fold', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, seededRandom(1));
    for (let f = 0; f < 5; f++) expect(labels.filter((y, i) => folds[i] === f && y === 1).length).toBe(6);
  });

  it('refuses bad input, naming the problem', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(TrainingInputError);
        return e as TrainingInputError;
      }
      throw new Error('no error');
    };
    expect(err(() => trainScorecard(table, { target: 'default', bad: 'bad' })).field).toBe('target');
    expect(err(() => trainScorecard(table, { target: 'outcome', bad: 'defaulted' })).message).toMatch(
      /single class/,
    );
    expect(err(() => trainScorecard(table, { target: 'outcome', bad: 'bad', exclude: ['nope'] })).field).toBe(
      'exclude',
    );
    expect(
      err(() =>
        trainScorecard(
          { columns: table.columns, rows: table.rows.slice(0, 3) },
          { target: 'outcome', bad: 'bad', folds: 5 },
        ),
      ).message,
    ).toMatch(/fewer than the 5 folds/);
    const dirty = {
      columns: table.columns,
      rows: table.rows.map((r, i) => (i === 7 ? ['lots', ...r.slice(1)] : r)),
    };
    const e = err(() => trainScorecard(dirty, { target: 'outcome', bad: 'bad' }));
    expect(e.field).toBe('data.income');
    expect(e.message).toMatch(/row 8 .*"lots"/);
  });
});
