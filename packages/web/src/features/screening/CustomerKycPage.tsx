// A customer's KYC: identity verifications (run one: CN national ID + face match, or US CIP),
// sanctions screening hits and clearance, and the disbursement accounts with their change
// controls (a change waits for re-verification and its cooling-off period).
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { SCREENING_KEY, sha256Hex, type CustomerKyc, type PayeeAccount, type Verification } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function VerifyForm({ customerId }: { customerId: string }) {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'cn_national_id' | 'us_cip'>('cn_national_id');
  const [f, setF] = useState({ name: '', idNumber: '', dateOfBirth: '', line1: '', city: '', region: '', postalCode: '', taxId: '' });
  const [selfie, setSelfie] = useState<File | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value });
  const run = useMutation({
    mutationFn: async () =>
      api.post<Verification>(
        `/api/v1/kyc/customers/${customerId}/verifications`,
        kind === 'cn_national_id'
          ? { kind, name: f.name, idNumber: f.idNumber, selfieSha256: selfie ? await sha256Hex(selfie) : '' }
          : {
              kind,
              name: f.name,
              dateOfBirth: f.dateOfBirth,
              taxId: f.taxId,
              address: { line1: f.line1, city: f.city, region: f.region, postalCode: f.postalCode },
            },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'customer', customerId] }),
  });
  const errors = fieldErrors(run.error);
  return (
    <Stack gap="xs" data-testid="verify-form">
      <Group grow>
        <Select
          label={kt('kyc.kind')}
          allowDeselect={false}
          value={kind}
          onChange={(v) => setKind((v) ?? 'cn_national_id')}
          data={[
            { value: 'cn_national_id', label: kt('kind.cn_national_id') },
            { value: 'us_cip', label: kt('kind.us_cip') },
          ]}
        />
        <TextInput label={kt('kyc.name')} value={f.name} onChange={set('name')} error={errors.name} />
      </Group>
      {kind === 'cn_national_id' ? (
        <Group grow>
          <TextInput label={kt('kyc.idNumber')} value={f.idNumber} onChange={set('idNumber')} error={errors.idNumber} />
          <TextInput
            type="file"
            label={kt('kyc.selfie')}
            accept="image/*"
            error={errors.selfieSha256}
            onChange={(e) => setSelfie(e.currentTarget.files?.[0] ?? null)}
          />
        </Group>
      ) : (
        <>
          <Group grow>
            <TextInput label={kt('kyc.dateOfBirth')} placeholder="YYYY-MM-DD" value={f.dateOfBirth} onChange={set('dateOfBirth')} error={errors.dateOfBirth} />
            <TextInput label={kt('kyc.taxId')} value={f.taxId} onChange={set('taxId')} error={errors.taxId} />
          </Group>
          <Group grow>
            <TextInput label={kt('kyc.line1')} value={f.line1} onChange={set('line1')} error={errors['address.line1']} />
            <TextInput label={kt('kyc.city')} value={f.city} onChange={set('city')} error={errors['address.city']} />
            <TextInput label={kt('kyc.region')} value={f.region} onChange={set('region')} error={errors['address.region']} />
            <TextInput label={kt('kyc.postalCode')} value={f.postalCode} onChange={set('postalCode')} error={errors['address.postalCode']} />
          </Group>
        </>
      )}
      <Group>
        <Button onClick={() => run.mutate()} loading={run.isPending}>
          {kt('kyc.verify')}
        </Button>
        {run.data && <StatusBadge status={run.data.outcome} />}
      </Group>
      <ErrorAlert error={run.error} />
    </Stack>
  );
}

function AccountForm({ customerId, hasAccount }: { customerId: string; hasAccount: boolean }) {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [f, setF] = useState({ payee: 'student', holderName: '', bankName: '', accountNumber: '', reason: '' });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value });
  const run = useMutation({
    mutationFn: () =>
      api.post<PayeeAccount>(`/api/v1/kyc/customers/${customerId}/accounts`, {
        ...f,
        ...(f.reason ? {} : { reason: undefined }),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'customer', customerId] }),
  });
  const errors = fieldErrors(run.error);
  return (
    <Stack gap="xs" mt="sm" data-testid="account-form">
      <Group grow>
        <Select
          label={kt('accounts.payee')}
          allowDeselect={false}
          value={f.payee}
          onChange={(v) => setF({ ...f, payee: v ?? 'student' })}
          data={[
            { value: 'student', label: kt('payee.student') },
            { value: 'school', label: kt('payee.school') },
          ]}
        />
        <TextInput label={kt('accounts.holder')} value={f.holderName} onChange={set('holderName')} error={errors.holderName} />
        <TextInput label={kt('accounts.bank')} value={f.bankName} onChange={set('bankName')} error={errors.bankName} />
        <TextInput label={kt('accounts.number')} value={f.accountNumber} onChange={set('accountNumber')} error={errors.accountNumber} />
      </Group>
      {hasAccount && (
        <TextInput label={kt('accounts.reason')} value={f.reason} onChange={set('reason')} error={errors.reason} />
      )}
      <Group>
        <Button variant="light" onClick={() => run.mutate()} loading={run.isPending}>
          {hasAccount ? kt('accounts.requestChange') : kt('accounts.register')}
        </Button>
      </Group>
      <ErrorAlert error={run.error} />
    </Stack>
  );
}

export function AccountsTable({ accounts, showCustomer = false }: { accounts: PayeeAccount[]; showCustomer?: boolean }) {
  const { kt, lang } = useScreeningT();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table data-testid="accounts">
        <Table.Thead>
          <Table.Tr>
            {showCustomer && <Table.Th>{kt('common.customer')}</Table.Th>}
            <Table.Th>{kt('accounts.payee')}</Table.Th>
            <Table.Th>{kt('accounts.account')}</Table.Th>
            <Table.Th>{kt('accounts.status')}</Table.Th>
            <Table.Th>{kt('accounts.requested')}</Table.Th>
            <Table.Th>{kt('accounts.coolingOffUntil')}</Table.Th>
            <Table.Th>{kt('accounts.verified')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              {showCustomer && (
                <Table.Td>
                  <Anchor component={Link} to={`/screening/customers/${a.customerId}`}>
                    {a.customerName ?? a.customerId.slice(0, 8)}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>{kt(`payee.${a.payee}`)}</Table.Td>
              <Table.Td>
                {a.holderName} · {a.bankName} · {a.account}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge status={a.status} />
                  {a.inCoolingOff && <Badge color="yellow">{kt('accounts.coolingOff')}</Badge>}
                  {a.payable && <Badge color="green">{kt('accounts.payable')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>
                {formatDateTime(a.requestedAt, lang)} · {a.requestedBy ?? ''}
                {a.reason ? ` · ${a.reason}` : ''}
              </Table.Td>
              <Table.Td>{a.coolingOffUntil ? formatDateTime(a.coolingOffUntil, lang) : '—'}</Table.Td>
              <Table.Td>{a.verifiedAt ? `${formatDateTime(a.verifiedAt, lang)} · ${a.verifiedBy ?? ''}` : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function CustomerKycPage() {
  const { customerId = '' } = useParams();
  const { kt, lang } = useScreeningT();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'customer', customerId],
    queryFn: ({ signal }) => api.get<CustomerKyc>(`/api/v1/kyc/customers/${customerId}`, { signal }),
  });
  const screen = useMutation({
    mutationFn: () => api.post(`/api/v1/kyc/customers/${customerId}/screen`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'customer', customerId] }),
  });
  const d = q.data;
  return (
    <Stack>
      <PageHeader
        title={kt('kyc.title')}
        description={kt('kyc.description')}
        actions={
          <Group>
            <Button component={Link} to={`/customers/${customerId}`} variant="default">
              {kt('kyc.profile')}
            </Button>
            {can('kyc.verify') && (
              <Button onClick={() => screen.mutate()} loading={screen.isPending}>
                {kt('kyc.screenNow')}
              </Button>
            )}
          </Group>
        }
      />
      {q.isError && <ErrorAlert error={q.error} />}
      <ErrorAlert error={screen.error} />
      {d && (
        <Alert color={d.clearance.blocked ? 'red' : d.clearance.unresolved > 0 ? 'yellow' : 'green'} data-testid="clearance">
          {d.clearance.blocked
            ? kt('kyc.blocked')
            : d.clearance.unresolved > 0
              ? kt('kyc.unresolved', { count: d.clearance.unresolved })
              : kt('kyc.clear')}
        </Alert>
      )}
      <Panel title={kt('kyc.verifications')} testId="verifications">
        {d && d.verifications.length === 0 ? (
          <Empty>{kt('kyc.noVerifications')}</Empty>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{kt('kyc.when')}</Table.Th>
                <Table.Th>{kt('kyc.kind')}</Table.Th>
                <Table.Th>{kt('kyc.outcome')}</Table.Th>
                <Table.Th>{kt('kyc.reasons')}</Table.Th>
                <Table.Th>{kt('kyc.face')}</Table.Th>
                <Table.Th>{kt('kyc.idNumber')}</Table.Th>
                <Table.Th>{kt('kyc.providerRef')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d?.verifications.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {formatDateTime(v.createdAt, lang)} · {kt(`trigger.${v.trigger}`)}
                  </Table.Td>
                  <Table.Td>{kt(`kind.${v.kind}`)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={v.outcome} />
                  </Table.Td>
                  <Table.Td>{v.reasons.map((r) => kt(`reason.${r}`, { defaultValue: r })).join('; ') || '—'}</Table.Td>
                  <Table.Td>{v.faceMatchScore ?? '—'}</Table.Td>
                  <Table.Td>{v.idNumber}</Table.Td>
                  <Table.Td>
                    {v.provider} · {v.providerRef}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {can('kyc.verify') && <VerifyForm customerId={customerId} />}
      </Panel>
      <Panel title={kt('kyc.hits')} testId="customer-hits">
        {d && d.hits.length === 0 ? (
          <Empty>{kt('kyc.noHits')}</Empty>
        ) : (
          d?.hits.map((h) => (
            <Group key={h.id} gap="xs">
              <StatusBadge status={h.status} />
              <Text size="sm">
                {h.customerName} ↔ {h.matchedName} ({h.listCode} #{h.entryRef}, {h.score.toFixed(3)})
              </Text>
              {can('sanctions.review') && (
                <Anchor component={Link} to="/screening/hits" size="sm">
                  {kt('kyc.toQueue')}
                </Anchor>
              )}
            </Group>
          ))
        )}
      </Panel>
      <Panel title={kt('accounts.title')} testId="customer-accounts">
        {d && d.accounts.length === 0 ? <Empty>{kt('accounts.none')}</Empty> : d && <AccountsTable accounts={d.accounts} />}
        {can('kyc.verify') && d && <AccountForm customerId={customerId} hasAccount={d.accounts.length > 0} />}
      </Panel>
    </Stack>
  );
}
