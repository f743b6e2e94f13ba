// Staff: the application queue with SLA timers (waiting applications first), and the approval
// inbox for second approvers (the same list, only those waiting for four eyes).
import { Alert, Anchor, Group, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { ORIG_KEY, staffApi } from './api.ts';
import { MoneyMinor, SlaTimer, StatusBadge } from './components.tsx';
import { useOrigT } from './i18n.ts';

const VIEWS = {
  waiting: 'submitted,referred,pending_approval',
  approved: 'approved,contracted',
  done: 'disbursed,declined,withdrawn',
  drafts: 'draft',
} as const;

export default function QueuePage({ approvals = false }: { approvals?: boolean }) {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const [view, setView] = useState<keyof typeof VIEWS>('waiting');
  const status = approvals ? 'pending_approval' : VIEWS[view];
  const list = useQuery({
    queryKey: [...ORIG_KEY, 'queue', status],
    queryFn: ({ signal }) => staffApi.list({ status, limit: 200 }, signal),
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageHeader
        title={approvals ? ot('approvals.title') : ot('queue.title')}
        description={approvals ? ot('approvals.description') : ot('queue.description')}
      />
      {!approvals && (
        <SegmentedControl
          mb="md"
          value={view}
          onChange={(v) => setView(v)}
          data={(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((k) => ({
            value: k,
            label: ot(`queue.view.${k}`),
          }))}
        />
      )}
      {list.isError && <Alert color="red">{message(list.error)}</Alert>}
      {list.isPending && <Loader />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{ot('queue.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table striped highlightOnHover data-testid="application-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{ot('queue.number')}</Table.Th>
              <Table.Th>{ot('queue.applicant')}</Table.Th>
              <Table.Th>{ot('queue.channel')}</Table.Th>
              <Table.Th>{ot('queue.product')}</Table.Th>
              <Table.Th>{ot('queue.amount')}</Table.Th>
              <Table.Th>{ot('queue.status')}</Table.Th>
              <Table.Th>{ot('queue.enrolment')}</Table.Th>
              <Table.Th>{ot('queue.submitted')}</Table.Th>
              <Table.Th>{ot('queue.sla')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id} data-testid="queue-row">
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${a.id}`}>
                    {a.applicationNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.applicantName ?? '—'}</Table.Td>
                <Table.Td>{ot(`channel.${a.channel}`)}</Table.Td>
                <Table.Td>{a.productCode ?? '—'}</Table.Td>
                <Table.Td>
                  <MoneyMinor minor={a.requestedTotalMinor} currency={a.currency} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={a.status} />
                </Table.Td>
                <Table.Td>{ot(`enrolment.${a.enrolmentCheck}`)}</Table.Td>
                <Table.Td>{a.submittedAt ? formatDateTime(a.submittedAt, lang) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <SlaTimer sla={a.sla} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

export function ApprovalsPage() {
  return <QueuePage approvals />;
}
