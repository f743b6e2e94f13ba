// One regulator report run: its files with record counts and SHA-256 checksums (downloadable once
// released), its totals, and every validation issue that held it back.
import { Alert, Anchor, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { DG_KEY, dgApi, reportFileUrl } from './api.ts';
import { QueryState, StatusBadge } from './components.tsx';
import { useDgT } from './i18n.ts';

export default function ReportRunPage() {
  const { id = '' } = useParams();
  const { gt, lang } = useDgT();
  const q = useQuery({
    queryKey: [...DG_KEY, 'report', id],
    queryFn: ({ signal }) => dgApi.report(id, signal),
  });
  const r = q.data;
  return (
    <>
      <PageHeader
        title={r ? `${gt(`report.${r.report}`)} · ${r.period} · v${r.version}` : gt('run.loading')}
        description={gt('reportRun.description')}
        actions={
          <Anchor component={Link} to="/data-governance/reports">
            {gt('common.back')}
          </Anchor>
        }
      />
      <QueryState pending={q.isPending} error={q.error}>
        {r && (
          <Stack>
            <Group>
              <StatusBadge status={r.status} />
              <Text size="sm">
                {gt('reportRun.by', { who: r.createdBy ?? '—', when: formatDateTime(r.createdAt, lang) })}
              </Text>
              <Text size="sm">
                {gt('reportRun.destination', { region: gt(`region.${r.destinationRegion}`) })}
              </Text>
            </Group>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {gt('reportRun.runChecksum')}
              </Text>
              <Text ff="monospace" size="sm" data-testid="run-sha">
                {r.sha256}
              </Text>
            </Card>
            <Table striped data-testid="report-files">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{gt('reportRun.file')}</Table.Th>
                  <Table.Th>{gt('reportRun.records')}</Table.Th>
                  <Table.Th>{gt('reports.checksum')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.files.map((f) => (
                  <Table.Tr key={f.name}>
                    <Table.Td>{f.name}</Table.Td>
                    <Table.Td>{f.records}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="xs">
                        {f.sha256}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.status === 'released' && (
                        <Button component="a" href={reportFileUrl(r.id, f.name)} size="xs" variant="light">
                          {gt('reportRun.download')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Table data-testid="report-totals">
              <Table.Tbody>
                {Object.entries(r.totals).map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td>
                      {gt(`totals.${k.split('_')[0]}`, { defaultValue: k })} {k.split('_')[1] ?? ''}
                    </Table.Td>
                    <Table.Td>{v}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {r.issues.length > 0 && (
              <Alert color="red" title={gt('reportRun.issues', { count: r.issues.length })}>
                <Table data-testid="report-issues">
                  <Table.Tbody>
                    {r.issues.map((i, k) => (
                      <Table.Tr key={k}>
                        <Table.Td>{i.file}</Table.Td>
                        <Table.Td>{i.line || '—'}</Table.Td>
                        <Table.Td>{i.field}</Table.Td>
                        <Table.Td>{i.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Alert>
            )}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
