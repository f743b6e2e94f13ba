// A repayment schedule as a table and as a balance chart.
import { AreaChart } from '@mantine/charts';
import { ScrollArea, Table } from '@mantine/core';
import { chartNumber, formatDate } from '../../format.ts';
import type { Schedule } from './api.ts';
import { Money } from './components.tsx';
import { useLoansT } from './i18n.ts';

export function ScheduleTable({ schedule, currency, maxHeight = 420 }: { schedule: Schedule; currency: string; maxHeight?: number }) {
  const { lt, lang } = useLoansT();
  return (
    <ScrollArea.Autosize mah={maxHeight}>
      <Table striped verticalSpacing={4} stickyHeader data-testid="schedule-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{lt('field.dueDate')}</Table.Th>
            <Table.Th ta="right">{lt('field.payment')}</Table.Th>
            <Table.Th ta="right">{lt('field.principalPart')}</Table.Th>
            <Table.Th ta="right">{lt('field.interest')}</Table.Th>
            <Table.Th ta="right">{lt('field.balance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schedule.installments.map((i) => (
            <Table.Tr key={i.n}>
              <Table.Td>{i.n}</Table.Td>
              <Table.Td>{formatDate(i.dueDate, lang)}</Table.Td>
              <Table.Td ta="right">
                <Money value={i.payment} currency={currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={i.principal} currency={currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={i.interest} currency={currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={i.balance} currency={currency} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

export function BalanceChart({ schedule, currency }: { schedule: Schedule; currency: string }) {
  const { lt } = useLoansT();
  const data = schedule.installments.map((i) => ({ date: i.dueDate, balance: chartNumber(i.balance) }));
  return (
    <AreaChart
      h={220}
      data={data}
      dataKey="date"
      series={[{ name: 'balance', label: `${lt('field.balance')} (${currency})`, color: 'indigo.6' }]}
      curveType="linear"
      withDots={false}
      tickLine="none"
      data-testid="schedule-chart"
    />
  );
}
