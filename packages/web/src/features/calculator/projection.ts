// Balance-over-time series from income-driven projections (month by month) for one chart.
import type { ProjectionMonth } from '../../api/types.ts';

export interface BalancePoint {
  /** months since the first payment of the projection */
  month: number;
  balance: number;
}

export function balancePoints(months: readonly ProjectionMonth[]): BalancePoint[] {
  return months.map((m) => ({ month: m.month, balance: Number(m.balance) }));
}

/** One row per step (yearly by default) with a column per plan; a plan's line stops once it is paid off or forgiven. */
export function mergeSeries(byPlan: Record<string, BalancePoint[]>, stepMonths = 12): Record<string, number>[] {
  const maxMonth = Math.max(0, ...Object.values(byPlan).flatMap((ps) => ps.map((p) => p.month)));
  const months: number[] = [];
  for (let m = 0; m <= maxMonth; m += stepMonths) months.push(m);
  if (months[months.length - 1] !== maxMonth) months.push(maxMonth);
  return months.map((m) => {
    const row: Record<string, number> = { year: Math.round((m / 12) * 10) / 10 };
    for (const [plan, ps] of Object.entries(byPlan)) {
      const last = ps[ps.length - 1];
      if (!last) continue;
      if (m > last.month) {
        // the step just after the end shows where the plan ended (zero, or the forgiven balance)
        if (m - stepMonths < last.month) row[plan] = last.balance;
        continue;
      }
      let value = ps[0]?.balance ?? 0;
      for (const p of ps) {
        if (p.month > m) break;
        value = p.balance;
      }
      row[plan] = value;
    }
    return row;
  });
}
