// One journey: its definition in the builder (journey managers change it, switch it on or off and
// set the hold-out share), its runs with their step history, and the hold-out effect on on-time
// payment with its confidence interval. /engagement/journeys/new creates one (switched off).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  BASE,
  ENGAGEMENT_KEY,
  percent,
  RUN_STATES,
  type Effect,
  type Journey,
  type JourneyDefinition,
  type Run,
} from './api.ts';
import { CustomerName, Empty, Panel, StatusBadge } from './components.tsx';
import { JourneyBuilder } from './JourneyEditor.tsx';
import { journeyName } from './JourneysPage.tsx';
import { useEngagementT } from './i18n.ts';

interface Form {
  code: string;
  nameEn: string;
  nameZh: string;
  description: string;
  holdoutPercent: number;
  definition: JourneyDefinition;
}

const NEW_FORM: Form = {
  code: '',
  nameEn: '',
  nameZh: '',
  description: '',
  holdoutPercent: 0,
  definition: {
    triggers: [{ type: 'manual' }],
    steps: [{ id: 'step-1', kind: 'send', template: '', purpose: 'service', channel: 'preferred' }],
  },
};

function DefinitionTab({ journey }: { journey: Journey | undefined }) {
  const { et } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(NEW_FORM);
  useEffect(() => {
    if (journey)
      setForm({
        code: journey.code,
        nameEn: journey.name.en,
        nameZh: journey.name['zh-CN'],
        description: journey.description ?? '',
        holdoutPercent: journey.holdoutPercent,
        definition: journey.definition,
      });
  }, [journey?.id, journey?.version]);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: { en: form.nameEn.trim(), 'zh-CN': form.nameZh.trim() },
        description: form.description.trim() || null,
        holdoutPercent: form.holdoutPercent,
        definition: form.definition,
      };
      return journey
        ? api.patch<Journey>(`${BASE}/journeys/${journey.id}`, body)
        : api.post<Journey>(`${BASE}/journeys`, { ...body, code: form.code.trim() });
    },
    onSuccess: async (j) => {
      notifications.show({ color: 'green', message: et('journey.saved') });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'journeys'] });
      if (!journey) void navigate(`/engagement/journeys/${j.id}`, { replace: true });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const manage = can('journeys.manage');
  return (
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
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
            disabled={!!journey || !manage}
            error={errors.code}
            required
            data-testid="journey-code"
          />
          <NumberInput
            label={et('journeys.holdout')}
            description={et('journey.holdoutHelp')}
            min={0}
            max={50}
            suffix=" %"
            value={form.holdoutPercent}
            onChange={(v) => setForm({ ...form, holdoutPercent: typeof v === 'number' ? v : 0 })}
            disabled={!manage}
            error={errors.holdoutPercent}
            data-testid="journey-holdout"
          />
          <TextInput
            label={et('journey.nameEn')}
            value={form.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
            disabled={!manage}
            error={errors['name.en']}
            required
            data-testid="journey-name-en"
          />
          <TextInput
            label={et('journey.nameZh')}
            value={form.nameZh}
            onChange={(e) => setForm({ ...form, nameZh: e.currentTarget.value })}
            disabled={!manage}
            error={errors['name.zh-CN']}
            required
            data-testid="journey-name-zh"
          />
        </SimpleGrid>
        <Textarea
          label={et('field.description')}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          disabled={!manage}
          autosize
          minRows={2}
          error={errors.description}
        />
        <JourneyBuilder
          value={form.definition}
          onChange={(definition) => setForm((f) => ({ ...f, definition }))}
          errors={errors}
          readOnly={!manage}
        />
        {save.isError && (
          <Alert color="red" role="alert" data-testid="journey-error">
            {message(save.error)}
          </Alert>
        )}
        {manage && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="journey-save">
              {journey ? et('journey.save') : et('journey.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function RunsTab({ journeyId }: { journeyId: string }) {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const [state, setState] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery<Run[]>({
    queryKey: [...ENGAGEMENT_KEY, 'journeys', journeyId, 'runs', state],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Run[] }>(`${BASE}/journeys/${journeyId}/runs`, { query: { state, limit: 100 }, signal })
        .then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Select
        w={220}
        aria-label={et('field.status')}
        placeholder={et('journey.anyState')}
        data={RUN_STATES.map((s) => ({ value: s, label: et(`runState.${s}`) }))}
        value={state}
        onChange={setState}
        clearable
      />
      {query.isError && (
        <Alert color="red" role="alert">
          {message(query.error)}
        </Alert>
      )}
      {query.isPending && <Loader />}
      {query.data?.length === 0 && <Empty>{et('journey.noRuns')}</Empty>}
      {!!query.data?.length && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{et('field.customer')}</Table.Th>
                <Table.Th>{et('builder.trigger')}</Table.Th>
                <Table.Th>{et('journey.group')}</Table.Th>
                <Table.Th>{et('field.status')}</Table.Th>
                <Table.Th>{et('journey.waitingUntil')}</Table.Th>
                <Table.Th>{et('journey.started')}</Table.Th>
                <Table.Th>{et('journey.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((r) => (
                <Fragment key={r.id}>
                  <Table.Tr
                    data-testid="run-row"
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpen(open === r.id ? null : r.id)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/customers/${r.customerId}`}
                        size="sm"
                        onClick={(e) => e.stopPropagation()}
                      >
                        <CustomerName id={r.customerId} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{et(`trigger.${r.triggerType}`, { defaultValue: r.triggerType })}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={r.group === 'holdout' ? 'gray' : 'blue'}>
                        {et(`group.${r.group}`, { defaultValue: r.group })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.state} kind="runState" />
                    </Table.Td>
                    <Table.Td>{r.wakeAt ? formatDateTime(r.wakeAt, lang) : (r.waitingOn ?? '—')}</Table.Td>
                    <Table.Td>{formatDateTime(r.startedAt, lang)}</Table.Td>
                    <Table.Td>
                      {r.outcome ?? '—'}
                      {r.lastError && (
                        <Text size="xs" c="red">
                          {r.lastError}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {open === r.id && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <Stack gap={2} data-testid="run-history">
                          {r.dueDate && (
                            <Text size="xs">
                              {et('journey.dueDate', { date: formatDate(r.dueDate, lang) })}
                            </Text>
                          )}
                          {r.history.map((h, i) => (
                            <Text key={i} size="xs">
                              {formatDateTime(h.at, lang)} · {h.stepId} ·{' '}
                              {et(`stepKind.${h.kind}`, { defaultValue: h.kind })}
                              {h.note ? ` · ${h.note}` : ''}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function EffectView({ journeyId }: { journeyId: string }) {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'journeys', journeyId, 'effect'],
    queryFn: ({ signal }) => api.get<Effect>(`${BASE}/journeys/${journeyId}/effect`, { signal }),
  });
  if (query.isPending) return <Loader />;
  if (query.isError)
    return (
      <Alert color="red" role="alert">
        {message(query.error)}
      </Alert>
    );
  const e = query.data;
  const pp = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`);
  return (
    <Stack data-testid="journey-effect">
      <Text size="sm">
        {et('effect.metric', { date: formatDate(e.measuredThrough, lang), holdout: e.holdoutPercent })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {(['treatment', 'holdout'] as const).map((g) => (
          <Card key={g} withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {et(`group.${g}`)}
            </Text>
            <Text fw={700} size="xl">
              {percent(e[g].rate)}
            </Text>
            <Text size="xs" c="dimmed">
              {et('effect.onTime', { successes: e[g].successes, trials: e[g].trials })}
              {e[g].low !== null && ` · ${percent(e[g].low)} – ${percent(e[g].high)}`}
            </Text>
          </Card>
        ))}
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {et('effect.difference')}
          </Text>
          <Text fw={700} size="xl" data-testid="effect-difference">
            {e.difference === null ? '—' : et('effect.points', { value: pp(e.difference) })}
          </Text>
          <Text size="xs" c="dimmed">
            {e.low === null
              ? et('effect.noInterval')
              : et('effect.interval', {
                  confidence: Math.round(e.confidence * 100),
                  low: pp(e.low),
                  high: pp(e.high),
                })}
          </Text>
          <Badge mt={4} color={e.significant ? 'green' : 'gray'} variant="light">
            {e.significant ? et('effect.significant') : et('effect.notSignificant')}
          </Badge>
        </Card>
      </SimpleGrid>
      {e.note && <Alert color="blue">{e.note}</Alert>}
    </Stack>
  );
}

export default function JourneyPage() {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const client = useQueryClient();
  const { id } = useParams();
  const isNew = !id;
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'journeys', id],
    queryFn: ({ signal }) => api.get<Journey>(`${BASE}/journeys/${id}`, { signal }),
    enabled: !isNew,
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => api.patch<Journey>(`${BASE}/journeys/${id}`, { enabled }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'journeys'] });
    },
  });
  const j = query.data;
  if (!isNew && query.isPending) return <Loader />;
  if (!isNew && query.isError)
    return (
      <Alert color="red" role="alert">
        {message(query.error)}
      </Alert>
    );

  return (
    <>
      <PageHeader
        title={j ? journeyName(j, lang) : et('journeys.new')}
        description={j ? (j.description ?? undefined) : et('journey.newDescription')}
        actions={
          <Group>
            {j && (
              <Switch
                label={et('journeys.on')}
                checked={j.enabled}
                disabled={!can('journeys.manage') || toggle.isPending}
                onChange={(e) => toggle.mutate(e.currentTarget.checked)}
                data-testid="journey-enabled"
              />
            )}
            <Anchor component={Link} to="/engagement/journeys">
              {et('journeys.title')}
            </Anchor>
          </Group>
        }
      />
      {toggle.isError && (
        <Alert color="red" role="alert" mb="md">
          {message(toggle.error)}
        </Alert>
      )}
      {isNew ? (
        <Card withBorder padding="md">
          <DefinitionTab journey={undefined} />
        </Card>
      ) : (
        <Grid>
          <Grid.Col span={12}>
            <Tabs defaultValue="definition" keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="definition">{et('journey.definition')}</Tabs.Tab>
                <Tabs.Tab value="runs" data-testid="tab-runs">
                  {et('journey.runs')}
                </Tabs.Tab>
                <Tabs.Tab value="effect" data-testid="tab-effect">
                  {et('journey.effect')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="definition">
                <Card withBorder padding="md">
                  <DefinitionTab journey={j} />
                </Card>
              </Tabs.Panel>
              <Tabs.Panel value="runs">
                <Panel title={et('journey.runs')}>
                  <RunsTab journeyId={id} />
                </Panel>
              </Tabs.Panel>
              <Tabs.Panel value="effect">
                <Panel title={et('journey.effect')}>
                  <EffectView journeyId={id} />
                </Panel>
              </Tabs.Panel>
            </Tabs>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
