// Small pieces shared by the loan pages: state and bucket badges, money, the loans table.
import { Anchor, Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { CustomerSummary } from '../../api/customers.ts';
import { useCan } from '../../auth/session.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { LOANS_KEY, type Loan } from './api.ts';
import { useLoansT } from './i18n.ts';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

const STATE_COLOURS: Record<string, string> = {
  in_school: 'blue',
  grace: 'cyan',
  repayment: 'green',
  deferment: 'grape',
  forbearance: 'violet',
  default: 'red',
  charged_off: 'dark',
  discharged: 'gray',
  forgiven: 'gray',
  paid_off: 'teal',
  closed: 'gray',
};

export function StateBadge({ state }: { state: string }) {
  const { lt } = useLoansT();
  return (
    <Badge color={STATE_COLOURS[state] ?? 'gray'} variant="light" style={{ minWidth: 'max-content' }} data-testid="loan-state">
      {lt(`state.${state}`, { defaultValue: state })}
    </Badge>
  );
}

export function BucketBadge({ bucket, days }: { bucket: string; days?: number }) {
  const { lt } = useLoansT();
  const colour = bucket === 'current' ? 'green' : bucket === '1-29' ? 'yellow' : bucket === '30-59' ? 'orange' : 'red';
  return (
    <Badge color={colour} variant="outline" style={{ minWidth: 'max-content' }} data-testid="loan-bucket">
      {lt(`bucket.${bucket}`, { defaultValue: bucket })}
      {days !== undefined && days > 0 ? ` · ${lt('dpd', { days })}` : ''}
    </Badge>
  );
}

export function Money({ value, currency }: { value: string; currency: string }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatMoney(value, currency)}</span>;
}

export function Panel({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/**
 * A customer's name for a loan whose API answer carries only the customer id: reads the customer
 * (cached for the session) when the user may read customers; else a short id.
 */
export function CustomerName({ id }: { id: string }) {
  const can = useCan();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'customer-name', id],
    queryFn: ({ signal }) => api.get<CustomerSummary>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal }),
    enabled: can('customers.read'),
    staleTime: Infinity,
    retry: false,
  });
  const c = query.data;
  return <>{c ? (c.preferredName && c.preferredName !== c.legalName ? `${c.legalName} (${c.preferredName})` : c.legalName) : id.slice(0, 8)}</>;
}

/** A table of loans; `customer` adds the customer column (staff lists). */
export function LoansTable({ loans, customer = true }: { loans: Loan[]; customer?: boolean }) {
  const { lt, lang } = useLoansT();
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{lt('field.loanNumber')}</Table.Th>
            {customer && <Table.Th>{lt('field.customer')}</Table.Th>}
            <Table.Th>{lt('field.product')}</Table.Th>
            <Table.Th>{lt('field.state')}</Table.Th>
            <Table.Th ta="right">{lt('field.principal')}</Table.Th>
            <Table.Th ta="right">{lt('field.amountDue')}</Table.Th>
            <Table.Th>{lt('field.nextDue')}</Table.Th>
            <Table.Th ta="right">{lt('field.daysPastDue')}</Table.Th>
            <Table.Th>{lt('field.bucket')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loans.map((l) => (
            <Table.Tr key={l.id} data-testid="loan-row">
              <Table.Td>
                <Anchor component={Link} to={`/loans/${l.id}`} data-testid="loan-link">
                  {l.loanNumber}
                </Anchor>
              </Table.Td>
              {customer && (
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${l.customerId}`} size="sm">
                    {l.customerName ?? <CustomerName id={l.customerId} />}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>{l.productCode}</Table.Td>
              <Table.Td style={NOWRAP}>
                <StateBadge state={l.state} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={l.balances.principal} currency={l.currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={l.balances.amountDue} currency={l.currency} />
              </Table.Td>
              <Table.Td style={NOWRAP}>{l.repayment.nextDueDate ? formatDate(l.repayment.nextDueDate, lang) : '—'}</Table.Td>
              <Table.Td ta="right">{l.delinquency.daysPastDue}</Table.Td>
              <Table.Td style={NOWRAP}>
                <BucketBadge bucket={l.delinquency.bucket} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
