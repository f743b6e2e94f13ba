// China's loan prime rate (贷款市场报价利率, LPR), 5-year-and-over tenor, published by the
// National Interbank Funding Center on the 20th of each month (next business day if a
// holiday) under the People's Bank of China's authority. Only changes are listed; each
// rate holds until the next entry. Source: PBOC / 全国银行间同业拆借中心 monthly LPR
// announcements (http://www.pbc.gov.cn, https://www.chinamoney.com.cn).
import { toEpochDay, type IsoDate } from '../../dates/index.ts';
import { parseRate, type Rate } from '../../money/index.ts';

export const LPR_5Y_HISTORY: readonly { from: IsoDate; rate: string }[] = [
  { from: '2019-08-20', rate: '0.0485' },
  { from: '2019-11-20', rate: '0.048' },
  { from: '2020-02-20', rate: '0.0475' },
  { from: '2020-04-20', rate: '0.0465' },
  { from: '2022-01-20', rate: '0.046' },
  { from: '2022-05-20', rate: '0.0445' },
  { from: '2022-08-22', rate: '0.043' },
  { from: '2023-06-20', rate: '0.042' },
  { from: '2024-02-20', rate: '0.0395' },
  { from: '2024-07-22', rate: '0.0385' },
  { from: '2024-10-21', rate: '0.036' },
  { from: '2025-05-20', rate: '0.035' },
];

/** The 5-year LPR in force on a date. */
export function lpr5y(on: IsoDate): Rate {
  const day = toEpochDay(on);
  let found: string | undefined;
  for (const e of LPR_5Y_HISTORY) if (toEpochDay(e.from) <= day) found = e.rate;
  if (!found) throw new RangeError(`No 5-year LPR held before ${LPR_5Y_HISTORY[0]!.from}`);
  return parseRate(found);
}

/** A published benchmark value recorded by the lender (decimal string, from its effective day). */
export interface RecordedRate {
  from: IsoDate;
  rate: string;
}

/** The 5-year LPR in force on a date, from the held history and the rates the lender recorded
 *  since (a recorded entry replaces a held one of the same day). Also returns the entry used. */
export function lpr5yWith(recorded: readonly RecordedRate[], on: IsoDate): { rate: Rate; from: IsoDate } {
  const byDay = new Map<IsoDate, string>();
  for (const e of [...LPR_5Y_HISTORY, ...recorded]) byDay.set(e.from, e.rate);
  let found: RecordedRate | undefined;
  for (const [from, r] of byDay) if (from <= on && (!found || from > found.from)) found = { from, rate: r };
  if (!found) throw new RangeError(`No 5-year LPR held before ${LPR_5Y_HISTORY[0]!.from}`);
  return { rate: parseRate(found.rate), from: found.from };
}
