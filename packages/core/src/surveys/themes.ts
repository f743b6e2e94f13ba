// Free-text themes: what respondents talk about most. English words (lower-cased, without stop
// words) and, for Chinese, which has no spaces between words, character bigrams of runs of Han
// characters (a bigram containing a function character such as 的 or 了 is skipped). Each term
// counts once per comment, so one long rant does not make a theme.

const EN_STOP = new Set(
  `a about above after again all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
or other our ours out over own same she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours really get got much many one thing things im dont ive lot`.split(/\s+/),
);

/** Han characters that make a bigram meaningless on their own (particles, pronouns, copulas). */
const ZH_STOP_CHARS = new Set([...'的了是我你他她它们在和与也都就很还吗呢吧啊呀这那有个之而及或被把让给对']);

const HAN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z'-]*[a-z]|[a-z]/g;

/** The distinct terms of one comment. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const run of text.match(HAN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (ZH_STOP_CHARS.has(chars[i]!) || ZH_STOP_CHARS.has(chars[i + 1]!)) continue;
      terms.add(chars[i]! + chars[i + 1]!);
    }
  }
  for (const w of text.toLowerCase().match(LATIN_WORD) ?? []) {
    const word = w.replace(/'s$/, '');
    if (word.length >= 3 && !EN_STOP.has(word)) terms.add(word);
  }
  return terms;
}

export interface Theme {
  term: string;
  script: 'han' | 'latin';
  /** Comments that mention it. */
  count: number;
  share: number;
  /** Up to `examples` comments, in input order. */
  examples: string[];
}

export function themesOf(
  comments: readonly string[],
  opts: { top?: number; examples?: number; minCount?: number } = {},
): Theme[] {
  const top = opts.top ?? 20;
  const maxExamples = opts.examples ?? 3;
  const minCount = opts.minCount ?? 2;
  const found = new Map<string, { count: number; examples: string[] }>();
  const texts = comments.map((c) => c.trim()).filter(Boolean);
  for (const text of texts) {
    for (const term of termsOf(text)) {
      const t = found.get(term) ?? { count: 0, examples: [] };
      t.count++;
      if (t.examples.length < maxExamples) t.examples.push(text);
      found.set(term, t);
    }
  }
  return [...found.entries()]
    .filter(([, t]) => t.count >= minCount)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([term, t]) => ({
      term,
      script: /\p{Script=Han}/u.test(term) ? ('han' as const) : ('latin' as const),
      count: t.count,
      share: t.count / texts.length,
      examples: t.examples,
    }));
}
