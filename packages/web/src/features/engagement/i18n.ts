// Engagement's translations live beside the feature (locales/*.json, under the top key
// "engagement") and are added to the app's one i18next instance when this module is first
// imported. Every key of the feature goes through engagementKey()/useEngagementT(), which add the
// "engagement." prefix, so locales.test.ts can check the feature's keys against its own files.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { engagementKey } from './keys.ts';

export { engagementKey };

export const ENGAGEMENT_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(ENGAGEMENT_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type EngagementT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: et('messages.title') reads engagement.messages.title in the current language. */
export function useEngagementT(): { et: EngagementT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const et = useCallback<EngagementT>((key, options) => t(engagementKey(key), options ?? {}), [t]);
  return { et, lang: instance.language };
}
