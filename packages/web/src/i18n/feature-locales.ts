// Checks a feature's own translation files (kept beside the feature, under one top key):
// the same keys in English and 简体中文, no empty values, the same placeholders, and a
// Chinese file that is really Chinese. Used by each feature's locales.test.ts.
import { describe, expect, it } from 'vitest';

export type LocaleTree = { [key: string]: string | LocaleTree };

export function flattenLocale(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flattenLocale(v, key)) out.set(kk, vv);
  }
  return out;
}

export function describeFeatureLocales(
  title: string,
  topKey: string,
  en: LocaleTree,
  zhCN: LocaleTree,
  minKeys = 100,
): { en: Map<string, string>; 'zh-CN': Map<string, string> } {
  const locales = { en: flattenLocale(en), 'zh-CN': flattenLocale(zhCN) };
  describe(title, () => {
    it(`live under the one top key "${topKey}"`, () => {
      expect(Object.keys(en)).toEqual([topKey]);
      expect(Object.keys(zhCN)).toEqual([topKey]);
    });

    it('en and zh-CN have exactly the same keys', () => {
      const enKeys = [...locales.en.keys()].sort();
      const zhKeys = [...locales['zh-CN'].keys()].sort();
      expect(zhKeys.filter((k) => !locales.en.has(k))).toEqual([]);
      expect(enKeys.filter((k) => !locales['zh-CN'].has(k))).toEqual([]);
      expect(enKeys.length).toBeGreaterThan(minKeys);
    });

    it.each(Object.entries(locales))('%s has no empty values', (_name, map) => {
      const empty = [...map.entries()].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it('keeps interpolation placeholders the same in both languages', () => {
      const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      const mismatched = [...locales.en.entries()]
        .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(locales['zh-CN'].get(k) ?? '')))
        .map(([k]) => k);
      expect(mismatched).toEqual([]);
    });

    it('the Chinese file is actually Chinese', () => {
      const withHan = [...locales['zh-CN'].values()].filter((v) => /\p{Script=Han}/u.test(v));
      expect(withHan.length / locales['zh-CN'].size).toBeGreaterThan(0.9);
    });
  });
  return locales;
}
