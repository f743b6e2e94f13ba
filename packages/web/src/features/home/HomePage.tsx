import { Alert, Badge, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMe } from '../../auth/session.ts';
import { visibleNavItems } from '../../layout/nav.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const links = visibleNavItems(can, me.roles).filter((i) => i.to !== '/');

  return (
    <Container size="lg" px={0}>
      <Stack gap="lg">
        <Stack gap={6}>
          <Title order={2} data-testid="welcome">
            {t('home.welcome', { name: me.displayName || me.username })}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('home.yourRoles')}
            </Text>
            {me.roles.map((r) => (
              <Badge key={r} variant="light">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
        </Stack>

        {(me.mustEnrolTotp ?? (me.totpRequired && !me.totpEnabled)) && (
          <Alert color="orange" icon={<IconShieldExclamation size={18} />} title={t('home.totpRequiredTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('home.totpRequiredBody')}</Text>
              <Button component={Link} to="/account" size="xs" variant="light" color="orange">
                {t('home.totpRequiredAction')}
              </Button>
            </Stack>
          </Alert>
        )}

        <Stack gap="sm">
          <Title order={4}>{t('home.quickLinks')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {links.map((item) => (
              <Card key={item.to} component={Link} to={item.to} withBorder padding="lg" radius="md">
                <Group wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size={40} radius="md">
                    <item.icon size={22} />
                  </ThemeIcon>
                  <Stack gap={2}>
                    <Text fw={600}>{t(item.label)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(item.description)}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      </Stack>
    </Container>
  );
}
