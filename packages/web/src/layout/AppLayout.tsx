import { AppShell, Avatar, Burger, Button, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useProblemMessage } from '../api/problems.ts';
import { useAuthActions, useCan, useMe } from '../auth/session.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { visibleNavItems } from './nav.ts';

function initials(name: string): string {
  const trimmed = name.trim();
  if (/^\p{Script=Han}/u.test(trimmed)) return trimmed.slice(0, 1);
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p.charAt(0).toUpperCase())
    .join('');
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const message = useProblemMessage();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [leaving, setLeaving] = useState(false);
  const items = visibleNavItems(can, me.roles);

  const onLogout = async () => {
    setLeaving(true);
    try {
      await logout();
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    } finally {
      setLeaving(false);
    }
    await navigate('/login', { replace: true });
  };

  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <UnstyledButton component={Link} to="/" onClick={close}>
              <Group gap={8} wrap="nowrap">
                <BrandMark size={30} />
                <Text fw={700} fz="lg">
                  Bursar
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Group gap={8} wrap="nowrap" visibleFrom="xs">
              <Avatar size="sm" color="indigo" radius="xl">
                {initials(me.displayName || me.username)}
              </Avatar>
              <Text size="sm" fw={500} data-testid="user-display-name" truncate maw={180}>
                {me.displayName || me.username}
              </Text>
            </Group>
            <LanguageSwitch compact />
            <Button
              variant="subtle"
              color="gray"
              size="compact-md"
              leftSection={<IconLogout size={18} />}
              onClick={() => void onLogout()}
              loading={leaving}
              data-testid="logout"
            >
              {t('shell.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav data-testid="main-nav">
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                leftSection={<item.icon size={18} stroke={1.6} />}
                active={isActive(item.to)}
                onClick={close}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="xs" p="xs">
          <Text size="sm" c="dimmed" truncate>
            {me.displayName || me.username}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
