// One dispute: what is disputed, its clock, and the resolve form (outcome and what the
// investigation found); the outcome is furnished in the next file and the borrower notified.
import { Anchor, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { COMPLIANCE_KEY, DISPUTE_OUTCOMES, type Dispute } from './api.ts';
import { ClockBadge, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useComplianceT } from './i18n.ts';

function ResolveForm({ d }: { d: Dispute }) {
  const { ct } = useComplianceT();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const m = useMutation({
    mutationFn: () => api.post<Dispute>(`/api/v1/compliance/disputes/${d.id}/resolve`, { outcome, resolution }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: COMPLIANCE_KEY }),
  });
  const errors = fieldErrors(m.error);
  return (
    <Panel title={ct('dispute.resolve')} testId="resolve-form">
      <Stack gap="xs">
        <Select
          label={ct('dispute.outcome')}
          data={DISPUTE_OUTCOMES.map((o) => ({ value: o, label: ct(`outcome.${o}`) }))}
          value={outcome}
          onChange={setOutcome}
          error={errors.outcome}
          data-testid="resolve-outcome"
        />
        <Textarea
          label={ct('dispute.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.currentTarget.value)}
          error={errors.resolution}
          autosize
          minRows={3}
          data-testid="resolve-resolution"
        />
        <Group>
          <Button onClick={() => m.mutate()} loading={m.isPending} data-testid="resolve-submit">
            {ct('dispute.submit')}
          </Button>
        </Group>
        <ErrorAlert error={m.error} />
      </Stack>
    </Panel>
  );
}

export default function DisputePage() {
  const { id = '' } = useParams();
  const { ct, lang } = useComplianceT();
  const can = useCan();
  const q = useQuery({
    queryKey: [...COMPLIANCE_KEY, 'dispute', id],
    queryFn: () => api.get<Dispute>(`/api/v1/compliance/disputes/${id}`),
  });
  const d = q.data;
  return (
    <>
      <PageHeader title={d ? `${ct('dispute.title')} ${d.reference}` : ct('dispute.title')} description={ct('dispute.description')} />
      <ErrorAlert error={q.error} />
      {d && (
        <Stack>
          <Panel title={ct('dispute.details')}>
            <Stack gap={4}>
              <Group>
                <StatusBadge status={d.status} />
                <ClockBadge d={d} />
              </Group>
              <Text size="sm">
                {ct('disputes.loan')}:{' '}
                <Anchor component={Link} to={`/loans/${d.loanId}`}>
                  {d.loanNumber}
                </Anchor>{' '}
                · {ct(`source.${d.source}`)}
                {d.bureauReference ? ` · ${d.bureauReference}` : ''} · {ct(`reason.${d.reason}`)}
              </Text>
              <Text size="sm">{d.description}</Text>
              <Text size="sm" c="dimmed">
                {ct('dispute.received')} {formatDateTime(d.receivedAt, lang)} · {ct('disputes.due')}{' '}
                {formatDateTime(d.dueAt, lang)}
              </Text>
              {d.outcome && (
                <Text size="sm" data-testid="dispute-outcome">
                  {ct(`outcome.${d.outcome}`)} — {d.resolution} ({formatDateTime(d.resolvedAt ?? '', lang)}) ·{' '}
                  {d.furnished ? ct('dispute.furnished') : ct('dispute.awaitingFile')}
                </Text>
              )}
            </Stack>
          </Panel>
          {d.status === 'open' && can('compliance.manage') && <ResolveForm d={d} />}
        </Stack>
      )}
    </>
  );
}
