// The prospects feature's translations live beside it (locales/*.json, under the top key
// "prospects") and join the app's one i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { prospectsKey } from './keys.ts';

export { prospectsKey };

export const PROSPECTS_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(PROSPECTS_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type ProspectsT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: pt('stage.new') reads prospects.stage.new in the current language. */
export function useProspectsT(): { pt: ProspectsT; lang: 'en' | 'zh-CN' } {
  const { t, i18n: instance } = useTranslation();
  const pt = useCallback<ProspectsT>((key, options) => t(prospectsKey(key), options ?? {}), [t]);
  return { pt, lang: instance.language === 'en' ? 'en' : 'zh-CN' };
}
