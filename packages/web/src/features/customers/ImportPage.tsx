import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Progress, SimpleGrid, Stack, Stepper, Table, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconPlayerPlay, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { CUSTOMERS_KEY, type ImportJob, type ImportRowError } from '../../api/customers.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';

const IMPORTS = '/api/v1/customers/imports';
const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function useJob(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`${IMPORTS}/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 700 : false),
  });
}

function RowErrors({ rows, testId }: { rows: ImportRowError[]; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={480} mah={360}>
      <Table striped withTableBorder fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('imports.row')}</Table.Th>
            <Table.Th w={200}>{t('imports.field')}</Table.Th>
            <Table.Th>{t('imports.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e, i) => (
            <Table.Tr key={`${e.row}-${e.field}-${i}`}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td ff="monospace">{e.field}</Table.Td>
              <Table.Td>{e.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function JobResult({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const pct = job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : job.status === 'running' ? 0 : 100;
  return (
    <Stack gap="sm" data-testid={job.dryRun ? 'dry-run-result' : 'import-result'}>
      <Group justify="space-between">
        <Text fw={600}>{job.dryRun ? t('imports.dryRunResult') : t('imports.importResult')}</Text>
        <Badge color={job.status === 'done' ? (job.failedRows > 0 ? 'orange' : 'green') : job.status === 'failed' ? 'red' : 'blue'} data-testid="job-status">
          {t(`imports.status.${job.status}`)}
        </Badge>
      </Group>
      <Progress value={pct} animated={job.status === 'running'} aria-label={t('imports.progress')} />
      <Text size="sm" c="dimmed">
        {t('imports.processed', { processed: job.processedRows, total: job.totalRows })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat name={job.dryRun ? t('imports.wouldCreate') : t('imports.created')} value={job.createdRows} testId="job-created" />
        <Stat name={t('imports.skipped')} value={job.skippedRows} />
        <Stat name={t('imports.failed')} value={job.failedRows} testId="job-failed" color={job.failedRows > 0 ? 'red' : undefined} />
        <Stat name={t('imports.warnings')} value={job.warnings.length} />
      </SimpleGrid>
      {job.errors.length > 0 && <Text size="sm" fw={600}>{t('imports.errors')}</Text>}
      <RowErrors rows={job.errors} testId="import-errors" />
      {job.warnings.length > 0 && <Text size="sm" fw={600}>{t('imports.warningsTitle')}</Text>}
      <RowErrors rows={job.warnings} testId="import-warnings" />
    </Stack>
  );
}

function Stat({ name, value, testId, color }: { name: string; value: number; testId?: string; color?: string }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {name}
      </Text>
      <Text fw={700} fz="xl" c={color} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const dryRun = useJob(dryRunId);
  const run = useJob(importId);
  const recent = useQuery({ queryKey: ['imports', 'recent'], queryFn: ({ signal }) => api.get<ImportJob[]>(IMPORTS, { signal }) });

  const start = useMutation({
    mutationFn: async (dry: boolean) => {
      if (!file) throw new Error('no file');
      // A workbook goes as it is (the server reads its first sheet); CSV as UTF-8 text.
      const raw = /\.xlsx$/i.test(file.name)
        ? { body: file, contentType: XLSX_MEDIA_TYPE }
        : { body: await file.text(), contentType: 'text/csv' };
      return api.post<ImportJob>(IMPORTS, undefined, {
        query: { dryRun: dry ? 'true' : 'false', fileName: file.name },
        raw,
      });
    },
    onSuccess: (job, dry) => {
      qc.setQueryData(['imports', job.id], job);
      if (dry) {
        setDryRunId(job.id);
        setImportId(null);
      } else setImportId(job.id);
    },
  });

  // Once the real import has finished, lists elsewhere are out of date.
  const finishedId = run.data && run.data.status !== 'running' ? run.data.id : null;
  useEffect(() => {
    if (!finishedId) return;
    void qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
    void qc.invalidateQueries({ queryKey: ['imports', 'recent'] });
  }, [finishedId, qc]);

  const step = importId ? 2 : dryRunId ? 1 : 0;
  const dryDone = dryRun.data?.status === 'done';
  const recentJobs = recent.data ?? [];

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Stepper active={step} size="sm" mb="md" allowNextStepsSelect={false}>
            <Stepper.Step label={t('imports.stepFile')} description={t('imports.stepFileHint')} />
            <Stepper.Step label={t('imports.stepDryRun')} description={t('imports.stepDryRunHint')} />
            <Stepper.Step label={t('imports.stepImport')} description={t('imports.stepImportHint')} />
          </Stepper>
          <Stack gap="sm">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Button variant="default" component="a" href={`${IMPORTS}/template.csv`} download="customers-template.csv" leftSection={<IconDownload size={16} />} data-testid="import-template">
                {t('imports.template')}
              </Button>
              <Button variant="default" component="a" href={`${IMPORTS}/template.xlsx`} download="customers-template.xlsx" leftSection={<IconDownload size={16} />} data-testid="import-template-xlsx">
                {t('imports.templateXlsx')}
              </Button>
              <FileInput
                style={{ flex: '1 1 260px' }}
                label={t('imports.file')}
                description={t('imports.fileHint')}
                placeholder={t('imports.choose')}
                accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconFileSpreadsheet size={16} />}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setDryRunId(null);
                  setImportId(null);
                }}
                clearable
                data-testid="import-file"
              />
            </Group>
            {start.isError && (
              <Alert color="red" role="alert">
                {message(start.error)}
              </Alert>
            )}
            <Group gap="sm">
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                variant="light"
                disabled={!file || dryRun.data?.status === 'running'}
                loading={start.isPending && start.variables}
                onClick={() => start.mutate(true)}
                data-testid="import-dry-run"
              >
                {t('imports.runDryRun')}
              </Button>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!file || !dryDone || importId !== null}
                loading={start.isPending && !start.variables}
                onClick={() => start.mutate(false)}
                data-testid="import-run"
              >
                {dryRun.data && dryRun.data.failedRows > 0 ? t('imports.importValidRows', { count: dryRun.data.createdRows }) : t('imports.runImport')}
              </Button>
            </Group>
            {dryRun.isError && <Alert color="red">{message(dryRun.error)}</Alert>}
            {dryRun.data && <JobResult job={dryRun.data} />}
            {run.isError && <Alert color="red">{message(run.error)}</Alert>}
            {run.data && <JobResult job={run.data} />}
          </Stack>
        </Card>

        {recentJobs.length > 0 && (
          <Card withBorder padding="md">
            <Text fw={600} mb="xs">
              {t('imports.recent')}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('imports.file')}</Table.Th>
                    <Table.Th>{t('imports.startedAt')}</Table.Th>
                    <Table.Th>{t('imports.created')}</Table.Th>
                    <Table.Th>{t('imports.failed')}</Table.Th>
                    <Table.Th>{t('imports.statusLabel')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {recentJobs.slice(0, 10).map((j) => (
                    <Table.Tr key={j.id}>
                      <Table.Td>
                        <Anchor size="sm" onClick={() => (j.dryRun ? setDryRunId(j.id) : setImportId(j.id))}>
                          {j.fileName ?? j.id.slice(0, 8)}
                        </Anchor>{' '}
                        {j.dryRun && (
                          <Badge size="xs" variant="outline">
                            {t('imports.dryRun')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(j.startedAt, i18n.language)} · {j.startedBy ?? '—'}
                      </Table.Td>
                      <Table.Td>{j.createdRows}</Table.Td>
                      <Table.Td>{j.failedRows}</Table.Td>
                      <Table.Td>{t(`imports.status.${j.status}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </Stack>
    </>
  );
}
