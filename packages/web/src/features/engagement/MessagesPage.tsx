// Messages (messages.read): every message written, newest first, filtered by status, channel,
// template, customer, batch or journey; a message opens with its delivery status history, and
// staff who may send can cancel a queued one or queue a failed one again.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import {
  BASE,
  ENGAGEMENT_KEY,
  MESSAGE_CHANNELS,
  MESSAGE_STATUSES,
  type Message,
  type MessageDetail,
} from './api.ts';
import { CustomerName, Empty, StatusBadge, useReason } from './components.tsx';
import { useEngagementT } from './i18n.ts';

const PAGE_SIZE = 50;
const FILTERS = ['status', 'channel', 'templateCode', 'customerId', 'batchId', 'journeyId'] as const;

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail === 'string') return detail;
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

function MessageDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const reason = useReason();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'messages', 'one', id],
    queryFn: ({ signal }) => api.get<MessageDetail>(`${BASE}/messages/${encodeURIComponent(id)}`, { signal }),
  });
  const act = useMutation({
    mutationFn: (action: 'cancel' | 'retry') =>
      api.post<Message>(`${BASE}/messages/${encodeURIComponent(id)}/${action}`, {}),
    onSuccess: async (_m, action) => {
      notifications.show({ color: 'green', message: et(`messages.done.${action}`) });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'messages'] });
    },
  });
  const m = query.data;
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={et('messages.detail')}>
      {query.isPending && <Loader />}
      {query.isError && (
        <Alert color="red" role="alert">
          {message(query.error)}
        </Alert>
      )}
      {m && (
        <Stack data-testid="message-detail">
          <Group gap="xs">
            <StatusBadge status={m.status} />
            <Badge variant="outline">{et(`channel.${m.channel}`, { defaultValue: m.channel })}</Badge>
            <Badge variant="outline">{et(`purpose.${m.purpose}`, { defaultValue: m.purpose })}</Badge>
            {m.legallyRequired && <Badge color="grape">{et('compose.legallyRequired')}</Badge>}
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/customers/${m.customerId}`}>
              <CustomerName id={m.customerId} />
            </Anchor>
            {m.templateCode &&
              ` · ${m.templateCode} v${m.templateVersion} · ${et(`language.${m.language}`, { defaultValue: m.language })}`}
          </Text>
          {m.reason && <Alert color="orange">{reason(m.reason)}</Alert>}
          {m.lastError && (
            <Alert color="red" title={et('messages.lastError')}>
              {m.lastError}
            </Alert>
          )}
          <Card withBorder padding="sm">
            {m.subject && <Text fw={600}>{m.subject}</Text>}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.body}
            </Text>
          </Card>
          <Text fw={600}>{et('messages.history')}</Text>
          <Timeline bulletSize={14} lineWidth={2} data-testid="message-history">
            {m.history.map((h, i) => (
              <Timeline.Item key={i} title={<StatusBadge status={h.status} />}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(h.at, lang)}
                </Text>
                {detailText(h.detail) && <Text size="xs">{detailText(h.detail)}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
          <Text size="xs" c="dimmed">
            {et('messages.attempts', { count: m.attempts })}
          </Text>
          {act.isError && (
            <Alert color="red" role="alert">
              {message(act.error)}
            </Alert>
          )}
          {can('messages.send') && (
            <Group justify="flex-end">
              {m.status === 'queued' && (
                <Button
                  color="red"
                  variant="light"
                  onClick={() => act.mutate('cancel')}
                  loading={act.isPending}
                  data-testid="message-cancel"
                >
                  {et('messages.cancel')}
                </Button>
              )}
              {m.status === 'failed' && (
                <Button
                  onClick={() => act.mutate('retry')}
                  loading={act.isPending}
                  data-testid="message-retry"
                >
                  {et('messages.retry')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

/** A table of messages; `customer` adds the customer column (the staff list). */
export function MessagesTable({
  messages,
  customer = true,
  onOpen,
}: {
  messages: Message[];
  customer?: boolean;
  onOpen: (id: string) => void;
}) {
  const { et, lang } = useEngagementT();
  const reason = useReason();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{et('field.createdAt')}</Table.Th>
            {customer && <Table.Th>{et('field.customer')}</Table.Th>}
            <Table.Th>{et('field.subject')}</Table.Th>
            <Table.Th>{et('field.channel')}</Table.Th>
            <Table.Th>{et('field.purpose')}</Table.Th>
            <Table.Th>{et('field.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => (
            <Table.Tr
              key={m.id}
              data-testid="message-row"
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen(m.id)}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt, lang)}</Table.Td>
              {customer && (
                <Table.Td>
                  <CustomerName id={m.customerId} />
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {m.subject ?? m.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {m.templateCode ?? et('messages.ownText')}
                </Text>
              </Table.Td>
              <Table.Td>{et(`channel.${m.channel}`, { defaultValue: m.channel })}</Table.Td>
              <Table.Td>{et(`purpose.${m.purpose}`, { defaultValue: m.purpose })}</Table.Td>
              <Table.Td>
                <StatusBadge status={m.status} />
                {m.reason && (
                  <Text size="xs" c="dimmed">
                    {reason(m.reason)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function MessagesPage() {
  const { et } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const open = params.get('id');

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page' && key !== 'id') next.delete('page');
    setParams(next, { replace: true });
  };

  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'messages', 'list', filters, page],
    queryFn: ({ signal }) =>
      api.get<{ items: Message[] }>(`${BASE}/messages`, {
        query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const items = query.data?.items ?? [];
  const scoped = ['customerId', 'batchId', 'journeyId'].filter((k) => params.get(k));

  return (
    <>
      <PageHeader
        title={et('messages.title')}
        description={et('messages.description')}
        actions={
          can('messages.send') && (
            <Button component={Link} to="/engagement/compose" data-testid="messages-compose">
              {et('compose.title')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              aria-label={et('field.status')}
              placeholder={et('messages.anyStatus')}
              data={MESSAGE_STATUSES.map((s) => ({ value: s, label: et(`status.${s}`) }))}
              value={filters.status ?? null}
              onChange={(v) => set('status', v)}
              clearable
              data-testid="messages-filter-status"
            />
            <Select
              aria-label={et('field.channel')}
              placeholder={et('messages.anyChannel')}
              data={MESSAGE_CHANNELS.map((c) => ({ value: c, label: et(`channel.${c}`) }))}
              value={filters.channel ?? null}
              onChange={(v) => set('channel', v)}
              clearable
              data-testid="messages-filter-channel"
            />
            <TextInput
              aria-label={et('field.template')}
              placeholder={et('messages.templateCode')}
              defaultValue={filters.templateCode ?? ''}
              onBlur={(e) => set('templateCode', e.currentTarget.value.trim() || null)}
              onKeyDown={(e) =>
                e.key === 'Enter' && set('templateCode', e.currentTarget.value.trim() || null)
              }
              data-testid="messages-filter-template"
            />
          </SimpleGrid>
          {scoped.length > 0 && (
            <Group gap="xs">
              {scoped.map((k) => (
                <Badge
                  key={k}
                  variant="light"
                  rightSection={
                    <Anchor size="xs" onClick={() => set(k, null)}>
                      ×
                    </Anchor>
                  }
                >
                  {et(`messages.scope.${k}`)}
                  {k === 'customerId' && (
                    <>
                      {': '}
                      <CustomerName id={params.get(k)!} />
                    </>
                  )}
                </Badge>
              ))}
            </Group>
          )}
          {query.isError && (
            <Alert color="red" role="alert">
              {message(query.error)}
            </Alert>
          )}
          {query.isPending && <Loader />}
          {query.data && items.length === 0 && <Empty>{et('messages.empty')}</Empty>}
          {items.length > 0 && <MessagesTable messages={items} onOpen={(id) => set('id', id)} />}
          <Group justify="flex-end">
            <Button
              variant="default"
              size="xs"
              disabled={page <= 1}
              onClick={() => set('page', String(page - 1))}
            >
              {et('common.previous')}
            </Button>
            <Text size="sm">{et('common.page', { page })}</Text>
            <Button
              variant="default"
              size="xs"
              disabled={items.length < PAGE_SIZE}
              onClick={() => set('page', String(page + 1))}
            >
              {et('common.next')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {open && <MessageDrawer id={open} onClose={() => set('id', null)} />}
    </>
  );
}
