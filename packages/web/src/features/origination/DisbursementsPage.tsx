// Staff: the disbursement batch — tranches of signed contracts not yet paid, chosen and paid
// together (each with its own idempotency key, so a double click pays once), and recent payouts.
import { Alert, Badge, Button, Checkbox, Loader, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { ORIG_KEY, staffApi } from './api.ts';
import { useOrigT } from './i18n.ts';

const keyOf = (applicationId: string, tranche: number) => `${applicationId}:tranche:${tranche}`;

export default function DisbursementsPage() {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const queue = useQuery({
    queryKey: [...ORIG_KEY, 'disbursements'],
    queryFn: ({ signal }) => staffApi.queue(signal),
  });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const batch = useMutation({
    mutationFn: () =>
      staffApi.batch(
        (queue.data?.ready ?? [])
          .filter((r) => chosen.has(keyOf(r.applicationId, r.tranche)))
          .map((r) => ({
            applicationId: r.applicationId,
            tranche: r.tranche,
            idempotencyKey: keyOf(r.applicationId, r.tranche),
          })),
      ),
    onSuccess: () => {
      setChosen(new Set());
      void qc.invalidateQueries({ queryKey: ORIG_KEY });
    },
  });
  const toggle = (k: string) =>
    setChosen((s) => (s.has(k) ? new Set([...s].filter((x) => x !== k)) : new Set([...s, k])));
  const ready = queue.data?.ready ?? [];
  return (
    <>
      <PageHeader
        title={ot('disburse.title')}
        description={ot('disburse.description')}
        actions={
          <Button
            disabled={chosen.size === 0}
            onClick={() => batch.mutate()}
            loading={batch.isPending}
            data-testid="pay-batch"
          >
            {ot('disburse.payChosen', { n: chosen.size })}
          </Button>
        }
      />
      {queue.isError && <Alert color="red">{message(queue.error)}</Alert>}
      {batch.isError && <Alert color="red">{message(batch.error)}</Alert>}
      {batch.data && (
        <Alert
          color={batch.data.results.every((r) => r.ok) ? 'teal' : 'orange'}
          mb="md"
          data-testid="batch-result"
        >
          {ot('disburse.result', {
            ok: batch.data.results.filter((r) => r.ok).length,
            failed: batch.data.results.filter((r) => !r.ok).length,
          })}
          {batch.data.results
            .filter((r) => !r.ok)
            .map((r) => (
              <Text key={`${r.applicationId}${r.tranche}`} size="sm">
                {r.problem?.detail}
              </Text>
            ))}
        </Alert>
      )}
      {queue.isPending && <Loader />}
      {queue.data && ready.length === 0 && <Text c="dimmed">{ot('disburse.empty')}</Text>}
      {ready.length > 0 && (
        <Table striped data-testid="ready-tranches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{ot('queue.number')}</Table.Th>
              <Table.Th>{ot('queue.applicant')}</Table.Th>
              <Table.Th>{ot('disburse.tranche')}</Table.Th>
              <Table.Th>{ot('disburse.planned')}</Table.Th>
              <Table.Th>{ot('queue.amount')}</Table.Th>
              <Table.Th>{ot('disburse.payee')}</Table.Th>
              <Table.Th>{ot('queue.enrolment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ready.map((r) => {
              const k = keyOf(r.applicationId, r.tranche);
              return (
                <Table.Tr key={k} data-testid="ready-tranche">
                  <Table.Td>
                    <Checkbox
                      checked={chosen.has(k)}
                      disabled={!r.enrolmentConfirmed}
                      onChange={() => toggle(k)}
                      aria-label={r.applicationNumber}
                      data-testid="choose-tranche"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Link to={`/applications/${r.applicationId}`}>{r.applicationNumber}</Link>
                  </Table.Td>
                  <Table.Td>{r.applicantName}</Table.Td>
                  <Table.Td>
                    {r.tranche} · {r.academicYear}
                  </Table.Td>
                  <Table.Td>{formatDate(r.plannedDate, lang)}</Table.Td>
                  <Table.Td>{formatMoney(r.amount, r.currency)}</Table.Td>
                  <Table.Td>{ot(`payee.${r.payee}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={r.enrolmentConfirmed ? 'teal' : 'orange'} variant="light">
                      {ot(r.enrolmentConfirmed ? 'enrolment.confirmed' : 'enrolment.pending')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4} mt="xl" mb="sm">
        {ot('disburse.recent')}
      </Title>
      <Table>
        <Table.Tbody>
          {(queue.data?.recent ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Link to={`/applications/${d.applicationId}`}>{ot('offer.trancheN', { n: d.tranche })}</Link>
              </Table.Td>
              <Table.Td>{d.academicYear}</Table.Td>
              <Table.Td>{formatMoney(d.amount, d.currency)}</Table.Td>
              <Table.Td>{ot(`payee.${d.payee}`)}</Table.Td>
              <Table.Td>{ot(`disbursementStatus.${d.status}`)}</Table.Td>
              <Table.Td>{formatDateTime(d.postedAt ?? d.createdAt, lang)}</Table.Td>
              <Table.Td>{d.createdBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
