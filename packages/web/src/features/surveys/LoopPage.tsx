// The closed-loop board: follow-ups opened by low scores and detractors (with their service-desk
// ticket) and their recorded results; improvement actions against findings with owner and due
// date; once an action is done, a verification wave and the before-vs-after comparison.
import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import {
  ACTION_STATUSES,
  BASE,
  fmt,
  FOLLOW_UP_OUTCOMES,
  pValue,
  SURVEYS_KEY,
  type Comparison,
  type FollowUp,
  type ImprovementAction,
  type Version,
} from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useSurveysT } from './i18n.ts';
import { useWaves } from './SurveysPage.tsx';

function FollowUpCard({ f }: { f: FollowUp }) {
  const { st, lang } = useSurveysT();
  const can = useCan();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<string>('resolved');
  const [result, setResult] = useState('');
  const save = useMutation({
    mutationFn: () => api.post<FollowUp>(`${BASE}/follow-ups/${f.id}/result`, { outcome, result }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'follow-ups'] }),
  });
  const errors = fieldErrors(save.error);
  return (
    <Card withBorder padding="sm" data-testid="follow-up">
      <Group justify="space-between">
        <Badge color={f.reason === 'detractor' ? 'red' : 'orange'} variant="light">
          {st(`reason.${f.reason}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(f.createdAt, lang)}
        </Text>
      </Group>
      <Text size="sm" mt={4}>
        {st('loop.wave')}: {f.waveCode}
      </Text>
      <Text size="sm">
        {st('loop.ticket')}: {f.ticketReference ?? st('loop.noTicket')}
      </Text>
      <Text size="sm">
        <Link to={`/customers/${f.customerId}`}>{st('loop.customer')}</Link>
      </Text>
      {f.status === 'closed' ? (
        <Text size="sm" mt={4}>
          {st(`outcome.${f.outcome ?? 'resolved'}`)} — {f.result} ({f.closedBy})
        </Text>
      ) : (
        can('surveys.follow_up') && (
          <Stack gap={6} mt="xs">
            <Select
              size="xs"
              label={st('loop.outcome')}
              allowDeselect={false}
              data={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: st(`outcome.${o}`) }))}
              value={outcome}
              onChange={(v) => setOutcome(v ?? 'resolved')}
            />
            <Textarea
              size="xs"
              label={st('loop.result')}
              autosize
              minRows={2}
              value={result}
              error={errors.result}
              onChange={(e) => setResult(e.currentTarget.value)}
            />
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
              {st('loop.recordResult')}
            </Button>
          </Stack>
        )
      )}
    </Card>
  );
}

function ComparisonView({ actionId }: { actionId: string }) {
  const { st, lang } = useSurveysT();
  const q = useQuery({
    queryKey: [...SURVEYS_KEY, 'verification', actionId],
    queryFn: ({ signal }) =>
      api.get<{ comparison: Comparison | null }>(`${BASE}/actions/${actionId}/verification`, { signal }),
  });
  if (q.isPending) return <Text size="sm">{st('common.loading')}</Text>;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const c = q.data.comparison;
  if (!c) return <Empty>{st('actions.noVerification')}</Empty>;
  return (
    <Table data-testid="before-after">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{st('report.measure')}</Table.Th>
          <Table.Th ta="right">
            {st('report.before')} (n={c.baseline.n})
          </Table.Th>
          <Table.Th ta="right">
            {st('report.after')} (n={c.current.n})
          </Table.Th>
          <Table.Th>{st('report.test')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[
          {
            key: 'overall',
            label: st('report.overall'),
            before: c.overall.before,
            after: c.overall.after,
            p: c.overall.test?.pValue,
          },
          ...c.dimensions.map((d) => ({
            key: d.code,
            label: d.name[lang],
            before: d.before,
            after: d.after,
            p: d.test?.pValue,
          })),
        ].map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>{row.label}</Table.Td>
            <Table.Td ta="right">{fmt(row.before)}</Table.Td>
            <Table.Td ta="right">{fmt(row.after)}</Table.Td>
            <Table.Td>
              {typeof row.p === 'number' && (
                <Badge variant="light" color={row.p < 0.05 ? 'teal' : 'gray'}>
                  {row.p < 0.05 ? st('report.significant') : st('report.notSignificant')} · {pValue(row.p)}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ActionRow({ a }: { a: ImprovementAction }) {
  const { st } = useSurveysT();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const invalidate = () => void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
  const status = useMutation({
    mutationFn: (s: string) => api.patch(`${BASE}/actions/${a.id}`, { status: s }),
    onSuccess: invalidate,
  });
  const verify = useMutation({
    mutationFn: () => api.post(`${BASE}/actions/${a.id}/verification`, { code, name }),
    onSuccess: () => {
      invalidate();
      notifications.show({ color: 'teal', message: st('actions.verificationSent') });
    },
  });
  const errors = fieldErrors(verify.error);
  return (
    <>
      <Table.Tr>
        <Table.Td>{a.finding}</Table.Td>
        <Table.Td>{a.action}</Table.Td>
        <Table.Td>{a.owner}</Table.Td>
        <Table.Td>{a.dueOn}</Table.Td>
        <Table.Td>
          {can('surveys.manage') ? (
            <Select
              size="xs"
              w={130}
              allowDeselect={false}
              aria-label={st('actions.status')}
              data={ACTION_STATUSES.map((s) => ({ value: s, label: st(`status.${s}`) }))}
              value={a.status}
              onChange={(v) => v && status.mutate(v)}
            />
          ) : (
            <StatusBadge status={a.status} />
          )}
        </Table.Td>
        <Table.Td>
          <Button size="xs" variant="subtle" onClick={() => setOpen((o) => !o)}>
            {a.verificationWaveId ? st('actions.beforeAfter') : st('actions.verify')}
          </Button>
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td colSpan={6} p={0}>
          <Collapse expanded={open}>
            <Stack p="sm">
              {a.verificationWaveId ? (
                <ComparisonView actionId={a.id} />
              ) : a.status !== 'done' ? (
                <Text size="sm" c="dimmed">
                  {st('actions.doneFirst')}
                </Text>
              ) : (
                can('surveys.manage') && (
                  <Group align="flex-end">
                    <TextInput
                      size="xs"
                      label={st('waves.code')}
                      value={code}
                      error={errors.code}
                      onChange={(e) => setCode(e.currentTarget.value)}
                    />
                    <TextInput
                      size="xs"
                      label={st('waves.name')}
                      value={name}
                      error={errors.name}
                      onChange={(e) => setName(e.currentTarget.value)}
                    />
                    <Button size="xs" onClick={() => verify.mutate()} loading={verify.isPending}>
                      {st('actions.sendVerification')}
                    </Button>
                  </Group>
                )
              )}
              {verify.isError && !Object.keys(errors).length && <ErrorAlert error={verify.error} />}
            </Stack>
          </Collapse>
        </Table.Td>
      </Table.Tr>
    </>
  );
}

function NewActionForm() {
  const { st, lang } = useSurveysT();
  const qc = useQueryClient();
  const waves = useWaves();
  const [f, setF] = useState({
    baselineWaveId: '',
    dimension: '',
    finding: '',
    action: '',
    owner: '',
    dueOn: '',
  });
  const wave = waves.data?.find((w) => w.id === f.baselineWaveId);
  const version = useQuery({
    queryKey: [...SURVEYS_KEY, 'version', wave?.versionId],
    queryFn: ({ signal }) => api.get<Version>(`${BASE}/versions/${wave!.versionId}`, { signal }),
    enabled: !!wave,
  });
  const create = useMutation({
    mutationFn: () => api.post(`${BASE}/actions`, { ...f, dimension: f.dimension || undefined }),
    onSuccess: () => {
      setF({ ...f, finding: '', action: '' });
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'actions'] });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={st('actions.baselineWave')}
          data={(waves.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
          value={f.baselineWaveId || null}
          error={errors.baselineWaveId}
          onChange={(v) => setF({ ...f, baselineWaveId: v ?? '', dimension: '' })}
        />
        <Select
          label={st('actions.dimension')}
          clearable
          data={(version.data?.definition.dimensions ?? []).map((d) => ({
            value: d.code,
            label: d.name[lang],
          }))}
          value={f.dimension || null}
          error={errors.dimension}
          onChange={(v) => setF({ ...f, dimension: v ?? '' })}
        />
        <TextInput
          label={st('actions.owner')}
          value={f.owner}
          error={errors.owner}
          onChange={(e) => setF({ ...f, owner: e.currentTarget.value })}
        />
        <TextInput
          label={st('actions.finding')}
          value={f.finding}
          error={errors.finding}
          onChange={(e) => setF({ ...f, finding: e.currentTarget.value })}
        />
        <TextInput
          label={st('actions.action')}
          value={f.action}
          error={errors.action}
          onChange={(e) => setF({ ...f, action: e.currentTarget.value })}
        />
        <TextInput
          label={st('actions.dueOn')}
          placeholder="YYYY-MM-DD"
          value={f.dueOn}
          error={errors.dueOn}
          onChange={(e) => setF({ ...f, dueOn: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {st('actions.create')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function LoopPage() {
  const { st } = useSurveysT();
  const can = useCan();
  const followUps = useQuery({
    queryKey: [...SURVEYS_KEY, 'follow-ups'],
    queryFn: ({ signal }) =>
      api.get<{ items: FollowUp[] }>(`${BASE}/follow-ups`, { signal }).then((r) => r.items),
  });
  const actions = useQuery({
    queryKey: [...SURVEYS_KEY, 'actions'],
    queryFn: ({ signal }) =>
      api.get<{ items: ImprovementAction[] }>(`${BASE}/actions`, { signal }).then((r) => r.items),
  });
  const open = followUps.data?.filter((f) => f.status === 'open') ?? [];
  const closed = followUps.data?.filter((f) => f.status === 'closed') ?? [];
  return (
    <>
      <PageHeader title={st('loop.title')} description={st('loop.description')} />
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Panel title={st('loop.open', { count: open.length })} testId="loop-open">
            {followUps.isError && <ErrorAlert error={followUps.error} />}
            {followUps.isPending ? (
              <Text size="sm">{st('common.loading')}</Text>
            ) : !open.length ? (
              <Empty>{st('loop.noneOpen')}</Empty>
            ) : (
              <Stack>
                {open.map((f) => (
                  <FollowUpCard key={f.id} f={f} />
                ))}
              </Stack>
            )}
          </Panel>
          <Panel title={st('loop.closed', { count: closed.length })}>
            {!closed.length ? (
              <Empty>{st('loop.noneClosed')}</Empty>
            ) : (
              <Stack>
                {closed.slice(0, 30).map((f) => (
                  <FollowUpCard key={f.id} f={f} />
                ))}
              </Stack>
            )}
          </Panel>
        </SimpleGrid>
        <Panel title={st('actions.title')} testId="actions-panel">
          {actions.isError && <ErrorAlert error={actions.error} />}
          {actions.isPending ? (
            <Text size="sm">{st('common.loading')}</Text>
          ) : !actions.data?.length ? (
            <Empty>{st('actions.empty')}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{st('actions.finding')}</Table.Th>
                    <Table.Th>{st('actions.action')}</Table.Th>
                    <Table.Th>{st('actions.owner')}</Table.Th>
                    <Table.Th>{st('actions.dueOn')}</Table.Th>
                    <Table.Th>{st('actions.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {actions.data.map((a) => (
                    <ActionRow key={a.id} a={a} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Panel>
        {can('surveys.manage') && (
          <Panel title={st('actions.new')}>
            <NewActionForm />
          </Panel>
        )}
      </Stack>
    </>
  );
}
