import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProblemMessage } from '../api/problems.ts';

function Status({ code, title, body }: { code: string; title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <Center py={80}>
      <Stack align="center" gap="xs">
        <Text c="dimmed" fw={700} fz={48}>
          {code}
        </Text>
        <Title order={2}>{title}</Title>
        <Text c="dimmed">{body}</Text>
        <Button component={Link} to="/" variant="light" mt="md">
          {t('status.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Status code="404" title={t('status.notFoundTitle')} body={t('status.notFoundBody')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Status code="403" title={t('status.forbiddenTitle')} body={t('status.forbiddenBody')} />;
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  return (
    <Center h="100dvh">
      <Stack align="center" gap="xs">
        <Title order={2}>{t('status.errorTitle')}</Title>
        <Text c="dimmed">{message(error)}</Text>
        <Button variant="light" onClick={() => window.location.reload()}>
          {t('status.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
