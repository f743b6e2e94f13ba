// The compliance feature's translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import { BUREAUS, DISPUTE_OUTCOMES, DISPUTE_REASONS, DISPUTE_SOURCES, DISPUTE_STATUSES, RUN_STATUSES } from './api.ts';

const locales = describeFeatureLocales('compliance translations', 'compliance', en, zhCN, 80);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the compliance feature', () => {
  it('every literal ct() and complianceKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:ct|complianceKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`compliance.${m[1]}`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...[...RUN_STATUSES, ...DISPUTE_STATUSES, 'all'].map((s) => `compliance.status.${s}`),
      ...BUREAUS.map((b) => `compliance.bureau.${b}`),
      ...DISPUTE_OUTCOMES.map((o) => `compliance.outcome.${o}`),
      ...DISPUTE_REASONS.map((r) => `compliance.reason.${r}`),
      ...DISPUTE_SOURCES.map((s) => `compliance.source.${s}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
