// The loan page's actions: disburse a tranche, post a payment, reverse one, request relief (with
// the server's preview of the new schedule), payoff quote as of a date.
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { formatDate } from '../../format.ts';
import {
  DEFERMENT_REASONS,
  HARDSHIP_KINDS,
  loanPath,
  LOANS_KEY,
  newIdempotencyKey,
  PAYMENT_CHANNELS,
  PREPAYMENTS,
  type HardshipKind,
  type HardshipRequest,
  type Loan,
  type Payment,
  type PaymentChannel,
  type PayoffQuote,
  type Prepayment,
} from './api.ts';
import { Money } from './components.tsx';
import { ScheduleTable } from './schedule.tsx';
import { useLoansT } from './i18n.ts';

export function ErrorAlert({ error }: { error: unknown }) {
  const message = useProblemMessage();
  if (!error) return null;
  const fields = Object.entries(fieldErrorsOf(error));
  return (
    <Alert color="red" role="alert" data-testid="loan-dialog-error">
      <Text size="sm">{message(error)}</Text>
      {fields.map(([f, m]) => (
        <Text key={f} size="xs">
          {f}: {m}
        </Text>
      ))}
    </Alert>
  );
}

function useInvalidateLoans() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: LOANS_KEY });
}

function Dialog({ title, onClose, children, size }: { title: string; onClose: () => void; children: ReactNode; size?: string }) {
  return (
    <Modal opened onClose={onClose} title={title} size={size ?? 'md'}>
      {children}
    </Modal>
  );
}

export function DisburseDialog({ loan, onClose }: { loan: Loan; onClose: () => void }) {
  const { lt } = useLoansT();
  const invalidate = useInvalidateLoans();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      api.post<{ journalId: number }>(loanPath(loan.id, '/disbursements'), { amount: amount.trim(), date: date || undefined }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt('disburse.done') });
      await invalidate();
      onClose();
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  return (
    <Dialog title={lt('disburse.title')} onClose={onClose}>
      <Stack>
        <Text size="sm" c="dimmed">
          {lt('disburse.hint', { commitment: loan.commitment, disbursed: loan.disbursed, currency: loan.currency })}
        </Text>
        <TextInput
          label={lt('field.amount')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          rightSection={<Text size="xs">{loan.currency}</Text>}
          rightSectionWidth={48}
          error={errors.amount}
          inputMode="decimal"
          data-testid="disburse-amount"
        />
        <TextInput
          type="date"
          label={lt('disburse.date')}
          description={lt('disburse.dateHint')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={errors.date}
        />
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!amount.trim()} data-testid="disburse-submit">
            {lt('disburse.submit')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

export function PaymentDialog({ loan, student, onClose }: { loan: Loan; student: boolean; onClose: () => void }) {
  const { lt } = useLoansT();
  const invalidate = useInvalidateLoans();
  const [amount, setAmount] = useState(loan.balances.amountDue !== '0' && !/^0(\.0+)?$/.test(loan.balances.amountDue) ? loan.balances.amountDue : '');
  const [channel, setChannel] = useState<PaymentChannel>(student ? 'simulated' : 'bank_transfer');
  const [prepayment, setPrepayment] = useState<Prepayment>('lower-payment');
  const [reference, setReference] = useState('');
  // One key per attempt: a retry after a network error reuses it, so nothing posts twice.
  const [idempotencyKey, setKey] = useState(newIdempotencyKey);
  const mutation = useMutation({
    mutationFn: () =>
      api.post<Payment>(loanPath(loan.id, '/payments'), {
        amount: amount.trim(),
        currency: loan.currency,
        channel,
        idempotencyKey,
        reference: reference.trim() || undefined,
        prepayment,
      }),
    onSuccess: async (p) => {
      notifications.show({ color: 'green', message: lt(p.replayed ? 'payment.replayed' : 'payment.done') });
      await invalidate();
      onClose();
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  return (
    <Dialog title={lt(student ? 'payment.studentTitle' : 'payment.title')} onClose={onClose}>
      <Stack>
        {student && (
          <Alert color="blue" p="xs">
            {lt('payment.simulatedHint')}
          </Alert>
        )}
        <TextInput
          label={lt('field.amount')}
          value={amount}
          onChange={(e) => {
            setAmount(e.currentTarget.value);
            setKey(newIdempotencyKey());
          }}
          rightSection={<Text size="xs">{loan.currency}</Text>}
          rightSectionWidth={48}
          error={errors.amount}
          inputMode="decimal"
          data-testid="payment-amount"
        />
        <TextInput label={lt('field.currency')} value={loan.currency} readOnly error={errors.currency} />
        {!student && (
          <Select
            label={lt('field.channel')}
            data={PAYMENT_CHANNELS.map((c) => ({ value: c, label: lt(`channel.${c}`) }))}
            value={channel}
            onChange={(v) => v && setChannel(v)}
            allowDeselect={false}
            error={errors.channel}
            data-testid="payment-channel"
          />
        )}
        <Select
          label={lt('field.prepayment')}
          description={lt('payment.prepaymentHint')}
          data={PREPAYMENTS.map((p) => ({ value: p, label: lt(`prepayment.${p}`) }))}
          value={prepayment}
          onChange={(v) => v && setPrepayment(v)}
          allowDeselect={false}
        />
        {!student && (
          <TextInput label={lt('field.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        )}
        <Text size="xs" c="dimmed" data-testid="payment-key">
          {lt('payment.key', { key: idempotencyKey })}
        </Text>
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!amount.trim()} data-testid="payment-submit">
            {lt('payment.submit')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

export function ReverseDialog({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { lt } = useLoansT();
  const invalidate = useInvalidateLoans();
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: () => api.post<Payment>(`/api/v1/payments/${payment.id}/reversal`, { reason: reason.trim() }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt('reverse.done') });
      await invalidate();
      onClose();
    },
  });
  return (
    <Dialog title={lt('reverse.title')} onClose={onClose}>
      <Stack>
        <Text size="sm">
          {lt('reverse.hint')} <Money value={payment.amount} currency={payment.currency} />
        </Text>
        <Textarea
          label={lt('field.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrorsOf(mutation.error).reason}
          autosize
          minRows={2}
          data-testid="reverse-reason"
        />
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!reason.trim()} data-testid="reverse-submit">
            {lt('reverse.submit')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** The server's preview of a relief request: first due date after it, interest treatment, new schedule. */
export function PreviewView({ request, currency }: { request: HardshipRequest; currency: string }) {
  const { lt, lang } = useLoansT();
  const p = request.preview ?? {};
  return (
    <Stack gap="xs" data-testid="hardship-preview">
      <Group gap="lg">
        {p.firstDueDateAfter && (
          <Text size="sm">
            {lt('hardship.firstDueAfter')}: <b>{formatDate(p.firstDueDateAfter, lang)}</b>
          </Text>
        )}
        {p.currentPayment && (
          <Text size="sm">
            {lt('hardship.currentPayment')}: <Money value={p.currentPayment} currency={currency} />
          </Text>
        )}
        {p.newPayment && (
          <Text size="sm">
            {lt('hardship.newPayment')}: <Money value={p.newPayment} currency={currency} />
          </Text>
        )}
        {p.interestTreatment && (
          <Text size="sm">
            {lt('hardship.interestTreatment')}: {p.interestTreatment}
          </Text>
        )}
      </Group>
      {p.schedule ? <ScheduleTable schedule={p.schedule} currency={currency} maxHeight={260} /> : <Text size="sm" c="dimmed">{lt('schedule.none')}</Text>}
    </Stack>
  );
}

export function HardshipDialog({ loan, student, onClose }: { loan: Loan; student: boolean; onClose: () => void }) {
  const { lt } = useLoansT();
  const invalidate = useInvalidateLoans();
  const [kind, setKind] = useState<HardshipKind>('deferment');
  const [reason, setReason] = useState<string>('economic-hardship');
  const [endDate, setEndDate] = useState('');
  const [extra, setExtra] = useState('12');
  const [evidence, setEvidence] = useState('');
  const [created, setCreated] = useState<HardshipRequest | null>(null);
  const [previewed, setPreviewed] = useState<HardshipRequest | null>(null);
  const kinds = student ? HARDSHIP_KINDS.filter((k) => k !== 'forbearance') : HARDSHIP_KINDS;
  const body = () => ({
    kind,
    reason,
    endDate: kind === 'term-extension' ? undefined : endDate || undefined,
    extraInstalments: kind === 'term-extension' ? Number(extra) : undefined,
    evidence: evidence.trim() || undefined,
  });
  // First the server's preview (nothing filed), then the request itself.
  const previewMutation = useMutation({
    mutationFn: () => api.post<HardshipRequest>(loanPath(loan.id, '/hardship-requests/preview'), body()),
    onSuccess: (r) => setPreviewed(r),
  });
  const mutation = useMutation({
    mutationFn: () => api.post<HardshipRequest>(loanPath(loan.id, '/hardship-requests'), body()),
    onSuccess: async (r) => {
      setCreated(r);
      await invalidate();
    },
  });
  const errors = fieldErrorsOf(previewMutation.error ?? mutation.error);
  if (created) {
    return (
      <Dialog title={lt('hardship.previewTitle')} onClose={onClose} size="xl">
        <Stack>
          <Alert color="blue" p="xs" data-testid="hardship-pending">
            {lt('hardship.pending')}
          </Alert>
          <PreviewView request={created} currency={loan.currency} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="hardship-close">
              {lt('common.close')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    );
  }
  if (previewed) {
    return (
      <Dialog title={lt('hardship.previewFirstTitle')} onClose={onClose} size="xl">
        <Stack>
          <Text size="sm" c="dimmed">
            {lt('hardship.previewFirstHint')}
          </Text>
          <PreviewView request={previewed} currency={loan.currency} />
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPreviewed(null)}>
              {lt('hardship.back')}
            </Button>
            <Button onClick={() => mutation.mutate()} loading={mutation.isPending} data-testid="hardship-submit">
              {lt('hardship.submit')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    );
  }
  return (
    <Dialog title={lt(student ? 'hardship.studentTitle' : 'hardship.title')} onClose={onClose}>
      <Stack>
        <Text size="sm" c="dimmed">
          {lt('hardship.hint')}
        </Text>
        <Select
          label={lt('field.kind')}
          data={kinds.map((k) => ({ value: k, label: lt(`hardshipKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
          error={errors.kind}
          data-testid="hardship-kind"
        />
        <Select
          label={lt('field.reason')}
          data={DEFERMENT_REASONS.map((r) => ({ value: r, label: lt(`reason.${r}`) }))}
          value={reason}
          onChange={(v) => v && setReason(v)}
          allowDeselect={false}
          error={errors.reason}
          data-testid="hardship-reason"
        />
        {kind === 'term-extension' ? (
          <TextInput
            label={lt('field.extraInstalments')}
            value={extra}
            onChange={(e) => setExtra(e.currentTarget.value)}
            inputMode="numeric"
            error={errors.extraInstalments}
          />
        ) : (
          <TextInput
            type="date"
            label={lt('field.endDate')}
            value={endDate}
            onChange={(e) => setEndDate(e.currentTarget.value)}
            error={errors.endDate}
            data-testid="hardship-end"
          />
        )}
        <Textarea label={lt('field.evidence')} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} autosize minRows={2} />
        <ErrorAlert error={previewMutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button onClick={() => previewMutation.mutate()} loading={previewMutation.isPending} data-testid="hardship-preview-button">
            {lt('hardship.previewButton')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

export function PayoffDialog({ loan, onClose }: { loan: Loan; onClose: () => void }) {
  const { lt, lang } = useLoansT();
  // Empty: the open business date (the server's default; earlier dates are refused).
  const [asOf, setAsOf] = useState('');
  const quote = useQuery({
    queryKey: [...LOANS_KEY, 'payoff', loan.id, asOf],
    queryFn: ({ signal }) => api.get<PayoffQuote>(loanPath(loan.id, '/payoff-quote'), { query: { asOf: asOf || undefined }, signal }),
    enabled: asOf === '' || /^\d{4}-\d{2}-\d{2}$/.test(asOf),
    retry: false,
  });
  const rows = ['principal', 'interest', 'penalty', 'fees', 'credit', 'total'] as const;
  return (
    <Dialog title={lt('payoff.title')} onClose={onClose}>
      <Stack>
        <TextInput
          type="date"
          label={lt('payoff.asOf')}
          description={lt('disburse.dateHint')}
          value={asOf}
          onChange={(e) => setAsOf(e.currentTarget.value)}
          data-testid="payoff-as-of"
        />
        <ErrorAlert error={quote.error} />
        {quote.data && (
          <Table data-testid="payoff-quote">
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r} fw={r === 'total' ? 700 : undefined}>
                  <Table.Td>{lt(`payoff.${r}`)}</Table.Td>
                  <Table.Td ta="right">
                    <Money value={quote.data[r]} currency={loan.currency} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {quote.data && (
          <Text size="xs" c="dimmed">
            {lt('payoff.asOfHint', { date: formatDate(quote.data.asOf, lang) })}
          </Text>
        )}
        <Group justify="space-between">
          <Anchor href={asOf ? `${loanPath(loan.id, '/payoff-quote.pdf')}?asOf=${encodeURIComponent(asOf)}` : loanPath(loan.id, '/payoff-quote.pdf')} target="_blank" rel="noreferrer">
            {lt('payoff.pdf')}
          </Anchor>
          <Button variant="default" onClick={onClose}>
            {lt('common.close')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
