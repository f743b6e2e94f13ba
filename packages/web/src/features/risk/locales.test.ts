// The model lab's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for (through rt() and
// riskKey(), which add the "risk." prefix) present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import { MODEL_ROLES, MODEL_STATUSES, SCREEN_REASONS } from './api.ts';
import { IV_STRENGTHS } from './curves.ts';

const locales = describeFeatureLocales('model lab translations', 'risk', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the model lab', () => {
  it('every literal rt() and riskKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:rt|riskKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`risk.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...MODEL_STATUSES.map((s) => `risk.status.${s}`),
      ...MODEL_STATUSES.map((s) => `risk.next.${s}`),
      ...MODEL_ROLES.map((r) => `risk.role.${r}`),
      ...SCREEN_REASONS.map((r) => `risk.screened.${r}`),
      ...IV_STRENGTHS.map((s) => `risk.iv.${s}`),
      ...['numeric', 'categorical'].map((k) => `risk.kind.${k}`),
      ...['increasing', 'decreasing', 'none'].map((k) => `risk.trend.${k}`),
      ...['trained', 'imported'].map((k) => `risk.source.${k}`),
      ...['four-eyes', 'invalid-model-state', 'no-active-model', 'model-retired', 'model-not-active'].map(
        (k) => `risk.problems.${k}`,
      ),
      ...['validate', 'approve', 'retire', 'discard', 'champion', 'challenger'].flatMap((a) => [
        `risk.actions.${a}`,
        `risk.actions.done.${a}`,
        `risk.actions.confirm.${a}`,
      ]),
      ...['created', 'validated', 'approved', 'activated', 'retired'].map((k) => `risk.governance.${k}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
