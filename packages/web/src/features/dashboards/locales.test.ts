// The dashboards' own translation files: same keys in English and 简体中文, and every literal
// dt() / dashboardsKey() key the feature's code asks for is present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';

const locales = describeFeatureLocales('dashboards translations', 'dashboards', en, zhCN, 60);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used by the dashboards', () => {
  it('every literal dt() and dashboardsKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:dt|dashboardsKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`dashboards.${m[1]}`);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
