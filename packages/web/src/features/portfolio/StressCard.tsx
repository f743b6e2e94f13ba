// Stress test: a macro scenario (unemployment up, income down) moves the PDs by the configured
// elasticity; provisions are recomputed and shown beside the baseline.
import { BarChart } from '@mantine/charts';
import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { runStress } from './api.ts';
import { money, pct } from './components.tsx';
import { usePortfolioT } from './i18n.ts';

export function StressCard({ currency }: { currency: string }) {
  const { pt, lang } = usePortfolioT();
  const message = useProblemMessage();
  const [unemployment, setUnemployment] = useState<number | string>(2);
  const [income, setIncome] = useState<number | string>(10);
  const run = useMutation({
    mutationFn: () =>
      runStress({ currency, unemploymentPp: Number(unemployment), incomeDropPct: Number(income) }),
  });
  const errors = run.error instanceof ApiError ? run.error.fieldErrors : {};
  const r = run.data;
  const methods = r
    ? ([
        ['IFRS 9', r.baseline.ifrs9.total, r.stressed.ifrs9.total, 'ifrs9'],
        ['CECL', r.baseline.cecl.total, r.stressed.cecl.total, 'cecl'],
        [pt('provisions.fiveTier'), r.baseline.fiveTier.total, r.stressed.fiveTier.total, 'five-tier'],
      ] as const)
    : [];
  return (
    <Card withBorder padding="md">
      <Title order={5}>{pt('stress.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {pt('stress.hint')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <Group align="flex-end">
          <NumberInput
            label={pt('stress.unemployment')}
            value={unemployment}
            onChange={setUnemployment}
            step={0.5}
            decimalScale={2}
            error={errors.unemploymentPp}
            w={220}
            data-testid="stress-unemployment"
          />
          <NumberInput
            label={pt('stress.income')}
            value={income}
            onChange={setIncome}
            step={1}
            decimalScale={2}
            error={errors.incomeDropPct}
            w={220}
            data-testid="stress-income"
          />
          <Button type="submit" loading={run.isPending} data-testid="stress-run">
            {pt('stress.run')}
          </Button>
        </Group>
      </form>
      {run.isError && Object.keys(errors).length === 0 && (
        <Alert color="red" mt="sm">
          {message(run.error)}
        </Alert>
      )}
      {r && (
        <SimpleGrid cols={{ base: 1, lg: 3 }} mt="md">
          <Table fz="sm" data-testid="stress-result">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pt('stress.method')}</Table.Th>
                <Table.Th ta="right">{pt('stress.baseline')}</Table.Th>
                <Table.Th ta="right">{pt('stress.stressed')}</Table.Th>
                <Table.Th ta="right">{pt('stress.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {methods.map(([name, base, stressed, id]) => (
                <Table.Tr key={id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td ta="right">{money(base, r.currency, lang)}</Table.Td>
                  <Table.Td ta="right" data-testid={`stress-${id}`}>
                    {money(stressed, r.currency, lang)}
                  </Table.Td>
                  <Table.Td ta="right">{base ? pct((stressed - base) / base, 1) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pt('stress.bucket')}</Table.Th>
                <Table.Th ta="right">{pt('stress.pdBaseline')}</Table.Th>
                <Table.Th ta="right">{pt('stress.pdStressed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.pd12.map((p) => (
                <Table.Tr key={p.bucket}>
                  <Table.Td>{p.bucket}</Table.Td>
                  <Table.Td ta="right">{pct(p.baseline)}</Table.Td>
                  <Table.Td ta="right">{pct(p.stressed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <BarChart
            h={220}
            data={methods.map(([name, base, stressed]) => ({
              method: name,
              baseline: base / 100,
              stressed: stressed / 100,
            }))}
            dataKey="method"
            series={[
              { name: 'baseline', label: pt('stress.baseline'), color: 'gray.6' },
              { name: 'stressed', label: pt('stress.stressed'), color: 'red.6' },
            ]}
            withLegend
            withTooltip
            data-testid="chart-stress"
          />
        </SimpleGrid>
      )}
      {r && (
        <Text size="xs" c="dimmed" mt="xs">
          {pt('stress.elasticity', { u: r.elasticity.unemploymentPerPp, y: r.elasticity.incomePerPct })}
        </Text>
      )}
    </Card>
  );
}
