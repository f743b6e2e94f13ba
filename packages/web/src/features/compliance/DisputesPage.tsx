// Credit-reporting disputes with their 30-day clocks (at-risk and overdue first), and the form
// that enters a bureau's dispute (e-OSCAR ACDV) against a loan.
import { Anchor, Button, Checkbox, Group, SegmentedControl, Select, Stack, Table, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { COMPLIANCE_KEY, DISPUTE_REASONS, type Dispute } from './api.ts';
import { ClockBadge, Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useComplianceT } from './i18n.ts';

function NewBureauDispute() {
  const { ct } = useComplianceT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [loanId, setLoanId] = useState('');
  const [bureauReference, setRef] = useState('');
  const [reason, setReason] = useState<string>('balance');
  const [description, setDescription] = useState('');
  const m = useMutation({
    mutationFn: () =>
      api.post<Dispute>('/api/v1/compliance/disputes', { loanId, bureauReference, reason, description }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: COMPLIANCE_KEY });
      void navigate(`/compliance/disputes/${d.id}`);
    },
  });
  const errors = fieldErrors(m.error);
  return (
    <Panel title={ct('disputes.new')}>
      <Stack gap="xs">
        <Group grow>
          <TextInput label={ct('disputes.loanId')} value={loanId} onChange={(e) => setLoanId(e.currentTarget.value)} error={errors.loanId} />
          <TextInput
            label={ct('disputes.bureauReference')}
            value={bureauReference}
            onChange={(e) => setRef(e.currentTarget.value)}
            error={errors.bureauReference}
          />
          <Select
            label={ct('disputes.reason')}
            data={DISPUTE_REASONS.map((r) => ({ value: r, label: ct(`reason.${r}`) }))}
            value={reason}
            onChange={(v) => v && setReason(v)}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={ct('disputes.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
        />
        <Group>
          <Button onClick={() => m.mutate()} loading={m.isPending}>
            {ct('disputes.create')}
          </Button>
        </Group>
        <ErrorAlert error={m.error} />
      </Stack>
    </Panel>
  );
}

export default function DisputesPage() {
  const { ct, lang } = useComplianceT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const atRisk = params.get('atRisk') === 'true';
  const q = useQuery({
    queryKey: [...COMPLIANCE_KEY, 'disputes', status, atRisk],
    queryFn: () =>
      api.get<{ items: Dispute[]; total: number }>(
        withQuery('/api/v1/compliance/disputes', { status: status === 'all' ? undefined : status, atRisk: atRisk || undefined, limit: 200 }),
      ),
  });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next);
  };
  return (
    <>
      <PageHeader title={ct('disputes.title')} description={ct('disputes.description')} />
      <Stack>
        <Group>
          <SegmentedControl
            value={status}
            onChange={(v) => set('status', v)}
            data={['open', 'resolved', 'all'].map((s) => ({ value: s, label: ct(`status.${s}`) }))}
          />
          <Checkbox label={ct('disputes.atRiskOnly')} checked={atRisk} onChange={(e) => set('atRisk', e.currentTarget.checked ? 'true' : null)} />
        </Group>
        <ErrorAlert error={q.error} />
        {q.data && q.data.items.length === 0 && <Empty>{ct('disputes.none')}</Empty>}
        {q.data && q.data.items.length > 0 && (
          <Table striped data-testid="disputes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{ct('disputes.reference')}</Table.Th>
                <Table.Th>{ct('disputes.loan')}</Table.Th>
                <Table.Th>{ct('disputes.source')}</Table.Th>
                <Table.Th>{ct('disputes.reason')}</Table.Th>
                <Table.Th>{ct('disputes.due')}</Table.Th>
                <Table.Th>{ct('disputes.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/compliance/disputes/${d.id}`}>
                      {d.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.loanNumber}</Table.Td>
                  <Table.Td>{ct(`source.${d.source}`)}</Table.Td>
                  <Table.Td>{ct(`reason.${d.reason}`)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {formatDateTime(d.dueAt, lang)}
                      <ClockBadge d={d} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={d.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {can('compliance.manage') && <NewBureauDispute />}
      </Stack>
    </>
  );
}
