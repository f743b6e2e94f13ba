// Reference values come from SciPy 1.17.1 / NumPy (python3); each expectation cites the call.
import { describe, expect, it } from 'vitest';
import {
  betaI,
  checkAnswers,
  chiSquareSurvival,
  chiSquareTest,
  conditionHolds,
  cronbachAlpha,
  csat,
  dimensionScores,
  driverAnalysis,
  followUpReason,
  gammaP,
  gammaQ,
  normalCdf,
  nps,
  npsChange,
  proportion,
  proportionChange,
  studentLoanSatisfactionTemplate,
  studentTQuantile,
  summarize,
  surveyDefinitionSchema,
  themesOf,
  visibleQuestions,
  welchTTest,
} from '../index.ts';

const close = (got: number | null | undefined, want: number, digits = 9) =>
  expect(got).toBeCloseTo(want, digits);

describe('special functions', () => {
  it('match scipy.special', () => {
    close(gammaQ(2.5, 3.1), 0.28724168342556083); // scipy.special.gammaincc(2.5, 3.1)
    close(gammaP(0.5, 0.2), 0.47291074313446196); // scipy.special.gammainc(0.5, 0.2)
    close(gammaQ(50, 70), 0.0051405024585059085, 11); // scipy.special.gammaincc(50, 70)
    close(betaI(0.3, 2.5, 0.5), 0.018927124071945658); // scipy.special.betainc(2.5, 0.5, 0.3)
    close(betaI(0.95, 30, 0.5), 0.08062942690643064); // scipy.special.betainc(30, 0.5, 0.95)
    close(chiSquareSurvival(12.3, 4), 0.015254394655769615); // scipy.stats.chi2.sf(12.3, 4)
    close(normalCdf(1.3), 0.9031995154143897); // scipy.stats.norm.cdf(1.3)
    close(normalCdf(-0.7), 0.24196365222307303); // scipy.stats.norm.cdf(-0.7)
    close(studentTQuantile(0.975, 9), 2.262157162798205); // scipy.stats.t.ppf(0.975, 9)
    close(studentTQuantile(0.975, 3.7), 2.8675207071911895); // scipy.stats.t.ppf(0.975, 3.7)
  });
});

describe('descriptive statistics', () => {
  it('mean, SD and the t-based 95 % interval', () => {
    const s = summarize([4, 5, 3, 4, 2, 5, 4, 3, 4, 5], [1, 2, 3, 4, 5]);
    close(s.mean, 3.9);
    close(s.sd, 0.9944289260117533); // numpy.std(x, ddof=1)
    // scipy.stats.t.interval(0.95, 9, loc=mean, scale=scipy.stats.sem(x))
    close(s.ci95?.low, 3.188628400280501);
    close(s.ci95?.high, 4.611371599719499);
    expect(s.distribution).toEqual({ '1': 0, '2': 1, '3': 2, '4': 4, '5': 3 });
    expect(summarize([]).mean).toBeNull();
    expect(summarize([3]).ci95).toBeNull();
  });

  it('CSAT with its Wilson interval', () => {
    const c = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4]);
    expect(c.share).toBe(0.7);
    // scipy.stats.binomtest(7, 10).proportion_ci(method='wilson')
    close(c.ci95?.low, 0.39677814746114526);
    close(c.ci95?.high, 0.892208732593699);
    const p = proportion(83, 120); // scipy.stats.binomtest(83, 120).proportion_ci(method='wilson')
    close(p.ci95?.low, 0.6041700227619933);
    close(p.ci95?.high, 0.767272630110837);
  });

  it('NPS with the variance of the promoter − detractor difference', () => {
    const r = nps([10, 9, 9, 8, 7, 6, 5, 10, 3, 9, 8, 10]);
    expect([r.promoters, r.passives, r.detractors]).toEqual([6, 3, 3]);
    close(r.score, 25);
    // 100*sqrt((p + d - (p - d)**2)/n) with p = 6/12, d = 3/12; interval ± scipy.stats.norm.ppf(0.975)·se
    close(r.se, 23.935677693908453);
    close(r.ci95?.low, -21.913066225619303);
    close(r.ci95?.high, 71.9130662256193);
  });
});

describe('reliability and tests', () => {
  it("Cronbach's alpha", () => {
    const rows = [
      [4, 4, 3],
      [5, 5, 4],
      [3, 3, 3],
      [2, 3, 2],
      [4, 5, 4],
      [5, 4, 5],
      [3, 2, 3],
      [4, 4, 4],
    ];
    // k/(k-1)*(1 - items.var(axis=0, ddof=1).sum()/items.sum(axis=1).var(ddof=1)) in NumPy
    close(cronbachAlpha(rows).alpha, 0.8942307692307692);
    // An incomplete row is left out, not counted as zero.
    expect(cronbachAlpha([...rows, [5, null, 1]]).n).toBe(8);
    expect(cronbachAlpha([[1], [2]]).alpha).toBeNull();
  });

  it('chi-square test of independence', () => {
    const r = chiSquareTest([
      [20, 15, 5],
      [10, 25, 15],
    ]);
    // scipy.stats.chi2_contingency([[20,15,5],[10,25,15]], correction=False)
    close(r?.statistic, 9.843750000000002);
    expect(r?.df).toBe(2);
    close(r?.pValue, 0.007285457798938984);
    // An empty column does not add a degree of freedom.
    expect(
      chiSquareTest([
        [20, 15, 5, 0],
        [10, 25, 15, 0],
      ])?.df,
    ).toBe(2);
    expect(chiSquareTest([[1, 2]])).toBeNull();
  });

  it("Welch's t-test", () => {
    const a = [3, 4, 2, 3, 3, 4, 2, 3, 5, 3, 2, 3];
    const b = [4, 5, 4, 3, 5, 4, 4, 5, 3, 4];
    const r = welchTTest(a, b);
    // scipy.stats.ttest_ind(b, a, equal_var=False): statistic, pvalue, df, confidence_interval(0.95)
    close(r?.t, 2.9107684494407255);
    close(r?.pValue, 0.008643967253867842);
    close(r?.df, 19.99888445935402);
    close(r?.ci95.low, 0.2880834333634442);
    close(r?.ci95.high, 1.7452498999698882);
    expect(welchTTest([1], b)).toBeNull();
  });

  it('wave-over-wave change of NPS and of a share', () => {
    const r = npsChange(
      [10, 9, 9, 8, 7, 6, 5, 10, 3, 9, 8, 10],
      [10, 9, 9, 10, 7, 9, 8, 10, 9, 9, 8, 10, 6, 9],
    );
    // ΔNPS / hypot(se₁, se₂), p = 2*scipy.stats.norm.sf(|z|)
    close(r?.difference, 39.28571428571429);
    close(r?.z, 1.3563325584272372);
    close(r?.pValue, 0.1749933807241958);
    // The 2×2 chi-square: scipy.stats.chi2_contingency([[20,30],[35,15]], correction=False).pvalue
    const c = proportionChange({ count: 20, n: 50 }, { count: 35, n: 50 });
    close(c?.difference, 0.3);
    close(c?.pValue, 0.0025688315270227164);
  });

  it('driver analysis: standardised betas and correlations', () => {
    // X and y from numpy.random.default_rng(7) (see the test's history); betas from
    // numpy.linalg.lstsq on z-scored columns, correlations from scipy.stats.pearsonr.
    const X = [
      [5, 4, 4],
      [5, 3, 4],
      [5, 2, 1],
      [2, 2, 5],
      [5, 1, 3],
      [5, 1, 4],
      [1, 3, 5],
      [2, 2, 2],
      [4, 2, 5],
      [3, 3, 3],
      [3, 3, 3],
      [5, 5, 4],
      [4, 4, 2],
      [5, 3, 2],
      [5, 1, 5],
      [4, 1, 1],
      [3, 1, 1],
      [3, 5, 3],
      [5, 5, 5],
      [4, 3, 3],
      [2, 3, 2],
      [2, 5, 1],
      [1, 1, 5],
      [4, 5, 2],
      [4, 2, 3],
      [1, 4, 5],
      [4, 1, 3],
      [2, 5, 5],
      [1, 3, 5],
      [5, 4, 4],
    ];
    const y = [5, 3, 4, 3, 3, 5, 3, 1, 4, 3, 3, 5, 3, 4, 5, 2, 2, 2, 5, 2, 1, 1, 3, 4, 2, 2, 4, 1, 2, 4];
    const r = driverAnalysis(
      ['a', 'b', 'c'],
      X.map((drivers, i) => ({ drivers, overall: y[i]! })),
    );
    expect(r.drivers.map((d) => d.key)).toEqual(['a', 'c', 'b']);
    const by = Object.fromEntries(r.drivers.map((d) => [d.key, d]));
    close(by.a?.beta, 0.76137350333239);
    close(by.b?.beta, -0.046028994486148);
    close(by.c?.beta, 0.450057204877687);
    close(by.a?.correlation, 0.6841432308554946);
    close(by.c?.correlation, 0.31095874333771667);
    close(r.rSquared, 0.6632861654034695);
  });
});

describe('free-text themes', () => {
  it('counts English words without stop words and Chinese bigrams, with examples', () => {
    const themes = themesOf([
      'The app keeps crashing when I log in',
      'App crashing again, very slow approval',
      '审批太慢了，等了一个月',
      '审批速度慢，客服态度好',
      '客服态度很好',
    ]);
    const t = Object.fromEntries(themes.map((x) => [x.term, x]));
    expect(t.app?.count).toBe(2);
    expect(t.crashing?.examples).toEqual([
      'The app keeps crashing when I log in',
      'App crashing again, very slow approval',
    ]);
    expect(t['审批']?.count).toBe(2);
    expect(t['态度']?.count).toBe(2);
    expect(t['审批']?.script).toBe('han');
    expect(t.the).toBeUndefined(); // a stop word
    expect(t['慢了']).toBeUndefined(); // 了 is a function character
  });
});

describe('survey definitions', () => {
  const { definition } = studentLoanSatisfactionTemplate();
  it('the built-in template is valid: six dimensions of three items, overall, NPS and comments', () => {
    const parsed = surveyDefinitionSchema.parse(definition);
    expect(parsed.dimensions).toHaveLength(6);
    for (const d of parsed.dimensions)
      expect(parsed.sections.flatMap((s) => s.questions).filter((q) => q.dimension === d.code)).toHaveLength(
        3,
      );
    expect(
      parsed.sections
        .flatMap((s) => s.questions)
        .map((q) => q.role)
        .filter(Boolean),
    ).toEqual(['overall', 'nps', 'comment']);
  });

  it('skip logic shows the reason question only to detractors', () => {
    expect(visibleQuestions(definition, { nps: 9 }).some((q) => q.id === 'main_issue')).toBe(false);
    expect(visibleQuestions(definition, { nps: 3 }).some((q) => q.id === 'main_issue')).toBe(true);
    expect(conditionHolds({ question: 'x', op: 'in', value: ['a'] }, { x: ['b', 'a'] })).toBe(true);
  });

  it('checks answers, names the field, and drops hidden answers', () => {
    const { errors, clean } = checkAnswers(
      definition,
      { application_1: 7, nps: 9, main_issue: 'pricing' },
      false,
    );
    expect(errors).toEqual([{ field: 'answers.application_1', message: 'a whole number from 1 to 5' }]);
    expect(clean).toEqual({ nps: 9 });
    const final = checkAnswers(definition, { nps: 9 }, true);
    expect(final.errors.map((e) => e.field)).toContain('answers.overall');
  });

  it('scores dimensions and decides the follow-up', () => {
    expect(dimensionScores(definition, { staff_1: 2, staff_2: 3 }).staff).toBe(2.5);
    expect(followUpReason(definition, { overall: 2, nps: 9 })).toBe('low-score');
    expect(followUpReason(definition, { overall: 4, nps: 6 })).toBe('detractor');
    expect(followUpReason(definition, { overall: 4, nps: 7 })).toBeNull();
  });

  it('rejects a definition whose skip logic points forward', () => {
    const bad = surveyDefinitionSchema.safeParse({
      sections: [
        {
          id: 's',
          title: { en: 'S', 'zh-CN': '节' },
          questions: [
            {
              id: 'a',
              type: 'text',
              text: { en: 'A', 'zh-CN': '甲' },
              showIf: { question: 'b', op: 'answered' },
            },
            { id: 'b', type: 'text', text: { en: 'B', 'zh-CN': '乙' } },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
  });
});
