// Hold-out control groups: a journey leaves a random share of customers untouched so its
// effect is measurable. "Random" is a keyed hash of journey and customer: the same customer
// always lands in the same group of a journey, on any machine, with no stored random state.

/** 32-bit FNV-1a over UTF-16 code units, then a murmur3 finaliser for avalanche. */
export function stableHash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by journey, customer and seed. */
export function holdoutDraw(journeyKey: string, customerId: string, seed = 'bursar'): number {
  return stableHash32(`${seed}:${journeyKey}:${customerId}`) / 2 ** 32;
}

export type JourneyGroup = 'treatment' | 'holdout';

/** Treatment or hold-out, for a hold-out share in percent (0–50). */
export function assignGroup(
  journeyKey: string,
  customerId: string,
  holdoutPercent: number,
  seed = 'bursar',
): JourneyGroup {
  if (holdoutPercent <= 0) return 'treatment';
  return holdoutDraw(journeyKey, customerId, seed) * 100 < holdoutPercent ? 'holdout' : 'treatment';
}
