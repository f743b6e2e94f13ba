// Performance and learning: agent/team figures over time (first response, resolution, SLA
// attainment, reopen rate, satisfaction), complaint trends by cause/product/school/channel,
// improvement actions with their cause's volume before and after. The register is exported for
// ComplaintRegisterPage.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import { DESK_KEY, deskApi, TREND_DIMENSIONS, type TrendDimension } from './api.ts';
import { Empty, formatMinutes, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

export default function PerformancePage() {
  const { dt } = useDeskT();
  return (
    <>
      <PageHeader title={dt('perf.title')} description={dt('perf.description')} />
      <Tabs defaultValue="performance" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="performance">{dt('perf.tab.performance')}</Tabs.Tab>
          <Tabs.Tab value="trends">{dt('perf.tab.trends')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="performance">
          <Performance />
        </Tabs.Panel>
        <Tabs.Panel value="trends">
          <Trends />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Performance() {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const [by, setBy] = useState<'agent' | 'team'>('agent');
  const [period, setPeriod] = useState<'month' | 'week'>('month');
  const q = useQuery({
    queryKey: [...DESK_KEY, 'performance', by, period],
    queryFn: ({ signal }) => deskApi.performance({ by, period }, signal),
  });
  const minutes = (v: number | null) => (v === null ? '—' : formatMinutes(v, dt));
  return (
    <Stack>
      <Group>
        <SegmentedControl
          value={by}
          onChange={(v) => setBy(v)}
          data={[
            { value: 'agent', label: dt('perf.byAgent') },
            { value: 'team', label: dt('perf.byTeam') },
          ]}
        />
        <SegmentedControl
          value={period}
          onChange={(v) => setPeriod(v)}
          data={[
            { value: 'month', label: dt('perf.month') },
            { value: 'week', label: dt('perf.week') },
          ]}
        />
      </Group>
      {q.isPending && <Loader />}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      {q.data && q.data.items.length === 0 && <Empty>{dt('perf.empty')}</Empty>}
      {q.data && q.data.items.length > 0 && (
        <Table striped data-testid="performance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{by === 'agent' ? dt('perf.agent') : dt('perf.team')}</Table.Th>
              <Table.Th>{dt('perf.period')}</Table.Th>
              <Table.Th>{dt('perf.tickets')}</Table.Th>
              <Table.Th>{dt('perf.firstResponse')}</Table.Th>
              <Table.Th>{dt('perf.resolution')}</Table.Th>
              <Table.Th>{dt('perf.attainment')}</Table.Th>
              <Table.Th>{dt('perf.reopenRate')}</Table.Th>
              <Table.Th>{dt('perf.satisfaction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((r) => (
              <Table.Tr key={`${r.key}-${r.period}`}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td>{r.period}</Table.Td>
                <Table.Td>{r.tickets}</Table.Td>
                <Table.Td>{minutes(r.medianFirstResponseMinutes)}</Table.Td>
                <Table.Td>{minutes(r.medianResolutionMinutes)}</Table.Td>
                <Table.Td>{pct(r.slaAttainment)}</Table.Td>
                <Table.Td>{pct(r.reopenRate)}</Table.Td>
                <Table.Td>
                  {r.averageSatisfaction === null
                    ? '—'
                    : `${r.averageSatisfaction.toFixed(1)} (${r.ratings})`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Trends() {
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [by, setBy] = useState<TrendDimension>('cause');
  const trends = useQuery({
    queryKey: [...DESK_KEY, 'trends', by],
    queryFn: ({ signal }) => deskApi.trends(by, signal),
  });
  const actions = useQuery({
    queryKey: [...DESK_KEY, 'actions'],
    queryFn: ({ signal }) => deskApi.actions(signal),
  });
  const [draft, setDraft] = useState({ cause: '', title: '', ownerName: '', dueDate: '' });
  const create = useMutation({
    mutationFn: () => deskApi.createAction(draft),
    onSuccess: () => {
      setDraft({ cause: '', title: '', ownerName: '', dueDate: '' });
      void client.invalidateQueries({ queryKey: [...DESK_KEY, 'actions'] });
    },
  });
  const complete = useMutation({
    mutationFn: ({ id, outcome }: { id: string; outcome: string }) => deskApi.completeAction(id, outcome),
    onSuccess: () => void client.invalidateQueries({ queryKey: [...DESK_KEY, 'actions'] }),
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const months = [...new Set(trends.data?.series.map((s) => s.month))].sort();
  return (
    <Stack>
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(v)}
        data={TREND_DIMENSIONS.map((d) => ({ value: d, label: dt(`trend.${d}`) }))}
      />
      {trends.isError && <Alert color="red">{message(trends.error)}</Alert>}
      {trends.data && trends.data.totals.length === 0 && <Empty>{dt('trend.empty')}</Empty>}
      {trends.data && trends.data.totals.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt(`trend.${by}`)}</Table.Th>
              {months.map((m) => (
                <Table.Th key={m}>{m}</Table.Th>
              ))}
              <Table.Th>{dt('trend.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trends.data.totals.map((t) => (
              <Table.Tr key={t.key}>
                <Table.Td>{t.key}</Table.Td>
                {months.map((m) => (
                  <Table.Td key={m}>
                    {trends.data.series.find((s) => s.month === m && s.key === t.key)?.count ?? 0}
                  </Table.Td>
                ))}
                <Table.Td fw={600}>{t.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fw={600} mt="md">
        {dt('actions.title')}
      </Text>
      {actions.isPending && <Loader size="sm" />}
      {actions.data?.items.map((a) => (
        <Card key={a.id} withBorder>
          <Group justify="space-between">
            <Stack gap={2}>
              <Text fw={600}>{a.title}</Text>
              <Text size="sm" c={a.overdue ? 'red' : 'dimmed'}>
                {dt('actions.line', { cause: a.cause, owner: a.ownerName, due: formatDate(a.dueDate, lang) })}
              </Text>
              <Text size="sm">{dt('actions.volume', a.volume)}</Text>
              {a.outcome && <Text size="sm">{dt('actions.outcome', { outcome: a.outcome })}</Text>}
            </Stack>
            {a.status === 'open' ? (
              <Button
                size="xs"
                variant="light"
                onClick={() => complete.mutate({ id: a.id, outcome: dt('actions.defaultOutcome') })}
              >
                {dt('actions.markDone')}
              </Button>
            ) : (
              <Text c="green">{dt('actions.done')}</Text>
            )}
          </Group>
        </Card>
      ))}
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{dt('actions.new')}</Text>
          <Group grow>
            <TextInput
              label={dt('trend.cause')}
              value={draft.cause}
              onChange={(e) => setDraft({ ...draft, cause: e.currentTarget.value })}
              error={errors.cause}
            />
            <TextInput
              label={dt('actions.owner')}
              value={draft.ownerName}
              onChange={(e) => setDraft({ ...draft, ownerName: e.currentTarget.value })}
              error={errors.ownerName}
            />
            <TextInput
              type="date"
              label={dt('actions.due')}
              value={draft.dueDate}
              onChange={(e) => setDraft({ ...draft, dueDate: e.currentTarget.value })}
              error={errors.dueDate}
            />
          </Group>
          <TextInput
            label={dt('actions.what')}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            error={errors.title}
          />
          {(create.isError && !Object.keys(errors).length) || complete.isError ? (
            <Alert color="red">{message(create.error ?? complete.error)}</Alert>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={() => create.mutate()} loading={create.isPending}>
              {dt('actions.add')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

export function Register() {
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const q = useQuery({
    queryKey: [...DESK_KEY, 'register'],
    queryFn: ({ signal }) => deskApi.register(signal),
  });
  return (
    <Stack>
      <Group justify="flex-end">
        <Button component="a" href="/api/v1/service-desk/complaints/register.csv" variant="light">
          {dt('register.csv')}
        </Button>
      </Group>
      {q.isPending && <Loader />}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      {q.data && q.data.items.length === 0 && <Empty>{dt('register.empty')}</Empty>}
      {q.data && q.data.items.length > 0 && (
        <Table striped data-testid="register">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt('field.reference')}</Table.Th>
              <Table.Th>{dt('register.received')}</Table.Th>
              <Table.Th>{dt('register.customer')}</Table.Th>
              <Table.Th>{dt('field.subject')}</Table.Th>
              <Table.Th>{dt('field.rootCauses')}</Table.Th>
              <Table.Th>{dt('field.status')}</Table.Th>
              <Table.Th>{dt('register.deadline')}</Table.Th>
              <Table.Th>{dt('register.answered')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((r) => (
              <Table.Tr key={r.ticketId}>
                <Table.Td>
                  <Anchor component={Link} to={`/desk/tickets/${r.ticketId}`}>
                    {r.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(r.receivedOn, lang)}</Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>{r.subject}</Table.Td>
                <Table.Td>{r.rootCauses.join(', ')}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{formatDate(r.regulatoryDueDate, lang)}</Table.Td>
                <Table.Td>
                  {r.resolvedOn ? formatDate(r.resolvedOn, lang) : '—'}{' '}
                  {r.withinDeadline !== null && (
                    <Text span c={r.withinDeadline ? 'green' : 'red'}>
                      {r.withinDeadline ? dt('register.inTime') : dt('register.late')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
