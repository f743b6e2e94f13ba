// A loan's collection panel (collections.work), used by the collections workspace and the loan
// page: what is owed, the record of contact attempts, promises to pay (with the status close of
// business gives them: kept or broken), legal referrals and notes; a form to add one; the loan's
// legal cases (status and documents); and the charge-off and recovery actions for those who may
// take them.
import { Alert, Anchor, Badge, Button, Card, FileButton, Group, Loader, Modal, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconPaperclip, IconReceiptOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  COLLECTION_KINDS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  LEGAL_GROUNDS,
  loanPath,
  LOANS_KEY,
  type CollectionAction,
  type CollectionKind,
  type LegalCase,
  type LegalDocument,
  type Loan,
  type LoanDetail,
} from './api.ts';
import { BucketBadge, CustomerName, Empty, Money, StateBadge } from './components.tsx';
import { ErrorAlert, PaymentDialog } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';

const PROMISE_COLOURS = { open: 'blue', kept: 'green', broken: 'red' } as const;
const KIND_COLOURS: Record<CollectionKind, string> = { contact: 'gray', promise: 'blue', 'legal-referral': 'red', note: 'yellow' };
const OPEN_STATES = ['grace', 'repayment', 'deferment', 'forbearance', 'default'];

const actionsKey = (loanId: string) => [...LOANS_KEY, 'collection-actions', loanId] as const;

function ActionForm({ loan }: { loan: Loan }) {
  const { lt } = useLoansT();
  const client = useQueryClient();
  const [kind, setKind] = useState<CollectionKind>('contact');
  const [channel, setChannel] = useState<string | null>('phone');
  const [outcome, setOutcome] = useState<string | null>('reached');
  const [ground, setGround] = useState<string>(LEGAL_GROUNDS[0]);
  const [amount, setAmount] = useState(/^0(\.0+)?$/.test(loan.balances.amountDue) ? '' : loan.balances.amountDue);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  // A legal referral opens a case (which also enters the collection history); the rest are entries.
  const mutation = useMutation<LegalCase | CollectionAction>({
    mutationFn: () =>
      kind === 'legal-referral'
        ? api.post<LegalCase>(loanPath(loan.id, '/legal-cases'), { ground, summary: note.trim() })
        : api.post<CollectionAction>(loanPath(loan.id, '/collection-actions'), {
        kind,
        channel: kind === 'contact' || kind === 'promise' ? (channel ?? undefined) : undefined,
        outcome: kind === 'contact' ? (outcome ?? undefined) : undefined,
        promisedAmount: kind === 'promise' ? amount.trim() : undefined,
        promisedDate: kind === 'promise' ? date || undefined : undefined,
        note: note.trim() || undefined,
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt(`collections.done.${kind}`) });
      setNote('');
      await client.invalidateQueries({ queryKey: LOANS_KEY });
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  const legal = kind === 'legal-referral';
  return (
    <Stack gap="sm" data-testid="collection-form">
      <SegmentedControl
        value={kind}
        onChange={(v) => {
          setKind(v);
          mutation.reset();
        }}
        data={COLLECTION_KINDS.map((k) => ({ value: k, label: lt(`collectionKind.${k}`) }))}
        data-testid="collection-kind"
      />
      {legal && (
        <Alert color="red" p="xs">
          {lt('collections.legalHint')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {(kind === 'contact' || kind === 'promise') && (
          <Select
            label={lt('field.channel')}
            data={CONTACT_CHANNELS.map((c) => ({ value: c, label: lt(`contactChannel.${c}`) }))}
            value={channel}
            onChange={setChannel}
            clearable={kind === 'promise'}
            error={errors.channel}
            data-testid="collection-channel"
          />
        )}
        {kind === 'contact' && (
          <Select
            label={lt('collections.outcome')}
            data={CONTACT_OUTCOMES.map((o) => ({ value: o, label: lt(`contactOutcome.${o}`) }))}
            value={outcome}
            onChange={setOutcome}
            error={errors.outcome}
            data-testid="collection-outcome"
          />
        )}
        {kind === 'promise' && (
          <>
            <TextInput
              label={lt('collections.promisedAmount')}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              rightSection={<Text size="xs">{loan.currency}</Text>}
              rightSectionWidth={48}
              inputMode="decimal"
              error={errors.promisedAmount}
              data-testid="promise-amount"
            />
            <TextInput
              type="date"
              label={lt('collections.promisedDate')}
              description={lt('collections.followUpHint')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.promisedDate}
              data-testid="promise-date"
            />
          </>
        )}
        {legal && (
          <Select
            label={lt('collections.ground')}
            data={LEGAL_GROUNDS.map((g) => ({ value: g, label: lt(`legalGround.${g}`) }))}
            value={ground}
            onChange={(v) => v && setGround(v)}
            allowDeselect={false}
            error={errors.ground}
          />
        )}
      </SimpleGrid>
      <Textarea
        label={lt(legal ? 'collections.legalNote' : 'collections.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.note ?? errors.summary}
        data-testid="collection-note"
      />
      <ErrorAlert error={mutation.error} />
      <Group justify="flex-end">
        <Button
          color={legal ? 'red' : undefined}
          onClick={() => mutation.mutate()}
          loading={mutation.isPending}
          disabled={(kind === 'note' || legal) && !note.trim()}
          data-testid="collection-submit"
        >
          {lt(`collections.submit.${kind}`)}
        </Button>
      </Group>
    </Stack>
  );
}

function ActionsTable({ loan }: { loan: Loan }) {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: actionsKey(loan.id),
    queryFn: ({ signal }) => api.get<{ items: CollectionAction[] }>(loanPath(loan.id, '/collection-actions'), { signal }),
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data) return <Loader size="sm" />;
  if (query.data.items.length === 0) return <Empty>{lt('collections.noActions')}</Empty>;
  const label = (a: CollectionAction) =>
    a.kind === 'legal-referral'
      ? lt(`legalGround.${a.outcome}`, { defaultValue: a.outcome ?? '' })
      : a.outcome
        ? lt(`contactOutcome.${a.outcome}`, { defaultValue: a.outcome })
        : '';
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing={4} data-testid="collection-actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{lt('field.businessDate')}</Table.Th>
            <Table.Th>{lt('field.kind')}</Table.Th>
            <Table.Th>{lt('field.channel')}</Table.Th>
            <Table.Th>{lt('collections.outcome')}</Table.Th>
            <Table.Th>{lt('collections.promise')}</Table.Th>
            <Table.Th>{lt('collections.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((a) => (
            <Table.Tr key={a.id} data-testid="collection-action">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.businessDate, lang)}</Table.Td>
              <Table.Td>
                <Badge color={KIND_COLOURS[a.kind]} variant="light">
                  {lt(`collectionKind.${a.kind}`, { defaultValue: a.kind })}
                </Badge>
              </Table.Td>
              <Table.Td>{a.channel ? lt(`contactChannel.${a.channel}`, { defaultValue: a.channel }) : ''}</Table.Td>
              <Table.Td>{label(a)}</Table.Td>
              <Table.Td>
                {a.promisedAmount && a.promisedDate && (
                  <Group gap={4} wrap="nowrap">
                    <Money value={a.promisedAmount} currency={loan.currency} />
                    <Text size="xs">{lt('collections.by', { date: formatDate(a.promisedDate, lang) })}</Text>
                    {a.promiseStatus && (
                      <Badge color={PROMISE_COLOURS[a.promiseStatus]} variant="outline" data-testid="promise-status">
                        {lt(`promiseStatus.${a.promiseStatus}`)}
                      </Badge>
                    )}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.note ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const LEGAL_COLOURS: Record<string, string> = { referred: 'orange', filed: 'red', judgment: 'red', enforcement: 'red', settled: 'green', closed: 'gray' };

/** One legal case: its status (moved on by the next steps the server allows) and documents. */
function LegalCaseCard({ legalCase }: { legalCase: LegalCase }) {
  const { lt, lang } = useLoansT();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: [...LOANS_KEY, 'legal-case', legalCase.id],
    queryFn: ({ signal }) => api.get<LegalCase>(`/api/v1/legal-cases/${encodeURIComponent(legalCase.id)}`, { signal }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: LOANS_KEY });
  const status = useMutation({
    mutationFn: (next: string) => api.post<LegalCase>(`/api/v1/legal-cases/${encodeURIComponent(legalCase.id)}/status`, { status: next }),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: async (file: File) =>
      api.post<{ items: LegalDocument[] }>(`/api/v1/legal-cases/${encodeURIComponent(legalCase.id)}/documents`, {
        fileName: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64: await base64Of(file),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt('legal.documentAdded') });
      await refresh();
    },
  });
  const documents = detail.data?.documents ?? [];
  return (
    <Card withBorder padding="sm" data-testid="legal-case">
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {lt(`legalGround.${legalCase.ground}`, { defaultValue: legalCase.ground })}
          </Text>
          <Badge color={LEGAL_COLOURS[legalCase.status] ?? 'gray'} variant="light" data-testid="legal-status">
            {lt(`legalStatus.${legalCase.status}`, { defaultValue: legalCase.status })}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(legalCase.updatedAt, lang)}
        </Text>
      </Group>
      <Text size="sm" mb="xs" style={{ whiteSpace: 'pre-wrap' }}>
        {legalCase.summary}
      </Text>
      <Stack gap={2} mb="xs">
        {documents.length === 0 && <Empty>{lt('legal.noDocuments')}</Empty>}
        {documents.map((d) => (
          <Anchor
            key={d.id}
            size="sm"
            href={`/api/v1/legal-cases/${encodeURIComponent(legalCase.id)}/documents/${encodeURIComponent(d.id)}`}
            data-testid="legal-document"
          >
            {d.fileName} ({Math.max(1, Math.round(d.size / 1024))} KB)
          </Anchor>
        ))}
      </Stack>
      <ErrorAlert error={status.error ?? upload.error} />
      <Group gap="xs">
        {legalCase.nextStatuses.map((next) => (
          <Button key={next} size="compact-sm" variant="light" loading={status.isPending && status.variables === next} onClick={() => status.mutate(next)} data-testid={`legal-to-${next}`}>
            {lt(`legal.moveTo.${next}`)}
          </Button>
        ))}
        {legalCase.status !== 'closed' && (
          <FileButton onChange={(f) => f && upload.mutate(f)} accept="application/pdf,image/png,image/jpeg,text/plain">
            {(props) => (
              <Button size="compact-sm" variant="default" leftSection={<IconPaperclip size={14} />} loading={upload.isPending} {...props} data-testid="legal-attach">
                {lt('legal.attach')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
    </Card>
  );
}

function LegalCases({ loan }: { loan: Loan }) {
  const { lt } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'legal-cases', loan.id],
    queryFn: ({ signal }) => api.get<{ items: LegalCase[] }>('/api/v1/legal-cases', { query: { loanId: loan.id }, signal }),
    retry: false,
  });
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  if (!query.data || query.data.items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="legal-cases">
      <Title order={5}>{lt('legal.title')}</Title>
      {query.data.items.map((c) => (
        <LegalCaseCard key={c.id} legalCase={c} />
      ))}
    </Stack>
  );
}

function ChargeOffDialog({ loan, onClose }: { loan: Loan; onClose: () => void }) {
  const { lt } = useLoansT();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: () => api.post<Loan>(loanPath(loan.id, '/state'), { state: 'charged_off', reason: reason.trim() }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt('collections.chargedOff') });
      await client.invalidateQueries({ queryKey: LOANS_KEY });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={lt('collections.chargeOffTitle')}>
      <Stack>
        <Text size="sm">{lt('collections.chargeOffHint')}</Text>
        <Textarea
          label={lt('field.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fieldErrorsOf(mutation.error).reason}
          data-testid="charge-off-reason"
        />
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!reason.trim()} data-testid="charge-off-submit">
            {lt('collections.chargeOff')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The collection panel of one loan; `header` shows the loan's identity (the workspace's drawer). */
export function CollectionPanel({ loanId, header = false }: { loanId: string; header?: boolean }) {
  const { lt } = useLoansT();
  const can = useCan();
  const message = useProblemMessage();
  const [dialog, setDialog] = useState<'charge-off' | 'recovery' | null>(null);
  const detail = useQuery({
    queryKey: [...LOANS_KEY, 'detail', loanId],
    queryFn: ({ signal }) => api.get<LoanDetail>(loanPath(loanId), { signal }),
  });
  if (detail.isError) return <Alert color="red">{message(detail.error)}</Alert>;
  if (!detail.data) return <Loader size="sm" />;
  const loan = detail.data.loan;
  const chargedOff = loan.state === 'charged_off';
  return (
    <Stack gap="md" data-testid="collection-panel">
      {header && (
        <Group gap="sm">
          <Anchor component={Link} to={`/loans/${loan.id}`} fw={600} data-testid="collection-loan">
            {loan.loanNumber}
          </Anchor>
          <Text size="sm">
            <CustomerName id={loan.customerId} />
          </Text>
          <StateBadge state={loan.state} />
        </Group>
      )}
      <Group gap="lg">
        <Text size="sm">
          {lt('field.amountDue')}: <Money value={loan.balances.amountDue} currency={loan.currency} />
        </Text>
        <BucketBadge bucket={loan.delinquency.bucket} days={loan.delinquency.daysPastDue} />
        {loan.delinquency.oldestDueDate && (
          <Text size="sm" c="dimmed">
            {lt('field.oldestDue')}: {loan.delinquency.oldestDueDate}
          </Text>
        )}
        {chargedOff && (
          <Text size="sm">
            {lt('collections.chargedOffAmount')}: <Money value={loan.balances.chargedOff} currency={loan.currency} />
          </Text>
        )}
      </Group>
      <Group gap="xs">
        {can('loans.manage') && OPEN_STATES.includes(loan.state) && (
          <Button size="xs" variant="light" color="red" leftSection={<IconReceiptOff size={14} />} onClick={() => setDialog('charge-off')} data-testid="action-charge-off">
            {lt('collections.chargeOff')}
          </Button>
        )}
        {can('payments.post') && chargedOff && (
          <Button size="xs" variant="light" leftSection={<IconCash size={14} />} onClick={() => setDialog('recovery')} data-testid="action-recovery">
            {lt('collections.recovery')}
          </Button>
        )}
      </Group>
      {OPEN_STATES.includes(loan.state) || chargedOff ? <ActionForm loan={loan} /> : <Empty>{lt('collections.closedLoan')}</Empty>}
      <LegalCases loan={loan} />
      <ActionsTable loan={loan} />
      {dialog === 'charge-off' && <ChargeOffDialog loan={loan} onClose={() => setDialog(null)} />}
      {dialog === 'recovery' && <PaymentDialog loan={loan} student={false} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
