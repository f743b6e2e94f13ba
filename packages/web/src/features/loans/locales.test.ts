// Loan servicing's own translation files: the same keys in English and 简体中文, no empty values,
// the same placeholders, and every key the feature's code asks for (through lt() and loansKey(),
// which add the "loans." prefix) present, including every enumerated value.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { BUCKETS, DEFERMENT_REASONS, HARDSHIP_KINDS, HARDSHIP_STATUSES, LOAN_STATES, PAYMENT_CHANNELS, PREPAYMENTS } from './api.ts';

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

describe('loan servicing translations', () => {
  it('live under the one top key "loans"', () => {
    expect(Object.keys(en)).toEqual(['loans']);
    expect(Object.keys(zhCN)).toEqual(['loans']);
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

describe('keys used in loan servicing', () => {
  it('every literal lt() and loansKey() key exists, also in conditional expressions', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:lt|loansKey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(`loans.${m[1]}`);
      // lt(student ? 'a.b' : 'c.d')
      for (const m of text.matchAll(/\blt\([^()]*?\?\s*'([a-zA-Z][\w.-]*)'\s*:\s*'([a-zA-Z][\w.-]*)'/g)) {
        used.add(`loans.${m[1]}`);
        used.add(`loans.${m[2]}`);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...LOAN_STATES.map((s) => `loans.state.${s}`),
      ...BUCKETS.map((b) => `loans.bucket.${b}`),
      ...PAYMENT_CHANNELS.map((c) => `loans.channel.${c}`),
      ...PREPAYMENTS.map((p) => `loans.prepayment.${p}`),
      ...HARDSHIP_KINDS.map((k) => `loans.hardshipKind.${k}`),
      ...HARDSHIP_STATUSES.map((s) => `loans.hardshipStatus.${s}`),
      ...DEFERMENT_REASONS.map((r) => `loans.reason.${r}`),
      ...['posted', 'reversed'].map((s) => `loans.paymentStatus.${s}`),
      ...['penalty', 'fees', 'interest', 'principal', 'prepaidPrincipal', 'subsidy', 'credit', 'recovery'].map((a) => `loans.allocation.${a}`),
      ...['principal', 'interest', 'penalty', 'fees', 'credit', 'total'].map((r) => `loans.payoff.${r}`),
      ...['approve', 'decline'].flatMap((d) => [`loans.approvals.${d}`, `loans.approvals.done.${d}`]),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
