// The agent inbox: my tickets, unassigned ones or all, filtered by status and type, hottest
// SLA first; "Log a request" records a phone call, walk-in, email or social message.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { DESK_KEY, deskApi, TICKET_STATUSES, TICKET_TYPES } from './api.ts';
import { Empty, PriorityBadge, SlaBadge, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';
import { LogTicketButton } from './LogTicket.tsx';

type View = 'mine' | 'unassigned' | 'all';

export default function InboxPage() {
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const me = useMe();
  const client = useQueryClient();
  const [view, setView] = useState<View>('mine');
  const [status, setStatus] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const filter = {
    ...(view === 'mine' ? { mine: true } : view === 'unassigned' ? { unassigned: true } : {}),
    ...(status ? { status } : { active: true }),
    ...(type ? { type } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
    limit: 100,
  };
  const list = useQuery({
    queryKey: [...DESK_KEY, 'tickets', filter],
    queryFn: ({ signal }) => deskApi.tickets(filter, signal),
  });
  const agents = useQuery({
    queryKey: [...DESK_KEY, 'agents'],
    queryFn: ({ signal }) => deskApi.agents(signal),
  });
  const mine = agents.data?.items.find((a) => a.userId === me.id);
  const availability = useMutation({
    mutationFn: (available: boolean) => deskApi.availability(available),
    onSuccess: () => client.invalidateQueries({ queryKey: [...DESK_KEY, 'agents'] }),
  });
  return (
    <>
      <PageHeader
        title={dt('inbox.title')}
        description={dt('inbox.description')}
        actions={
          <>
            {mine && (
              <Switch
                label={dt('inbox.available')}
                checked={mine.available}
                onChange={(e) => availability.mutate(e.currentTarget.checked)}
              />
            )}
            <LogTicketButton />
          </>
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v)}
          data={(['mine', 'unassigned', 'all'] as const).map((v) => ({
            value: v,
            label: dt(`inbox.view.${v}`),
          }))}
        />
        <Select
          clearable
          placeholder={dt('inbox.activeOnly')}
          value={status}
          onChange={setStatus}
          data={TICKET_STATUSES.map((s) => ({ value: s, label: dt(`status.${s}`) }))}
          aria-label={dt('field.status')}
        />
        <Select
          clearable
          placeholder={dt('inbox.anyType')}
          value={type}
          onChange={setType}
          data={TICKET_TYPES.map((s) => ({ value: s, label: dt(`type.${s}`) }))}
          aria-label={dt('field.type')}
        />
        <TextInput placeholder={dt('inbox.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Button variant="subtle" onClick={() => void list.refetch()}>
          {dt('action.refresh')}
        </Button>
      </Group>
      {list.isError && <Alert color="red">{message(list.error)}</Alert>}
      {list.isPending && <Loader />}
      {list.data && list.data.items.length === 0 && <Empty>{dt('inbox.empty')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <Table striped highlightOnHover data-testid="inbox">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt('field.reference')}</Table.Th>
              <Table.Th>{dt('field.subject')}</Table.Th>
              <Table.Th>{dt('field.type')}</Table.Th>
              <Table.Th>{dt('field.priority')}</Table.Th>
              <Table.Th>{dt('field.status')}</Table.Th>
              <Table.Th>{dt('field.sla')}</Table.Th>
              <Table.Th>{dt('field.assignee')}</Table.Th>
              <Table.Th>{dt('field.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((t) => {
              const clock =
                t.staff && (t.staff.firstResponseAt ? t.staff.sla.resolution : t.staff.sla.firstResponse);
              return (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/tickets/${t.id}`} data-testid="ticket-link">
                      {t.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t.subject}</Table.Td>
                  <Table.Td>{dt(`type.${t.type}`)}</Table.Td>
                  <Table.Td>{t.staff && <PriorityBadge priority={t.staff.priority} />}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={t.status} />
                  </Table.Td>
                  <Table.Td>
                    {clock && <SlaBadge state={clock.state} remaining={clock.remainingMinutes} />}
                  </Table.Td>
                  <Table.Td>
                    {t.staff?.assigneeName ?? <Text c="dimmed">{dt('ticket.unassigned')}</Text>}
                  </Table.Td>
                  <Table.Td>{formatDateTime(t.createdAt, lang)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
