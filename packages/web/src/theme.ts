import { createTheme, Modal, Pagination, type MantineThemeOverride } from '@mantine/core';
import type { TFunction } from 'i18next';

// System fonts first, then the common Chinese UI fonts so 简体中文 renders crisply everywhere.
const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** The theme, with Mantine's built-in control labels (close, page arrows) in the user's language. */
export function buildTheme(t: TFunction): MantineThemeOverride {
  return createTheme({
    primaryColor: 'indigo',
    fontFamily,
    headings: { fontFamily },
    defaultRadius: 'md',
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
      Pagination: Pagination.extend({
        defaultProps: {
          getControlProps: (control) => ({ 'aria-label': t(`common.pagination.${control}`) }),
        },
      }),
    },
  });
}
