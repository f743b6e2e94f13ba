import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PinInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.tsx';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useAuthActions, useSession } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { BrandMark } from '../../components/BrandMark.tsx';

type Step = 'credentials' | 'totp';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const message = useProblemMessage();

  const [step, setStep] = useState<Step>('credentials');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';

  if (session.isPending) {
    return (
      <Center h="100dvh">
        <Loader />
      </Center>
    );
  }
  if (session.data) return <Navigate to={target} replace />;

  const submit = async (code?: string) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await login({ username: username.trim(), password, ...(code ? { totp: code } : {}) });
      await navigate(target, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'totp-required') {
        setStep('totp');
        setTotp('');
      } else {
        if (err instanceof ApiError && err.kind === 'totp-invalid') setTotp('');
        setError(message(err));
        setFieldErrors(fieldErrorsOf(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(step === 'totp' ? totp : undefined);
  };

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <Stack gap={4} align="center">
                <BrandMark size={44} />
                <Title order={2}>Bursar</Title>
                <Text c="dimmed" size="sm" ta="center">
                  {t('login.tagline')}
                </Text>
              </Stack>

              {error && (
                <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="login-error">
                  {error}
                </Alert>
              )}

              {step === 'credentials' ? (
                <>
                  <TextInput
                    label={t('login.username')}
                    name="username"
                    autoComplete="username"
                    autoFocus
                    required
                    value={username}
                    onChange={(e) => setUsername(e.currentTarget.value)}
                    error={fieldErrors.username}
                  />
                  <PasswordField
                    label={t('login.password')}
                    name="password"
                    autoComplete="current-password"
                    required
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                    error={fieldErrors.password}
                  />
                  <Button type="submit" loading={busy} disabled={!username.trim() || !password} fullWidth>
                    {t('login.submit')}
                  </Button>
                </>
              ) : (
                <>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <IconShieldLock size={22} style={{ flexShrink: 0 }} />
                    <Text size="sm">{t('login.totpPrompt')}</Text>
                  </Group>
                  <Center>
                    <PinInput
                      length={6}
                      type="number"
                      oneTimeCode
                      autoFocus
                      value={totp}
                      onChange={setTotp}
                      onComplete={(code) => void submit(code)}
                      aria-label={t('login.totpCode')}
                      error={Boolean(fieldErrors.totp)}
                    />
                  </Center>
                  <Button type="submit" loading={busy} disabled={totp.length !== 6} fullWidth>
                    {t('login.verify')}
                  </Button>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    ta="center"
                    onClick={() => {
                      setStep('credentials');
                      setTotp('');
                      setError(null);
                    }}
                  >
                    {t('login.back')}
                  </Anchor>
                </>
              )}
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
