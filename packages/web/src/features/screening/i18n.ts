// The screening feature's translations live beside it (locales/*.json, under the top key
// "screening") and join the app's one i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { screeningKey } from './keys.ts';

export { screeningKey };

export const SCREENING_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(SCREENING_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type ScreeningT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: kt('hits.title') reads screening.hits.title in the current language. */
export function useScreeningT(): { kt: ScreeningT; lang: 'en' | 'zh-CN' } {
  const { t, i18n: instance } = useTranslation();
  const kt = useCallback<ScreeningT>((key, options) => t(screeningKey(key), options ?? {}), [t]);
  return { kt, lang: instance.language === 'en' ? 'en' : 'zh-CN' };
}
