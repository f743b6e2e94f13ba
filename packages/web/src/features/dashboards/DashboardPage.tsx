// The management dashboard: headline figures with monthly sparklines, filters by school, product
// and segment, and a click on PAR30 or originations opens the list of loans behind the number.
import { Sparkline } from '@mantine/charts';
import { Alert, Card, Center, Group, Loader, Select, SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { money, pct } from '../portfolio/components.tsx';
import { useDashboard, type Filters } from './api.ts';
import { useDashboardsT } from './i18n.ts';

const FILTERS = ['schoolId', 'productCode', 'segment'] as const;

export function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const f: Filters = {};
  for (const k of [...FILTERS, 'currency'] as const) {
    const v = params.get(k);
    if (v !== null) f[k] = v;
  }
  const set = (next: Filters) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')));
  return [f, set];
}

export const filterQuery = (f: Filters) =>
  Object.entries(f)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');

function Figure(props: { label: string; value: string; sub?: string; trend?: number[]; onClick?: () => void; testId: string; color?: string }) {
  const body: ReactNode = (
    <Card withBorder padding="md" h="100%" data-testid={props.testId}>
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${props.testId}-value`}>
        {props.value}
      </Text>
      {props.sub && (
        <Text size="xs" c="dimmed">
          {props.sub}
        </Text>
      )}
      {props.trend && props.trend.length > 1 && (
        <Sparkline h={40} mt="xs" data={props.trend} curveType="linear" color={props.color ?? 'blue'} fillOpacity={0.3} />
      )}
    </Card>
  );
  return props.onClick ? (
    <UnstyledButton onClick={props.onClick} data-testid={`${props.testId}-drill`} style={{ display: 'block' }}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

export default function DashboardPage() {
  const { dt, lang } = useDashboardsT();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const [f, setF] = useFilters();
  const q = useDashboard(f);
  const d = q.data;
  const cur = d?.currency ?? 'CNY';
  const segmentLabel = (s: string) => (s ? dt(`segment.${s}`, { defaultValue: s }) : dt('segment.none'));
  return (
    <>
      <PageHeader title={dt('dashboard.title')} description={dt('dashboard.description')} />
      {d && (
        <Group mb="md" align="end">
          <Select
            label={dt('filters.school')}
            placeholder={dt('filters.all')}
            clearable
            searchable
            data-testid="filter-school"
            value={f.schoolId ?? null}
            onChange={(v) => setF({ ...f, schoolId: v ?? undefined })}
            data={d.choices.schools.map((s) => ({ value: s.id, label: (lang === 'zh-CN' ? s.nameLocal : null) ?? s.name }))}
          />
          <Select
            label={dt('filters.product')}
            placeholder={dt('filters.all')}
            clearable
            data-testid="filter-product"
            value={f.productCode ?? null}
            onChange={(v) => setF({ ...f, productCode: v ?? undefined })}
            data={d.choices.products}
          />
          <Select
            label={dt('filters.segment')}
            placeholder={dt('filters.all')}
            clearable
            data-testid="filter-segment"
            value={f.segment ?? null}
            onChange={(v) => setF({ ...f, segment: v ?? undefined })}
            data={d.choices.segments.filter(Boolean).map((s) => ({ value: s, label: segmentLabel(s) }))}
          />
          <Text size="xs" c="dimmed" data-testid="dashboard-as-of">
            {dt('dashboard.asOf', { date: d.asOf ?? '—' })}
          </Text>
        </Group>
      )}
      {q.isPending && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      {d && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Figure
              testId="fig-originations"
              label={dt('fig.originations', { month: d.originations.month ?? '—' })}
              value={`${d.originations.loans}`}
              sub={money(d.originations.disbursed, cur, lang)}
              trend={d.originations.trend.map((t) => t.loans)}
              onClick={d.originations.month ? () => void navigate(`/dashboards/drill?metric=originations&month=${d.originations.month}&${filterQuery(f)}`) : undefined}
            />
            <Figure
              testId="fig-balance"
              label={dt('fig.balance')}
              value={money(d.portfolio.balance, cur, lang)}
              sub={dt('fig.loans', { n: d.portfolio.loans })}
              trend={d.portfolio.trend.map((t) => t.balance)}
            />
            <Figure testId="fig-yield" label={dt('fig.yield')} value={pct(d.portfolio.yield)} trend={d.portfolio.trend.map((t) => t.yield)} />
            <Figure
              testId="fig-par30"
              color="orange"
              label={dt('fig.par30')}
              value={pct(d.par30.ratio)}
              sub={dt('fig.par30Sub', { n: d.par30.loans, total: d.par30.countOfBook, amount: money(d.par30.balanceAtRisk, cur, lang) })}
              trend={d.par30.trend.map((t) => t.ratio)}
              onClick={() => void navigate(`/dashboards/drill?metric=par30&${filterQuery(f)}`)}
            />
            <Figure testId="fig-default" color="red" label={dt('fig.defaultRate')} value={pct(d.defaults.ratio)} trend={d.defaults.trend.map((t) => t.ratio)} />
            <Figure testId="fig-csat" color="teal" label={dt('fig.csat')} value={pct(d.csat.score)} sub={dt('fig.responses', { n: d.csat.n })} trend={d.csat.trend.map((t) => t.score ?? 0)} />
            <Figure
              testId="fig-nps"
              color="teal"
              label={dt('fig.nps')}
              value={d.nps.score === null ? '—' : d.nps.score.toFixed(1)}
              sub={dt('fig.responses', { n: d.nps.n })}
              trend={d.nps.trend.map((t) => t.score ?? 0)}
            />
            <Figure testId="fig-sla" color="grape" label={dt('fig.sla')} value={pct(d.sla.attainment)} sub={dt('fig.resolved', { n: d.sla.resolved })} trend={d.sla.trend.map((t) => t.attainment)} />
            <Figure
              testId="fig-cac"
              label={dt('fig.cac')}
              value={d.acquisitionCost.connected && d.acquisitionCost.perCustomer !== null ? money(d.acquisitionCost.perCustomer, cur, lang) : '—'}
              sub={d.acquisitionCost.connected ? undefined : dt('fig.cacNotConnected')}
              trend={d.acquisitionCost.trend.map((t) => t.perCustomer ?? 0)}
            />
            <Figure
              testId="fig-clv"
              color="green"
              label={dt('fig.clv')}
              value={money(d.lifetimeValue.perLoan, cur, lang)}
              sub={dt('fig.clvTotal', { amount: money(d.lifetimeValue.total, cur, lang) })}
              trend={d.lifetimeValue.trend.filter((t) => t.perLoan !== 0).map((t) => t.perLoan)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
            <Card withBorder>
              <Text fw={600} mb="xs">
                {dt('cohort.title')}
              </Text>
              <Table fz="sm" data-testid="cohort-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{dt('cohort.year')}</Table.Th>
                    <Table.Th ta="right">{dt('cohort.entered')}</Table.Th>
                    <Table.Th ta="right">{dt('cohort.defaulted')}</Table.Th>
                    <Table.Th ta="right">{dt('cohort.rate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.defaults.cohorts.map((c) => (
                    <Table.Tr key={c.fiscalYear}>
                      <Table.Td>FY{c.fiscalYear}</Table.Td>
                      <Table.Td ta="right">{c.entered}</Table.Td>
                      <Table.Td ta="right">{c.defaulted}</Table.Td>
                      <Table.Td ta="right">{pct(c.rate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">
                {dt('staff.title')}
              </Text>
              <Table fz="sm" data-testid="staff-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{dt('staff.agent')}</Table.Th>
                    <Table.Th ta="right">{dt('staff.average')}</Table.Th>
                    <Table.Th ta="right">{dt('staff.ratings')}</Table.Th>
                    <Table.Th ta="right">{dt('staff.resolved')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.staffRatings.map((s) => (
                    <Table.Tr key={s.agent}>
                      <Table.Td>{s.agent}</Table.Td>
                      <Table.Td ta="right">{s.ratings ? s.average.toFixed(2) : '—'}</Table.Td>
                      <Table.Td ta="right">{s.ratings}</Table.Td>
                      <Table.Td ta="right">{s.resolved}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
        </>
      )}
    </>
  );
}
