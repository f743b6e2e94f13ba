import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Loader,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import { EXPORT_SECTIONS, exportUrl, usePortfolio, type Dashboard } from './api.ts';
import { money, pct, PortfolioTabs } from './components.tsx';
import { usePortfolioT } from './i18n.ts';
import { CdrCard, ConcentrationCard, ProvisionsCard, RollRateCard } from './panels.tsx';
import { StressCard } from './StressCard.tsx';

function Kpi({
  label,
  value,
  hint,
  testId,
  link,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
  link?: { to: string; label: string };
}) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {link && (
        <Anchor component={Link} to={link.to} size="sm" data-testid={`${testId}-drill`}>
          {link.label}
        </Anchor>
      )}
    </Card>
  );
}

function Charts({ d }: { d: Dashboard }) {
  const { pt, lang } = usePortfolioT();
  const buckets = d.buckets.map((b) => ({
    bucket: b.bucket,
    share: +(b.share * 100).toFixed(2),
    loans: b.count,
  }));
  const trend = d.parTrend.map((p) => ({
    date: p.live ? pt('dashboard.today') : formatDate(p.date, lang),
    par30: +(p.par30 * 100).toFixed(2),
    par90: +(p.par90 * 100).toFixed(2),
  }));
  const maxMob = Math.max(0, ...d.vintages.flatMap((v) => v.points.map((p) => p.monthsOnBook)));
  const vintage = Array.from({ length: maxMob + 1 }, (_, mob) => {
    const row: Record<string, number | string> = { mob };
    for (const v of d.vintages) {
      const p = v.points.find((x) => x.monthsOnBook === mob);
      if (p) row[v.cohort] = +(p.rate * 100).toFixed(2);
    }
    return row;
  });
  const colours = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.6', 'pink.6'];
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }}>
      <Card withBorder padding="md">
        <Title order={5}>{pt('dashboard.buckets')}</Title>
        <Text size="xs" c="dimmed" mb="sm">
          {pt('dashboard.bucketsHint')}
        </Text>
        <BarChart
          h={240}
          data={buckets}
          dataKey="bucket"
          series={[{ name: 'share', label: pt('dashboard.balanceShare'), color: 'indigo.6' }]}
          unit="%"
          withTooltip
          data-testid="chart-buckets"
        />
      </Card>
      <Card withBorder padding="md">
        <Title order={5}>{pt('dashboard.parTrend')}</Title>
        <Text size="xs" c="dimmed" mb="sm">
          {pt('dashboard.parTrendHint')}
        </Text>
        <LineChart
          h={240}
          data={trend}
          dataKey="date"
          series={[
            { name: 'par30', label: 'PAR30', color: 'orange.6' },
            { name: 'par90', label: 'PAR90', color: 'red.7' },
          ]}
          unit="%"
          withLegend
          curveType="linear"
          data-testid="chart-par-trend"
        />
      </Card>
      <Card withBorder padding="md">
        <Title order={5}>{pt('dashboard.vintages')}</Title>
        <Text size="xs" c="dimmed" mb="sm">
          {pt('dashboard.vintagesHint')}
        </Text>
        {d.vintages.length === 0 ? (
          <Text size="sm" c="dimmed">
            {pt('dashboard.noHistory')}
          </Text>
        ) : (
          <LineChart
            h={240}
            data={vintage}
            dataKey="mob"
            series={d.vintages.map((v, i) => ({ name: v.cohort, color: colours[i % colours.length]! }))}
            unit="%"
            withLegend
            curveType="linear"
            xAxisLabel={pt('dashboard.monthsOnBook')}
            data-testid="chart-vintages"
          />
        )}
      </Card>
    </SimpleGrid>
  );
}

export default function DashboardPage() {
  const { pt, lang } = usePortfolioT();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const currency = params.get('currency');
  const q = usePortfolio(currency);
  const d = q.data;
  const cur = d?.currency ?? currency ?? 'CNY';
  return (
    <>
      <PageHeader
        title={pt('dashboard.title')}
        description={
          d
            ? pt('dashboard.description', { date: formatDate(d.asOf, lang), currency: d.currency })
            : undefined
        }
        actions={
          d && (
            <>
              {d.currencies.length > 1 && (
                <Select
                  aria-label={pt('dashboard.currency')}
                  data={d.currencies}
                  value={d.currency}
                  onChange={(v) => v && setParams({ currency: v })}
                  w={110}
                  data-testid="portfolio-currency"
                />
              )}
              <Menu>
                <Menu.Target>
                  <Button
                    variant="default"
                    leftSection={<IconDownload size={16} />}
                    data-testid="portfolio-export-csv"
                  >
                    {pt('dashboard.exportCsv')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {EXPORT_SECTIONS.map((s) => (
                    <Menu.Item key={s} component="a" href={exportUrl('csv', cur, s)} download>
                      {pt(`sections.${s}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              <Button
                component="a"
                href={exportUrl('xlsx', cur)}
                download
                leftSection={<IconFileSpreadsheet size={16} />}
                data-testid="portfolio-export-xlsx"
              >
                {pt('dashboard.exportXlsx')}
              </Button>
            </>
          )
        }
      />
      <PortfolioTabs />
      {q.isPending && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      {d && d.loans === 0 && (
        <Alert color="gray" data-testid="portfolio-empty">
          {pt('dashboard.empty')}
        </Alert>
      )}
      {d && d.loans > 0 && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <Kpi label={pt('dashboard.loans')} value={String(d.loans)} testId="kpi-loans" />
            <Kpi
              label={pt('dashboard.balance')}
              value={money(d.balance, d.currency, lang)}
              testId="kpi-balance"
            />
            <Kpi
              label="PAR30"
              value={pct(d.par30.ratio)}
              hint={pt('dashboard.byCount', { value: pct(d.par30.countRatio), n: d.par30.countAtRisk })}
              testId="kpi-par30"
              link={{ to: `/portfolio/at-risk?days=30&currency=${d.currency}`, label: pt('dashboard.drill') }}
            />
            <Kpi
              label="PAR90"
              value={pct(d.par90.ratio)}
              hint={pt('dashboard.byCount', { value: pct(d.par90.countRatio), n: d.par90.countAtRisk })}
              testId="kpi-par90"
              link={{ to: `/portfolio/at-risk?days=90&currency=${d.currency}`, label: pt('dashboard.drill') }}
            />
            <Kpi
              label={pt('dashboard.eclIfrs9')}
              value={money(d.provisions.ifrs9.total, d.currency, lang)}
              hint={pt('dashboard.coverage', {
                value: pct(d.provisions.ead ? d.provisions.ifrs9.total / d.provisions.ead : 0),
              })}
              testId="kpi-ecl"
            />
          </SimpleGrid>
          <Charts d={d} />
          <RollRateCard d={d} />
          <ProvisionsCard d={d} />
          <CdrCard d={d} />
          <ConcentrationCard d={d} />
          <StressCard currency={d.currency} />
        </Stack>
      )}
    </>
  );
}
