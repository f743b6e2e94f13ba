// Message composer (messages.send): to one customer — a template in a chosen language or own
// text, previewed as rendered for that customer with the consent decision — or to a segment,
// with the count of who would receive it and who is held back and why.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
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
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Segment } from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import {
  activeTemplateCodes,
  BASE,
  ENGAGEMENT_KEY,
  fetchTemplates,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  TEMPLATE_LANGUAGES,
  type Batch,
  type BatchPreview,
  type Message,
  type Preview,
} from './api.ts';
import { CustomerPicker, Empty, Panel, StatusBadge, useReason } from './components.tsx';
import { useEngagementT } from './i18n.ts';

type Source = 'template' | 'text';

/** Template, channel and purpose: the part of the form both modes share. */
function useMessageFields() {
  const { et } = useEngagementT();
  const [template, setTemplate] = useState<string | null>(null);
  const [channel, setChannel] = useState<string>('preferred');
  const [purpose, setPurpose] = useState<string>('service');
  const templates = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'templates'],
    queryFn: ({ signal }) => fetchTemplates(signal),
  });
  const codes = activeTemplateCodes(templates.data ?? []);
  const chosen = codes.find((c) => c.code === template);
  const fields = (errors: Record<string, string>) => ({
    template: (
      <Select
        label={et('compose.template')}
        placeholder={et('compose.pickTemplate')}
        data={codes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
        value={template}
        onChange={(v) => {
          setTemplate(v);
          const cat = codes.find((c) => c.code === v)?.category;
          if (cat === 'marketing') setPurpose('marketing');
          else if (cat) setPurpose('service');
        }}
        searchable
        error={errors.template}
        nothingFoundMessage={et('compose.noTemplates')}
        data-testid="compose-template"
      />
    ),
    channel: (
      <Select
        label={et('field.channel')}
        data={[
          { value: 'preferred', label: et('channel.preferred') },
          ...MESSAGE_CHANNELS.map((c) => ({ value: c, label: et(`channel.${c}`) })),
        ]}
        value={channel}
        onChange={(v) => setChannel(v ?? 'preferred')}
        allowDeselect={false}
        error={errors.channel}
        data-testid="compose-channel"
      />
    ),
    purpose: (
      <Select
        label={et('field.purpose')}
        data={MESSAGE_PURPOSES.map((p) => ({ value: p, label: et(`purpose.${p}`) }))}
        value={purpose}
        onChange={(v) => setPurpose(v ?? 'service')}
        allowDeselect={false}
        disabled={chosen?.category === 'marketing'}
        error={errors.purpose}
        data-testid="compose-purpose"
      />
    ),
  });
  return { template, channel, purpose, chosen, fields, loading: templates.isPending };
}

function PreviewCard({ preview }: { preview: Preview }) {
  const { et } = useEngagementT();
  const reason = useReason();
  return (
    <Card withBorder padding="sm" data-testid="compose-preview-card">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge
            color={preview.wouldSend ? 'green' : 'orange'}
            variant="light"
            data-testid="compose-would-send"
          >
            {preview.wouldSend
              ? et('compose.wouldSend', { channel: et(`channel.${preview.channel}`) })
              : et('compose.heldBack', { reason: reason(preview.reason) })}
          </Badge>
          <Badge variant="outline">
            {et(`language.${preview.language}`, { defaultValue: preview.language })}
          </Badge>
          {preview.legallyRequired && <Badge color="grape">{et('compose.legallyRequired')}</Badge>}
        </Group>
        {preview.subject && (
          <Text fw={600} data-testid="compose-preview-subject">
            {preview.subject}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="compose-preview-body">
          {preview.body}
        </Text>
        {preview.missing.length > 0 && (
          <Alert color="yellow" data-testid="compose-missing">
            {et('compose.missing', { names: preview.missing.join(', ') })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function ToCustomer({ initialCustomer }: { initialCustomer: string | null }) {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const reason = useReason();
  const client = useQueryClient();
  const [customerId, setCustomerId] = useState<string | null>(initialCustomer);
  const [source, setSource] = useState<Source>('template');
  const [language, setLanguage] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [sent, setSent] = useState<(Message & { duplicate: boolean }) | null>(null);
  const f = useMessageFields();

  const payload = () => ({
    customerId,
    channel: f.channel,
    purpose: f.purpose,
    ...(source === 'template'
      ? { template: f.template ?? '' }
      : { content: { subject: subject.trim() || null, body } }),
  });
  const preview = useMutation({
    mutationFn: () => {
      const p = payload();
      const template =
        source === 'template' ? { code: f.template ?? '', ...(language ? { language } : {}) } : undefined;
      return api.post<Preview>(`${BASE}/messages/preview`, {
        ...p,
        template,
        content: 'content' in p ? p.content : undefined,
      });
    },
  });
  const send = useMutation({
    mutationFn: () =>
      api.post<Message & { duplicate: boolean }>(`${BASE}/messages`, {
        ...payload(),
        ...(source === 'template' && language ? { language } : {}),
      }),
    onSuccess: async (m) => {
      setSent(m);
      notifications.show({
        color: m.status === 'suppressed' ? 'orange' : 'green',
        message:
          m.status === 'suppressed'
            ? et('compose.suppressed', { reason: reason(m.reason) })
            : et('compose.sent'),
      });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'messages'] });
    },
  });
  const errors = { ...fieldErrorsOf(preview.error), ...fieldErrorsOf(send.error) };
  const fields = f.fields(errors);
  const ready = !!customerId && (source === 'template' ? !!f.template : body.trim() !== '');

  return (
    <Stack>
      <CustomerPicker
        label={et('field.customer')}
        placeholder={et('compose.searchCustomer')}
        value={customerId}
        onChange={setCustomerId}
        error={errors.customerId}
        data-testid="compose-customer"
      />
      <SegmentedControl
        value={source}
        onChange={(v) => setSource(v)}
        data={[
          { value: 'template', label: et('compose.useTemplate') },
          { value: 'text', label: et('compose.ownText') },
        ]}
        data-testid="compose-source"
      />
      <SimpleGrid cols={{ base: 1, sm: source === 'template' ? 4 : 2 }}>
        {source === 'template' && fields.template}
        {source === 'template' && (
          <Select
            label={et('field.language')}
            placeholder={et('compose.customerLanguage')}
            data={TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: et(`language.${l}`) }))}
            value={language}
            onChange={setLanguage}
            clearable
            error={errors.language}
            data-testid="compose-language"
          />
        )}
        {fields.channel}
        {fields.purpose}
      </SimpleGrid>
      {source === 'text' && (
        <>
          <TextInput
            label={et('field.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={errors['content.subject']}
            data-testid="compose-subject"
          />
          <Textarea
            label={et('field.body')}
            description={et('compose.textHelp')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={4}
            error={errors['content.body']}
            data-testid="compose-body"
          />
        </>
      )}
      {(preview.isError || send.isError) && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert">
          {message(send.error ?? preview.error)}
        </Alert>
      )}
      {preview.data && !preview.isPending && <PreviewCard preview={preview.data} />}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => preview.mutate()}
          loading={preview.isPending}
          disabled={!ready}
          data-testid="compose-preview"
        >
          {et('compose.preview')}
        </Button>
        <Button
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!ready}
          data-testid="compose-send"
        >
          {et('compose.send')}
        </Button>
      </Group>
      {sent && (
        <Alert color={sent.status === 'suppressed' ? 'orange' : 'green'} data-testid="compose-result">
          <Group gap="xs">
            <StatusBadge status={sent.status} />
            <Text size="sm">
              {sent.duplicate
                ? et('compose.duplicate')
                : sent.status === 'suppressed'
                  ? reason(sent.reason)
                  : et('compose.sent')}
            </Text>
            <Anchor component={Link} to={`/engagement/messages?id=${sent.id}`} size="sm">
              {et('compose.openMessage')}
            </Anchor>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

function ToSegment() {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const reason = useReason();
  const client = useQueryClient();
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const f = useMessageFields();
  const segments = useQuery({
    queryKey: ['segments', 'list'],
    queryFn: ({ signal }) => api.get<Segment[]>('/api/v1/segments', { signal }),
  });
  const body = () => ({ segmentId, template: f.template, channel: f.channel, purpose: f.purpose });
  const count = useMutation({ mutationFn: () => api.post<BatchPreview>(`${BASE}/batches/preview`, body()) });
  const start = useMutation({
    mutationFn: () => api.post<Batch>(`${BASE}/batches`, body()),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: et('compose.batchStarted') });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'batches'] });
    },
  });
  const batches = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'batches'],
    queryFn: ({ signal }) => api.get<{ items: Batch[] }>(`${BASE}/batches`, { signal }).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'running') ? 2000 : false),
  });
  const errors = { ...fieldErrorsOf(count.error), ...fieldErrorsOf(start.error) };
  const fields = f.fields(errors);
  const ready = !!segmentId && !!f.template;
  const segmentName = (id: string) => segments.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Select
          label={et('field.segment')}
          placeholder={et('compose.pickSegment')}
          data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={segmentId}
          onChange={setSegmentId}
          searchable
          error={errors.segmentId}
          nothingFoundMessage={et('compose.noSegments')}
          data-testid="compose-segment"
        />
        {fields.template}
        {fields.channel}
        {fields.purpose}
      </SimpleGrid>
      {(count.isError || start.isError) && (
        <Alert color="red" role="alert">
          {message(start.error ?? count.error)}
        </Alert>
      )}
      {count.data && (
        <Card withBorder padding="sm" data-testid="segment-count">
          <Text fw={600}>
            {et('compose.recipients', { wouldSend: count.data.wouldSend, total: count.data.total })}
          </Text>
          {count.data.checked < count.data.total && (
            <Text size="xs" c="dimmed">
              {et('compose.sampled', { checked: count.data.checked })}
            </Text>
          )}
          {Object.entries(count.data.heldBack).map(([r, n]) => (
            <Text key={r} size="sm">
              {reason(r)}: {n}
            </Text>
          ))}
        </Card>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => count.mutate()}
          loading={count.isPending}
          disabled={!ready}
          data-testid="segment-preview"
        >
          {et('compose.count')}
        </Button>
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={!ready || !count.data}
          data-testid="segment-send"
        >
          {et('compose.sendToSegment')}
        </Button>
      </Group>
      <Panel title={et('compose.batches')}>
        {batches.isPending && <Loader size="sm" />}
        {batches.data?.length === 0 && <Empty>{et('compose.noBatches')}</Empty>}
        {!!batches.data?.length && (
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{et('field.createdAt')}</Table.Th>
                  <Table.Th>{et('field.segment')}</Table.Th>
                  <Table.Th>{et('field.template')}</Table.Th>
                  <Table.Th>{et('field.status')}</Table.Th>
                  <Table.Th ta="right">{et('compose.processed')}</Table.Th>
                  <Table.Th ta="right">{et('compose.queued')}</Table.Th>
                  <Table.Th ta="right">{et('compose.suppressedCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.map((b) => (
                  <Table.Tr key={b.id} data-testid="batch-row">
                    <Table.Td>{formatDateTime(b.createdAt, lang)}</Table.Td>
                    <Table.Td>{segmentName(b.segmentId)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/engagement/messages?batchId=${b.id}`} size="sm">
                        {b.templateCode}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{et(`batchStatus.${b.status}`, { defaultValue: b.status })}</Table.Td>
                    <Table.Td ta="right">{b.processed}</Table.Td>
                    <Table.Td ta="right">{b.queued}</Table.Td>
                    <Table.Td ta="right">{b.suppressed}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Panel>
    </Stack>
  );
}

export default function ComposerPage() {
  const { et } = useEngagementT();
  const can = useCan();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'customer' | 'segment'>('customer');
  const segments = can('segments.manage');
  return (
    <>
      <PageHeader
        title={et('compose.title')}
        description={et('compose.description')}
        actions={
          <Button component={Link} to="/engagement/messages" variant="default">
            {et('messages.title')}
          </Button>
        }
      />
      <Card withBorder padding="md">
        <Stack>
          {segments && (
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v)}
              data={[
                { value: 'customer', label: et('compose.toCustomer') },
                { value: 'segment', label: et('compose.toSegment') },
              ]}
              data-testid="compose-mode"
            />
          )}
          {mode === 'customer' ? <ToCustomer initialCustomer={params.get('customerId')} /> : <ToSegment />}
        </Stack>
      </Card>
    </>
  );
}
