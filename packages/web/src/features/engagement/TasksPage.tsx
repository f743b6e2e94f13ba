// Tasks and contacts (interactions.log): my tasks, soonest due first with overdue ones marked;
// the team view (tasks.manage) with open and overdue counts per person, unassigned tasks and
// reassignment; and the log of calls, meetings and visits with a form to add one.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  BASE,
  ENGAGEMENT_KEY,
  INTERACTION_KINDS,
  type Interaction,
  type Task,
  type Team,
  type TeamMember,
} from './api.ts';
import { CustomerName, Empty, Panel } from './components.tsx';
import { InteractionDialog } from './InteractionForm.tsx';
import { useEngagementT } from './i18n.ts';

function useTaskUpdate() {
  const { et } = useEngagementT();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ task, patch }: { task: Task; patch: { status?: string; assigneeId?: string | null } }) =>
      api.patch<Task>(
        `/api/v1/customers/${encodeURIComponent(task.customerId)}/tasks/${encodeURIComponent(task.id)}`,
        patch,
      ),
    onSuccess: async (_t, { patch }) => {
      notifications.show({
        color: 'green',
        message: patch.status ? et('tasks.completed') : et('tasks.reassigned'),
      });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'tasks'] });
    },
  });
}

function TasksTable({ tasks, members }: { tasks: Task[]; members?: TeamMember[] }) {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const update = useTaskUpdate();
  const manage = can('customers.manage');
  return (
    <>
      {update.isError && (
        <Alert color="red" role="alert" mb="sm">
          {message(update.error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={800}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{et('field.title')}</Table.Th>
              <Table.Th>{et('field.customer')}</Table.Th>
              <Table.Th>{et('tasks.due')}</Table.Th>
              <Table.Th>{et('field.status')}</Table.Th>
              {members && <Table.Th>{et('tasks.assignee')}</Table.Th>}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((t) => (
              <Table.Tr
                key={t.id}
                data-testid="task-row"
                data-overdue={t.overdue}
                bg={t.overdue ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td>{t.title}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${t.customerId}`} size="sm">
                    <CustomerName id={t.customerId} />
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {t.dueDate ? formatDate(t.dueDate, lang) : '—'}
                  {t.overdue && (
                    <Badge ml="xs" color="red" size="sm" data-testid="task-overdue">
                      {et('tasks.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{et(`taskStatus.${t.status}`, { defaultValue: t.status })}</Table.Td>
                {members && (
                  <Table.Td>
                    <Select
                      size="xs"
                      w={200}
                      aria-label={et('tasks.assignee')}
                      placeholder={et('tasks.unassigned')}
                      data={members.map((m) => ({ value: m.userId, label: m.displayName }))}
                      value={t.assigneeId}
                      onChange={(v) => update.mutate({ task: t, patch: { assigneeId: v } })}
                      disabled={!manage || t.status !== 'open'}
                      clearable
                      data-testid="task-assignee"
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  {manage && t.status === 'open' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => update.mutate({ task: t, patch: { status: 'done' } })}
                      data-testid="task-complete"
                    >
                      {et('tasks.complete')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function MyTasks() {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const [status, setStatus] = useState('open');
  const [overdue, setOverdue] = useState(false);
  const query = useQuery<Task[]>({
    queryKey: [...ENGAGEMENT_KEY, 'tasks', 'mine', status, overdue],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Task[] }>(`${BASE}/tasks/mine`, {
          query: { status, overdue: overdue ? 'true' : undefined },
          signal,
        })
        .then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Group>
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={['open', 'done', 'cancelled'].map((s) => ({ value: s, label: et(`taskStatus.${s}`) }))}
        />
        <Switch
          label={et('tasks.onlyOverdue')}
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
        />
      </Group>
      {query.isError && (
        <Alert color="red" role="alert">
          {message(query.error)}
        </Alert>
      )}
      {query.isPending && <Loader />}
      {query.data?.length === 0 && <Empty>{et('tasks.empty')}</Empty>}
      {!!query.data?.length && <TasksTable tasks={query.data} />}
    </Stack>
  );
}

function TeamTasks() {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [overdue, setOverdue] = useState(false);
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'tasks', 'team', overdue],
    queryFn: ({ signal }) =>
      api.get<Team>(`${BASE}/tasks/team`, { query: { overdue: overdue ? 'true' : undefined }, signal }),
    placeholderData: keepPreviousData,
  });
  const escalate = useMutation({
    mutationFn: () => api.post<{ escalated: number }>(`${BASE}/tasks/escalate`, {}),
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: et('tasks.escalated', { count: r.escalated }) });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'tasks'] });
    },
  });
  const team = query.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Switch
          label={et('tasks.onlyOverdue')}
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
        />
        <Button
          variant="light"
          color="orange"
          onClick={() => escalate.mutate()}
          loading={escalate.isPending}
          data-testid="tasks-escalate"
        >
          {et('tasks.escalate')}
        </Button>
      </Group>
      {(query.isError || escalate.isError) && (
        <Alert color="red" role="alert">
          {message(escalate.error ?? query.error)}
        </Alert>
      )}
      {query.isPending && <Loader />}
      {team && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {team.members.map((m) => (
              <Card key={m.userId} withBorder padding="sm" data-testid="team-member">
                <Text fw={600} size="sm">
                  {m.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {et('tasks.counts', { open: m.open, overdue: m.overdue })}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {team.unassigned.length > 0 && (
            <Panel title={et('tasks.unassignedTitle', { count: team.unassigned.length })}>
              <TasksTable tasks={team.unassigned} members={team.members} />
            </Panel>
          )}
          {team.members
            .filter((m) => m.tasks.length > 0)
            .map((m) => (
              <Panel key={m.userId} title={m.displayName}>
                <TasksTable tasks={m.tasks} members={team.members} />
              </Panel>
            ))}
          {team.members.every((m) => m.tasks.length === 0) && team.unassigned.length === 0 && (
            <Empty>{et('tasks.empty')}</Empty>
          )}
        </>
      )}
    </Stack>
  );
}

/** Interactions, newest first; `customerId` limits them to one customer (the customer page). */
export function InteractionsList({ customerId, limit = 50 }: { customerId?: string; limit?: number }) {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const [kind, setKind] = useState<string | null>(null);
  const query = useQuery<Interaction[]>({
    queryKey: [...ENGAGEMENT_KEY, 'interactions', customerId, kind],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Interaction[] }>(`${BASE}/interactions`, { query: { customerId, kind, limit }, signal })
        .then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="sm">
      {!customerId && (
        <Select
          w={240}
          aria-label={et('interactions.kind')}
          placeholder={et('interactions.anyKind')}
          data={INTERACTION_KINDS.map((k) => ({ value: k, label: et(`interactionKind.${k}`) }))}
          value={kind}
          onChange={setKind}
          clearable
        />
      )}
      {query.isError && (
        <Alert color="red" role="alert">
          {message(query.error)}
        </Alert>
      )}
      {query.isPending && <Loader size="sm" />}
      {query.data?.length === 0 && <Empty>{et('interactions.empty')}</Empty>}
      {query.data?.map((i) => (
        <Card key={i.id} withBorder padding="xs" data-testid="interaction-row">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="light">{et(`interactionKind.${i.kind}`, { defaultValue: i.kind })}</Badge>
                {i.outcome && (
                  <Badge variant="outline">{et(`outcome.${i.outcome}`, { defaultValue: i.outcome })}</Badge>
                )}
                {!customerId && (
                  <Anchor component={Link} to={`/customers/${i.customerId}`} size="sm">
                    <CustomerName id={i.customerId} />
                  </Anchor>
                )}
              </Group>
              {i.subject && <Text size="sm">{i.subject}</Text>}
              {i.notes && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {i.notes}
                </Text>
              )}
              {i.nextStep && (
                <Text size="xs">
                  {et('interactions.nextStep')}: {i.nextStep}
                  {i.nextStepDue && ` (${formatDate(i.nextStepDue, lang)})`}
                </Text>
              )}
            </Stack>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(i.occurredAt, lang)}
              {i.loggedBy && <br />}
              {i.loggedBy}
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

export default function TasksPage() {
  const { et } = useEngagementT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [logging, setLogging] = useState(false);
  const tab = params.get('tab') ?? 'mine';
  return (
    <>
      <PageHeader
        title={et('tasks.title')}
        description={et('tasks.description')}
        actions={
          <Button onClick={() => setLogging(true)} data-testid="interaction-new">
            {et('interactions.log')}
          </Button>
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'mine' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">{et('tasks.mine')}</Tabs.Tab>
          {can('tasks.manage') && (
            <Tabs.Tab value="team" data-testid="tab-team">
              {et('tasks.team')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="interactions" data-testid="tab-interactions">
            {et('interactions.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine">
          <Card withBorder padding="md">
            <MyTasks />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="team">
          <TeamTasks />
        </Tabs.Panel>
        <Tabs.Panel value="interactions">
          <Card withBorder padding="md">
            <InteractionsList />
          </Card>
        </Tabs.Panel>
      </Tabs>
      {logging && <InteractionDialog onClose={() => setLogging(false)} />}
    </>
  );
}
