// The prospects feature's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  ACTIVITY_KINDS,
  CONTACT_CHANNELS,
  EVENT_STATUSES,
  FACTOR_CODES,
  LEVELS,
  LOST_REASONS,
  PROSPECT_SOURCES,
  PROSPECT_STAGES,
  REWARD_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('prospects translations', 'prospects', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the prospects feature', () => {
  it('every literal pt() and prospectsKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:pt|prospectsKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`prospects.${m[1]}`);
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...PROSPECT_STAGES.map((s) => `prospects.stage.${s}`),
      ...PROSPECT_SOURCES.map((s) => `prospects.source.${s}`),
      ...LOST_REASONS.map((s) => `prospects.lost.${s}`),
      ...CONTACT_CHANNELS.map((s) => `prospects.channel.${s}`),
      ...EVENT_STATUSES.map((s) => `prospects.eventStatus.${s}`),
      ...REWARD_STATUSES.map((s) => `prospects.reward.${s}`),
      ...FACTOR_CODES.map((s) => `prospects.factor.${s}`),
      ...ACTIVITY_KINDS.map((s) => `prospects.activity.${s}`),
      ...LEVELS.map((s) => `prospects.level.${s}`),
      ...['registered', 'applied', 'funded', 'void'].map((s) => `prospects.referrals.status.${s}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
