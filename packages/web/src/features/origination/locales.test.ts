// Origination's own translation files: the same keys in English and 简体中文, no empty values,
// the same placeholders, and every key the feature's code asks for (through ot() and origKey(),
// which add the "origination." prefix) present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  APPLICATION_STATUSES,
  CHANNELS,
  DOCUMENT_KINDS,
  FUNNEL_STAGES,
  LEVELS,
  NEEDS,
  PURPOSES,
  REASONS,
  RELATIONSHIPS,
  RESULTS,
  RULES,
} from './api.ts';

const locales = describeFeatureLocales('origination translations', 'origination', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in origination', () => {
  it('every literal ot() and origKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:ot|origKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`origination.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...APPLICATION_STATUSES.flatMap((s) => [`origination.status.${s}`, `origination.statusText.${s}`]),
      ...CHANNELS.map((c) => `origination.channel.${c}`),
      ...DOCUMENT_KINDS.map((k) => `origination.document.${k}`),
      ...FUNNEL_STAGES.map((s) => `origination.stage.${s}`),
      ...LEVELS.map((l) => `origination.level.${l}`),
      ...NEEDS.map((n) => `origination.need.${n}`),
      ...PURPOSES.map((p) => `origination.purpose.${p}`),
      ...REASONS.map((r) => `origination.reason.${r}`),
      ...RELATIONSHIPS.map((r) => `origination.relationship.${r}`),
      ...RESULTS.map((r) => `origination.academic.${r}`),
      ...RULES.map((r) => `origination.rule.${r}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
