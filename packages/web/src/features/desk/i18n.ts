// The service desk's translations live beside the feature (locales/*.json, under the top key
// "desk") and are added to the app's one i18next instance when this module is first imported.
// Every key goes through deskKey()/useDeskT(), which add the "desk." prefix, so locales.test.ts
// can check the feature's keys against the feature's own files.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { deskKey } from './keys.ts';

export { deskKey };

export const DESK_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(DESK_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type DeskT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: dt('inbox.title') reads desk.inbox.title in the current language. */
export function useDeskT(): { dt: DeskT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const dt = useCallback<DeskT>((key, options) => t(deskKey(key), options ?? {}), [t]);
  return { dt, lang: instance.language };
}
