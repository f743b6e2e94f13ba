// Public: a student registers for the portal (a prospect customer and a student account), then
// signs in and applies. Field errors come from the server's problem+json.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { portal } from './api.ts';
import { useOrigT } from './i18n.ts';

export default function RegisterPage() {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const [form, setForm] = useState({ username: '', password: '', legalName: '', email: '', dateOfBirth: '' });
  const register = useMutation({
    mutationFn: () =>
      portal.register({
        username: form.username,
        password: form.password,
        legalName: form.legalName,
        email: form.email,
        ...(form.dateOfBirth ? { dateOfBirth: form.dateOfBirth } : {}),
        locale: lang === 'en' ? 'en' : 'zh-CN',
      }),
  });
  const errors = register.error instanceof ApiError ? register.error.fieldErrors : {};
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.currentTarget.value }),
    error: errors[k],
    'data-testid': `register-${k}`,
  });
  return (
    <Center mih="100vh" p="md">
      <Card withBorder w={440} padding="lg">
        <Stack>
          <LanguageSwitch compact />
          <Title order={3}>{ot('register.title')}</Title>
          <Text size="sm" c="dimmed">
            {ot('register.description')}
          </Text>
          {register.isSuccess ? (
            <Alert color="teal" data-testid="registered">
              {ot('register.done')}{' '}
              <Anchor component={Link} to="/login">
                {ot('register.signIn')}
              </Anchor>
            </Alert>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                register.mutate();
              }}
            >
              <Stack>
                <TextInput label={ot('register.legalName')} required {...field('legalName')} />
                <TextInput label={ot('register.email')} type="email" required {...field('email')} />
                <TextInput
                  label={ot('register.dateOfBirth')}
                  placeholder="2007-03-01"
                  {...field('dateOfBirth')}
                />
                <TextInput
                  label={ot('register.username')}
                  required
                  autoComplete="username"
                  {...field('username')}
                />
                <PasswordInput
                  label={ot('register.password')}
                  required
                  autoComplete="new-password"
                  {...field('password')}
                />
                {register.isError && <Alert color="red">{message(register.error)}</Alert>}
                <Button type="submit" loading={register.isPending} data-testid="register-submit">
                  {ot('register.submit')}
                </Button>
                <Anchor component={Link} to="/login" size="sm">
                  {ot('register.haveAccount')}
                </Anchor>
              </Stack>
            </form>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
