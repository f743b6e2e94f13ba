// One loan: summary, schedule with a balance chart, bills, payments (with reversal), journals,
// state history, disbursements, relief requests, documents and collections; actions by permission. Students
// see their own loans here too (the server answers 404 for any other).
import { Alert, Anchor, Badge, Button, Card, Center, Group, Loader, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconCash, IconFileTypePdf, IconLifebuoy, IconReceipt, IconArrowBackUp, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { isStudentOnly } from '../../layout/nav.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  loanPath,
  LOANS_KEY,
  statementMonths,
  type HardshipRequest,
  type Journal,
  type Loan,
  type LoanDetail,
  type Payment,
} from './api.ts';
import { CollectionPanel } from './collections.tsx';
import { BucketBadge, CustomerName, Empty, Money, Panel, StateBadge } from './components.tsx';
import { DisburseDialog, HardshipDialog, PaymentDialog, PayoffDialog, PreviewView, ReverseDialog } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';
import { BalanceChart, ScheduleTable } from './schedule.tsx';

type DialogState =
  | { kind: 'disburse' }
  | { kind: 'payment' }
  | { kind: 'hardship' }
  | { kind: 'payoff' }
  | { kind: 'reverse'; payment: Payment };

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Summary({ loan }: { loan: Loan }) {
  const { lt, lang } = useLoansT();
  const b = loan.balances;
  const c = loan.currency;
  const date = (d: string | null) => (d ? formatDate(d, lang) : '—');
  return (
    <Card withBorder padding="md" data-testid="loan-summary">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="md">
        <Field label={lt('field.principal')} testId="loan-principal">
          <Money value={b.principal} currency={c} />
        </Field>
        <Field label={lt('field.amountDue')} testId="loan-amount-due">
          <Money value={b.amountDue} currency={c} />
        </Field>
        <Field label={lt('field.nextDue')}>{date(loan.repayment.nextDueDate)}</Field>
        <Field label={lt('field.levelPayment')}>
          <Money value={loan.repayment.levelPayment} currency={c} />
        </Field>
        <Field label={lt('field.delinquency')}>
          <Group gap={4}>
            <BucketBadge bucket={loan.delinquency.bucket} />
            <Text size="sm">{lt('dpd', { days: loan.delinquency.daysPastDue })}</Text>
          </Group>
        </Field>
        <Field label={lt('field.interestDue')}>
          <Money value={b.interestDue} currency={c} />
        </Field>
        <Field label={lt('field.interestAccrued')}>
          <Money value={b.interestAccrued} currency={c} />
        </Field>
        <Field label={lt('field.penaltyDue')}>
          <Money value={b.penaltyDue} currency={c} />
        </Field>
        <Field label={lt('field.feesDue')}>
          <Money value={b.feesDue} currency={c} />
        </Field>
        <Field label={lt('field.creditBalance')}>
          <Money value={b.creditBalance} currency={c} />
        </Field>
        <Field label={lt('field.commitment')}>
          <Money value={loan.commitment} currency={c} />
        </Field>
        <Field label={lt('field.disbursed')}>
          <Money value={loan.disbursed} currency={c} />
        </Field>
        <Field label={lt('field.rate')}>{(Number(loan.annualRate) * 100).toFixed(3).replace(/\.?0+$/, '')} %</Field>
        <Field label={lt('field.instalments')}>
          {loan.repayment.instalmentsTotal > 0 ? `${Math.min(loan.repayment.nextInstalment, loan.repayment.instalmentsTotal)} / ${loan.repayment.instalmentsTotal}` : '—'}
        </Field>
        <Field label={lt('field.openedOn')}>{date(loan.openedOn)}</Field>
        {loan.phases.inSchoolUntil && <Field label={lt('field.inSchoolUntil')}>{date(loan.phases.inSchoolUntil)}</Field>}
        {loan.phases.graceUntil && <Field label={lt('field.graceUntil')}>{date(loan.phases.graceUntil)}</Field>}
        {loan.phases.reliefUntil && <Field label={lt('field.reliefUntil')}>{date(loan.phases.reliefUntil)}</Field>}
        {loan.delinquency.oldestDueDate && <Field label={lt('field.oldestDue')}>{date(loan.delinquency.oldestDueDate)}</Field>}
      </SimpleGrid>
    </Card>
  );
}

function SchedulePanel({ detail }: { detail: LoanDetail }) {
  const { lt } = useLoansT();
  const [which, setWhich] = useState<'remaining' | 'contract'>(detail.projection ? 'remaining' : 'contract');
  const schedule = which === 'remaining' ? detail.projection : detail.schedule;
  const c = detail.loan.currency;
  return (
    <Stack gap="sm">
      {detail.projection && detail.schedule && (
        <SegmentedControl
          w="fit-content"
          value={which}
          onChange={(v) => setWhich(v)}
          data={[
            { value: 'remaining', label: lt('schedule.remaining') },
            { value: 'contract', label: lt('schedule.contract') },
          ]}
        />
      )}
      {!schedule && <Empty>{lt('schedule.none')}</Empty>}
      {schedule && (
        <>
          <Group gap="lg">
            <Text size="sm">
              {lt('field.payment')}: <Money value={schedule.payment} currency={c} />
            </Text>
            <Text size="sm">
              {lt('schedule.totalInterest')}: <Money value={schedule.totalInterest} currency={c} />
            </Text>
            <Text size="sm">
              {lt('schedule.totalPaid')}: <Money value={schedule.totalPaid} currency={c} />
            </Text>
          </Group>
          <BalanceChart schedule={schedule} currency={c} />
          <ScheduleTable schedule={schedule} currency={c} />
        </>
      )}
    </Stack>
  );
}

function BillsTable({ detail }: { detail: LoanDetail }) {
  const { lt, lang } = useLoansT();
  const c = detail.loan.currency;
  if (detail.bills.length === 0) return <Empty>{lt('bills.none')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{lt('field.dueDate')}</Table.Th>
            <Table.Th ta="right">{lt('field.principalPart')}</Table.Th>
            <Table.Th ta="right">{lt('field.interest')}</Table.Th>
            <Table.Th ta="right">{lt('bills.paidPrincipal')}</Table.Th>
            <Table.Th ta="right">{lt('bills.paidInterest')}</Table.Th>
            <Table.Th>{lt('field.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...detail.bills].reverse().map((b) => (
            <Table.Tr key={b.seq}>
              <Table.Td>{b.instalment}</Table.Td>
              <Table.Td>{formatDate(b.dueDate, lang)}</Table.Td>
              <Table.Td ta="right">
                <Money value={b.principal} currency={c} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={b.interest} currency={c} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={b.paidPrincipal} currency={c} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={b.paidInterest} currency={c} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={b.settled ? 'green' : 'orange'} variant="light">
                    {lt(b.settled ? 'bills.settled' : 'bills.open')}
                  </Badge>
                  {b.lateFeeCharged && (
                    <Badge color="red" variant="outline">
                      {lt('bills.lateFee')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PaymentsTable({ loanId, onReverse }: { loanId: string; onReverse?: (p: Payment) => void }) {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'payments', loanId],
    queryFn: ({ signal }) => api.get<{ items: Payment[] }>(loanPath(loanId, '/payments'), { signal }),
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data) return <Loader size="sm" />;
  if (query.data.items.length === 0) return <Empty>{lt('payments.none')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing={4} data-testid="payments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{lt('field.businessDate')}</Table.Th>
            <Table.Th ta="right">{lt('field.amount')}</Table.Th>
            <Table.Th>{lt('field.channel')}</Table.Th>
            <Table.Th>{lt('field.allocation')}</Table.Th>
            <Table.Th>{lt('field.status')}</Table.Th>
            {onReverse && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((p) => (
            <Table.Tr key={p.id} data-testid="payment-row">
              <Table.Td>{formatDate(p.businessDate, lang)}</Table.Td>
              <Table.Td ta="right" data-testid="payment-amount-cell">
                <Money value={p.amount} currency={p.currency} />
              </Table.Td>
              <Table.Td>{lt(`channel.${p.channel}`, { defaultValue: p.channel })}</Table.Td>
              <Table.Td>
                <Text size="xs">
                  {Object.entries(p.allocation)
                    .filter(([, v]) => !/^0(\.0+)?$/.test(v))
                    .map(([k, v]) => `${lt(`allocation.${k}`, { defaultValue: k })} ${v}`)
                    .join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={p.status === 'posted' ? 'green' : 'gray'} variant="light" title={p.reversalReason ?? undefined}>
                  {lt(`paymentStatus.${p.status}`)}
                </Badge>
                {p.reversalReason && (
                  <Text size="xs" c="dimmed">
                    {p.reversalReason}
                  </Text>
                )}
              </Table.Td>
              {onReverse && (
                <Table.Td>
                  {p.status === 'posted' && (
                    <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconArrowBackUp size={14} />} onClick={() => onReverse(p)} data-testid="payment-reverse">
                      {lt('reverse.action')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function JournalsTable({ loan }: { loan: Loan }) {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'journals', loan.id],
    queryFn: ({ signal }) => api.get<{ items: Journal[] }>(loanPath(loan.id, '/journals'), { query: { limit: 200 }, signal }),
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data) return <Loader size="sm" />;
  if (query.data.items.length === 0) return <Empty>{lt('journals.none')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={4} data-testid="journals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{lt('field.businessDate')}</Table.Th>
            <Table.Th>{lt('journals.kind')}</Table.Th>
            <Table.Th>{lt('journals.account')}</Table.Th>
            <Table.Th ta="right">{lt('journals.debit')}</Table.Th>
            <Table.Th ta="right">{lt('journals.credit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.flatMap((j) =>
            j.lines.map((l, i) => (
              <Table.Tr key={`${j.id}-${i}`} style={i === 0 ? { borderTop: '2px solid var(--mantine-color-gray-4)' } : undefined}>
                <Table.Td>{i === 0 ? formatDate(j.businessDate, lang) : ''}</Table.Td>
                <Table.Td>
                  {i === 0 && (
                    <Text size="sm">
                      #{j.id} {j.kind}
                      {j.reversesJournalId ? ` ↩ #${j.reversesJournalId}` : ''}
                    </Text>
                  )}
                  {i === 0 && j.description && (
                    <Text size="xs" c="dimmed">
                      {j.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ff="monospace">{l.account}</Table.Td>
                <Table.Td ta="right">{l.amount.startsWith('-') ? '' : <Money value={l.amount} currency={l.currency} />}</Table.Td>
                <Table.Td ta="right">{l.amount.startsWith('-') ? <Money value={l.amount.slice(1)} currency={l.currency} /> : ''}</Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function HistoryTable({ detail }: { detail: LoanDetail }) {
  const { lt, lang } = useLoansT();
  if (detail.stateHistory.length === 0) return <Empty>{lt('history.none')}</Empty>;
  return (
    <Table striped verticalSpacing={4} data-testid="history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{lt('field.businessDate')}</Table.Th>
          <Table.Th>{lt('history.from')}</Table.Th>
          <Table.Th>{lt('history.to')}</Table.Th>
          <Table.Th>{lt('field.reason')}</Table.Th>
          <Table.Th>{lt('history.at')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.stateHistory.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td>{formatDate(h.businessDate, lang)}</Table.Td>
            <Table.Td>{h.from ? <StateBadge state={h.from} /> : '—'}</Table.Td>
            <Table.Td>
              <StateBadge state={h.to} />
            </Table.Td>
            <Table.Td>{h.reason ?? ''}</Table.Td>
            <Table.Td>
              <Text size="xs">{formatDateTime(h.at, lang)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DisbursementsTable({ detail }: { detail: LoanDetail }) {
  const { lt, lang } = useLoansT();
  const c = detail.loan.currency;
  if (detail.disbursements.length === 0) return <Empty>{lt('disbursements.none')}</Empty>;
  return (
    <Table striped verticalSpacing={4} data-testid="disbursements-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{lt('disbursements.tranche')}</Table.Th>
          <Table.Th>{lt('field.businessDate')}</Table.Th>
          <Table.Th ta="right">{lt('field.amount')}</Table.Th>
          <Table.Th ta="right">{lt('disbursements.fee')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.disbursements.map((d) => (
          <Table.Tr key={d.tranche}>
            <Table.Td>{d.tranche}</Table.Td>
            <Table.Td>{formatDate(d.date, lang)}</Table.Td>
            <Table.Td ta="right">
              <Money value={d.amount} currency={c} />
            </Table.Td>
            <Table.Td ta="right">
              <Money value={d.fee} currency={c} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ReliefList({ loan }: { loan: Loan }) {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'hardship', loan.id],
    queryFn: ({ signal }) => api.get<{ items: HardshipRequest[] }>(loanPath(loan.id, '/hardship-requests'), { signal }),
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data) return <Loader size="sm" />;
  if (query.data.items.length === 0) return <Empty>{lt('hardship.none')}</Empty>;
  return (
    <Stack gap="sm">
      {query.data.items.map((r) => (
        <Card key={r.id} withBorder padding="sm" data-testid="relief-request">
          <Group gap="xs" mb={4}>
            <Badge variant="light">{lt(`hardshipKind.${r.kind}`, { defaultValue: r.kind })}</Badge>
            <Badge color={r.status === 'approved' ? 'green' : r.status === 'declined' ? 'red' : 'yellow'} variant="outline">
              {lt(`hardshipStatus.${r.status}`, { defaultValue: r.status })}
            </Badge>
            <Text size="sm">{lt(`reason.${r.reason}`, { defaultValue: r.reason })}</Text>
            {r.endDate && (
              <Text size="sm" c="dimmed">
                {formatDate(r.startDate, lang)} → {formatDate(r.endDate, lang)}
              </Text>
            )}
          </Group>
          {r.decisionNote && (
            <Text size="xs" c="dimmed">
              {r.decisionNote}
            </Text>
          )}
          {r.status === 'requested' && <PreviewView request={r} currency={loan.currency} />}
        </Card>
      ))}
    </Stack>
  );
}

function Documents({ loan }: { loan: Loan }) {
  const { lt } = useLoansT();
  const today = new Date().toISOString().slice(0, 10);
  const months = statementMonths(loan.openedOn, today);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {lt('documents.statements')}
      </Text>
      <Group gap="xs">
        {months.map((m) => (
          <Button
            key={m}
            component="a"
            href={loanPath(loan.id, `/statements/${m}`)}
            target="_blank"
            rel="noreferrer"
            size="compact-sm"
            variant="default"
            leftSection={<IconFileTypePdf size={14} />}
            data-testid="statement-link"
          >
            {m}
          </Button>
        ))}
      </Group>
      <Text size="sm" fw={500} mt="sm">
        {lt('documents.interestPaid')}
      </Text>
      <Group gap="xs">
        {years.map((y) => (
          <Anchor key={y} href={loanPath(loan.id, `/interest-paid/${y}?format=pdf`)} target="_blank" rel="noreferrer" size="sm">
            {y}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}

export default function LoanPage() {
  const { id = '' } = useParams();
  const { lt } = useLoansT();
  const can = useCan();
  const me = useMe();
  const student = isStudentOnly(me.roles);
  const message = useProblemMessage();
  // ?disburse=1: just opened (OpenLoanPage), the next step is the first tranche.
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<DialogState | null>(params.get('disburse') === '1' && can('loans.manage') ? { kind: 'disburse' } : null);
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<LoanDetail>(loanPath(id), { signal }),
  });
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  const detail = query.data;
  const loan = detail.loan;
  const closed = ['paid_off', 'closed', 'discharged', 'forgiven'].includes(loan.state);
  const close = () => {
    setDialog(null);
    if (params.has('disburse')) setParams({}, { replace: true });
  };

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
        <Stack gap={4}>
          <Anchor component={Link} to={student ? '/my-loans' : '/loans'} size="sm">
            ← {lt(student ? 'my.title' : 'list.title')}
          </Anchor>
          <Group gap="sm">
            <Title order={2} data-testid="loan-number">
              {lt('loan.title', { number: loan.loanNumber })}
            </Title>
            <StateBadge state={loan.state} />
          </Group>
          <Text size="sm" c="dimmed">
            {loan.productCode} v{loan.productVersion} · {loan.currency}
            {!student && (
              <>
                {' · '}
                <Anchor component={Link} to={`/customers/${loan.customerId}`} size="sm" data-testid="loan-customer">
                  {lt('loan.customer')}: <CustomerName id={loan.customerId} />
                </Anchor>
              </>
            )}
          </Text>
        </Stack>
        <Group gap="xs">
          {can('loans.manage') && !closed && (
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'disburse' })} data-testid="action-disburse">
              {lt('disburse.action')}
            </Button>
          )}
          {can('payments.post') && !closed && (
            <Button leftSection={<IconCash size={16} />} onClick={() => setDialog({ kind: 'payment' })} data-testid="action-payment">
              {lt(student ? 'payment.studentAction' : 'payment.action')}
            </Button>
          )}
          {can('hardship.request') && !closed && (
            <Button variant="light" leftSection={<IconLifebuoy size={16} />} onClick={() => setDialog({ kind: 'hardship' })} data-testid="action-hardship">
              {lt(student ? 'hardship.studentAction' : 'hardship.action')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconReceipt size={16} />} onClick={() => setDialog({ kind: 'payoff' })} data-testid="action-payoff">
            {lt('payoff.action')}
          </Button>
        </Group>
      </Group>

      <Stack gap="md">
        <Summary loan={loan} />
        <Panel title={lt('tabs.title')}>
          <Tabs defaultValue="schedule" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="schedule">{lt('tabs.schedule')}</Tabs.Tab>
              <Tabs.Tab value="bills">{lt('tabs.bills')}</Tabs.Tab>
              <Tabs.Tab value="payments" data-testid="tab-payments">
                {lt('tabs.payments')}
              </Tabs.Tab>
              {can('ledger.read') && <Tabs.Tab value="journals">{lt('tabs.journals')}</Tabs.Tab>}
              <Tabs.Tab value="history">{lt('tabs.history')}</Tabs.Tab>
              <Tabs.Tab value="disbursements">{lt('tabs.disbursements')}</Tabs.Tab>
              <Tabs.Tab value="relief">{lt('tabs.relief')}</Tabs.Tab>
              <Tabs.Tab value="documents">{lt('tabs.documents')}</Tabs.Tab>
              {can('collections.work') && (
                <Tabs.Tab value="collections" data-testid="tab-collections">
                  {lt('tabs.collections')}
                </Tabs.Tab>
              )}
            </Tabs.List>
            <Tabs.Panel value="schedule">
              <SchedulePanel detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="bills">
              <BillsTable detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="payments">
              <PaymentsTable loanId={loan.id} onReverse={can('payments.reverse') ? (p) => setDialog({ kind: 'reverse', payment: p }) : undefined} />
            </Tabs.Panel>
            {can('ledger.read') && (
              <Tabs.Panel value="journals">
                <JournalsTable loan={loan} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="history">
              <HistoryTable detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="disbursements">
              <DisbursementsTable detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="relief">
              <ReliefList loan={loan} />
            </Tabs.Panel>
            <Tabs.Panel value="documents">
              <Documents loan={loan} />
            </Tabs.Panel>
            {can('collections.work') && (
              <Tabs.Panel value="collections">
                <CollectionPanel loanId={loan.id} />
              </Tabs.Panel>
            )}
          </Tabs>
        </Panel>
      </Stack>

      {dialog?.kind === 'disburse' && <DisburseDialog loan={loan} onClose={close} />}
      {dialog?.kind === 'payment' && <PaymentDialog loan={loan} student={student} onClose={close} />}
      {dialog?.kind === 'hardship' && <HardshipDialog loan={loan} student={student} onClose={close} />}
      {dialog?.kind === 'payoff' && <PayoffDialog loan={loan} onClose={close} />}
      {dialog?.kind === 'reverse' && <ReverseDialog payment={dialog.payment} onClose={close} />}
    </>
  );
}
