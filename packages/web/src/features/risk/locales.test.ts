// The model lab's own translation files: the same keys in English and 简体中文, no empty
// values, the same placeholders, and every key the feature's code asks for (through rt() and
// riskKey(), which add the "risk." prefix) present.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { MODEL_ROLES, MODEL_STATUSES, SCREEN_REASONS } from './api.ts';
import { IV_STRENGTHS } from './curves.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const locales = { en: flatten(en), 'zh-CN': flatten(zhCN) };

describe('model lab translations', () => {
  it('live under the one top key "risk"', () => {
    expect(Object.keys(en)).toEqual(['risk']);
    expect(Object.keys(zhCN)).toEqual(['risk']);
  });

  it('en and zh-CN have exactly the same keys', () => {
    const enKeys = [...locales.en.keys()].sort();
    const zhKeys = [...locales['zh-CN'].keys()].sort();
    expect(zhKeys.filter((k) => !locales.en.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !locales['zh-CN'].has(k))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it.each(Object.entries(locales))('%s has no empty values', (_name, map) => {
    const empty = [...map.entries()].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('keeps interpolation placeholders the same in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const mismatched = [...locales.en.entries()]
      .filter(
        ([k, v]) =>
          JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(locales['zh-CN'].get(k) ?? '')),
      )
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('the Chinese file is actually Chinese', () => {
    const withHan = [...locales['zh-CN'].values()].filter((v) => /\p{Script=Han}/u.test(v));
    expect(withHan.length / locales['zh-CN'].size).toBeGreaterThan(0.9);
  });
});

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
