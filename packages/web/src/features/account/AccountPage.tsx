import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Code,
  Container,
  CopyButton,
  Group,
  Image,
  PinInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.tsx';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import { ME_KEY, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LOCALE_LABELS } from '../../i18n/index.ts';

function ProfileCard() {
  const { t } = useTranslation();
  const me = useMe();
  const rows: [string, React.ReactNode][] = [
    [t('account.username'), me.username],
    [t('account.displayName'), me.displayName],
    [t('account.email'), me.email ?? '—'],
    [
      t('account.roles'),
      <Group gap={4} key="roles">
        {me.roles.map((r) => (
          <Badge key={r} variant="light">
            {t(`roles.${r}`)}
          </Badge>
        ))}
      </Group>,
    ],
    [t('account.language'), LOCALE_LABELS[me.locale]],
  ];
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb="sm">
        {t('account.profile')}
      </Title>
      <Table variant="vertical" layout="fixed" withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={140}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ChangePasswordCard() {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: () => api.post<undefined>('/api/v1/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setConfirm('');
      setErrors({});
      notifications.show({ color: 'green', message: t('account.passwordChanged') });
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      notifications.show({ color: 'red', title: t('account.passwordChangeFailed'), message: message(err) });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (newPassword.length < MIN_PASSWORD_LENGTH)
      local.newPassword = t('account.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
    if (confirm !== newPassword) local.confirm = t('account.passwordMismatch');
    setErrors(local);
    if (Object.keys(local).length === 0) mutation.mutate();
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t('account.changePassword')}</Title>
          <PasswordField
            label={t('account.currentPassword')}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
            required
          />
          <PasswordField
            label={t('account.newPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={errors.newPassword}
            required
          />
          <PasswordField
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            required
          />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} disabled={!currentPassword || !newPassword}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** A QR code image of a value (also used by campus-event attendance and referral links). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [value]);
  if (!src) return null;
  return <Image src={src} alt={label} w={200} h={200} />;
}

function CopyValue({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="compact-xs"
          variant="subtle"
          color={copied ? 'teal' : 'gray'}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          onClick={copy}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

function TotpCard() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const message = useProblemMessage();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const refreshMe = () => qc.invalidateQueries({ queryKey: ME_KEY });

  const start = useMutation({
    mutationFn: () => api.post<TotpSetup>('/api/v1/auth/totp/setup'),
    onSuccess: (data) => {
      setSetup(data);
      setCode('');
      setError(null);
    },
    onError: (err) => setError(message(err)),
  });

  const enable = useMutation({
    mutationFn: (c: string) => api.post<undefined>('/api/v1/auth/totp/enable', { code: c }),
    onSuccess: async () => {
      setSetup(null);
      setCode('');
      setError(null);
      notifications.show({ color: 'green', message: t('account.totpEnabledNotice') });
      await refreshMe();
    },
    onError: (err) => {
      setCode('');
      setError(message(err));
    },
  });

  const disable = useMutation({
    mutationFn: (c: string) => api.post<undefined>('/api/v1/auth/totp/disable', { code: c }),
    onSuccess: async () => {
      setCode('');
      setError(null);
      notifications.show({ color: 'green', message: t('account.totpDisabledNotice') });
      await refreshMe();
    },
    onError: (err) => {
      setCode('');
      setError(message(err));
    },
  });

  const secretGroups =
    setup?.secret
      .replace(/\s+/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? '';

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('account.totpTitle')}</Title>
          {me.totpEnabled ? (
            <Badge color="green" leftSection={<IconShieldCheck size={12} />} data-testid="totp-status">
              {t('account.totpOn')}
            </Badge>
          ) : (
            <Badge color="gray" leftSection={<IconShieldOff size={12} />} data-testid="totp-status">
              {t('account.totpOff')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('account.totpIntro')}
        </Text>
        {me.totpRequired && !me.totpEnabled && (
          <Alert color="orange" variant="light">
            {t('account.totpRequiredNotice')}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}

        {!me.totpEnabled && !setup && (
          <Group>
            <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-setup">
              {t('account.totpSetup')}
            </Button>
          </Group>
        )}

        {!me.totpEnabled && setup && (
          <Stack gap="sm">
            <Text size="sm">{t('account.totpScan')}</Text>
            <Center>
              <QrCode value={setup.otpauthUrl} label={t('account.totpQrAlt')} />
            </Center>
            <Stack gap={4}>
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={500}>
                  {t('account.totpSecret')}
                </Text>
                <CopyValue value={setup.secret} />
              </Group>
              <Code fz="md" data-testid="totp-secret" style={{ letterSpacing: 1 }}>
                {secretGroups}
              </Code>
            </Stack>
            <Stack gap={4}>
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={500}>
                  {t('account.totpUrl')}
                </Text>
                <CopyValue value={setup.otpauthUrl} />
              </Group>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="totp-url">
                {setup.otpauthUrl}
              </Code>
            </Stack>
            <Text size="sm">{t('account.totpConfirm')}</Text>
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              value={code}
              onChange={setCode}
              aria-label={t('account.totpCode')}
            />
            <Group>
              <Button
                onClick={() => enable.mutate(code)}
                loading={enable.isPending}
                disabled={code.length !== 6}
              >
                {t('account.totpEnable')}
              </Button>
              <Button variant="default" onClick={() => setSetup(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        )}

        {me.totpEnabled && (
          <Stack gap="sm">
            <Text size="sm">{t('account.totpDisablePrompt')}</Text>
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              value={code}
              onChange={setCode}
              aria-label={t('account.totpCode')}
            />
            <Group>
              <Button
                color="red"
                variant="light"
                onClick={() => disable.mutate(code)}
                loading={disable.isPending}
                disabled={code.length !== 6}
              >
                {t('account.totpDisable')}
              </Button>
            </Group>
            {me.totpRequired && (
              <Text size="xs" c="dimmed">
                {t('account.totpRequiredKeep')}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <ProfileCard />
          <ChangePasswordCard />
        </Stack>
        <TotpCard />
      </SimpleGrid>
    </Container>
  );
}
