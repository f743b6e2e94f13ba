import { LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TrainingMetrics } from './api.ts';
import { fixed, ksChartData, ksPeak, percent, rocChartData } from './curves.ts';
import { useRiskT } from './i18n.ts';

const AXIS_0_100 = {
  type: 'number' as const,
  domain: [0, 100],
  ticks: [0, 20, 40, 60, 80, 100],
  tickFormatter: (v: number) => `${v}%`,
};

/** ROC curve, KS chart and the calibration table of a trained model. */
export function ValidationView({ metrics }: { metrics: TrainingMetrics }) {
  const { rt } = useRiskT();
  const roc = metrics.roc ?? [];
  const ks = ksChartData(roc, metrics.bads ?? 0, metrics.rows);
  const peak = ksPeak(ks);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="md">
          <Title order={5}>{rt('validation.roc')}</Title>
          <Text size="xs" c="dimmed" mb="sm">
            {rt('validation.rocHint', { auc: fixed(metrics.auc) })}
          </Text>
          <LineChart
            h={280}
            data={rocChartData(roc)}
            dataKey="fpr"
            series={[
              { name: 'tpr', label: rt('validation.tpr'), color: 'indigo.6' },
              { name: 'chance', label: rt('validation.chance'), color: 'gray.5', strokeDasharray: '5 5' },
            ]}
            curveType="linear"
            withDots={false}
            withLegend
            unit="%"
            xAxisProps={AXIS_0_100}
            yAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
            xAxisLabel={rt('validation.fpr')}
            data-testid="chart-roc"
          />
        </Card>
        <Card withBorder padding="md">
          <Title order={5}>{rt('validation.ks')}</Title>
          <Text size="xs" c="dimmed" mb="sm">
            {peak
              ? rt('validation.ksHint', { ks: fixed(metrics.ks), population: peak.population.toFixed(1) })
              : ''}
          </Text>
          <LineChart
            h={280}
            data={ks}
            dataKey="population"
            series={[
              { name: 'bads', label: rt('validation.cumBads'), color: 'red.6' },
              { name: 'goods', label: rt('validation.cumGoods'), color: 'teal.6' },
              { name: 'gap', label: rt('validation.gap'), color: 'orange.5', strokeDasharray: '4 3' },
            ]}
            curveType="linear"
            withDots={false}
            withLegend
            unit="%"
            xAxisProps={AXIS_0_100}
            yAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
            xAxisLabel={rt('validation.population')}
            data-testid="chart-ks"
          />
        </Card>
      </SimpleGrid>
      {metrics.calibration && metrics.calibration.length > 0 && (
        <Card withBorder padding="md">
          <Title order={5}>{rt('validation.calibration')}</Title>
          <Text size="xs" c="dimmed" mb="sm">
            {rt('validation.calibrationHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <LineChart
              h={240}
              data={metrics.calibration.map((c) => ({
                band: c.band,
                realised: Math.round(c.badRate * 10000) / 100,
                predicted: Math.round(c.meanPd * 10000) / 100,
              }))}
              dataKey="band"
              series={[
                { name: 'realised', label: rt('validation.realised'), color: 'red.6' },
                { name: 'predicted', label: rt('validation.predicted'), color: 'indigo.6' },
              ]}
              withLegend
              unit="%"
              data-testid="chart-calibration"
            />
            <Table.ScrollContainer minWidth={420}>
              <Table fz="xs" striped data-testid="calibration-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{rt('validation.band')}</Table.Th>
                    <Table.Th ta="right">{rt('validation.scores')}</Table.Th>
                    <Table.Th ta="right">{rt('bins.count')}</Table.Th>
                    <Table.Th ta="right">{rt('validation.realised')}</Table.Th>
                    <Table.Th ta="right">{rt('validation.predicted')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {metrics.calibration.map((c) => (
                    <Table.Tr key={c.band}>
                      <Table.Td>{c.band}</Table.Td>
                      <Table.Td ta="right">
                        {c.minScore.toFixed(0)}–{c.maxScore.toFixed(0)}
                      </Table.Td>
                      <Table.Td ta="right">{c.count}</Table.Td>
                      <Table.Td ta="right">{percent(c.badRate)}</Table.Td>
                      <Table.Td ta="right">{percent(c.meanPd)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </SimpleGrid>
        </Card>
      )}
    </Stack>
  );
}
