import { describe, expect, it } from 'vitest';
import { badRate, ivStrength, ksChartData, ksPeak, percent, rocChartData } from './curves.ts';

// 4 bads, 6 goods; flagging riskiest first.
const roc = [
  { threshold: Number.MAX_VALUE, fpr: 0, tpr: 0 },
  { threshold: 0.9, fpr: 0, tpr: 0.5 },
  { threshold: 0.6, fpr: 1 / 6, tpr: 0.75 },
  { threshold: 0.3, fpr: 0.5, tpr: 1 },
  { threshold: 0.1, fpr: 1, tpr: 1 },
];

describe('validation charts', () => {
  it('ROC in percent with the chance diagonal', () => {
    expect(rocChartData(roc)[2]).toEqual({ fpr: 16.67, tpr: 75, chance: 16.67 });
  });

  it('KS chart: population flagged and the gap, KS at its peak', () => {
    const ks = ksChartData(roc, 4, 10);
    expect(ks.map((p) => p.population)).toEqual([0, 20, 40, 70, 100]);
    expect(ks[2]).toEqual({ population: 40, bads: 75, goods: 16.67, gap: 58.33 });
    expect(ksPeak(ks)?.population).toBe(40);
  });

  it('bins and IV readings', () => {
    expect(badRate({ bads: 3, count: 12 })).toBe(0.25);
    expect(badRate({ bads: 0, count: 0 })).toBe(0);
    expect([0.01, 0.05, 0.2, 0.4, 0.8].map(ivStrength)).toEqual([
      'useless',
      'weak',
      'medium',
      'strong',
      'suspicious',
    ]);
    expect(percent(0.1234)).toBe('12.3%');
    expect(percent(null)).toBe('—');
  });
});
