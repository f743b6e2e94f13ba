// The campaigns feature's translations (locales/*.json, under the top key "campaigns") join the
// app's one i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { campaignsKey } from './keys.ts';

export { campaignsKey };

export const CAMPAIGNS_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(CAMPAIGNS_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type CampaignsT = (key: string, options?: Record<string, unknown>) => string;

/** ct('list.title') reads campaigns.list.title in the current language. */
export function useCampaignsT(): { ct: CampaignsT; lang: 'en' | 'zh-CN' } {
  const { t, i18n: instance } = useTranslation();
  const ct = useCallback<CampaignsT>((key, options) => t(campaignsKey(key), options ?? {}), [t]);
  return { ct, lang: instance.language === 'en' ? 'en' : 'zh-CN' };
}
