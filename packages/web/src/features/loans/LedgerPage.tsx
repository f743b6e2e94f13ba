// Ledger reports (ledger.read): the trial balance per account and currency with its totals, and
// the reconciliation that proves each loan's balances equal its ledger and the accrual control
// accounts equal the loans' accruals.
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LOANS_KEY, type Reconciliation, type TrialBalance } from './api.ts';
import { Empty, Money, Panel } from './components.tsx';
import { useLoansT } from './i18n.ts';

function OkBadge({ ok, testId }: { ok: boolean; testId?: string }) {
  const { lt } = useLoansT();
  return (
    <Badge color={ok ? 'green' : 'red'} variant="light" data-testid={testId}>
      {lt(ok ? 'ledger.ok' : 'ledger.notOk')}
    </Badge>
  );
}

function TrialBalanceView() {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'trial-balance'],
    queryFn: ({ signal }) => api.get<TrialBalance>('/api/v1/ledger/trial-balance', { signal }),
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data) return <Loader size="sm" />;
  const tb = query.data;
  if (tb.accounts.length === 0) return <Empty>{lt('ledger.noEntries')}</Empty>;
  return (
    <Stack gap="sm">
      <Group gap="sm" data-testid="trial-balance-totals">
        {tb.totals.map((t) => (
          <Group key={t.currency} gap={6}>
            <Text size="sm" fw={600}>
              {t.currency}
            </Text>
            <Text size="sm">
              {lt('journals.debit')} <Money value={t.debit} currency={t.currency} /> · {lt('journals.credit')} <Money value={t.credit} currency={t.currency} />
            </Text>
            <OkBadge ok={t.balanced} testId="trial-balance-balanced" />
          </Group>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table striped verticalSpacing={4} data-testid="trial-balance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{lt('journals.account')}</Table.Th>
              <Table.Th>{lt('ledger.accountName')}</Table.Th>
              <Table.Th>{lt('ledger.type')}</Table.Th>
              <Table.Th>{lt('field.currency')}</Table.Th>
              <Table.Th ta="right">{lt('journals.debit')}</Table.Th>
              <Table.Th ta="right">{lt('journals.credit')}</Table.Th>
              <Table.Th ta="right">{lt('field.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tb.accounts.map((a) => (
              <Table.Tr key={`${a.account}-${a.currency}`}>
                <Table.Td ff="monospace">{a.account}</Table.Td>
                <Table.Td>{a.name[lang === 'zh-CN' ? 'zh-CN' : 'en']}</Table.Td>
                <Table.Td>{lt(`accountType.${a.type}`, { defaultValue: a.type })}</Table.Td>
                <Table.Td>{a.currency}</Table.Td>
                <Table.Td ta="right">
                  <Money value={a.debit} currency={a.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={a.credit} currency={a.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={a.balance} currency={a.currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ReconciliationView() {
  const { lt } = useLoansT();
  const message = useProblemMessage();
  // Reads every loan against its journal lines: run on request, not on each visit.
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'reconciliation'],
    queryFn: ({ signal }) => api.get<Reconciliation>('/api/v1/ledger/reconciliation', { signal }),
    enabled: false,
  });
  const r = query.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {lt('ledger.reconcileHint')}
        </Text>
        <Button leftSection={<IconRefresh size={16} />} onClick={() => void query.refetch()} loading={query.isFetching} data-testid="reconcile-run">
          {lt('ledger.reconcileRun')}
        </Button>
      </Group>
      {query.isError && <Alert color="red">{message(query.error)}</Alert>}
      {r && (
        <Stack gap="sm" data-testid="reconciliation">
          <Group gap="sm">
            <OkBadge ok={r.ok} testId="reconciliation-ok" />
            <Text size="sm">{lt('ledger.loansChecked', { count: r.loansChecked })}</Text>
          </Group>
          {r.mismatches.length === 0 ? (
            <Text size="sm">{lt('ledger.noMismatches')}</Text>
          ) : (
            <Table striped verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{lt('field.loanNumber')}</Table.Th>
                  <Table.Th>{lt('ledger.balanceField')}</Table.Th>
                  <Table.Th ta="right">{lt('ledger.onLoan')}</Table.Th>
                  <Table.Th ta="right">{lt('ledger.inLedger')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.mismatches.map((m) => (
                  <Table.Tr key={`${m.loanId}-${m.field}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/loans/${m.loanId}`}>
                        {m.loanNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{lt(`field.${m.field}`, { defaultValue: m.field })}</Table.Td>
                    <Table.Td ta="right">{m.loan}</Table.Td>
                    <Table.Td ta="right">{m.ledger}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {r.controls.length > 0 && (
            <Table striped verticalSpacing={4} data-testid="reconciliation-controls">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{lt('field.product')}</Table.Th>
                  <Table.Th>{lt('journals.account')}</Table.Th>
                  <Table.Th ta="right">{lt('ledger.inLedger')}</Table.Th>
                  <Table.Th ta="right">{lt('ledger.subLedger')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.controls.map((c) => (
                  <Table.Tr key={`${c.productCode}-${c.currency}-${c.account}`}>
                    <Table.Td>{c.productCode}</Table.Td>
                    <Table.Td ff="monospace">{c.account}</Table.Td>
                    <Table.Td ta="right">
                      <Money value={c.ledger} currency={c.currency} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money value={c.subLedger} currency={c.currency} />
                    </Table.Td>
                    <Table.Td>
                      <OkBadge ok={c.ok} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}

export default function LedgerPage() {
  const { lt } = useLoansT();
  return (
    <>
      <PageHeader title={lt('ledger.title')} description={lt('ledger.description')} />
      <Panel title={lt('ledger.reports')}>
        <Tabs defaultValue="trial-balance" keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="trial-balance">{lt('ledger.trialBalance')}</Tabs.Tab>
            <Tabs.Tab value="reconciliation" data-testid="tab-reconciliation">
              {lt('ledger.reconciliation')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="trial-balance">
            <TrialBalanceView />
          </Tabs.Panel>
          <Tabs.Panel value="reconciliation">
            <ReconciliationView />
          </Tabs.Panel>
        </Tabs>
      </Panel>
    </>
  );
}
