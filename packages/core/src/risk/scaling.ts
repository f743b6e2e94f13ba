// Points scaling: score = offset − factor·ln(bad:good odds), factor = PDO / ln 2, and the offset
// puts `baseScore` at `baseOdds` good:bad. Default: 600 points at 50:1, 20 points to double.
import { z } from 'zod';

export const scalingSchema = z.strictObject({
  baseScore: z.number().finite().default(600),
  /** Good:bad odds at the base score (50 means 50 goods per bad). */
  baseOdds: z.number().positive().finite().default(50),
  /** Points to double the odds. */
  pdo: z.number().positive().finite().default(20),
});
export type Scaling = z.infer<typeof scalingSchema>;

export const DEFAULT_SCALING: Scaling = { baseScore: 600, baseOdds: 50, pdo: 20 };

export function scalingFactor(s: Scaling = DEFAULT_SCALING): number {
  return s.pdo / Math.LN2;
}

export function scalingOffset(s: Scaling = DEFAULT_SCALING): number {
  return s.baseScore - scalingFactor(s) * Math.log(s.baseOdds);
}

/** Score for a probability of default. */
export function scoreFromPd(pd: number, s: Scaling = DEFAULT_SCALING): number {
  if (!(pd > 0 && pd < 1)) throw new RangeError('PD must be strictly between 0 and 1');
  return scalingOffset(s) - scalingFactor(s) * Math.log(pd / (1 - pd));
}

/** Probability of default for a score (the inverse of scoreFromPd). */
export function pdFromScore(score: number, s: Scaling = DEFAULT_SCALING): number {
  const logOdds = (scalingOffset(s) - score) / scalingFactor(s);
  return 1 / (1 + Math.exp(-logOdds));
}

/** Score for a log-odds of bad (the logistic model's linear predictor). */
export function scoreFromLogOdds(logOdds: number, s: Scaling = DEFAULT_SCALING): number {
  return scalingOffset(s) - scalingFactor(s) * logOdds;
}
