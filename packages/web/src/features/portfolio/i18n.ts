// Portfolio risk's translations live beside the feature (locales/*.json, under the top key
// "portfolio") and join the app's one i18next instance when this module is first imported.
// Every key goes through portfolioKey()/usePortfolioT(), which add the "portfolio." prefix, so
// locales.test.ts can check the keys the code asks for against the feature's own files.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { portfolioKey } from './keys.ts';

export { portfolioKey };

export const PORTFOLIO_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(PORTFOLIO_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type PortfolioT = (key: string, options?: Record<string, unknown>) => string;

/** The feature's translator: pt('dashboard.title') reads portfolio.dashboard.title. */
export function usePortfolioT(): { pt: PortfolioT; lang: string } {
  const { t, i18n: instance } = useTranslation();
  const pt = useCallback<PortfolioT>((key, options) => t(portfolioKey(key), options ?? {}), [t]);
  return { pt, lang: instance.language };
}
