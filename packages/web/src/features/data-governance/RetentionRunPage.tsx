// One retention run: what it did per record type (anonymised, deleted, held, kept), its errors,
// and the evidence file with its SHA-256 for the regulator's file.
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { DG_KEY, dgApi, evidenceUrl, OUTCOMES } from './api.ts';
import { Checksum, QueryState, StatusBadge } from './components.tsx';
import { useDgT } from './i18n.ts';

export default function RetentionRunPage() {
  const { id = '' } = useParams();
  const { gt, lang } = useDgT();
  const q = useQuery({ queryKey: [...DG_KEY, 'run', id], queryFn: ({ signal }) => dgApi.run(id, signal) });
  const r = q.data;
  return (
    <>
      <PageHeader
        title={r ? gt('run.title', { date: formatDate(r.asOf, lang) }) : gt('run.loading')}
        description={gt('run.description')}
        actions={
          <Anchor component={Link} to="/data-governance/runs">
            {gt('common.back')}
          </Anchor>
        }
      />
      <QueryState pending={q.isPending} error={q.error}>
        {r && (
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <Card withBorder>
                <Text size="sm" c="dimmed">
                  {gt('runs.status')}
                </Text>
                <StatusBadge status={r.status} />
              </Card>
              <Card withBorder>
                <Text size="sm" c="dimmed">
                  {gt('run.started')}
                </Text>
                <Text>{formatDateTime(r.startedAt, lang)}</Text>
              </Card>
              <Card withBorder>
                <Text size="sm" c="dimmed">
                  {gt('runs.finished')}
                </Text>
                <Text>{r.finishedAt ? formatDateTime(r.finishedAt, lang) : '—'}</Text>
              </Card>
              <Card withBorder>
                <Text size="sm" c="dimmed">
                  {gt('run.batches')}
                </Text>
                <Text>{r.batches}</Text>
              </Card>
            </SimpleGrid>
            <Table striped data-testid="run-counts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{gt('schedule.recordType')}</Table.Th>
                  {OUTCOMES.map((o) => (
                    <Table.Th key={o}>{gt(`status.${o}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {Object.entries(r.counts).map(([type, c]) => (
                  <Table.Tr key={type}>
                    <Table.Td>{gt(`recordType.${type}`, { defaultValue: type })}</Table.Td>
                    {OUTCOMES.map((o) => (
                      <Table.Td key={o}>{c[o]}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {r.errors.length > 0 && (
              <Alert color="red" title={gt('run.errors', { count: r.errors.length })}>
                {r.errors.slice(0, 50).map((e) => (
                  <Text key={`${e.recordType}-${e.subjectHash}`} size="sm">
                    {gt(`recordType.${e.recordType}`, { defaultValue: e.recordType })} ·{' '}
                    {e.subjectHash.slice(0, 12)} · {e.message}
                  </Text>
                ))}
              </Alert>
            )}
            <Group>
              <Text size="sm">{gt('run.evidenceChecksum')}</Text>
              <Checksum value={r.evidenceSha256} />
              <Button
                component="a"
                href={evidenceUrl(r.id)}
                variant="light"
                disabled={r.status !== 'completed'}
              >
                {gt('run.downloadEvidence')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
