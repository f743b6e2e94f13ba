// Full-text retrieval over the lender's knowledge articles, in English and Chinese. Chinese has
// no spaces, so Han text is indexed as overlapping character bigrams (the approach of
// Lucene's CJK analyzer); English words are lower-cased and lightly stemmed. Documents are
// ranked by BM25 with the title counted twice, and the answer assistant picks the sentence
// that carries the most of the question's weight as the passage to show.

const HAN = /\p{Script=Han}/u;
const TOKEN_RUNS = /[\p{Script=Han}]+|[\p{L}\p{N}]+/gu;

const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i if in is it its me my of on or our so that the their there this to was what when where which who why will with you your'.split(
    ' ',
  ),
);
/** Question words and particles that carry no topic: dropped so they do not dominate short queries. */
const STOP_BIGRAMS = new Set([
  '怎么',
  '什么',
  '如何',
  '可以',
  '我的',
  '一下',
  '请问',
  '是否',
  '哪里',
  '为什',
  '么办',
  '怎样',
  '需要',
  '能否',
  '我们',
  '你们',
]);

function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(sh|ch|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ment')) return w.slice(0, -4);
  if (w.length > 4 && w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else return w;
  // deferred → defer, stopped → stop (but call, miss keep their double letter)
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Index terms of a text: English stems and Chinese character bigrams (a lone Han character stands alone). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(TOKEN_RUNS) ?? []) {
    if (HAN.test(run[0]!)) {
      const chars = [...run];
      if (chars.length === 1) out.push(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) {
        const bigram = chars[i]! + chars[i + 1]!;
        if (!STOP_BIGRAMS.has(bigram)) out.push(bigram);
      }
    } else if (!STOP_WORDS.has(run)) {
      out.push(stem(run));
    }
  }
  return out;
}

export interface SearchDoc {
  id: string;
  title: string;
  body: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

/** An in-memory BM25 index; build it from the published articles, query it many times. */
export class TextIndex {
  private readonly docs: { id: string; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(docs: readonly SearchDoc[]) {
    this.docs = docs.map((d) => {
      const terms = [...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.body)];
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { id: d.id, tf, length: terms.length };
    });
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  search(query: string, limit = 10): SearchHit[] {
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        score += (this.idf(t) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / this.avgLength));
      }
      if (score > 0) hits.push({ id: d.id, score });
    }
    return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
  }
}

const SENTENCE_END = /(?<=[。！？!?；;])|(?<=\.)\s+|\n+/u;

/** The sentence of `body` that answers `query` best (weighted by the index's idf), or the first one. */
export function bestPassage(body: string, query: string, index?: TextIndex): string {
  const sentences = body
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (sentences.length === 0) return '';
  const terms = new Set(tokenize(query));
  let best = sentences[0]!;
  let bestScore = 0;
  for (const s of sentences) {
    const own = new Set(tokenize(s));
    let score = 0;
    for (const t of terms) if (own.has(t)) score += index ? index.idf(t) : 1;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best.length > 400 ? `${best.slice(0, 397)}…` : best;
}
