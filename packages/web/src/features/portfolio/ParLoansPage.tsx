// Drill-down from PARn: the loans n or more days past due (or in default), each linked to its loan page.
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Table,
  Text,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useParLoans } from './api.ts';
import { money, PortfolioTabs } from './components.tsx';
import { usePortfolioT } from './i18n.ts';

export default function ParLoansPage() {
  const { pt, lang } = usePortfolioT();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('days') ?? 30) || 30;
  const currency = params.get('currency');
  const q = useParLoans(days, currency);
  const total = q.data?.items.reduce((a, l) => a + l.principal, 0) ?? 0;
  return (
    <>
      <PageHeader title={pt('atRisk.title', { days })} description={pt('atRisk.description', { days })} />
      <PortfolioTabs />
      <Card withBorder padding="md">
        <Group justify="space-between" mb="sm">
          <SegmentedControl
            value={String(days)}
            onChange={(v) => setParams({ days: v, ...(currency ? { currency } : {}) })}
            data={['1', '30', '60', '90'].map((v) => ({ value: v, label: `PAR${v}` }))}
            data-testid="at-risk-days"
          />
          {q.data && (
            <Text size="sm" data-testid="at-risk-summary">
              {pt('atRisk.summary', { n: q.data.items.length, total: money(total, q.data.currency, lang) })}
            </Text>
          )}
        </Group>
        {q.isPending && (
          <Center py="lg">
            <Loader />
          </Center>
        )}
        {q.isError && <Alert color="red">{message(q.error)}</Alert>}
        {q.data && q.data.items.length === 0 && (
          <Text c="dimmed" size="sm" data-testid="at-risk-empty">
            {pt('atRisk.empty')}
          </Text>
        )}
        {q.data && q.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover striped fz="sm" data-testid="at-risk-loans">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{pt('atRisk.loan')}</Table.Th>
                  <Table.Th>{pt('atRisk.state')}</Table.Th>
                  <Table.Th ta="right">{pt('atRisk.dpd')}</Table.Th>
                  <Table.Th>{pt('atRisk.bucket')}</Table.Th>
                  <Table.Th ta="right">{pt('atRisk.principal')}</Table.Th>
                  <Table.Th>{pt('atRisk.product')}</Table.Th>
                  <Table.Th>{pt('atRisk.school')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((l) => (
                  <Table.Tr key={l.loanId} data-testid="at-risk-row">
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/loans/${l.loanId}`}
                        fw={500}
                        data-testid="at-risk-loan-link"
                      >
                        {l.loanNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={l.state === 'default' ? 'red' : 'orange'}>
                        {pt(`loanState.${l.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{l.daysPastDue}</Table.Td>
                    <Table.Td>{l.bucket}</Table.Td>
                    <Table.Td ta="right">{money(l.principal, q.data.currency, lang)}</Table.Td>
                    <Table.Td>{l.productCode}</Table.Td>
                    <Table.Td>
                      {l.school ?? '—'}
                      {l.programme && (
                        <Text size="xs" c="dimmed">
                          {l.programme}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
