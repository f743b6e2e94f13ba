// The compliance-programme feature's translations (locales/*.json under the top key "programme")
// join the app's i18next instance when this module is first imported.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { programmeKey } from './keys.ts';

export const PROGRAMME_LOCALES = { en, 'zh-CN': zhCN } as const;

for (const [lng, data] of Object.entries(PROGRAMME_LOCALES))
  i18n.addResourceBundle(lng, 'translation', data, true, false);

export type ProgrammeT = (key: string, options?: Record<string, unknown>) => string;

export function useProgrammeT(): { pt: ProgrammeT; lang: 'en' | 'zh-CN'; zh: boolean } {
  const { t, i18n: instance } = useTranslation();
  const pt = useCallback<ProgrammeT>((key, options) => t(programmeKey(key), options ?? {}), [t]);
  const lang = instance.language === 'en' ? 'en' : 'zh-CN';
  return { pt, lang, zh: lang === 'zh-CN' };
}
