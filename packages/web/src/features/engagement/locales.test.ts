// Engagement's own translation files: the same keys in English and 简体中文, no empty values, the
// same placeholders, and every key the feature's code asks for (through et() and
// engagementKey(), which add the "engagement." prefix) present, including every enumerated value.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  INTERACTION_DIRECTIONS,
  INTERACTION_KINDS,
  INTERACTION_OUTCOMES,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  MESSAGE_STATUSES,
  RATE_DIMENSIONS,
  RUN_STATES,
  STEP_KINDS,
  SUPPRESSION_REASONS,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  TEMPLATE_STATUSES,
  TRIGGER_TYPES,
} from './api.ts';

const locales = describeFeatureLocales('engagement translations', 'engagement', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in engagement', () => {
  it('every literal et() and engagementKey() key exists, also in conditional expressions', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:et|engagementKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`engagement.${m[1]}`);
      // et(cond ? 'a.b' : 'c.d'), also nested: every quoted key after ? or : inside et(…)
      for (const m of text.matchAll(/\bet\(([^()]*?\?[^()]*?)[,)]/g))
        for (const k of m[1]!.matchAll(/[?:]\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`engagement.${k[1]}`);
    }
    expect(used.size).toBeGreaterThan(200);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...MESSAGE_CHANNELS.map((c) => `engagement.channel.${c}`),
      ...MESSAGE_PURPOSES.map((p) => `engagement.purpose.${p}`),
      ...MESSAGE_STATUSES.map((s) => `engagement.status.${s}`),
      ...TEMPLATE_CATEGORIES.map((c) => `engagement.category.${c}`),
      ...TEMPLATE_LANGUAGES.map((l) => `engagement.language.${l}`),
      ...TEMPLATE_STATUSES.map((s) => `engagement.templateStatus.${s}`),
      ...TRIGGER_TYPES.map((t) => `engagement.trigger.${t}`),
      ...STEP_KINDS.map((k) => `engagement.stepKind.${k}`),
      ...INTERACTION_KINDS.map((k) => `engagement.interactionKind.${k}`),
      ...INTERACTION_OUTCOMES.map((o) => `engagement.outcome.${o}`),
      ...INTERACTION_DIRECTIONS.map((d) => `engagement.direction.${d}`),
      ...SUPPRESSION_REASONS.map((r) => `engagement.reason.${r}`),
      ...RUN_STATES.map((s) => `engagement.runState.${s}`),
      ...RATE_DIMENSIONS.flatMap((d) => [
        `engagement.measurement.by.${d}`,
        `engagement.measurement.none.${d}`,
      ]),
      ...['smtp', 'webhook', 'file', 'portal', 'letter'].map((d) => `engagement.driver.${d}`),
      ...['treatment', 'holdout'].map((g) => `engagement.group.${g}`),
      ...['open', 'done', 'cancelled'].map((s) => `engagement.taskStatus.${s}`),
      ...['running', 'done'].map((s) => `engagement.batchStatus.${s}`),
      ...['cancel', 'retry'].map((a) => `engagement.messages.done.${a}`),
      ...['activate', 'approve', 'retire'].map((a) => `engagement.editor.done.${a}`),
      ...['customerId', 'batchId', 'journeyId'].map((k) => `engagement.messages.scope.${k}`),
      ...['json', 'object'].map((k) => `engagement.builder.conditionError.${k}`),
      ...['event', 'customer'].map((k) => `engagement.builder.dedupeBy.${k}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
