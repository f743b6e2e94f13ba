// Data governance's own translation files: the same keys in English and 简体中文, no empty values,
// the same placeholders, every literal gt()/dgKey() key present, and a label for every value
// the pages show from the API (statuses, kinds, regimes, regions, record types, reports).
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeFeatureLocales } from '../../i18n/feature-locales.ts';
import {
  DSR_KINDS,
  DSR_STATUSES,
  HOLD_SUBJECTS,
  OUTCOMES,
  REGIMES,
  REGIONS,
  REPORT_STATUSES,
  REPORTS,
  RETENTION_ACTIONS,
  RUN_STATUSES,
} from './api.ts';

const locales = describeFeatureLocales('data governance translations', 'dataGovernance', en, zhCN);

const sources = import.meta.glob<string>(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('keys used in data governance', () => {
  it('every literal gt() and dgKey() key exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\b(?:gt|dgKey)\(\s*'([a-zA-Z][\w.-]*)'/g))
        used.add(`dataGovernance.${m[1]}`);
    expect(used.size).toBeGreaterThan(90);
    expect([...used].filter((k) => !locales.en.has(k))).toEqual([]);
  });

  it('every enumerated value has a label', () => {
    const keys = [
      ...[...DSR_STATUSES, ...RUN_STATUSES, ...REPORT_STATUSES, ...OUTCOMES].map(
        (s) => `dataGovernance.status.${s}`,
      ),
      ...DSR_KINDS.flatMap((s) => [`dataGovernance.kind.${s}`, `dataGovernance.mine.kind.${s}`]),
      ...REGIMES.map((s) => `dataGovernance.regime.${s}`),
      ...REGIONS.map((s) => `dataGovernance.region.${s}`),
      ...REPORTS.map((s) => `dataGovernance.report.${s}`),
      ...HOLD_SUBJECTS.map((s) => `dataGovernance.subject.${s}`),
      ...RETENTION_ACTIONS.map((s) => `dataGovernance.action.${s}`),
      // The server's default retention schedule (retention.service.ts DEFAULT_RETENTION_SCHEDULE).
      ...[
        'customer_profile',
        'data_subject_request',
        'application_declined',
        'loan_record',
        'ticket',
        'message',
        'survey_response',
        'document',
        'kyc_evidence',
      ].map((s) => `dataGovernance.recordType.${s}`),
      ...['customers', 'loans', 'principal', 'interest', 'complaints', 'answeredLate'].map(
        (s) => `dataGovernance.totals.${s}`,
      ),
    ];
    expect(keys.filter((k) => !locales.en.has(k))).toEqual([]);
  });
});
