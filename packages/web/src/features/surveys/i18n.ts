// The surveys feature's translations live beside it (locales/*.json, under the top key "surveys")
// and join the app's one i18next instance when this module is first imported. Every key goes
// through surveysKey()/useSurveysT(), which add the "surveys." prefix.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { surveysKey } from './keys.ts';

export { surveysKey };

export const SURVEYS_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(SURVEYS_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type SurveysT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: st('waves.title') reads surveys.waves.title in the current language. */
export function useSurveysT(): { st: SurveysT; lang: 'en' | 'zh-CN' } {
  const { t, i18n: instance } = useTranslation();
  const st = useCallback<SurveysT>((key, options) => t(surveysKey(key), options ?? {}), [t]);
  return { st, lang: instance.language === 'en' ? 'en' : 'zh-CN' };
}
