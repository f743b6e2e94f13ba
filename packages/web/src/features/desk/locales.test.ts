// The service desk's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for (through dt() and
// deskKey(), which add the "desk." prefix) present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  HARDSHIP_KINDS,
  PRIORITIES,
  SLA_STATES,
  TICKET_CHANNELS,
  TICKET_STATUSES,
  TICKET_TYPES,
  TREND_DIMENSIONS,
  ARTICLE_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('service desk translations', 'desk', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the service desk', () => {
  it('every literal dt() and deskKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:dt|deskKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`desk.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...TICKET_STATUSES.map((s) => `desk.status.${s}`),
      ...TICKET_TYPES.map((s) => `desk.type.${s}`),
      ...TICKET_CHANNELS.map((s) => `desk.channel.${s}`),
      ...PRIORITIES.map((s) => `desk.priority.${s}`),
      ...SLA_STATES.map((s) => `desk.sla.${s}`),
      ...HARDSHIP_KINDS.map((s) => `desk.hardship.${s}`),
      ...TREND_DIMENSIONS.map((s) => `desk.trend.${s}`),
      ...ARTICLE_STATUSES.map((s) => `desk.kb.status.${s}`),
      ...['customer', 'agent', 'system'].map((s) => `desk.author.${s}`),
      ...['first_response', 'resolution'].map((s) => `desk.sla.clock.${s}`),
      ...['mine', 'unassigned', 'all'].map((s) => `desk.inbox.view.${s}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
