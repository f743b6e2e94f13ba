import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

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

describe('translations', () => {
  it('en and zh-CN have exactly the same keys', () => {
    const enKeys = [...locales.en.keys()].sort();
    const zhKeys = [...locales['zh-CN'].keys()].sort();
    expect(zhKeys.filter((k) => !locales.en.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !locales['zh-CN'].has(k))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(50);
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
    expect(withHan.length / locales['zh-CN'].size).toBeGreaterThan(0.8);
  });
});

// Every literal key the code asks for exists (dynamic keys such as `roles.${r}` are covered
// by the enumerations below).
const sources = import.meta.glob<string>(['../**/*.tsx', '../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in code', () => {
  it('every literal t() key and nav label exists in en', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1] ?? '');
      for (const m of text.matchAll(/(?:label|description): '([a-z]+\.[\w.-]+)'/g)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', async () => {
    const { ROLES } = await import('@bursar/core/permissions');
    const opts = await import('../features/calculator/options.ts');
    const { INCOME_DRIVEN_PLANS } = await import('../api/types.ts');
    const keys = [
      ...ROLES.map((r) => `roles.${r}`),
      ...opts.FREQUENCIES.map((v) => `calculator.frequencies.${v}`),
      ...opts.METHODS.map((v) => `calculator.methods.${v}`),
      ...opts.ROUNDINGS.map((v) => `calculator.roundings.${v}`),
      ...opts.DAY_COUNTS.map((v) => `calculator.dayCounts.${opts.DAY_COUNT_KEYS[v]}`),
      ...opts.REGIONS.map((v) => `calculator.regions.r${v}`),
      ...opts.FILING_STATUSES.map((v) => `calculator.filingStatuses.${v}`),
      ...INCOME_DRIVEN_PLANS.map((v) => `calculator.plans.${v}`),
      'users.status.active',
      'users.status.disabled',
    ];
    const labels = await import('../features/customers/labels.ts');
    for (const { values, prefix } of Object.values(labels.VOCABULARY)) keys.push(...values.map((v) => `${prefix}.${v}`));
    keys.push(...labels.CLASSIFICATION_RULES.map(labels.ruleKey));
    const seg = await import('../features/segments/constants.ts');
    keys.push(...seg.OPERATORS.map((o) => `segments.op.${o}`));
    keys.push(...seg.FIELDS.map((f) => `segments.field.${f.replace('.', '_')}`));
    keys.push(...seg.FIELD_GROUPS.map((g) => `segments.fieldGroup.${g}`));
    const p = await import('../api/products.ts');
    keys.push(
      ...p.AMORTISATIONS.map((v) => `products.amortisation.${v}`),
      ...p.INTEREST_METHODS.map((v) => `products.interestMethods.${v}`),
      ...p.PHASE_INTEREST.map((v) => `products.phaseInterest.${v}`),
      ...p.REPRICING.map((v) => `products.repricing.${v}`),
      ...p.SUBSIDISERS.map((v) => `products.subsidisers.${v}`),
      ...p.CAPITALISATION_EVENTS.map((v) => `products.capitalisationEvents.${v}`),
      ...['draft', 'active', 'retired'].map((v) => `products.status.${v}`),
      ...['running', 'done', 'failed'].map((v) => `imports.status.${v}`),
      ...['loans', 'tickets', 'surveys', 'messages'].map((v) => `customer.later.${v}`),
      'products.activated',
      'products.discarded',
      'customerForm.duplicateTitle',
      'customerForm.duplicateBody',
      'customerForm.possibleDuplicateTitle',
      'customerForm.possibleDuplicateBody',
    );
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
