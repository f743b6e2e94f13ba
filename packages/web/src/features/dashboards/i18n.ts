// The dashboards' translations live beside the feature (locales/*.json, top key "dashboards") and
// join the app's i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { dashboardsKey } from './keys.ts';

export { dashboardsKey };

export const DASHBOARDS_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(DASHBOARDS_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type DashboardsT = (key: string, options?: Record<string, unknown>) => string;

export function useDashboardsT(): { dt: DashboardsT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const dt = useCallback<DashboardsT>((key, options) => t(dashboardsKey(key), options ?? {}), [t]);
  return { dt, lang: instance.language };
}
