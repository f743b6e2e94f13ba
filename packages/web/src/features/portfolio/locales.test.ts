// Portfolio risk's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for (through pt() and
// portfolioKey(), which add the "portfolio." prefix) present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  CONTROL_EFFECTIVENESS,
  CONTROL_KINDS,
  EXPORT_SECTIONS,
  FIVE_TIERS,
  INCIDENT_CATEGORIES,
  KRI_METRICS,
  KRI_STATUSES,
  RISK_CATEGORIES,
  RISK_LEVELS,
  RISK_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('portfolio risk translations', 'portfolio', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used by portfolio risk', () => {
  it('every literal pt() and portfolioKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:pt|portfolioKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`portfolio.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...FIVE_TIERS.map((s) => `portfolio.tier.${s}`),
      ...RISK_CATEGORIES.map((s) => `portfolio.category.${s}`),
      ...RISK_STATUSES.map((s) => `portfolio.status.${s}`),
      ...RISK_LEVELS.map((s) => `portfolio.level.${s}`),
      ...KRI_STATUSES.map((s) => `portfolio.kriStatus.${s}`),
      ...KRI_METRICS.map((s) => `portfolio.metric.${s}`),
      ...CONTROL_KINDS.map((s) => `portfolio.controlKind.${s}`),
      ...CONTROL_EFFECTIVENESS.map((s) => `portfolio.effectiveness.${s}`),
      ...INCIDENT_CATEGORIES.map((s) => `portfolio.incidentCategory.${s}`),
      ...EXPORT_SECTIONS.map((s) => `portfolio.sections.${s}`),
      ...['default', 'charged_off', 'closed'].map((s) => `portfolio.rollStatus.${s}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
