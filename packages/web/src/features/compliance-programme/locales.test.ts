// The compliance-programme feature's translation files: the same keys in English and 简体中文,
// no empty values, the same placeholders, and every literal key the feature's code asks for.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';

const locales = describeFeatureLocales('compliance-programme translations', 'programme', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the compliance-programme feature', () => {
  it('every literal pt() and programmeKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:pt|programmeKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`programme.${m[1]}`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every status, stage, subject and answer has a label', () => {
    const keys = [
      ...['current', 'due', 'lapsed', 'open', 'remediating', 'closed', 'satisfactory', 'finding'].map(
        (s) => `programme.status.${s}`,
      ),
      ...['application', 'approval', 'signing', 'privacy'].map((s) => `programme.stage.${s}`),
      ...['credit_decision', 'restructuring', 'write_off'].map((s) => `programme.subject.${s}`),
      ...['yes', 'no', 'na'].map((s) => `programme.review.answer.${s}`),
      ...['sex', 'age'].map((s) => `programme.attribute.${s}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
