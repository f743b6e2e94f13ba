import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types.ts';
import { useProblemMessage } from '../api/problems.ts';
import { useAuthActions } from '../auth/session.ts';
import { currentLocale, LOCALE_LABELS, LOCALES } from '../i18n/index.ts';

/** English / 简体中文. Signed in, the choice is saved on the user; before login, on this device. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { changeLocale } = useAuthActions();
  const message = useProblemMessage();
  const active: Locale = currentLocale();

  const choose = (locale: Locale) => {
    changeLocale(locale).catch((err: unknown) => {
      notifications.show({ color: 'red', title: t('language.saveFailed'), message: message(err) });
    });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage size={18} />}
          aria-label={t('language.label')}
          data-testid="language-switch"
          lang={i18n.language}
        >
          {compact ? (active === 'en' ? 'EN' : '中') : LOCALE_LABELS[active]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => choose(l)}
            rightSection={l === active ? <IconCheck size={14} /> : null}
            data-testid={`language-${l}`}
          >
            {LOCALE_LABELS[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
