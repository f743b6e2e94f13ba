// The screening feature's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import { ACCOUNT_STATUSES, CASE_STATUSES, HIT_STATUSES, OUTCOMES, REASONS, SAR_TYPOLOGIES } from './api.ts';

const locales = describeFeatureLocales('screening translations', 'screening', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the screening feature', () => {
  it('every literal kt() and screeningKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:kt|screeningKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`screening.${m[1]}`);
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...[...HIT_STATUSES, ...OUTCOMES, ...ACCOUNT_STATUSES, ...CASE_STATUSES].map((s) => `screening.status.${s}`),
      ...SAR_TYPOLOGIES.map((t) => `screening.typology.${t}`),
      ...REASONS.map((r) => `screening.reason.${r}`),
      ...['onboarding', 'rescreen', 'manual'].map((o) => `screening.origin.${o}`),
      ...['onboarding', 'payee_change', 'manual'].map((o) => `screening.trigger.${o}`),
      ...['note', 'transaction', 'attachment'].map((k) => `screening.evidence.${k}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
