// Data governance's translations live beside the feature (locales/*.json, under the top key
// "dataGovernance") and are added to the app's one i18next instance when this module is first
// imported. Every key goes through dgKey()/useDgT(), so locales.test.ts can check them.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { dgKey } from './keys.ts';

export { dgKey };

export const DG_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(DG_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type DgT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: gt('runs.asOf') reads dataGovernance.runs.asOf in the current language. */
export function useDgT(): { gt: DgT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const gt = useCallback<DgT>((key, options) => t(dgKey(key), options ?? {}), [t]);
  return { gt, lang: instance.language };
}
