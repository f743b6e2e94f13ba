// The model lab's translations live beside the feature (locales/*.json, under the top key
// "risk") and are added to the app's one i18next instance when this module is first imported.
// Every key of the feature goes through riskKey()/useRiskT(), which add the "risk." prefix, so
// locales.test.ts can check the feature's keys against the feature's own files.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { riskKey } from './keys.ts';

export { riskKey };

export const RISK_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(RISK_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type RiskT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: rt('lab.title') reads risk.lab.title in the current language. */
export function useRiskT(): { rt: RiskT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const rt = useCallback<RiskT>((key, options) => t(riskKey(key), options ?? {}), [t]);
  return { rt, lang: instance.language };
}
