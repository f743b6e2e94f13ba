import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Pagination,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconKey,
  IconPencil,
  IconPlus,
  IconSearch,
  IconShieldCheck,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@bursar/core/permissions';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.tsx';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import type { Locale, Page, UserRow, UserStatus } from '../../api/types.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { LOCALE_LABELS, LOCALES } from '../../i18n/index.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/password.ts';

const PAGE_SIZE = 20;
const USERS_KEY = ['users'] as const;

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: USERS_KEY });
}

function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const invalidate = useInvalidateUsers();
  const roleOptions = useRoleOptions();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  const [totpRequired, setTotpRequired] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const reset = () => {
    setTotpRequired(false);
    setUsername('');
    setDisplayName('');
    setEmail('');
    setPassword('');
    setRoles([]);
    setErrors({});
    setFormError(null);
  };

  const mutation = useMutation({
    mutationFn: () =>
      api.post<UserRow>('/api/v1/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        ...(email.trim() ? { email: email.trim() } : {}),
        password,
        roles,
        locale,
        ...(totpRequired ? { totpRequired } : {}),
      }),
    onSuccess: async (user) => {
      notifications.show({ color: 'green', message: t('users.created', { username: user.username }) });
      reset();
      onClose();
      await invalidate();
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = t('common.required');
    if (!displayName.trim()) local.displayName = t('common.required');
    if (password.length < MIN_PASSWORD_LENGTH) local.password = t('account.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
    if (roles.length === 0) local.roles = t('users.rolesRequired');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) mutation.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('users.create')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('users.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
            autoComplete="off"
            required
          />
          <TextInput
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            required
          />
          <TextInput
            label={t('users.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordField
            label={t('users.initialPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
            required
          />
          <MultiSelect
            label={t('users.roles')}
            data={roleOptions}
            value={roles}
            onChange={setRoles}
            searchable
            hidePickedOptions
            error={errors.roles}
            comboboxProps={{ withinPortal: true }}
            required
          />
          <Select
            label={t('users.language')}
            data={LOCALES.map((l) => ({ value: l, label: LOCALE_LABELS[l] }))}
            value={locale}
            onChange={(v) => setLocale(v === 'zh-CN' ? 'zh-CN' : 'en')}
            allowDeselect={false}
            error={errors.locale}
          />
          <Switch
            label={t('users.requireTotp')}
            description={t('users.requireTotpHint')}
            checked={totpRequired}
            onChange={(e) => setTotpRequired(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditUserModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const invalidate = useInvalidateUsers();
  const roleOptions = useRoleOptions();
  const me = useMe();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [totpRequired, setTotpRequired] = useState(user.totpRequired);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: async () => {
      const patch: Record<string, unknown> = {};
      if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
      if ((email.trim() || null) !== (user.email ?? null)) patch.email = email.trim() || null;
      if ([...roles].sort().join() !== [...user.roles].sort().join()) patch.roles = roles;
      if (totpRequired !== user.totpRequired) patch.totpRequired = totpRequired;
      if (Object.keys(patch).length === 0) return user;
      return api.patch<UserRow>(`/api/v1/users/${encodeURIComponent(user.id)}`, patch);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('users.saved', { username: user.username }) });
      onClose();
      await invalidate();
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!displayName.trim()) local.displayName = t('common.required');
    if (roles.length === 0) local.roles = t('users.rolesRequired');
    setErrors(local);
    if (Object.keys(local).length === 0) mutation.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { username: user.username })} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            required
          />
          <TextInput
            label={t('users.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <MultiSelect
            label={t('users.roles')}
            data={roleOptions}
            value={roles}
            onChange={setRoles}
            searchable
            hidePickedOptions
            error={errors.roles}
            description={user.id === me.id ? t('users.ownRolesHint') : undefined}
          />
          <Switch
            label={t('users.requireTotp')}
            description={t('users.requireTotpHint')}
            checked={totpRequired}
            onChange={(e) => setTotpRequired(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: () => api.post<undefined>(`/api/v1/users/${encodeURIComponent(user.id)}/password`, { newPassword }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('users.passwordReset', { username: user.username }) });
      onClose();
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      setErrors({ newPassword: t('account.passwordTooShort', { min: MIN_PASSWORD_LENGTH }) });
      return;
    }
    mutation.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('users.resetPasswordTitle', { username: user.username })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('users.resetPasswordHint')}
          </Text>
          <PasswordField
            label={t('account.newPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={errors.newPassword}
            autoComplete="new-password"
            required
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={mutation.isPending}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type Dialog = { kind: 'edit'; user: UserRow } | { kind: 'password'; user: UserRow } | null;

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useMe();
  const message = useProblemMessage();
  const invalidate = useInvalidateUsers();
  const canManage = can('users.manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const roleOptions = useRoleOptions();

  const query = useQuery({
    queryKey: [...USERS_KEY, { q, role, status, page }],
    queryFn: ({ signal }) =>
      api.get<Page<UserRow>>('/api/v1/users', {
        query: { q, role, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  const setUserStatus = useMutation({
    mutationFn: ({ user, next }: { user: UserRow; next: UserStatus }) =>
      api.patch<UserRow>(`/api/v1/users/${encodeURIComponent(user.id)}`, { status: next }),
    onSuccess: async (user) => {
      notifications.show({
        color: 'green',
        message: t(user.status === 'disabled' ? 'users.disabledNotice' : 'users.enabledNotice', { username: user.username }),
      });
      await invalidate();
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });

  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const rows = (query.data?.items ?? []).map((u) => (
    <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {u.displayName}
        </Text>
        <Text size="xs" c="dimmed">
          {u.username}
          {u.email ? ` · ${u.email}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {u.roles.map((r) => (
            <Badge key={r} variant="light" size="sm">
              {t(`roles.${r}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={u.status === 'active' ? 'green' : 'gray'} variant="dot">
          {t(`users.status.${u.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {u.totpEnabled ? (
          <Tooltip label={t('users.totpEnabled')}>
            <Badge color="green" variant="light" leftSection={<IconShieldCheck size={12} />}>
              {t('users.totpOn')}
            </Badge>
          </Tooltip>
        ) : u.totpRequired ? (
          <Badge color="orange" variant="light">
            {t('users.totpPending')}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('users.totpOff')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')}</Text>
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('users.actions')}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'edit', user: u })}>
                {t('users.edit')}
              </Menu.Item>
              <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setDialog({ kind: 'password', user: u })}>
                {t('users.resetPassword')}
              </Menu.Item>
              {u.status === 'active' ? (
                <Menu.Item
                  color="red"
                  leftSection={<IconUserOff size={16} />}
                  disabled={u.id === me.id}
                  onClick={() => setUserStatus.mutate({ user: u, next: 'disabled' })}
                >
                  {t('users.disable')}
                </Menu.Item>
              ) : (
                <Menu.Item
                  leftSection={<IconUserCheck size={16} />}
                  onClick={() => setUserStatus.mutate({ user: u, next: 'active' })}
                >
                  {t('users.enable')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Table.Td>
      )}
    </Table.Tr>
  ));

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Stack gap="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('users.searchPlaceholder')}
              aria-label={t('users.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              style={{ flex: '1 1 240px' }}
            />
            <Select
              placeholder={t('users.allRoles')}
              aria-label={t('users.filterRole')}
              data={roleOptions}
              value={role}
              onChange={(v) => {
                setRole(v);
                setPage(1);
              }}
              clearable
              w={200}
            />
            <Select
              placeholder={t('users.allStatuses')}
              aria-label={t('users.filterStatus')}
              data={[
                { value: 'active', label: t('users.status.active') },
                { value: 'disabled', label: t('users.status.disabled') },
              ]}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              clearable
              w={160}
            />
          </Group>
          {query.isError && (
            <Alert color="red" role="alert">
              {message(query.error)}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.user')}</Table.Th>
                  <Table.Th>{t('users.roles')}</Table.Th>
                  <Table.Th>{t('users.statusLabel')}</Table.Th>
                  <Table.Th>{t('users.totp')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                  {canManage && <Table.Th w={60} aria-label={t('users.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows}
                {query.isSuccess && rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={canManage ? 6 : 5}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('users.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.totalCount', { count: total })}
            </Text>
            <Pagination total={pages} value={page} onChange={setPage} size="sm" />
          </Group>
        </Stack>
      </Card>
      {canManage && <CreateUserModal opened={creating} onClose={() => setCreating(false)} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}

