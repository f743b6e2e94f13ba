/** One benchmark figure, printed as the one-line format tools read:
 *  `BENCH <name> <metric>=<value> <unit> [baseline=<value>] [ratio=<value>] [goal=<text>]` */
export interface BenchFigure {
  name: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  goal?: string;
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : n.toPrecision(4);
}

export function benchLine(f: BenchFigure): string {
  const parts = [`BENCH ${f.name} ${f.metric}=${fmt(f.value)} ${f.unit}`];
  if (f.baseline !== undefined) {
    parts.push(`baseline=${fmt(f.baseline)}`);
    if (f.baseline !== 0) parts.push(`ratio=${fmt(f.value / f.baseline)}`);
  }
  if (f.goal) parts.push(`goal=${f.goal.replace(/\s+/g, '_')}`);
  return parts.join(' ');
}

export function printBench(f: BenchFigure): void {
  console.log(benchLine(f));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Benchmarks read their size from BENCH_SCALE when set, else the size the issue names. */
export function benchScale(defaultSize: number): number {
  const raw = process.env.BENCH_SCALE;
  const n = raw ? Number(raw) : defaultSize;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_SCALE must be a positive number, got ${raw}`);
  return Math.floor(n);
}
