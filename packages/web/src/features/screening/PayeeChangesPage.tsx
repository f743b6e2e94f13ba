// Disbursement account change requests: pending ones are re-verified (a call-back to the number
// on file, or a fresh identity check) or rejected by someone other than the requester; a verified
// change still waits out its cooling-off period before money goes to it.
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ACCOUNT_STATUSES, SCREENING_KEY, type PayeeAccount } from './api.ts';
import { AccountsTable } from './CustomerKycPage.tsx';
import { Empty, ErrorAlert, fieldErrors, Panel } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function Decide({ account }: { account: PayeeAccount }) {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [method, setMethod] = useState('callback');
  const [note, setNote] = useState('');
  const [verificationId, setVerificationId] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'payee-changes'] });
  const verify = useMutation({
    mutationFn: () =>
      api.post(`/api/v1/payee-changes/${account.id}/verify`, {
        method,
        note,
        ...(method === 'identity_check' ? { verificationId } : {}),
      }),
    onSuccess: done,
  });
  const reject = useMutation({
    mutationFn: () => api.post(`/api/v1/payee-changes/${account.id}/reject`, { reason: note }),
    onSuccess: done,
  });
  const errors = { ...fieldErrors(reject.error), ...fieldErrors(verify.error) };
  return (
    <Table.Tr>
      <Table.Td colSpan={7}>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {account.customerName} · {kt(`payee.${account.payee}`)} · {account.bankName} {account.account}
          </Text>
          <Group align="flex-end">
            <Select
              label={kt('payees.method')}
              allowDeselect={false}
              value={method}
              onChange={(v) => setMethod(v ?? 'callback')}
              data={[
                { value: 'callback', label: kt('payees.callback') },
                { value: 'identity_check', label: kt('payees.identityCheck') },
              ]}
            />
            {method === 'identity_check' && (
              <TextInput
                label={kt('payees.verificationId')}
                value={verificationId}
                error={errors.verificationId}
                onChange={(e) => setVerificationId(e.currentTarget.value)}
              />
            )}
            <TextInput
              label={kt('payees.note')}
              value={note}
              error={errors.note ?? errors.reason}
              onChange={(e) => setNote(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button onClick={() => verify.mutate()} loading={verify.isPending}>
              {kt('payees.verify')}
            </Button>
            <Button color="red" variant="light" onClick={() => reject.mutate()} loading={reject.isPending}>
              {kt('payees.reject')}
            </Button>
          </Group>
          <ErrorAlert error={verify.error ?? reject.error} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export default function PayeeChangesPage() {
  const { kt } = useScreeningT();
  const can = useCan();
  const [status, setStatus] = useState<string>('pending');
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'payee-changes', status],
    queryFn: ({ signal }) =>
      api.get<{ items: PayeeAccount[] }>('/api/v1/payee-changes', { query: { status }, signal }),
  });
  const items = q.data?.items ?? [];
  return (
    <Stack>
      <PageHeader
        title={kt('payees.title')}
        description={kt('payees.description')}
        actions={
          <Select
            aria-label={kt('accounts.status')}
            allowDeselect={false}
            value={status}
            onChange={(v) => setStatus(v ?? 'pending')}
            data={ACCOUNT_STATUSES.map((s) => ({ value: s, label: kt(`status.${s}`) }))}
          />
        }
      />
      {q.isError && <ErrorAlert error={q.error} />}
      <Panel title={kt('payees.list')} testId="payee-changes">
        {q.data && items.length === 0 ? (
          <Empty>{kt('payees.empty')}</Empty>
        ) : (
          <>
            <AccountsTable accounts={items} showCustomer />
            {can('payees.verify') && status === 'pending' && (
              <Table>
                <Table.Tbody>
                  {items.map((a) => (
                    <Decide key={a.id} account={a} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Panel>
    </Stack>
  );
}
