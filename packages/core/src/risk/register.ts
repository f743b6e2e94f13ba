// Risk register rules: the likelihood × impact rating on a 5 × 5 grid, and a key risk
// indicator's traffic light against its amber and red thresholds.

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

/** Rating = likelihood × impact (each 1–5): 1–4 low, 5–9 medium, 10–14 high, 15–25 critical. */
export function riskRating(likelihood: number, impact: number): { score: number; level: RiskLevel } {
  for (const [name, v] of [
    ['likelihood', likelihood],
    ['impact', impact],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 5)
      throw new RangeError(`${name} must be a whole number from 1 to 5`);
  }
  const score = likelihood * impact;
  const level: RiskLevel = score >= 15 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
  return { score, level };
}

export type KriDirection = 'above' | 'below';
export type KriStatus = 'green' | 'amber' | 'red';

/**
 * A KRI's status. 'above': worse when higher (PAR30), amber at value ≥ amber, red at ≥ red.
 * 'below': worse when lower (a coverage ratio), amber at ≤ amber, red at ≤ red.
 */
export function kriStatus(
  value: number,
  t: { direction: KriDirection; amber: number; red: number },
): KriStatus {
  if (t.direction === 'above') return value >= t.red ? 'red' : value >= t.amber ? 'amber' : 'green';
  return value <= t.red ? 'red' : value <= t.amber ? 'amber' : 'green';
}

/** Thresholds must escalate in the KRI's direction: for 'above', red ≥ amber; for 'below', red ≤ amber. */
export function kriThresholdsValid(t: { direction: KriDirection; amber: number; red: number }): boolean {
  return t.direction === 'above' ? t.red >= t.amber : t.red <= t.amber;
}
