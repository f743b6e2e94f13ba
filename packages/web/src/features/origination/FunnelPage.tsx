// Staff: the origination funnel — applications by stage, conversion from the stage before, the
// worst drop-off, and median hours to a decision and to the money, overall, by channel and by school.
import { Alert, Loader, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ORIG_KEY, staffApi, type FunnelSummary } from './api.ts';
import { Section } from './components.tsx';
import { useOrigT } from './i18n.ts';

const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));

function Stages({ s }: { s: FunnelSummary }) {
  const { ot } = useOrigT();
  const top = s.stages[0]?.reached || 1;
  return (
    <Stack gap={6}>
      {s.stages.map((st) => (
        <div key={st.stage}>
          <Text size="sm">
            {ot(`stage.${st.stage}`)}: {st.reached}
            {st.conversion !== null && ` (${Math.round(st.conversion * 100)} %)`}
          </Text>
          <Progress value={(st.reached / top) * 100} />
        </div>
      ))}
      {s.dropOff && (
        <Text size="sm" c="orange">
          {ot('funnel.dropOff', {
            from: ot(`stage.${s.dropOff.from}`),
            to: ot(`stage.${s.dropOff.to}`),
            n: s.dropOff.lost,
          })}
        </Text>
      )}
      <Text size="sm">
        {ot('funnel.medianDecision', { h: hours(s.medianHoursToDecision) })} ·{' '}
        {ot('funnel.medianMoney', { h: hours(s.medianHoursToDisbursement) })}
      </Text>
    </Stack>
  );
}

function Breakdown({
  rows,
  label,
}: {
  rows: { key: string; summary: FunnelSummary }[];
  label: (k: string) => string;
}) {
  const { ot } = useOrigT();
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>{ot('funnel.total')}</Table.Th>
          <Table.Th>{ot('stage.submitted')}</Table.Th>
          <Table.Th>{ot('stage.approved')}</Table.Th>
          <Table.Th>{ot('stage.disbursed')}</Table.Th>
          <Table.Th>{ot('funnel.hoursToDecision')}</Table.Th>
          <Table.Th>{ot('funnel.hoursToMoney')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{label(r.key)}</Table.Td>
            <Table.Td>{r.summary.total}</Table.Td>
            <Table.Td>{r.summary.stages[1]?.reached}</Table.Td>
            <Table.Td>{r.summary.stages[3]?.reached}</Table.Td>
            <Table.Td>{r.summary.stages[5]?.reached}</Table.Td>
            <Table.Td>{hours(r.summary.medianHoursToDecision)}</Table.Td>
            <Table.Td>{hours(r.summary.medianHoursToDisbursement)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function FunnelPage() {
  const { ot } = useOrigT();
  const message = useProblemMessage();
  const f = useQuery({ queryKey: [...ORIG_KEY, 'funnel'], queryFn: ({ signal }) => staffApi.funnel(signal) });
  return (
    <>
      <PageHeader title={ot('funnel.title')} description={ot('funnel.description')} />
      {f.isError && <Alert color="red">{message(f.error)}</Alert>}
      {f.isPending && <Loader />}
      {f.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" data-testid="funnel">
          <Section title={ot('funnel.overall', { n: f.data.overall.total })}>
            <Stages s={f.data.overall} />
          </Section>
          <Section title={ot('funnel.byChannel')}>
            <Breakdown rows={f.data.byChannel} label={(k) => ot(`channel.${k}`)} />
          </Section>
          <Section title={ot('funnel.bySchool')}>
            <Breakdown
              rows={f.data.bySchool}
              label={(k) => (k === 'none' ? ot('funnel.noSchool') : k.slice(0, 8))}
            />
          </Section>
        </SimpleGrid>
      )}
    </>
  );
}
