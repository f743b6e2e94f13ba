// The campaigns feature's translation files: the same keys in English and 简体中文, and every
// key the feature's code asks for present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, COST_LINES, NBO_CODES } from './api.ts';

const locales = describeFeatureLocales('campaigns translations', 'campaigns', en, zhCN, 60);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the campaigns feature', () => {
  it('every literal ct() and campaignsKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:ct|campaignsKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`campaigns.${m[1]}`);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...CAMPAIGN_STATUSES.map((s) => `campaigns.status.${s}`),
      ...CAMPAIGN_CHANNELS.map((c) => `campaigns.channel.${c}`),
      ...COST_LINES.map((c) => `campaigns.costLine.${c}`),
      ...NBO_CODES.map((c) => `campaigns.nbo.code.${c}`),
      ...['none', 'product', 'plan', 'content'].map((a) => `campaigns.nbo.action.${a}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
