// The surveys feature's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  ACTION_STATUSES,
  CONDITION_OPS,
  FOLLOW_UP_OUTCOMES,
  QUESTION_TYPES,
  SEGMENT_FIELDS,
  TRIGGER_EVENTS,
  WAVE_CHANNELS,
  WAVE_KINDS,
  WAVE_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('surveys translations', 'surveys', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in the surveys feature', () => {
  it('every literal st() and surveysKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:st|surveysKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`surveys.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...WAVE_STATUSES.map((s) => `surveys.status.${s}`),
      ...ACTION_STATUSES.map((s) => `surveys.status.${s}`),
      ...WAVE_KINDS.map((k) => `surveys.kind.${k}`),
      ...WAVE_CHANNELS.map((c) => `surveys.channel.${c}`),
      ...SEGMENT_FIELDS.map((f) => `surveys.segment.${f}`),
      ...QUESTION_TYPES.map((t) => `surveys.type.${t}`),
      ...CONDITION_OPS.map((o) => `surveys.op.${o}`),
      ...FOLLOW_UP_OUTCOMES.map((o) => `surveys.outcome.${o}`),
      ...TRIGGER_EVENTS.map((e) => `surveys.event.${e.replace('.', '_')}`),
      'surveys.status.published',
      'surveys.reason.low-score',
      'surveys.reason.detractor',
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
