// Template editor: a new template, or a new version of one code and language. The server checks
// every {{variable}} when saving and names the field of an unknown one. Versions can be previewed
// with a real customer, put in use, retired, and — regulated notices — approved by compliance
// (four eyes: never by their author).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import {
  BASE,
  ENGAGEMENT_KEY,
  fetchTemplates,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  templatePath,
  type Preview,
  type Template,
} from './api.ts';
import { CustomerPicker, Empty, Panel, StatusBadge, useReason } from './components.tsx';
import { useEngagementT } from './i18n.ts';

interface Form {
  code: string;
  language: string;
  category: string;
  purpose: string;
  name: string;
  subject: string;
  body: string;
  shortBody: string;
}

const EMPTY: Form = {
  code: '',
  language: 'en',
  category: 'service',
  purpose: '',
  name: '',
  subject: '',
  body: '',
  shortBody: '',
};

function formOf(t: Template): Form {
  return {
    code: t.code,
    language: t.language,
    category: t.category,
    purpose: t.purpose,
    name: t.name,
    subject: t.subject ?? '',
    body: t.body,
    shortBody: t.shortBody ?? '',
  };
}

function VariablesHelp({ onPick }: { onPick: (name: string) => void }) {
  const { et } = useEngagementT();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'variables'],
    queryFn: ({ signal }) =>
      api.get<{ items: { name: string; description: string }[] }>(`${BASE}/templates/variables`, { signal }),
    staleTime: Infinity,
  });
  return (
    <Panel title={et('editor.variables')}>
      <Text size="xs" c="dimmed" mb="xs">
        {et('editor.variablesHelp')}
      </Text>
      <Group gap={6}>
        {(query.data?.items ?? []).map((v) => (
          <Badge
            key={v.name}
            variant="light"
            style={{ cursor: 'pointer', textTransform: 'none' }}
            title={v.description}
            onClick={() => onPick(v.name)}
          >
            {v.name}
          </Badge>
        ))}
      </Group>
    </Panel>
  );
}

function TemplatePreview({
  code,
  language,
  versions,
}: {
  code: string;
  language: string;
  versions: Template[];
}) {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const reason = useReason();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(versions[0] ? String(versions[0].version) : null);
  const preview = useMutation({
    mutationFn: () =>
      api.post<Preview>(`${BASE}/messages/preview`, {
        customerId,
        template: { code, language, ...(version ? { version: Number(version) } : {}) },
      }),
  });
  return (
    <Panel title={et('editor.preview')} testId="template-preview">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <CustomerPicker
            label={et('field.customer')}
            placeholder={et('compose.searchCustomer')}
            value={customerId}
            onChange={setCustomerId}
            data-testid="template-preview-customer"
          />
          <Select
            label={et('editor.version')}
            data={versions.map((v) => ({ value: String(v.version), label: `v${v.version}` }))}
            value={version}
            onChange={setVersion}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!customerId}
            onClick={() => preview.mutate()}
            loading={preview.isPending}
            data-testid="template-preview-button"
          >
            {et('compose.preview')}
          </Button>
        </Group>
        {preview.isError && (
          <Alert color="red" role="alert">
            {message(preview.error)}
          </Alert>
        )}
        {preview.data && (
          <Card withBorder padding="sm" data-testid="template-preview-result">
            {preview.data.subject && <Text fw={600}>{preview.data.subject}</Text>}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {preview.data.body}
            </Text>
            {preview.data.missing.length > 0 && (
              <Text size="xs" c="orange">
                {et('compose.missing', { names: preview.data.missing.join(', ') })}
              </Text>
            )}
            {!preview.data.wouldSend && (
              <Text size="xs" c="dimmed">
                {et('compose.heldBack', { reason: reason(preview.data.reason) })}
              </Text>
            )}
          </Card>
        )}
      </Stack>
    </Panel>
  );
}

function VersionsTable({ versions }: { versions: Template[] }) {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: ({ t, action }: { t: Template; action: 'activate' | 'approve' | 'retire' }) =>
      api.post<Template>(templatePath(t, action), {}),
    onSuccess: async (_t, { action }) => {
      notifications.show({ color: 'green', message: et(`editor.done.${action}`) });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'templates'] });
    },
  });
  return (
    <Panel title={et('editor.versions')} testId="template-versions">
      {act.isError && (
        <Alert color="red" role="alert" mb="sm" data-testid="template-action-error">
          {message(act.error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{et('editor.version')}</Table.Th>
              <Table.Th>{et('field.status')}</Table.Th>
              <Table.Th>{et('editor.author')}</Table.Th>
              <Table.Th>{et('editor.approval')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((t) => (
              <Table.Tr key={t.id} data-testid="template-version">
                <Table.Td>v{t.version}</Table.Td>
                <Table.Td>
                  <StatusBadge status={t.status} kind="templateStatus" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.createdBy ?? '—'}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(t.createdAt, lang)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t.approvedBy ? (
                    <Text size="sm">
                      {t.approvedBy} · {formatDateTime(t.approvedAt!, lang)}
                    </Text>
                  ) : t.category === 'regulated' ? (
                    <Text size="sm" c="dimmed">
                      {et('editor.awaitingApproval')}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {can('templates.manage') &&
                      t.category !== 'regulated' &&
                      (t.status === 'draft' || t.status === 'retired') && (
                        <Button
                          size="compact-xs"
                          onClick={() => act.mutate({ t, action: 'activate' })}
                          data-testid="template-activate"
                        >
                          {et('editor.activate')}
                        </Button>
                      )}
                    {can('templates.approve') && t.status === 'pending_approval' && (
                      <Button
                        size="compact-xs"
                        color="grape"
                        onClick={() => act.mutate({ t, action: 'approve' })}
                        data-testid="template-approve"
                      >
                        {et('editor.approve')}
                      </Button>
                    )}
                    {can('templates.manage') && t.status !== 'retired' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => act.mutate({ t, action: 'retire' })}
                        data-testid="template-retire"
                      >
                        {et('editor.retire')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}

export default function TemplateEditorPage() {
  const { et } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { code, language } = useParams();
  const isNew = !code;
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'templates'],
    queryFn: ({ signal }) => fetchTemplates(signal),
  });
  const versions = (query.data ?? [])
    .filter((t) => t.code === code && t.language === language)
    .sort((a, b) => b.version - a.version);
  const newest = versions[0];
  const [form, setForm] = useState<Form>(EMPTY);
  useEffect(() => {
    if (newest) setForm(formOf(newest));
  }, [newest?.id]);
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const save = useMutation({
    mutationFn: () =>
      api.post<Template>(`${BASE}/templates`, {
        code: form.code.trim(),
        language: form.language,
        category: form.category,
        purpose: form.purpose.trim(),
        name: form.name.trim(),
        subject: form.subject.trim() || null,
        body: form.body,
        shortBody: form.shortBody.trim() || null,
      }),
    onSuccess: async (t) => {
      notifications.show({
        color: 'green',
        message: et(t.status === 'pending_approval' ? 'editor.savedForApproval' : 'editor.saved', {
          version: t.version,
        }),
      });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'templates'] });
      if (isNew) void navigate(`/engagement/templates/${t.code}/${t.language}`, { replace: true });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const manage = can('templates.manage');

  if (!isNew && query.isPending) return <Loader />;
  if (!isNew && query.data && !newest)
    return (
      <Alert color="red" role="alert">
        {et('editor.notFound')}
      </Alert>
    );

  return (
    <>
      <PageHeader
        title={
          isNew
            ? et('templates.new')
            : `${newest?.name ?? ''} · ${et(`language.${language}`, { defaultValue: language })}`
        }
        description={isNew ? et('editor.newDescription') : et('editor.description')}
        actions={
          <Anchor component={Link} to="/engagement/templates">
            {et('templates.title')}
          </Anchor>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="md">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate();
              }}
            >
              <Stack>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={et('field.code')}
                    description={et('editor.codeHelp')}
                    value={form.code}
                    onChange={(e) => set('code')(e.currentTarget.value)}
                    disabled={!isNew || !manage}
                    error={errors.code}
                    required
                    data-testid="template-code"
                  />
                  <Select
                    label={et('field.language')}
                    data={TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: et(`language.${l}`) }))}
                    value={form.language}
                    onChange={(v) => set('language')(v ?? 'en')}
                    disabled={!isNew || !manage}
                    allowDeselect={false}
                    error={errors.language}
                    data-testid="template-language"
                  />
                  <Select
                    label={et('field.category')}
                    data={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: et(`category.${c}`) }))}
                    value={form.category}
                    onChange={(v) => set('category')(v ?? 'service')}
                    disabled={!manage}
                    allowDeselect={false}
                    error={errors.category}
                    data-testid="template-category"
                  />
                  <TextInput
                    label={et('field.purpose')}
                    description={et('editor.purposeHelp')}
                    value={form.purpose}
                    onChange={(e) => set('purpose')(e.currentTarget.value)}
                    disabled={!manage}
                    error={errors.purpose}
                    required
                    data-testid="template-purpose"
                  />
                </SimpleGrid>
                <TextInput
                  label={et('field.name')}
                  value={form.name}
                  onChange={(e) => set('name')(e.currentTarget.value)}
                  disabled={!manage}
                  error={errors.name}
                  required
                  data-testid="template-name"
                />
                <TextInput
                  label={et('field.subject')}
                  value={form.subject}
                  onChange={(e) => set('subject')(e.currentTarget.value)}
                  disabled={!manage}
                  error={errors.subject}
                  data-testid="template-subject"
                />
                <Textarea
                  label={et('field.body')}
                  value={form.body}
                  onChange={(e) => set('body')(e.currentTarget.value)}
                  disabled={!manage}
                  error={errors.body}
                  autosize
                  minRows={6}
                  required
                  data-testid="template-body"
                />
                <Textarea
                  label={et('field.shortBody')}
                  description={et('editor.shortBodyHelp')}
                  value={form.shortBody}
                  onChange={(e) => set('shortBody')(e.currentTarget.value)}
                  disabled={!manage}
                  error={errors.shortBody}
                  autosize
                  minRows={2}
                  data-testid="template-short-body"
                />
                {form.category === 'regulated' && <Alert color="grape">{et('editor.regulatedHelp')}</Alert>}
                {save.isError && Object.keys(errors).length === 0 && (
                  <Alert color="red" role="alert">
                    {message(save.error)}
                  </Alert>
                )}
                {manage && (
                  <Group justify="flex-end">
                    <Button type="submit" loading={save.isPending} data-testid="template-save">
                      {isNew ? et('editor.create') : et('editor.saveVersion')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {manage && (
              <VariablesHelp onPick={(name) => setForm((f) => ({ ...f, body: `${f.body}{{${name}}}` }))} />
            )}
            {!isNew && versions.length > 0 && <VersionsTable versions={versions} />}
            {!isNew && versions.length > 0 && (
              <TemplatePreview code={code} language={language!} versions={versions} />
            )}
            {isNew && <Empty>{et('editor.previewAfterSave')}</Empty>}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
