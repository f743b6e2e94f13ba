// Loan servicing's own translation files: the same keys in English and 简体中文, no empty values,
// the same placeholders, and every key the feature's code asks for (through lt() and loansKey(),
// which add the "loans." prefix) present, including every enumerated value.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  BUCKETS,
  COLLECTION_KINDS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  DEFERMENT_REASONS,
  HARDSHIP_KINDS,
  HARDSHIP_STATUSES,
  LEGAL_GROUNDS,
  LEGAL_STATUSES,
  LOAN_STATES,
  PAYMENT_CHANNELS,
  PREPAYMENTS,
  PROMISE_STATUSES,
  STATEMENT_OUTCOMES,
  SUSPENSE_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('loan servicing translations', 'loans', en, zhCN);

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
      ...STATEMENT_OUTCOMES.map((o) => `loans.statementOutcome.${o}`),
      ...SUSPENSE_STATUSES.map((s) => `loans.suspenseStatus.${s}`),
      ...COLLECTION_KINDS.flatMap((k) => [`loans.collectionKind.${k}`, `loans.collections.submit.${k}`, `loans.collections.done.${k}`]),
      ...CONTACT_CHANNELS.map((c) => `loans.contactChannel.${c}`),
      ...CONTACT_OUTCOMES.map((o) => `loans.contactOutcome.${o}`),
      ...PROMISE_STATUSES.map((s) => `loans.promiseStatus.${s}`),
      ...LEGAL_GROUNDS.map((g) => `loans.legalGround.${g}`),
      ...LEGAL_STATUSES.flatMap((st) => [`loans.legalStatus.${st}`, `loans.legal.moveTo.${st}`]),
      ...['open-promise', 'no-promise', 'never-contacted'].map((f) => `loans.followUp.${f}`),
      ...['days-past-due', 'risk'].map((o) => `loans.collectionsOrder.${o}`),
      ...['asset', 'liability', 'income', 'expense', 'equity'].map((t) => `loans.accountType.${t}`),
      // reconciliation mismatches name the loan's balance fields
      ...['principal', 'interestDue', 'penaltyDue', 'feesDue', 'creditBalance'].map((f) => `loans.field.${f}`),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
