// Seeded randomness for reproducible training: the same seed gives the same folds and the
// same hold-out split on every machine. Domain code never calls Math.random.

/** A small, fast 32-bit PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Stratified fold assignment: each class is shuffled and dealt round-robin, continuing where
 * the previous class stopped, so every fold gets nearly the same number of bads and goods.
 */
export function stratifiedFolds(labels: readonly number[], k: number, random: () => number): number[] {
  const folds = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const cls of [1, 0]) {
    const idx = shuffled(
      labels.flatMap((y, i) => (y === cls ? [i] : [])),
      random,
    );
    for (const i of idx) {
      folds[i] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

/** A stratified split: true marks the hold-out rows (about `share` of each class). */
export function stratifiedHoldout(labels: readonly number[], share: number, random: () => number): boolean[] {
  const out = new Array<boolean>(labels.length).fill(false);
  for (const cls of [1, 0]) {
    const idx = shuffled(
      labels.flatMap((y, i) => (y === cls ? [i] : [])),
      random,
    );
    const take = Math.round(idx.length * share);
    for (let j = 0; j < take; j++) out[idx[j]!] = true;
  }
  return out;
}
