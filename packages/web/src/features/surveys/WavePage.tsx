// A wave's live results (refreshed while it is open): response rate, overall satisfaction, CSAT
// and NPS with their intervals, dimension scores with reliability, drivers, cross-tabs by segment
// with tests, comment themes and the change against the previous wave; plus the wave's controls:
// open/close, exports, scheduled e-mail, inviting one customer and keying in a phone or paper interview.
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  NumberInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  BASE,
  fmt,
  pct,
  pValue,
  SEGMENT_FIELDS,
  SURVEYS_KEY,
  type Answers,
  type Version,
  type Wave,
  type WaveReport,
} from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useSurveysT } from './i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';

function Kpi({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  testId?: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Card>
  );
}

function Significance({ p }: { p: number | null | undefined }) {
  const { st } = useSurveysT();
  if (typeof p !== 'number') return null;
  return (
    <Badge variant="light" color={p < 0.05 ? 'teal' : 'gray'}>
      {p < 0.05 ? st('report.significant') : st('report.notSignificant')} · {pValue(p)}
    </Badge>
  );
}

function Results({ report }: { report: WaveReport }) {
  const { st, lang } = useSurveysT();
  const [field, setField] = useState<string>('studyLevel');
  const r = report;
  const tab = r.crossTabs.find((c) => c.field === field);
  if (!r.responseRate.completed) return <Empty>{st('report.noResponses')}</Empty>;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Kpi
          testId="kpi-response-rate"
          label={st('report.responseRate')}
          value={pct(r.responseRate.rate)}
          detail={`${r.responseRate.completed} / ${r.responseRate.invited}`}
        />
        <Kpi
          label={st('report.overall')}
          value={fmt(r.overall?.summary.mean)}
          detail={
            r.overall?.summary.ci95
              ? `95% CI ${fmt(r.overall.summary.ci95.low)}–${fmt(r.overall.summary.ci95.high)}`
              : ''
          }
        />
        <Kpi
          label={st('report.csat')}
          value={pct(r.overall?.csat.share)}
          detail={
            r.overall?.csat.ci95
              ? `95% CI ${pct(r.overall.csat.ci95.low)}–${pct(r.overall.csat.ci95.high)}`
              : ''
          }
        />
        <Kpi
          testId="kpi-nps"
          label={st('report.nps')}
          value={fmt(r.nps?.score, 1)}
          detail={r.nps?.ci95 ? `95% CI ${fmt(r.nps.ci95.low, 1)}–${fmt(r.nps.ci95.high, 1)}` : ''}
        />
        <Kpi
          label={st('report.followUps')}
          value={String(r.followUps.opened)}
          detail={st('report.followUpsClosed', { count: r.followUps.closed })}
        />
      </SimpleGrid>

      <Panel title={st('report.dimensions')} testId="dimensions-panel">
        <BarChart
          h={260}
          data={r.dimensions.map((d) => ({ dimension: d.name[lang], mean: Number(fmt(d.summary.mean)) }))}
          dataKey="dimension"
          orientation="vertical"
          yAxisProps={{ width: 170 }}
          xAxisProps={{ domain: [1, 5] }}
          series={[{ name: 'mean', label: st('report.mean'), color: 'blue.6' }]}
        />
        <Table.ScrollContainer minWidth={600}>
          <Table mt="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{st('report.dimension')}</Table.Th>
                <Table.Th ta="right">{st('report.mean')}</Table.Th>
                <Table.Th ta="right">{st('report.sd')}</Table.Th>
                <Table.Th ta="right">95% CI</Table.Th>
                <Table.Th ta="right">CSAT</Table.Th>
                <Table.Th ta="right">{st('report.alpha')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.dimensions.map((d) => (
                <Table.Tr key={d.code}>
                  <Table.Td>{d.name[lang]}</Table.Td>
                  <Table.Td ta="right">{fmt(d.summary.mean)}</Table.Td>
                  <Table.Td ta="right">{fmt(d.summary.sd)}</Table.Td>
                  <Table.Td ta="right">
                    {d.summary.ci95 ? `${fmt(d.summary.ci95.low)}–${fmt(d.summary.ci95.high)}` : '–'}
                  </Table.Td>
                  <Table.Td ta="right">{pct(d.csat.share)}</Table.Td>
                  <Table.Td ta="right">{fmt(d.alpha)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Panel>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {r.nps && (
          <Panel title={st('report.npsMix')}>
            <BarChart
              h={180}
              data={[
                {
                  group: 'NPS',
                  promoters: r.nps.promoters,
                  passives: r.nps.passives,
                  detractors: r.nps.detractors,
                },
              ]}
              dataKey="group"
              type="percent"
              orientation="vertical"
              series={[
                { name: 'promoters', label: st('report.promoters'), color: 'teal.6' },
                { name: 'passives', label: st('report.passives'), color: 'gray.5' },
                { name: 'detractors', label: st('report.detractors'), color: 'red.6' },
              ]}
              withLegend
            />
          </Panel>
        )}
        <Panel title={st('report.drivers')}>
          <Text size="xs" c="dimmed" mb="xs">
            {st('report.driversHelp', { r2: fmt(r.drivers.rSquared), n: r.drivers.n })}
          </Text>
          <BarChart
            h={220}
            data={r.drivers.drivers.map((d) => ({
              dimension: d.name[lang],
              beta: Number(fmt(d.beta ?? d.correlation)),
            }))}
            dataKey="dimension"
            orientation="vertical"
            yAxisProps={{ width: 170 }}
            series={[{ name: 'beta', label: 'β', color: 'violet.6' }]}
          />
        </Panel>
      </SimpleGrid>

      {r.change && (
        <Panel title={st('report.change', { wave: r.change.baseline.name })} testId="change-panel">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{st('report.measure')}</Table.Th>
                <Table.Th ta="right">{st('report.before')}</Table.Th>
                <Table.Th ta="right">{st('report.after')}</Table.Th>
                <Table.Th>{st('report.test')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{st('report.overall')}</Table.Td>
                <Table.Td ta="right">{fmt(r.change.overall.before)}</Table.Td>
                <Table.Td ta="right">{fmt(r.change.overall.after)}</Table.Td>
                <Table.Td>
                  <Significance p={r.change.overall.test?.pValue} />
                </Table.Td>
              </Table.Tr>
              {r.change.dimensions.map((d) => (
                <Table.Tr key={d.code}>
                  <Table.Td>{d.name[lang]}</Table.Td>
                  <Table.Td ta="right">{fmt(d.before)}</Table.Td>
                  <Table.Td ta="right">{fmt(d.after)}</Table.Td>
                  <Table.Td>
                    <Significance p={d.test?.pValue} />
                  </Table.Td>
                </Table.Tr>
              ))}
              {r.change.csat && (
                <Table.Tr>
                  <Table.Td>CSAT</Table.Td>
                  <Table.Td ta="right">{pct(r.change.csat.before)}</Table.Td>
                  <Table.Td ta="right">{pct(r.change.csat.after)}</Table.Td>
                  <Table.Td>
                    <Significance p={r.change.csat.pValue} />
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Td>NPS</Table.Td>
                <Table.Td ta="right">{fmt(r.change.nps.before, 1)}</Table.Td>
                <Table.Td ta="right">{fmt(r.change.nps.after, 1)}</Table.Td>
                <Table.Td>
                  <Significance p={r.change.nps.test?.pValue} />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Panel>
      )}

      <Panel title={st('report.crossTabs')}>
        <Group mb="sm" align="flex-end">
          <Select
            label={st('report.segment')}
            w={200}
            allowDeselect={false}
            data={SEGMENT_FIELDS.map((x) => ({ value: x, label: st(`segment.${x}`) }))}
            value={field}
            onChange={(v) => setField(v ?? 'studyLevel')}
          />
          {tab?.chiSquare && (
            <Text size="sm">
              χ²({tab.chiSquare.df}) = {fmt(tab.chiSquare.statistic)}{' '}
              <Significance p={tab.chiSquare.pValue} />
            </Text>
          )}
        </Group>
        {tab && (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{st(`segment.${tab.field}`)}</Table.Th>
                  <Table.Th ta="right">n</Table.Th>
                  <Table.Th ta="right">{st('report.overall')}</Table.Th>
                  <Table.Th ta="right">CSAT</Table.Th>
                  <Table.Th ta="right">NPS</Table.Th>
                  <Table.Th>{st('report.vsRest')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tab.groups.map((g) => (
                  <Table.Tr key={g.value}>
                    <Table.Td>{g.value === 'unknown' ? st('report.unknown') : g.value}</Table.Td>
                    <Table.Td ta="right">{g.n}</Table.Td>
                    <Table.Td ta="right">{fmt(g.overall.mean)}</Table.Td>
                    <Table.Td ta="right">{pct(g.csat.share)}</Table.Td>
                    <Table.Td ta="right">{fmt(g.nps.score, 0)}</Table.Td>
                    <Table.Td>
                      <Significance p={g.vsRest?.pValue} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Panel>

      <Panel title={st('report.themes')}>
        {!r.themes.length ? (
          <Empty>{st('report.noThemes')}</Empty>
        ) : (
          <List spacing="xs">
            {r.themes.map((t) => (
              <List.Item key={t.term}>
                <Text span fw={600}>
                  {t.term}
                </Text>{' '}
                <Text span size="sm" c="dimmed">
                  ({t.count}, {pct(t.share)}) “{t.examples[0]}”
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Panel>
    </Stack>
  );
}

function StaffEntry({ wave }: { wave: Wave }) {
  const { st, lang } = useSurveysT();
  const qc = useQueryClient();
  const version = useQuery({
    queryKey: [...SURVEYS_KEY, 'version', wave.versionId],
    queryFn: ({ signal }) => api.get<Version>(`${BASE}/versions/${wave.versionId}`, { signal }),
  });
  const [customerId, setCustomerId] = useState('');
  const [mode, setMode] = useState<'phone' | 'paper'>('phone');
  const [answers, setAnswers] = useState<Answers>({});
  const enter = useMutation({
    mutationFn: () =>
      api.post<{ responseId: string; followUp: boolean }>(`${BASE}/waves/${wave.id}/responses`, {
        customerId,
        mode,
        answers,
        language: lang,
      }),
    onSuccess: (r) => {
      setAnswers({});
      setCustomerId('');
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      notifications.show({
        color: 'teal',
        message: r.followUp ? st('entry.savedFollowUp') : st('entry.saved'),
      });
    },
  });
  const errors = fieldErrors(enter.error);
  if (!version.data) return null;
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={st('entry.customerId')}
          w={340}
          value={customerId}
          error={errors.customerId}
          onChange={(e) => setCustomerId(e.currentTarget.value.trim())}
        />
        <Select
          label={st('entry.mode')}
          w={160}
          allowDeselect={false}
          data={[
            { value: 'phone', label: st('mode.phone') },
            { value: 'paper', label: st('mode.paper') },
          ]}
          value={mode}
          onChange={(v) => setMode(v ?? 'phone')}
        />
      </Group>
      <SurveyForm
        definition={version.data.definition}
        lang={lang}
        answers={answers}
        errors={errors}
        onChange={setAnswers}
      />
      <Group>
        <Button onClick={() => enter.mutate()} loading={enter.isPending}>
          {st('entry.submit')}
        </Button>
      </Group>
      {enter.isError && <ErrorAlert error={enter.error} />}
    </Stack>
  );
}

function ScheduleForm({ wave }: { wave: Wave }) {
  const { st } = useSurveysT();
  const [recipients, setRecipients] = useState('');
  const [everyDays, setEveryDays] = useState<number | string>(7);
  const [language, setLanguage] = useState('zh-CN');
  const save = useMutation({
    mutationFn: () =>
      api.post(`${BASE}/waves/${wave.id}/schedules`, {
        recipients: recipients.split(/[,;\s]+/).filter(Boolean),
        everyDays: Number(everyDays),
        language,
      }),
    onSuccess: () => notifications.show({ color: 'teal', message: st('schedule.saved') }),
  });
  const errors = fieldErrors(save.error);
  return (
    <Group align="flex-end">
      <TextInput
        label={st('schedule.recipients')}
        w={320}
        value={recipients}
        error={Object.entries(errors).find(([k]) => k.startsWith('recipients'))?.[1]}
        onChange={(e) => setRecipients(e.currentTarget.value)}
      />
      <NumberInput
        label={st('schedule.everyDays')}
        w={120}
        min={1}
        max={92}
        value={everyDays}
        error={errors.everyDays}
        onChange={setEveryDays}
      />
      <Select
        label={st('schedule.language')}
        w={130}
        allowDeselect={false}
        data={[
          { value: 'zh-CN', label: '中文' },
          { value: 'en', label: 'English' },
        ]}
        value={language}
        onChange={(v) => setLanguage(v ?? 'zh-CN')}
      />
      <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
        {st('schedule.save')}
      </Button>
    </Group>
  );
}

export default function WavePage() {
  const { id = '' } = useParams();
  const { st, lang } = useSurveysT();
  const can = useCan();
  const qc = useQueryClient();
  const wave = useQuery({
    queryKey: [...SURVEYS_KEY, 'wave', id],
    queryFn: ({ signal }) => api.get<Wave>(`${BASE}/waves/${id}`, { signal }),
  });
  const report = useQuery({
    queryKey: [...SURVEYS_KEY, 'report', id],
    queryFn: ({ signal }) => api.get<WaveReport>(`${BASE}/waves/${id}/report`, { signal }),
    refetchInterval: wave.data?.status === 'open' ? 15_000 : false,
  });
  const [customerId, setCustomerId] = useState('');
  const transition = useMutation({
    mutationFn: (to: 'open' | 'close') => api.post<Wave>(`${BASE}/waves/${id}/${to}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SURVEYS_KEY }),
  });
  const invite = useMutation({
    mutationFn: () =>
      api.post<{ invited: boolean; reason: string | null }>(`${BASE}/waves/${id}/invitations`, {
        customerId,
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      notifications.show({
        color: r.invited ? 'teal' : 'yellow',
        message: r.invited ? st('invite.done') : st(`invite.reason.${r.reason ?? 'already-invited'}`),
      });
    },
  });
  if (wave.isPending) return <Text>{st('common.loading')}</Text>;
  if (wave.isError) return <ErrorAlert error={wave.error} />;
  const w = wave.data;
  return (
    <>
      <PageHeader
        title={w.name}
        description={`${w.code} · ${st(`kind.${w.kind}`)} · ${st(`channel.${w.channel}`)}`}
        actions={
          <Group>
            <StatusBadge status={w.status} />
            <Anchor href={`${BASE}/waves/${id}/report.pdf?lang=${lang}`} size="sm">
              {st('report.pdf')}
            </Anchor>
            <Anchor href={`${BASE}/waves/${id}/report.xlsx?lang=${lang}`} size="sm">
              {st('report.xlsx')}
            </Anchor>
            {can('surveys.manage') && w.status === 'draft' && (
              <Button onClick={() => transition.mutate('open')} loading={transition.isPending}>
                {st('waves.open')}
              </Button>
            )}
            {can('surveys.manage') && w.status === 'open' && (
              <Button
                variant="default"
                onClick={() => transition.mutate('close')}
                loading={transition.isPending}
              >
                {st('waves.close')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <ErrorAlert error={transition.error} />
        {report.isPending ? (
          <Text>{st('common.loading')}</Text>
        ) : report.isError ? (
          <ErrorAlert error={report.error} />
        ) : (
          <Results report={report.data} />
        )}
        {w.status === 'open' && can('surveys.manage') && (
          <Panel title={st('invite.title')}>
            <Group align="flex-end">
              <TextInput
                label={st('entry.customerId')}
                w={340}
                value={customerId}
                error={fieldErrors(invite.error).customerId}
                onChange={(e) => setCustomerId(e.currentTarget.value.trim())}
              />
              <Button variant="light" onClick={() => invite.mutate()} loading={invite.isPending}>
                {st('invite.send')}
              </Button>
            </Group>
          </Panel>
        )}
        {w.status === 'open' && can('surveys.respond') && (
          <Panel title={st('entry.title')}>
            <StaffEntry wave={w} />
          </Panel>
        )}
        {can('surveys.manage') && (
          <Panel title={st('schedule.title')}>
            <ScheduleForm wave={w} />
          </Panel>
        )}
      </Stack>
    </>
  );
}
