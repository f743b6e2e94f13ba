// Fuzzy name matching for sanctions screening. A name becomes one or more romanised variants
// (token lists): Latin names are normalised (case, diacritics, punctuation); Chinese names in
// Hanzi are romanised to Hanyu Pinyin (pinyin-pro, with surname readings such as 曾 zeng, 单 shan),
// to Wade-Giles (Taiwan passports: 王小明 → Wang Hsiao Ming) and to the common Cantonese / Hong
// Kong spellings of frequent surnames (王 Wong, 陈 Chan, 张 Cheung). Two names score the best
// similarity over their variant pairs, where a pair scores the best of three measures:
// Jaro-Winkler over the sorted tokens, a soft token-set match (each token of the shorter name
// against its best partner) and a family/given split that ignores token order and whether a
// given name is written as one word or two ("WANG Xiaoming" ↔ "Xiao Ming Wang").
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Lower case, no diacritics, punctuation and hyphens as spaces, tokens in order. */
export function normaliseTokens(name: string): string[] {
  // Plain ASCII needs no Unicode folding (most list and customer names): the fast path.
  if (/^[\x20-\x7e]*$/.test(name))
    return name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0);
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0);
}

export function hasHanzi(name: string): boolean {
  return HAN.test(name);
}

/** Two-character family names; every other Chinese name takes its first character as the family name. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '澹台',
]);

/**
 * Cantonese / Hong Kong and older spellings of frequent surnames, keyed by pinyin. Given names
 * are converted by the Wade-Giles rules below; surnames also get these customary forms.
 */
const SURNAME_VARIANTS: Record<string, string[]> = {
  wang: ['wong'],
  chen: ['chan', 'chun'],
  zhang: ['chang', 'cheung'],
  li: ['lee', 'lei'],
  liu: ['lau', 'lao'],
  huang: ['wong', 'hwang'],
  zhou: ['chou', 'chow', 'chau'],
  wu: ['ng', 'woo'],
  zhao: ['chao', 'chiu'],
  lin: ['lam', 'lim'],
  guo: ['kuo', 'kwok'],
  he: ['ho'],
  gao: ['kao', 'ko'],
  luo: ['lo', 'law'],
  zheng: ['cheng', 'cheang'],
  liang: ['leung'],
  xie: ['hsieh', 'tse'],
  song: ['sung'],
  xu: ['hsu', 'hui', 'tsui'],
  deng: ['teng', 'tang'],
  feng: ['fung'],
  zeng: ['tseng', 'tsang'],
  cai: ['tsai', 'choi'],
  yang: ['yeung'],
  zhu: ['chu', 'chiu'],
  hu: ['woo'],
  sun: ['suen'],
  ye: ['yeh', 'yip'],
  jiang: ['chiang', 'kong'],
  zhong: ['chung'],
  tang: ['tong'],
  han: ['hon'],
  cao: ['tsao', 'cho'],
  peng: ['pang'],
  lu: ['lo', 'loo'],
  su: ['so'],
  pan: ['poon'],
  du: ['to'],
  wei: ['ngai'],
  yu: ['yue', 'yee'],
  qiu: ['chiu', 'yau'],
  ou: ['au'],
  ouyang: ['auyeung', 'auyang'],
};

const INITIALS = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'];
const WG_INITIAL: Record<string, string> = {
  zh: 'ch', ch: 'ch', sh: 'sh', b: 'p', p: 'p', m: 'm', f: 'f', d: 't', t: 't', n: 'n', l: 'l',
  g: 'k', k: 'k', h: 'h', j: 'ch', q: 'ch', x: 'hs', r: 'j', z: 'ts', c: 'ts', s: 's', y: 'y', w: 'w', '': '',
};

/**
 * One pinyin syllable in Wade-Giles without apostrophes or tone numbers (the way passports and
 * lists print it): xiao → hsiao, zhang → chang, qing → ching, zi → tzu, rong → jung.
 */
export function pinyinToWadeGiles(syllable: string): string {
  const special: Record<string, string> = {
    zhi: 'chih', chi: 'chih', shi: 'shih', ri: 'jih', zi: 'tzu', ci: 'tzu', si: 'ssu',
    you: 'yu', yan: 'yen', ye: 'yeh', yong: 'yung', he: 'ho', ge: 'ko', ke: 'ko', e: 'o', er: 'erh',
  };
  if (special[syllable]) return special[syllable];
  const initial = INITIALS.find((i) => syllable.startsWith(i) && syllable.length > i.length) ?? '';
  let final = syllable.slice(initial.length);
  // ü after j, q, x is written u in pinyin and ü (here: u) in Wade-Giles.
  final = final
    .replace(/^ong$/, 'ung')
    .replace(/^iong$/, 'iung')
    .replace(/^ian$/, 'ien')
    .replace(/^ie$/, 'ieh')
    .replace(/^ui$/, 'uei')
    .replace(/^uo$/, initial === 'g' || initial === 'k' || initial === 'h' || initial === 'sh' ? 'uo' : 'o')
    .replace(/^e$/, initial === '' ? 'e' : 'e');
  return WG_INITIAL[initial] + final;
}

/** Hanzi name → family name syllables and given name syllables in pinyin. */
export function hanziToPinyin(name: string): { family: string[]; given: string[] } {
  const han = [...name].filter((c) => HAN.test(c)).join('');
  if (han.length === 0) return { family: [], given: [] };
  const familyLen = han.length >= 3 && COMPOUND_SURNAMES.has(han.slice(0, 2)) ? 2 : 1;
  const chars = [...han];
  const family = syllablesOf(chars.slice(0, familyLen).join(''), true);
  const given = chars.slice(familyLen).flatMap((c) => syllablesOf(c, false));
  return { family, given };
}

// Readings are cached per family name and per given-name character: names repeat a few thousand
// characters, and converting each name afresh costs about a millisecond.
const readings = new Map<string, string[]>();
function syllablesOf(text: string, asSurname: boolean): string[] {
  const key = `${asSurname ? 's' : 'g'}:${text}`;
  let out = readings.get(key);
  if (!out) {
    out = pinyin(text, { toneType: 'none', type: 'array', surname: asSurname ? 'head' : 'off', v: false })
      .map((s) => s.toLowerCase().replace(/ü/g, 'u').replace(/[^a-z]/g, ''))
      .filter((s) => s.length > 0);
    if (readings.size < 50_000) readings.set(key, out);
  }
  return out;
}

/** The romanised forms of a name, each a token list. Latin names have one; Hanzi names several. */
export function nameVariants(name: string): string[][] {
  const latin = normaliseTokens(name.replace(/\p{Script=Han}+/gu, ' '));
  const out: string[][] = [];
  if (hasHanzi(name)) {
    const { family, given } = hanziToPinyin(name);
    const fam = family.join('');
    const givenPy = given.join('');
    const givenWg = given.map(pinyinToWadeGiles).join('');
    const families = new Set([fam, family.map(pinyinToWadeGiles).join(''), ...(SURNAME_VARIANTS[fam] ?? [])]);
    for (const f of families) {
      out.push(givenPy ? [f, givenPy] : [f]);
      if (givenWg !== givenPy) out.push([f, givenWg]);
    }
  }
  if (latin.length > 0) out.push(latin);
  return out;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const aMatched = new Array<boolean>(la).fill(false);
  const bMatched = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, la, lb) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** First letter, then the consonants, doubled letters collapsed: Mohammed and Muhammad → "mhmd". */
function skeleton(t: string): string {
  return (t[0]! + t.slice(1).replace(/[aeiouyhw]/g, '')).replace(/(.)\1+/g, '$1');
}

/**
 * Similarity of two tokens. Vowel-only differences (the usual transliteration variants of Arabic,
 * Persian and Russian names) score high through the consonant skeleton; short tokens (most
 * Chinese family names and syllables) must match exactly to score high, so Li ≠ Liu, Jun ≠ Juan.
 */
const simCache = new Map<string, number>();

export function tokenSim(t: string, u: string): number {
  if (t === u) return 1;
  const key = t < u ? `${t}|${u}` : `${u}|${t}`;
  const hit = simCache.get(key);
  if (hit !== undefined) return hit;
  const s = tokenSimUncached(t, u);
  // Names repeat the same tokens across a portfolio: keep the scores (bounded).
  if (simCache.size > 200_000) simCache.clear();
  simCache.set(key, s);
  return s;
}

function tokenSimUncached(t: string, u: string): number {
  // Jaro-Winkler alone forgives a different ending after a shared prefix (xiaoming / xiaohong
  // 0.90); averaging with the edit-distance ratio keeps such pairs apart.
  let s = (jaroWinkler(t, u) + 1 - levenshtein(t, u) / Math.max(t.length, u.length)) / 2;
  if (Math.min(t.length, u.length) <= 3) s *= 0.8;
  else if (t.length >= 5 && u.length >= 5 && skeleton(t) === skeleton(u)) s = Math.max(s, 0.95);
  return s;
}

let levPrev = new Int32Array(64);
let levCur = new Int32Array(64);
export function levenshtein(a: string, b: string): number {
  if (b.length + 1 > levPrev.length) {
    levPrev = new Int32Array(b.length + 1);
    levCur = new Int32Array(b.length + 1);
  }
  let prev = levPrev;
  let cur = levCur;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Each token of the shorter name against its best partner in the longer, weighted by length. */
function softTokenSet(a: string[], b: string[]): number {
  // Greedy pairing depends on which side leads: with equal lengths take the better direction.
  if (a.length === b.length) return Math.max(softTokenSetFrom(a, b), softTokenSetFrom(b, a));
  return a.length < b.length ? softTokenSetFrom(a, b) : softTokenSetFrom(b, a);
}

function softTokenSetFrom(short: string[], long: string[]): number {
  let weighted = 0;
  let weight = 0;
  let worst = 1;
  const used = new Set<number>();
  for (const t of short) {
    let best = 0;
    let bestIdx = -1;
    long.forEach((u, idx) => {
      if (used.has(idx)) return;
      const s = tokenSim(t, u);
      if (s > best) {
        best = s;
        bestIdx = idx;
      }
    });
    if (bestIdx >= 0) used.add(bestIdx);
    weighted += best * t.length;
    weight += t.length;
    worst = Math.min(worst, best);
  }
  if (weight === 0) return 0;
  // The weakest token weighs in (one wrong given name is a different person), and a name that
  // covers only part of a longer one is weaker evidence.
  const coverage = short.length / long.length;
  const mean = weighted / weight;
  return (mean * 0.7 + worst * 0.3) * (0.75 + 0.25 * coverage) - (short.length === 1 && long.length > 1 ? 0.1 : 0);
}

/** The (family, given) readings of a token list: family first or family last, given joined. */
function familyGivenSplits(tokens: string[]): [string, string][] {
  if (tokens.length < 2) return [];
  return [
    [tokens[0]!, tokens.slice(1).join('')],
    [tokens[tokens.length - 1]!, tokens.slice(0, -1).join('')],
  ];
}

function familyGiven(a: string[], b: string[]): number {
  let best = 0;
  for (const [fa, ga] of familyGivenSplits(a))
    for (const [fb, gb] of familyGivenSplits(b)) {
      const f = tokenSim(fa, fb);
      const g = tokenSim(ga, gb);
      // Both parts must agree: the lower of the two dominates.
      best = Math.max(best, Math.min(f, g) * 0.6 + ((f + g) / 2) * 0.4);
    }
  return best;
}

export function tokenSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return Math.max(softTokenSet(a, b), familyGiven(a, b));
}

export interface NameMatch {
  score: number;
  /** The two romanised forms that matched best, for the reviewer. */
  left: string;
  right: string;
}

/** Best similarity (0..1) of two names over their romanised variants. */
export function matchNames(a: string, b: string): NameMatch {
  return matchVariants(nameVariants(a), nameVariants(b));
}

export function matchVariants(va: string[][], vb: string[][]): NameMatch {
  let best: NameMatch = { score: 0, left: '', right: '' };
  for (const x of va)
    for (const y of vb) {
      const s = tokenSimilarity(x, y);
      if (s > best.score) best = { score: s, left: x.join(' '), right: y.join(' ') };
    }
  return { ...best, score: Math.round(best.score * 1000) / 1000 };
}

/**
 * Blocking keys: a consonant skeleton of each token (first letter, then consonants, doubled letters
 * collapsed, at most three) so Muhammad / Mohammed share "mhm". Two names are compared in full
 * only when they share a key; the full comparison decides.
 */
export function blockingKeys(variants: string[][]): string[] {
  const keys = new Set<string>();
  for (const tokens of variants)
    for (const t of [...tokens, ...familyGivenSplits(tokens).map(([, g]) => g)]) {
      if (t.length < 2) continue;
      keys.add(skeleton(t).slice(0, 3));
    }
  return [...keys];
}
