// Name matching against the configured screening threshold: a table of pairs that must match
// (spelling variants, token order, aliases in list order, Hanzi ↔ pinyin / Wade-Giles / Cantonese)
// and pairs that must not (clearly different names and near misses that are other people).
import { describe, expect, it } from 'vitest';
import { kycSettings } from './kyc.settings.ts';
import {
  blockingKeys,
  hanziToPinyin,
  jaroWinkler,
  matchNames,
  nameVariants,
  normaliseTokens,
  pinyinToWadeGiles,
} from './name-match.ts';
import { naturalOrder } from './sanctions.parse.ts';

const threshold = kycSettings({}).BURSAR_SANCTIONS_THRESHOLD;

const POSITIVE: [string, string, string][] = [
  ['spelling variant (vowels)', 'Mohammed Ali Hassan', 'Muhammad Ali HASAN'],
  ['spelling variant (Arabic)', 'Osama Bin Ladin', 'Usama BIN LADEN'],
  ['diacritics and punctuation', 'José García-López', 'GARCIA LOPEZ, Jose'],
  ['list order to natural order', 'Vladimir Putin', naturalOrder('PUTIN, Vladimir', 'individual')],
  ['token order', 'Jong Un Kim', 'KIM Jong Un'],
  ['Hanzi ↔ pinyin, family first', '王小明', 'WANG Xiaoming'],
  ['Hanzi ↔ pinyin, given first and split', '王小明', 'Xiao Ming Wang'],
  ['Hanzi ↔ Wade-Giles', '王小明', 'Wang Hsiao-ming'],
  ['Hanzi ↔ Cantonese surname', '王小明', 'WONG Hsiao Ming'],
  ['pinyin ↔ pinyin, joined or split', 'WANG Xiaoming', 'Xiao-Ming Wang'],
  ['Hanzi ↔ pinyin, compound surname', '欧阳娜娜', 'OUYANG Nana'],
  ['Hanzi ↔ pinyin, surname reading of 曾', '曾小华', 'ZENG Xiaohua'],
  ['Hanzi ↔ pinyin, 陈志强', '陈志强', 'Chen Zhiqiang'],
  ['subset with patronymic', 'Aleksandr Petrov', 'Aleksandr Ivanovich PETROV'],
];

const NEGATIVE: [string, string, string][] = [
  ['clearly different', '王小明', 'Li Wei'],
  ['clearly different (Latin)', 'Maria Garcia', 'Mario Gomez'],
  ['same surname, other given name', 'John Smith', 'Jane Smythe'],
  ['other given name (Chinese, shared syllable)', '王小明', 'WANG Xiaohong'],
  ['one given name is a prefix of the other', 'Zhang Wei', 'Zhang Weiguo'],
  ['short family names differ', 'Li Ming', 'Liu Ming'],
  ['short given names differ', 'Wang Jun', 'Wang Juan'],
  ['different first names', 'David Brown', 'Daniel Brown'],
  ['different people, shared family name', 'Chen Jie', 'CHEN Jianguo'],
  ['an entity name', 'Emily Johnson', 'BANCO NACIONAL DE CUBA'],
];

describe('sanctions name matching at the default threshold', () => {
  it.each(POSITIVE)('matches: %s (%s ↔ %s)', (_why, a, b) => {
    const m = matchNames(a, b);
    expect(m.score, `${m.left} ~ ${m.right}`).toBeGreaterThanOrEqual(threshold);
    // Matching is symmetric.
    expect(matchNames(b, a).score).toBe(m.score);
  });

  it.each(NEGATIVE)('does not match: %s (%s ↔ %s)', (_why, a, b) => {
    const m = matchNames(a, b);
    expect(m.score, `${m.left} ~ ${m.right}`).toBeLessThan(threshold);
  });

  it('shares enough blocking keys for every positive pair, so prefiltering never hides a match', () => {
    for (const [, a, b] of POSITIVE) {
      const ka = blockingKeys(nameVariants(a));
      const kb = blockingKeys(nameVariants(b));
      const shared = kb.filter((k) => ka.includes(k)).length;
      expect(shared, `${a} / ${b}`).toBeGreaterThanOrEqual(Math.min(2, ka.length, kb.length));
    }
  });
});

describe('building blocks', () => {
  it('normalises case, diacritics and punctuation', () => {
    expect(normaliseTokens("  O'Brien-García, JOSÉ ")).toEqual(['o', 'brien', 'garcia', 'jose']);
  });
  it('romanises Hanzi names with family and given name apart', () => {
    expect(hanziToPinyin('王小明')).toEqual({ family: ['wang'], given: ['xiao', 'ming'] });
    expect(hanziToPinyin('欧阳娜娜')).toEqual({ family: ['ou', 'yang'], given: ['na', 'na'] });
    expect(hanziToPinyin('单雄信').family).toEqual(['shan']);
  });
  it('converts pinyin syllables to Wade-Giles', () => {
    expect(['xiao', 'zhang', 'qing', 'zi', 'rong', 'jian', 'shi'].map(pinyinToWadeGiles)).toEqual([
      'hsiao', 'chang', 'ching', 'tzu', 'jung', 'chien', 'shih',
    ]);
  });
  it('computes Jaro-Winkler like the published examples', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
