// Dashboard panels: the roll-rate matrix, provisions side by side (IFRS 9, CECL, 五级分类),
// cohort default rates and concentration.
import { BarChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, Select, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Dashboard, ProvisionLine } from './api.ts';
import { money, pct } from './components.tsx';
import { usePortfolioT } from './i18n.ts';

/** Cell shading for a roll rate: the darker, the more of the row moved there. */
function shade(rate: number | null): string | undefined {
  if (rate === null || rate === 0) return undefined;
  return `rgba(230, 119, 0, ${(0.1 + 0.6 * rate).toFixed(2)})`;
}

function statusLabel(pt: (k: string) => string, s: string): string {
  return ['default', 'charged_off', 'closed'].includes(s) ? pt(`rollStatus.${s}`) : s;
}

export function RollRateCard({ d }: { d: Dashboard }) {
  const { pt, lang } = usePortfolioT();
  const [period, setPeriod] = useState('pooled');
  const [weight, setWeight] = useState<'count' | 'balance'>('count');
  const p = d.rollRates.periods;
  const m =
    period === 'pooled'
      ? d.rollRates.pooled
      : (p.find((x) => `${x.from}|${x.to}` === period) ?? d.rollRates.pooled);
  const rates = weight === 'count' ? m.rates : m.balanceRates;
  // Rows with no loans are left out: a bucket nobody was in says nothing.
  const rows = m.statuses.map((s, i) => ({ s, i })).filter(({ i }) => m.counts[i]!.some((c) => c > 0));
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={5}>{pt('roll.title')}</Title>
          <Text size="xs" c="dimmed">
            {pt('roll.hint')}
          </Text>
        </div>
        <Group gap="xs">
          <Select
            aria-label={pt('roll.period')}
            value={period}
            onChange={(v) => setPeriod(v ?? 'pooled')}
            data={[
              { value: 'pooled', label: pt('roll.pooled') },
              ...p.map((x) => ({ value: `${x.from}|${x.to}`, label: `${x.from} → ${x.to}` })),
            ]}
            w={240}
            data-testid="roll-period"
          />
          <SegmentedControl
            value={weight}
            onChange={(v) => setWeight(v)}
            data={[
              { value: 'count', label: pt('roll.byCount') },
              { value: 'balance', label: pt('roll.byBalance') },
            ]}
          />
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="roll-empty">
          {pt('dashboard.noHistory')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="xs" withColumnBorders data-testid="roll-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pt('roll.fromTo')}</Table.Th>
                {m.statuses.map((s) => (
                  <Table.Th key={s} ta="right">
                    {statusLabel(pt, s)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{pt('roll.loans')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ s, i }) => (
                <Table.Tr key={s}>
                  <Table.Th>{statusLabel(pt, s)}</Table.Th>
                  {m.statuses.map((t, j) => (
                    <Table.Td key={t} ta="right" style={{ background: shade(rates[i]![j]!) }}>
                      {rates[i]![j] ? pct(rates[i]![j], 1) : ''}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">
                    {m.counts[i]!.reduce((a, b) => a + b, 0).toLocaleString(lang)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function ProvisionTable({
  title,
  lines,
  total,
  currency,
  label,
  testId,
}: {
  title: string;
  lines: ProvisionLine[];
  total: number;
  currency: string;
  label: (key: string) => string;
  testId: string;
}) {
  const { pt, lang } = usePortfolioT();
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <Table fz="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pt('provisions.class')}</Table.Th>
            <Table.Th ta="right">{pt('provisions.loans')}</Table.Th>
            <Table.Th ta="right">EAD</Table.Th>
            <Table.Th ta="right">{pt('provisions.provision')}</Table.Th>
            <Table.Th ta="right">{pt('provisions.coverage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.key}>
              <Table.Td>{label(l.key)}</Table.Td>
              <Table.Td ta="right">{l.count}</Table.Td>
              <Table.Td ta="right">{money(l.ead, currency, lang)}</Table.Td>
              <Table.Td ta="right">{money(l.provision, currency, lang)}</Table.Td>
              <Table.Td ta="right">{pct(l.coverage)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>{pt('provisions.total')}</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right" data-testid={`${testId}-total`}>
              {money(total, currency, lang)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </div>
  );
}

export function ProvisionsCard({ d }: { d: Dashboard }) {
  const { pt } = usePortfolioT();
  const pr = d.provisions;
  const stage = (k: string) => pt('provisions.stage', { n: k });
  const chart = [
    { method: 'IFRS 9', provision: pr.ifrs9.total / 100 },
    { method: 'CECL', provision: pr.cecl.total / 100 },
    { method: pt('provisions.fiveTier'), provision: pr.fiveTier.total / 100 },
  ];
  return (
    <Card withBorder padding="md">
      <Title order={5}>{pt('provisions.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {pt('provisions.hint', {
          lgd: pct(d.settings.ecl.lgd, 0),
          sicr: d.settings.ecl.sicrDaysPastDue,
          impaired: d.settings.ecl.impairedDaysPastDue,
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 4 }}>
        <ProvisionTable
          title={pt('provisions.ifrs9')}
          lines={pr.ifrs9.byStage}
          total={pr.ifrs9.total}
          currency={d.currency}
          label={stage}
          testId="provisions-ifrs9"
        />
        <ProvisionTable
          title={pt('provisions.cecl')}
          lines={pr.cecl.byStage}
          total={pr.cecl.total}
          currency={d.currency}
          label={stage}
          testId="provisions-cecl"
        />
        <ProvisionTable
          title={pt('provisions.fiveTier')}
          lines={pr.fiveTier.byTier}
          total={pr.fiveTier.total}
          currency={d.currency}
          label={(k) => pt(`tier.${k}`)}
          testId="provisions-five-tier"
        />
        <BarChart
          h={220}
          data={chart}
          dataKey="method"
          series={[{ name: 'provision', label: pt('provisions.provision'), color: 'grape.6' }]}
          withTooltip
          data-testid="chart-provisions"
        />
      </SimpleGrid>
    </Card>
  );
}

export function CdrCard({ d }: { d: Dashboard }) {
  const { pt } = usePortfolioT();
  const [by, setBy] = useState<'school' | 'programme'>('school');
  const rows = by === 'school' ? d.cdrBySchool : d.cdrByProgramme;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={5}>{pt('cdr.title')}</Title>
          <Text size="xs" c="dimmed">
            {pt('cdr.hint')}
          </Text>
        </div>
        <SegmentedControl
          value={by}
          onChange={(v) => setBy(v)}
          data={[
            { value: 'school', label: pt('cdr.bySchool') },
            { value: 'programme', label: pt('cdr.byProgramme') },
          ]}
          data-testid="cdr-by"
        />
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {pt('cdr.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" striped data-testid="cdr-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{by === 'school' ? pt('cdr.school') : pt('cdr.programme')}</Table.Th>
                <Table.Th>{pt('cdr.fiscalYear')}</Table.Th>
                <Table.Th ta="right">{pt('cdr.borrowers')}</Table.Th>
                <Table.Th ta="right">{pt('cdr.defaulted')}</Table.Th>
                <Table.Th ta="right">{pt('cdr.rate')}</Table.Th>
                <Table.Th>{pt('cdr.window')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.group}-${r.fiscalYear}`}>
                  <Table.Td>{r.group}</Table.Td>
                  <Table.Td>FY{r.fiscalYear}</Table.Td>
                  <Table.Td ta="right">{r.borrowers}</Table.Td>
                  <Table.Td ta="right">{r.defaulted}</Table.Td>
                  <Table.Td ta="right">{pct(r.rate, 1)}</Table.Td>
                  <Table.Td>
                    {r.windowEnd} · {r.final ? pt('cdr.final') : pt('cdr.provisional')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

export function ConcentrationCard({ d }: { d: Dashboard }) {
  const { pt, lang } = usePortfolioT();
  const dims = ['school', 'programme', 'region'] as const;
  return (
    <Card withBorder padding="md">
      <Title order={5}>{pt('concentration.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {pt('concentration.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        {dims.map((dim) => {
          const c = d.concentration[dim];
          return (
            <div key={dim} data-testid={`concentration-${dim}`}>
              <Text fw={600} size="sm">
                {pt(`concentration.${dim}`)}
              </Text>
              <Text size="xs" c="dimmed" mb={4}>
                {pt('concentration.summary', {
                  hhi: Math.round(c.hhiPoints).toLocaleString(lang),
                  groups: c.groups,
                  equivalent: c.equivalentGroups.toFixed(1),
                  top: pct(c.topShare, 1),
                })}
              </Text>
              <Table fz="xs">
                <Table.Tbody>
                  {c.top.map((t) => (
                    <Table.Tr key={t.key}>
                      <Table.Td>{t.key === '—' ? pt('concentration.unknown') : t.key}</Table.Td>
                      <Table.Td ta="right">{money(t.balance, d.currency, lang)}</Table.Td>
                      <Table.Td ta="right">{pct(t.share, 1)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
