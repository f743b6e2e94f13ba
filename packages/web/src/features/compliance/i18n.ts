// The compliance feature's translations live beside it (locales/*.json, under the top key
// "compliance") and join the app's one i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { complianceKey } from './keys.ts';

export { complianceKey };

export const COMPLIANCE_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(COMPLIANCE_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type ComplianceT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: ct('dashboard.title') reads compliance.dashboard.title in the current language. */
export function useComplianceT(): { ct: ComplianceT; lang: 'en' | 'zh-CN' } {
  const { t, i18n: instance } = useTranslation();
  const ct = useCallback<ComplianceT>((key, options) => t(complianceKey(key), options ?? {}), [t]);
  return { ct, lang: instance.language === 'en' ? 'en' : 'zh-CN' };
}
