// Sanctions lists: every imported version with its checksum and counts, the re-screening runs an
// import queued, and the import form (the OFAC sdn.csv + alt.csv pair, or the generic CSV).
import { Button, FileInput, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { SCREENING_KEY, type ImportResult, type ListVersion, type Rescreen } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function ImportForm() {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [format, setFormat] = useState<'ofac_sdn' | 'generic_csv'>('ofac_sdn');
  const [listCode, setListCode] = useState('ofac_sdn');
  const [sourceName, setSourceName] = useState('');
  const [main, setMain] = useState<File | null>(null);
  const [alt, setAlt] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const text = main ? await main.text() : '';
      const body =
        format === 'ofac_sdn'
          ? { format, listCode, sourceName, sdnCsv: text, ...(alt ? { altCsv: await alt.text() } : {}) }
          : { format, listCode, sourceName, csv: text };
      return api.post<ImportResult>('/api/v1/sanctions/imports', body);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'lists'] }),
  });
  const errors = fieldErrors(run.error);
  return (
    <Panel title={kt('lists.import')} testId="list-import">
      <Stack gap="xs">
        <Group grow>
          <Select
            label={kt('lists.format')}
            allowDeselect={false}
            value={format}
            onChange={(v) => {
              const f = (v) ?? 'ofac_sdn';
              setFormat(f);
              if (f === 'ofac_sdn') setListCode('ofac_sdn');
            }}
            data={[
              { value: 'ofac_sdn', label: kt('lists.formatOfac') },
              { value: 'generic_csv', label: kt('lists.formatGeneric') },
            ]}
          />
          <TextInput
            label={kt('lists.listCode')}
            value={listCode}
            error={errors.listCode}
            onChange={(e) => setListCode(e.currentTarget.value)}
          />
          <TextInput
            label={kt('lists.sourceName')}
            value={sourceName}
            error={errors.sourceName}
            onChange={(e) => setSourceName(e.currentTarget.value)}
          />
        </Group>
        <Group grow>
          <FileInput
            label={format === 'ofac_sdn' ? 'sdn.csv' : kt('lists.file')}
            accept=".csv,text/csv"
            value={main}
            onChange={setMain}
            error={errors.sdnCsv ?? errors.csv ?? errors.sdn}
          />
          {format === 'ofac_sdn' && (
            <FileInput label="alt.csv" accept=".csv,text/csv" value={alt} onChange={setAlt} error={errors.alt} clearable />
          )}
        </Group>
        <Group>
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!main}>
            {kt('lists.importButton')}
          </Button>
          {run.data && (
            <Text size="sm" role="status">
              {run.data.unchanged
                ? kt('lists.unchanged', { version: run.data.version.version })
                : kt('lists.imported', { version: run.data.version.version, entries: run.data.version.entryCount })}
            </Text>
          )}
        </Group>
        <ErrorAlert error={run.error} />
      </Stack>
    </Panel>
  );
}

function RescreenRow({ r }: { r: Rescreen }) {
  const { kt, lang } = useScreeningT();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<Rescreen>(`/api/v1/sanctions/rescreens/${r.id}/run`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SCREENING_KEY }),
  });
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(r.createdAt, lang)}</Table.Td>
      <Table.Td>
        <StatusBadge status={r.status} />
      </Table.Td>
      <Table.Td ta="right">{r.screened}</Table.Td>
      <Table.Td ta="right">{r.hits}</Table.Td>
      <Table.Td>{r.finishedAt ? formatDateTime(r.finishedAt, lang) : '—'}</Table.Td>
      <Table.Td>
        {r.status !== 'done' && (
          <Button size="xs" variant="light" onClick={() => run.mutate()} loading={run.isPending}>
            {kt('lists.runNow')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export default function ListsPage() {
  const { kt, lang } = useScreeningT();
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'lists'],
    queryFn: ({ signal }) =>
      api.get<{ versions: ListVersion[]; rescreens: Rescreen[] }>('/api/v1/sanctions/lists', { signal }),
  });
  return (
    <Stack>
      <PageHeader title={kt('lists.title')} description={kt('lists.description')} />
      <ImportForm />
      {q.isError && <ErrorAlert error={q.error} />}
      <Panel title={kt('lists.versions')} testId="list-versions">
        {q.data && q.data.versions.length === 0 ? (
          <Empty>{kt('lists.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{kt('lists.listCode')}</Table.Th>
                  <Table.Th>{kt('lists.version')}</Table.Th>
                  <Table.Th>{kt('lists.sourceName')}</Table.Th>
                  <Table.Th ta="right">{kt('lists.entries')}</Table.Th>
                  <Table.Th ta="right">{kt('lists.aliases')}</Table.Th>
                  <Table.Th ta="right">{kt('lists.rows')}</Table.Th>
                  <Table.Th>{kt('lists.checksum')}</Table.Th>
                  <Table.Th>{kt('lists.importedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data?.versions.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{v.listCode}</Table.Td>
                    <Table.Td>{v.version}</Table.Td>
                    <Table.Td>{v.sourceName}</Table.Td>
                    <Table.Td ta="right">{v.entryCount}</Table.Td>
                    <Table.Td ta="right">{v.aliasCount}</Table.Td>
                    <Table.Td ta="right">{v.rowCount}</Table.Td>
                    <Table.Td>
                      <code title={v.checksum}>{v.checksum.slice(0, 12)}…</code>
                    </Table.Td>
                    <Table.Td>
                      {formatDateTime(v.importedAt, lang)} · {v.importedBy ?? ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Panel>
      <Panel title={kt('lists.rescreens')} testId="rescreens">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{kt('lists.queuedAt')}</Table.Th>
              <Table.Th>{kt('lists.status')}</Table.Th>
              <Table.Th ta="right">{kt('lists.screened')}</Table.Th>
              <Table.Th ta="right">{kt('lists.newHits')}</Table.Th>
              <Table.Th>{kt('lists.finishedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data?.rescreens.map((r) => (
              <RescreenRow key={r.id} r={r} />
            ))}
          </Table.Tbody>
        </Table>
      </Panel>
    </Stack>
  );
}
