import { BarChart } from '@mantine/charts';
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { DefinitionFeature, FeatureBinning, TrainingMetrics } from './api.ts';
import { badRate, fixed, ivStrength, percent } from './curves.ts';
import { useRiskT } from './i18n.ts';

const STRENGTH_COLOURS = {
  useless: 'gray',
  weak: 'yellow',
  medium: 'blue',
  strong: 'green',
  suspicious: 'red',
} as const;

export function IvBadge({ iv }: { iv: number }) {
  const { rt } = useRiskT();
  const s = ivStrength(iv);
  return (
    <Badge size="sm" variant="light" color={STRENGTH_COLOURS[s]}>
      {rt(`iv.${s}`)}
    </Badge>
  );
}

/** Candidate features with their IV and fate, and the bins of the chosen one with charts. */
export function BinsView({
  metrics,
  features,
}: {
  metrics: TrainingMetrics;
  features: readonly DefinitionFeature[];
}) {
  const { rt } = useRiskT();
  const binnings = [...(metrics.binnings ?? [])].sort((a, b) => b.iv - a.iv);
  const used = new Map(features.map((f) => [f.name, f]));
  const screened = new Map((metrics.screened ?? []).map((s) => [s.name, s]));
  const [chosen, setChosen] = useState<string | null>(
    () => binnings.find((b) => used.has(b.name))?.name ?? binnings[0]?.name ?? null,
  );
  const binning = binnings.find((b) => b.name === chosen) ?? null;
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed" mb="xs">
          {rt('bins.intro')}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover fz="sm" data-testid="iv-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{rt('bins.feature')}</Table.Th>
                <Table.Th>{rt('bins.kind')}</Table.Th>
                <Table.Th ta="right">IV</Table.Th>
                <Table.Th>{rt('bins.strength')}</Table.Th>
                <Table.Th ta="right">{rt('bins.bins')}</Table.Th>
                <Table.Th>{rt('bins.inModel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {binnings.map((b) => {
                const s = screened.get(b.name);
                return (
                  <Table.Tr
                    key={b.name}
                    onClick={() => setChosen(b.name)}
                    style={{ cursor: 'pointer' }}
                    bg={b.name === chosen ? 'var(--mantine-color-indigo-light)' : undefined}
                    data-testid={`iv-row-${b.name}`}
                  >
                    <Table.Td ff="monospace">{b.name}</Table.Td>
                    <Table.Td>{rt(`kind.${b.kind}`)}</Table.Td>
                    <Table.Td ta="right" data-testid="iv-value">
                      {fixed(b.iv)}
                    </Table.Td>
                    <Table.Td>
                      <IvBadge iv={b.iv} />
                    </Table.Td>
                    <Table.Td ta="right">{b.bins.length}</Table.Td>
                    <Table.Td>
                      {used.has(b.name) ? (
                        <Badge size="sm" color="green" variant="dot">
                          {rt('bins.used')}
                        </Badge>
                      ) : (
                        <Badge size="sm" color="gray" variant="dot">
                          {s ? rt(`screened.${s.reason}`) : rt('bins.notUsed')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
      {binning && <FeatureBins binning={binning} feature={used.get(binning.name)} />}
    </Stack>
  );
}

function FeatureBins({
  binning,
  feature,
}: {
  binning: FeatureBinning;
  feature: DefinitionFeature | undefined;
}) {
  const { rt } = useRiskT();
  const total = binning.bins.reduce((s, b) => s + b.count, 0);
  const points = new Map(feature?.bins.map((b) => [b.label, b.points]));
  const data = binning.bins.map((b) => ({
    bin: b.label,
    badRate: Math.round(badRate(b) * 10000) / 100,
    woe: Math.round(b.woe * 1000) / 1000,
  }));
  return (
    <Card withBorder padding="md" data-testid="bins-detail">
      <Group gap="xs" mb="sm">
        <Title order={5} ff="monospace">
          {binning.name}
        </Title>
        <Text size="sm" c="dimmed">
          IV {fixed(binning.iv)} · {rt(`trend.${binning.trend}`)}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <div>
          <Text size="sm" fw={500} mb={4}>
            {rt('bins.badRateChart')}
          </Text>
          <BarChart
            h={220}
            data={data}
            dataKey="bin"
            series={[{ name: 'badRate', label: rt('bins.badRate'), color: 'red.6' }]}
            unit="%"
            withTooltip
            data-testid="chart-bad-rate"
          />
        </div>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {rt('bins.woeChart')}
          </Text>
          <BarChart
            h={220}
            data={data}
            dataKey="bin"
            series={[{ name: 'woe', label: 'WOE', color: 'indigo.6' }]}
            withTooltip
            data-testid="chart-woe"
          />
        </div>
      </SimpleGrid>
      <Table.ScrollContainer minWidth={640}>
        <Table fz="sm" striped data-testid="bins-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{rt('bins.bin')}</Table.Th>
              <Table.Th ta="right">{rt('bins.count')}</Table.Th>
              <Table.Th ta="right">{rt('bins.share')}</Table.Th>
              <Table.Th ta="right">{rt('bins.bads')}</Table.Th>
              <Table.Th ta="right">{rt('bins.badRate')}</Table.Th>
              <Table.Th ta="right">WOE</Table.Th>
              <Table.Th ta="right">IV</Table.Th>
              <Table.Th ta="right">{rt('bins.points')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {binning.bins.map((b) => (
              <Table.Tr key={b.label}>
                <Table.Td ff="monospace">
                  {b.label}
                  {b.levels && b.levels.length > 1 && (
                    <Text size="xs" c="dimmed" ff="sans-serif" lineClamp={2}>
                      {b.levels.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{b.count}</Table.Td>
                <Table.Td ta="right">{percent(total > 0 ? b.count / total : 0)}</Table.Td>
                <Table.Td ta="right">{b.bads}</Table.Td>
                <Table.Td ta="right">{percent(badRate(b))}</Table.Td>
                <Table.Td ta="right" c={b.woe < 0 ? 'red' : undefined}>
                  {fixed(b.woe)}
                </Table.Td>
                <Table.Td ta="right">{fixed(b.iv, 4)}</Table.Td>
                <Table.Td ta="right">{points.has(b.label) ? fixed(points.get(b.label), 1) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** Points per bin of every feature: the scorecard itself (also for imported models). */
export function PointsView({
  features,
  basePoints,
}: {
  features: readonly DefinitionFeature[];
  basePoints: number;
}) {
  const { rt } = useRiskT();
  return (
    <Stack gap="sm" data-testid="points-view">
      <Text size="sm">{rt('points.base', { points: fixed(basePoints, 1) })}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {features.map((f) => (
          <Card key={f.name} withBorder padding="sm">
            <Group justify="space-between" mb={4}>
              <Text fw={600} ff="monospace" size="sm">
                {f.name}
              </Text>
              <Text size="xs" c="dimmed">
                {rt(`kind.${f.kind}`)}
                {f.iv !== undefined ? ` · IV ${fixed(f.iv)}` : ''}
              </Text>
            </Group>
            <Table fz="xs">
              <Table.Tbody>
                {f.bins.map((b) => (
                  <Table.Tr key={b.label}>
                    <Table.Td ff="monospace">{b.label}</Table.Td>
                    <Table.Td ta="right">{fixed(b.points, 1)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
