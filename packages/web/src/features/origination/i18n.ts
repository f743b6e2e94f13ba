// Origination's translations live beside the feature (locales/*.json, under the top key
// "origination") and are added to the app's one i18next instance when this module is first
// imported. Every key goes through origKey()/ot(), which add the "origination." prefix.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { origKey } from './keys.ts';

export { origKey };

export const ORIGINATION_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(ORIGINATION_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type OrigT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: ot('apply.title') reads origination.apply.title in the current language. */
export function useOrigT(): { ot: OrigT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const ot = useCallback<OrigT>((key, options) => t(origKey(key), options ?? {}), [t]);
  return { ot, lang: instance.language };
}
