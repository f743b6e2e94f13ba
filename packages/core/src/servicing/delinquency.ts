// Delinquency buckets by days past due. Configurable; the default is the lender's usual
// ladder, with 270+ the US Direct Loan default point.

export interface Bucket {
  code: string;
  /** Lowest days past due in the bucket; the next bucket's `from` ends it. */
  from: number;
}

export const DEFAULT_BUCKETS: readonly Bucket[] = [
  { code: 'current', from: 0 },
  { code: '1-29', from: 1 },
  { code: '30-59', from: 30 },
  { code: '60-89', from: 60 },
  { code: '90-179', from: 90 },
  { code: '180-269', from: 180 },
  { code: '270+', from: 270 },
];

export function validateBuckets(buckets: readonly Bucket[]): void {
  if (buckets.length === 0 || buckets[0]!.from !== 0)
    throw new RangeError('the first bucket must start at 0 days past due');
  for (let i = 1; i < buckets.length; i++) {
    if (!(buckets[i]!.from > buckets[i - 1]!.from)) throw new RangeError('bucket thresholds must increase');
  }
  if (new Set(buckets.map((b) => b.code)).size !== buckets.length)
    throw new RangeError('bucket codes must be unique');
}

export function bucketOf(daysPastDue: number, buckets: readonly Bucket[] = DEFAULT_BUCKETS): string {
  let code = buckets[0]!.code;
  for (const b of buckets) if (daysPastDue >= b.from) code = b.code;
  return code;
}

/** Days past due on a business date: calendar days since the oldest unpaid due date. */
export function daysPastDue(oldestUnpaidDueDay: number | null, businessDay: number): number {
  if (oldestUnpaidDueDay === null || businessDay <= oldestUnpaidDueDay) return 0;
  return businessDay - oldestUnpaidDueDay;
}
