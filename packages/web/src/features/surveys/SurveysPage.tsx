// Surveys and the wave manager: surveys with their versions (open the designer), a new survey
// from the built-in template, every wave with its response rate, and a form to plan a wave.
import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  BASE,
  pct,
  SEGMENT_FIELDS,
  SURVEYS_KEY,
  TRIGGER_EVENTS,
  WAVE_CHANNELS,
  WAVE_KINDS,
  type Survey,
  type Version,
  type Wave,
} from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useSurveysT } from './i18n.ts';

export function useSurveys() {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'list'],
    queryFn: ({ signal }) => api.get<{ items: Survey[] }>(BASE, { signal }).then((r) => r.items),
  });
}

export function useWaves() {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'waves'],
    queryFn: ({ signal }) => api.get<{ items: Wave[] }>(`${BASE}/waves`, { signal }).then((r) => r.items),
  });
}

function NewSurveyForm() {
  const { st } = useSurveysT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ code: '', en: '', zh: '' });
  const create = useMutation({
    mutationFn: () =>
      api.post<Version>(BASE, {
        code: form.code,
        name: { en: form.en, 'zh-CN': form.zh },
        template: 'student-loan-satisfaction',
      }),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      void navigate(`/surveys/versions/${v.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={st('surveys.code')}
          value={form.code}
          error={errors.code}
          onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
        />
        <TextInput
          label={st('surveys.nameEn')}
          value={form.en}
          error={errors['name.en']}
          onChange={(e) => setForm({ ...form, en: e.currentTarget.value })}
        />
        <TextInput
          label={st('surveys.nameZh')}
          value={form.zh}
          error={errors['name.zh-CN']}
          onChange={(e) => setForm({ ...form, zh: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {st('surveys.createFromTemplate')}
        </Button>
      </Group>
      {create.isError && !Object.keys(errors).length && <ErrorAlert error={create.error} />}
    </Stack>
  );
}

function NewWaveForm({ surveys }: { surveys: Survey[] }) {
  const { st, lang } = useSurveysT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const published = surveys.flatMap((s) =>
    s.versions
      .filter((v) => v.status === 'published')
      .map((v) => ({ value: v.id, label: `${s.name[lang]} · v${v.version}` })),
  );
  const [f, setF] = useState({
    code: '',
    name: '',
    versionId: published[0]?.value ?? '',
    kind: 'manual',
    channel: 'email',
    segmentId: '',
    triggerEvent: '',
    sampleRate: 100 as number | string,
    quotaField: '',
    quotaPerGroup: '' as number | string,
    reminderAfterDays: 3 as number | string,
  });
  const create = useMutation({
    mutationFn: () =>
      api.post<Wave>(`${BASE}/waves`, {
        code: f.code,
        name: f.name,
        versionId: f.versionId,
        kind: f.kind,
        channel: f.channel,
        ...(f.kind === 'segment' && f.segmentId ? { segmentId: f.segmentId } : {}),
        ...(f.kind === 'event' && f.triggerEvent ? { triggerEvent: f.triggerEvent } : {}),
        sampleRate: Number(f.sampleRate) / 100,
        ...(f.quotaField ? { quotaField: f.quotaField, quotaPerGroup: Number(f.quotaPerGroup) } : {}),
        reminderAfterDays: Number(f.reminderAfterDays),
      }),
    onSuccess: (w) => {
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      notifications.show({ color: 'teal', message: st('waves.created') });
      void navigate(`/surveys/waves/${w.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  if (!published.length) return <Empty>{st('waves.publishFirst')}</Empty>;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={st('waves.code')}
          value={f.code}
          error={errors.code}
          onChange={(e) => setF({ ...f, code: e.currentTarget.value })}
        />
        <TextInput
          label={st('waves.name')}
          value={f.name}
          error={errors.name}
          onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
        />
        <Select
          label={st('waves.version')}
          data={published}
          value={f.versionId}
          error={errors.versionId}
          onChange={(v) => setF({ ...f, versionId: v ?? '' })}
          allowDeselect={false}
        />
        <Select
          label={st('waves.kind')}
          data={WAVE_KINDS.map((k) => ({ value: k, label: st(`kind.${k}`) }))}
          value={f.kind}
          onChange={(v) => setF({ ...f, kind: v ?? 'manual' })}
          allowDeselect={false}
        />
        <Select
          label={st('waves.channel')}
          data={WAVE_CHANNELS.map((c) => ({ value: c, label: st(`channel.${c}`) }))}
          value={f.channel}
          onChange={(v) => setF({ ...f, channel: v ?? 'email' })}
          allowDeselect={false}
        />
        {f.kind === 'segment' && (
          <TextInput
            label={st('waves.segmentId')}
            value={f.segmentId}
            error={errors.segmentId}
            onChange={(e) => setF({ ...f, segmentId: e.currentTarget.value })}
          />
        )}
        {f.kind === 'event' && (
          <Select
            label={st('waves.triggerEvent')}
            data={TRIGGER_EVENTS.map((e) => ({ value: e, label: st(`event.${e.replace('.', '_')}`) }))}
            value={f.triggerEvent}
            error={errors.triggerEvent}
            onChange={(v) => setF({ ...f, triggerEvent: v ?? '' })}
          />
        )}
        <NumberInput
          label={st('waves.sampleRate')}
          min={1}
          max={100}
          suffix=" %"
          value={f.sampleRate}
          error={errors.sampleRate}
          onChange={(v) => setF({ ...f, sampleRate: v })}
        />
        <Select
          label={st('waves.quotaField')}
          clearable
          data={SEGMENT_FIELDS.map((x) => ({ value: x, label: st(`segment.${x}`) }))}
          value={f.quotaField || null}
          onChange={(v) => setF({ ...f, quotaField: v ?? '' })}
        />
        {f.quotaField && (
          <NumberInput
            label={st('waves.quotaPerGroup')}
            min={1}
            value={f.quotaPerGroup}
            error={errors.quotaPerGroup}
            onChange={(v) => setF({ ...f, quotaPerGroup: v })}
          />
        )}
        <NumberInput
          label={st('waves.reminderAfterDays')}
          min={1}
          max={60}
          value={f.reminderAfterDays}
          error={errors.reminderAfterDays}
          onChange={(v) => setF({ ...f, reminderAfterDays: v })}
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {st('waves.create')}
        </Button>
      </Group>
      {create.isError && !Object.keys(errors).length && <ErrorAlert error={create.error} />}
    </Stack>
  );
}

export default function SurveysPage() {
  const { st, lang } = useSurveysT();
  const can = useCan();
  const surveys = useSurveys();
  const waves = useWaves();
  const names = new Map((surveys.data ?? []).map((s) => [s.id, s.name[lang]]));
  return (
    <>
      <PageHeader
        title={st('surveys.title')}
        description={st('surveys.description')}
        actions={
          <Button component={Link} to="/surveys/loop" variant="light">
            {st('nav.loop')}
          </Button>
        }
      />
      <Stack>
        <Panel title={st('waves.title')} testId="waves-panel">
          {waves.isPending ? (
            <Text size="sm">{st('common.loading')}</Text>
          ) : waves.isError ? (
            <ErrorAlert error={waves.error} />
          ) : !waves.data.length ? (
            <Empty>{st('waves.empty')}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{st('waves.name')}</Table.Th>
                    <Table.Th>{st('waves.survey')}</Table.Th>
                    <Table.Th>{st('waves.kind')}</Table.Th>
                    <Table.Th>{st('waves.channel')}</Table.Th>
                    <Table.Th>{st('waves.status')}</Table.Th>
                    <Table.Th ta="right">{st('waves.invited')}</Table.Th>
                    <Table.Th ta="right">{st('waves.completed')}</Table.Th>
                    <Table.Th ta="right">{st('waves.responseRate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {waves.data.map((w) => (
                    <Table.Tr key={w.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/surveys/waves/${w.id}`}>
                          {w.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {w.code}
                          {w.verifiesActionId ? ` · ${st('waves.verification')}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>{names.get(w.surveyId) ?? ''}</Table.Td>
                      <Table.Td>
                        {st(`kind.${w.kind}`)}
                        {w.triggerEvent ? ` (${w.triggerEvent})` : ''}
                      </Table.Td>
                      <Table.Td>{st(`channel.${w.channel}`)}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={w.status} />
                      </Table.Td>
                      <Table.Td ta="right">{w.counts.invited}</Table.Td>
                      <Table.Td ta="right">{w.counts.completed}</Table.Td>
                      <Table.Td ta="right">{pct(w.counts.responseRate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Panel>
        {can('surveys.manage') && surveys.data && (
          <Panel title={st('waves.new')}>
            <NewWaveForm surveys={surveys.data} />
          </Panel>
        )}
        <Panel title={st('surveys.list')}>
          {surveys.isPending ? (
            <Text size="sm">{st('common.loading')}</Text>
          ) : surveys.isError ? (
            <ErrorAlert error={surveys.error} />
          ) : !surveys.data.length ? (
            <Empty>{st('surveys.empty')}</Empty>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{st('surveys.name')}</Table.Th>
                  <Table.Th>{st('surveys.code')}</Table.Th>
                  <Table.Th>{st('surveys.versions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {surveys.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.name[lang]}</Table.Td>
                    <Table.Td>{s.code}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {s.versions.map((v) => (
                          <Anchor key={v.id} component={Link} to={`/surveys/versions/${v.id}`} size="sm">
                            v{v.version} · {st(`status.${v.status}`)}
                          </Anchor>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Panel>
        {can('surveys.manage') && (
          <Panel title={st('surveys.new')}>
            <NewSurveyForm />
          </Panel>
        )}
      </Stack>
    </>
  );
}
