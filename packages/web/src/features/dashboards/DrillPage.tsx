// The list behind a dashboard number: PAR30's loans, or a month's originations, with the same
// filters, 50 at a time (keyset pages), each linked to its loan page.
import { Alert, Anchor, Badge, Button, Card, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { money } from '../portfolio/components.tsx';
import { useDrill, type Filters } from './api.ts';
import { useDashboardsT } from './i18n.ts';

export default function DrillPage() {
  const { dt, lang } = useDashboardsT();
  const message = useProblemMessage();
  const [params] = useSearchParams();
  const metric = params.get('metric') === 'originations' ? 'originations' : 'par30';
  const month = params.get('month') ?? undefined;
  const f: Filters = {};
  for (const k of ['currency', 'schoolId', 'productCode', 'segment'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const [pages, setPages] = useState<string[]>([]);
  const after = pages[pages.length - 1];
  const q = useDrill({ ...f, metric, ...(month ? { month } : {}), ...(after ? { after } : {}) });
  return (
    <>
      <PageHeader
        title={metric === 'par30' ? dt('drill.par30Title') : dt('drill.originationsTitle', { month: month ?? '' })}
        description={dt('drill.description')}
      />
      <Group mb="sm">
        <Anchor component={Link} to={`/dashboards?${params.toString().replace(/(^|&)(metric|month)=[^&]*/g, '')}`} data-testid="drill-back">
          {dt('drill.back')}
        </Anchor>
      </Group>
      <Card withBorder>
        {q.isPending && (
          <Center py="lg">
            <Loader />
          </Center>
        )}
        {q.isError && <Alert color="red">{message(q.error)}</Alert>}
        {q.data && q.data.items.length === 0 && (
          <Text c="dimmed" size="sm" data-testid="drill-empty">
            {dt('drill.empty')}
          </Text>
        )}
        {q.data && q.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover fz="sm" data-testid="drill-loans">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{dt('drill.loan')}</Table.Th>
                  <Table.Th>{dt('drill.state')}</Table.Th>
                  <Table.Th ta="right">{dt('drill.dpd')}</Table.Th>
                  <Table.Th ta="right">{dt('drill.principal')}</Table.Th>
                  <Table.Th>{dt('drill.product')}</Table.Th>
                  <Table.Th>{dt('drill.school')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((l) => (
                  <Table.Tr key={l.loanId} data-testid="drill-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/loans/${l.loanId}`} data-testid="drill-loan-link">
                        {l.loanNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={l.state === 'default' ? 'red' : 'blue'}>
                        {dt(`state.${l.state}`, { defaultValue: l.state })}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{l.daysPastDue}</Table.Td>
                    <Table.Td ta="right">{money(l.principal, q.data.currency, lang)}</Table.Td>
                    <Table.Td>{l.productCode}</Table.Td>
                    <Table.Td>{l.school ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="space-between" mt="sm">
          <Button variant="default" size="xs" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
            {dt('drill.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!q.data?.next}
            data-testid="drill-next"
            onClick={() => q.data?.next && setPages([...pages, q.data.next])}
          >
            {dt('drill.next')}
          </Button>
        </Group>
      </Card>
    </>
  );
}
