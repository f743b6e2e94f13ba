// Loan servicing's translations live beside the feature (locales/*.json, under the top key
// "loans") and are added to the app's one i18next instance when this module is first imported.
// Every key of the feature goes through loansKey()/useLoansT(), which add the "loans." prefix, so
// locales.test.ts can check the feature's keys against the feature's own files.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { loansKey } from './keys.ts';

export { loansKey };

export const LOANS_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(LOANS_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type LoansT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: lt('list.title') reads loans.list.title in the current language. */
export function useLoansT(): { lt: LoansT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const lt = useCallback<LoansT>((key, options) => t(loansKey(key), options ?? {}), [t]);
  return { lt, lang: instance.language };
}
