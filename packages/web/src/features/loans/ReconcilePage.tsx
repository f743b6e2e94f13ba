// Bank statement import and the suspense queue (payments.reconcile): a CSV statement is sent to
// the server, which posts each line it can match by reference and amount and books the rest to
// suspense; here the report shows which was which, and each suspense item can be matched to a
// loan by hand (it then posts as a payment taken out of suspense).
import { Alert, Badge, Button, FileButton, Group, Loader, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import { LOANS_KEY, STATEMENT_HEADER, SUSPENSE_STATUSES, type Payment, type StatementReport, type SuspenseItem } from './api.ts';
import { Empty, Money, Panel } from './components.tsx';
import { ErrorAlert } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';
import { CustomerLoanSelect, CustomerSelect } from './pickers.tsx';

const SUSPENSE_KEY = [...LOANS_KEY, 'suspense'] as const;
const OUTCOME_COLOURS = { matched: 'green', suspense: 'orange', duplicate: 'gray' } as const;

function StatementImport() {
  const { lt } = useLoansT();
  const client = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => api.post<StatementReport>('/api/v1/payments/statements', { csv }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: LOANS_KEY });
    },
  });
  const report = mutation.data;
  const pick = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
    mutation.reset();
  };
  return (
    <Panel title={lt('reconcile.importTitle')} testId="statement-import">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {lt('reconcile.importHint')}
        </Text>
        <Text size="xs" ff="monospace">
          {STATEMENT_HEADER}
        </Text>
        <Group gap="sm">
          <FileButton onChange={(f) => void pick(f)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button variant="default" leftSection={<IconFileUpload size={16} />} {...props} data-testid="statement-file">
                {lt('reconcile.chooseFile')}
              </Button>
            )}
          </FileButton>
          {fileName && <Text size="sm">{fileName}</Text>}
        </Group>
        <Textarea
          label={lt('reconcile.csv')}
          description={lt('reconcile.csvHint')}
          value={csv}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            mutation.reset();
          }}
          autosize
          minRows={4}
          maxRows={12}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid="statement-csv"
        />
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!csv.trim()} data-testid="statement-submit">
            {lt('reconcile.import')}
          </Button>
        </Group>
        {report && (
          <Stack gap="xs" data-testid="statement-report">
            <Group gap="sm">
              <Badge color="blue" variant="light">
                {lt('reconcile.lines', { count: report.lines })}
              </Badge>
              <Badge color="green" variant="light" data-testid="statement-matched">
                {lt('reconcile.matchedCount', { count: report.matched })}
              </Badge>
              <Badge color="orange" variant="light" data-testid="statement-suspense">
                {lt('reconcile.suspenseCount', { count: report.suspense })}
              </Badge>
              <Badge color="gray" variant="light">
                {lt('reconcile.duplicateCount', { count: report.duplicates })}
              </Badge>
            </Group>
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{lt('reconcile.transaction')}</Table.Th>
                    <Table.Th>{lt('reconcile.outcome')}</Table.Th>
                    <Table.Th>{lt('field.loanNumber')}</Table.Th>
                    <Table.Th>{lt('field.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.results.map((r) => (
                    <Table.Tr key={r.transactionId} data-testid="statement-result">
                      <Table.Td ff="monospace">{r.transactionId}</Table.Td>
                      <Table.Td>
                        <Badge color={OUTCOME_COLOURS[r.outcome]} variant="light">
                          {lt(`statementOutcome.${r.outcome}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.loanNumber ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{r.reason ?? ''}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Stack>
    </Panel>
  );
}

function MatchDialog({ item, onClose }: { item: SuspenseItem; onClose: () => void }) {
  const { lt } = useLoansT();
  const client = useQueryClient();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [loanId, setLoanId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      api.post<{ item: SuspenseItem; payment: Payment }>(`/api/v1/payments/suspense/${encodeURIComponent(item.id)}/match`, { loanId }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt('reconcile.matchDone') });
      await client.invalidateQueries({ queryKey: LOANS_KEY });
      onClose();
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  return (
    <Modal opened onClose={onClose} title={lt('reconcile.matchTitle')}>
      <Stack>
        <Text size="sm">
          <Money value={item.amount} currency={item.currency} /> · {item.bankTransactionId} · {item.reference}
        </Text>
        <Text size="xs" c="dimmed">
          {lt('reconcile.matchHint')}
        </Text>
        <CustomerSelect
          value={customerId}
          onChange={(id) => {
            setCustomerId(id);
            setLoanId(null);
          }}
          testId="match-customer"
        />
        <CustomerLoanSelect customerId={customerId} value={loanId} onChange={setLoanId} error={errors.loanId} testId="match-loan" />
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!loanId} data-testid="match-submit">
            {lt('reconcile.matchSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SuspenseQueue() {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const [status, setStatus] = useState<(typeof SUSPENSE_STATUSES)[number]>('open');
  const [matching, setMatching] = useState<SuspenseItem | null>(null);
  const query = useQuery({
    queryKey: [...SUSPENSE_KEY, status],
    queryFn: ({ signal }) => api.get<{ items: SuspenseItem[] }>('/api/v1/payments/suspense', { query: { status }, signal }),
  });
  const items = query.data?.items ?? [];
  return (
    <Panel
      title={lt('reconcile.suspenseTitle')}
      testId="suspense-queue"
      actions={
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={SUSPENSE_STATUSES.map((s) => ({ value: s, label: lt(`suspenseStatus.${s}`) }))}
        />
      }
    >
      {query.isError && <Alert color="red">{message(query.error)}</Alert>}
      {query.isPending && <Loader size="sm" />}
      {query.data && items.length === 0 && <Empty>{lt('reconcile.suspenseEmpty')}</Empty>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{lt('reconcile.transaction')}</Table.Th>
                <Table.Th>{lt('reconcile.valueDate')}</Table.Th>
                <Table.Th ta="right">{lt('field.amount')}</Table.Th>
                <Table.Th>{lt('field.reference')}</Table.Th>
                <Table.Th>{lt(status === 'open' ? 'reconcile.whyUnmatched' : 'reconcile.matchedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid="suspense-row">
                  <Table.Td ff="monospace">{i.bankTransactionId}</Table.Td>
                  <Table.Td>{formatDate(i.valueDate, lang)}</Table.Td>
                  <Table.Td ta="right">
                    <Money value={i.amount} currency={i.currency} />
                  </Table.Td>
                  <Table.Td>{i.reference}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{status === 'open' ? i.reason : i.matchedAt ? formatDate(i.matchedAt.slice(0, 10), lang) : ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    {i.status === 'open' && (
                      <Button size="compact-sm" variant="light" leftSection={<IconLink size={14} />} onClick={() => setMatching(i)} data-testid="suspense-match">
                        {lt('reconcile.match')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {matching && <MatchDialog item={matching} onClose={() => setMatching(null)} />}
    </Panel>
  );
}

export default function ReconcilePage() {
  const { lt } = useLoansT();
  return (
    <>
      <PageHeader title={lt('reconcile.title')} description={lt('reconcile.description')} />
      <Stack gap="md">
        <StatementImport />
        <SuspenseQueue />
      </Stack>
    </>
  );
}
