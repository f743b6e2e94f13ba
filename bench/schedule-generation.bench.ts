// 120-instalment monthly annuity schedules per second on one core: the exact engine
// (integer minor units, exact rational rates, one BigInt-checked payment per schedule)
// against a naive floating-point loop over the same inputs. The naive loop is the
// baseline a spreadsheet would use: float balance, Math.round to cents, no due dates.
// Goal (issue 4): exact results at >= 0.3 of the naive loop's speed.
import { generateSchedule } from '../packages/core/src/loan/schedule.ts';
import { toEpochDay } from '../packages/core/src/dates/index.ts';
import { rate, type Rate } from '../packages/core/src/money/index.ts';
import { printBench, median, benchScale } from './bench-line.ts';

interface Input {
  principal: number; // minor units
  rate: Rate;
  rateFloat: number;
}

interface NaiveRow {
  n: number;
  principal: number;
  interest: number;
  payment: number;
  balance: number;
}

function naiveSchedule(
  principalMajor: number,
  annualRate: number,
  n: number,
): { payment: number; rows: NaiveRow[]; totalInterest: number } {
  const i = annualRate / 12;
  const payment = Math.round(((principalMajor * i) / (1 - Math.pow(1 + i, -n))) * 100) / 100;
  const rows: NaiveRow[] = new Array<NaiveRow>(n);
  let balance = principalMajor;
  let totalInterest = 0;
  for (let k = 1; k <= n; k++) {
    const interest = Math.round(balance * i * 100) / 100;
    const principal = k === n ? balance : payment - interest;
    balance -= principal;
    totalInterest += interest;
    rows[k - 1] = { n: k, principal, interest, payment: principal + interest, balance };
  }
  return { payment, rows, totalInterest };
}

function inputs(count: number): Input[] {
  // Deterministic spread of principals (1,000.00 to 200,000.00) and rates (1.00 % to 15.99 %).
  const out: Input[] = [];
  let x = 12345;
  for (let j = 0; j < count; j++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const principal = 100000 + (x % 19900000);
    const bp = 100 + ((j * 37) % 1500);
    out.push({ principal, rate: rate(bp, 10000), rateFloat: bp / 10000 });
  }
  return out;
}

export default async function scheduleGenerationBench(): Promise<void> {
  const perRound = benchScale(20000);
  const rounds = 7;
  const data = inputs(perRound);
  const start = toEpochDay('2024-01-15');
  let sink = 0;

  const exactRun = (): number => {
    const t0 = performance.now();
    for (const d of data) {
      const s = generateSchedule({
        principal: d.principal,
        annualRate: d.rate,
        startDay: start,
        installments: 120,
        frequency: 'monthly',
        method: 'annuity',
        dayCount: '30/360',
        rounding: 'half-up',
      });
      sink += s.totalInterest;
    }
    return data.length / ((performance.now() - t0) / 1000);
  };
  const naiveRun = (): number => {
    const t0 = performance.now();
    for (const d of data) sink += naiveSchedule(d.principal / 100, d.rateFloat, 120).totalInterest;
    return data.length / ((performance.now() - t0) / 1000);
  };

  // Warm both paths up so the JIT has compiled them before we time anything.
  exactRun();
  naiveRun();
  const exact: number[] = [];
  const naive: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate order so neither side always runs on a warmer or cooler machine.
    if (r % 2 === 0) {
      exact.push(exactRun());
      naive.push(naiveRun());
    } else {
      naive.push(naiveRun());
      exact.push(exactRun());
    }
  }
  if (sink === 42) console.log(''); // keep results observable so nothing is optimised away
  printBench({
    name: 'schedule-generation',
    metric: 'schedules_per_s',
    value: Math.round(median(exact)),
    unit: 'schedules/s',
    baseline: Math.round(median(naive)),
    goal: 'exact, ratio >= 0.3',
  });
  await Promise.resolve();
}
