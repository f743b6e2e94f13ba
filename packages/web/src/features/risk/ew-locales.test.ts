// Every enumerated value the grade and alert pages show has a label in both languages, and the
// web's copies of the server's vocabularies match core's.
import * as core from '@bursar/core';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { ALERT_OUTCOMES, ALERT_SEVERITIES, PLAYBOOK_STEPS, SIGNAL_KINDS } from './ew-api.ts';

function has(tree: unknown, key: string): boolean {
  let node = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.length > 0;
}

describe('early-warning labels', () => {
  const keys = [
    ...ALERT_SEVERITIES.map((s) => `risk.alerts.severity.${s}`),
    ...ALERT_OUTCOMES.map((o) => `risk.alerts.outcome.${o}`),
    ...SIGNAL_KINDS.map((k) => `risk.alerts.kind.${k}`),
    ...PLAYBOOK_STEPS.map((s) => `risk.alert.steps.${s}`),
    ...['open', 'closed'].map((s) => `risk.alerts.status.${s}`),
    ...['days', 'drop', 'months', 'bounces', 'series', 'scope', 'above'].map((p) => `risk.rules.params.${p}`),
    ...['month-not-closed', 'alert-closed', 'no-business-date'].map((p) => `risk.problems.${p}`),
  ];

  it('labels every value in English and 简体中文', () => {
    expect(keys.filter((k) => !has(en, k))).toEqual([]);
    expect(keys.filter((k) => !has(zhCN, k))).toEqual([]);
  });

  it('knows the same vocabularies as the server', () => {
    expect([...ALERT_SEVERITIES].sort()).toEqual([...core.ALERT_SEVERITIES].sort());
    expect([...ALERT_OUTCOMES]).toEqual([...core.ALERT_OUTCOMES]);
    expect([...SIGNAL_KINDS]).toEqual([...core.SIGNAL_KINDS]);
    expect([...PLAYBOOK_STEPS]).toEqual([...core.PLAYBOOK_STEPS]);
  });
});
