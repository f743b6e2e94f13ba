// One furnishing run: its status, checksum and totals, the validation errors by record and
// field, the accounts it furnished (corrections first), release and download.
import { Anchor, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { COMPLIANCE_KEY, type RunDetail } from './api.ts';
import { Empty, ErrorAlert, Panel, StatusBadge } from './components.tsx';
import { useComplianceT } from './i18n.ts';

export default function RunPage() {
  const { id = '' } = useParams();
  const { ct, lang } = useComplianceT();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [...COMPLIANCE_KEY, 'run', id],
    queryFn: () => api.get<RunDetail>(`/api/v1/compliance/furnishing/runs/${id}`),
  });
  const release = useMutation({
    mutationFn: () => api.post(`/api/v1/compliance/furnishing/runs/${id}/release`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: COMPLIANCE_KEY }),
  });
  const r = q.data;
  return (
    <>
      <PageHeader
        title={r ? `${ct(`bureau.${r.bureau}`)} · ${r.cycle}` : ct('furnishing.title')}
        description={ct('run.description')}
      />
      <ErrorAlert error={q.error} />
      {r && (
        <Stack>
          <Panel title={ct('run.summary')}>
            <Stack gap={4}>
              <Group>
                <StatusBadge status={r.status} />
                <Text size="sm">
                  {ct('run.asOf')}: {r.asOf} · {ct('furnishing.accounts')}: {r.accounts} ·{' '}
                  {ct('furnishing.corrections')}: {r.corrections} · {ct('run.disputed')}: {r.disputed}
                </Text>
              </Group>
              <Text size="sm">
                SHA-256: <Code data-testid="run-sha">{r.sha256}</Code>
              </Text>
              <Text size="sm" c="dimmed">
                {ct('furnishing.generatedAt')} {formatDateTime(r.generatedAt, lang)}
                {r.releasedAt ? ` · ${ct('run.releasedAt')} ${formatDateTime(r.releasedAt, lang)}` : ''}
              </Text>
              <Group mt="xs">
                {can('compliance.manage') && r.status !== 'released' && (
                  <Button
                    onClick={() => release.mutate()}
                    loading={release.isPending}
                    disabled={r.status === 'invalid'}
                    data-testid="run-release"
                  >
                    {ct('run.release')}
                  </Button>
                )}
                {can('compliance.manage') && (
                  <Button component="a" variant="default" href={`/api/v1/compliance/furnishing/runs/${r.id}/file`}>
                    {ct('run.download')} {r.fileName}
                  </Button>
                )}
              </Group>
              <ErrorAlert error={release.error} />
            </Stack>
          </Panel>
          <Panel title={ct('run.errors', { n: r.errorCount })} testId="run-errors">
            {r.errors.length === 0 ? (
              <Empty>{ct('furnishing.valid')}</Empty>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{ct('run.record')}</Table.Th>
                    <Table.Th>{ct('run.field')}</Table.Th>
                    <Table.Th>{ct('run.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.record}</Table.Td>
                      <Table.Td>
                        <Code>{e.field}</Code>
                      </Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Panel>
          <Panel title={ct('run.furnished')}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ct('run.loan')}</Table.Th>
                  <Table.Th>{ct('run.statusCode')}</Table.Th>
                  <Table.Th>{ct('run.historyCode')}</Table.Th>
                  <Table.Th>{ct('run.complianceCode')}</Table.Th>
                  <Table.Th>{ct('run.correction')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.furnished.map((f) => (
                  <Table.Tr key={f.loanId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/loans/${f.loanId}`}>
                        {f.loanId.slice(0, 8)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{f.statusCode}</Table.Td>
                    <Table.Td>{f.historyCode}</Table.Td>
                    <Table.Td>{f.complianceCode ?? ''}</Table.Td>
                    <Table.Td>{f.correction ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Panel>
        </Stack>
      )}
    </>
  );
}
