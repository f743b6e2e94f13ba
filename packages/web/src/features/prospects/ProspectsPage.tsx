// The prospect pipeline: a kanban of the stages (best score first in each) or a filtered list,
// with round-robin assignment, the outcome update and the CSV import.
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import {
  BASE,
  PROSPECT_SOURCES,
  PROSPECT_STAGES,
  PROSPECTS_KEY,
  type ImportResult,
  type Prospect,
  type ProspectPage,
} from './api.ts';
import { useProspectsT } from './i18n.ts';

function ScoreBadge({ score }: { score: number }) {
  return <Badge color={score >= 60 ? 'green' : score >= 35 ? 'yellow' : 'gray'}>{score}</Badge>;
}

function ProspectCard({ p }: { p: Prospect }) {
  const { pt } = useProspectsT();
  return (
    <Card withBorder padding="xs" component={Link} to={`/prospects/${p.id}`}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={500} size="sm" truncate>
          {p.legalName}
        </Text>
        <ScoreBadge score={p.score} />
      </Group>
      <Text size="xs" c="dimmed">
        {p.reference} · {pt(`source.${p.source}`)}
      </Text>
      <Text size="xs" c="dimmed">
        {p.assignedName ?? pt('pipeline.unassigned')}
      </Text>
    </Card>
  );
}

function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { pt } = useProspectsT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [partner, setPartner] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const run = useMutation({
    mutationFn: async () =>
      api.post<ImportResult>(`${BASE}/prospects/import`, {
        csv: await file!.text(),
        source: partner ? 'partner_school' : 'csv',
        dryRun,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: PROSPECTS_KEY }),
  });
  const r = run.data;
  return (
    <Modal opened={opened} onClose={onClose} title={pt('import.title')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {pt('import.help')}
        </Text>
        <FileInput label={pt('import.file')} accept=".csv,text/csv" value={file} onChange={setFile} />
        <Checkbox
          label={pt('import.partner')}
          checked={partner}
          onChange={(e) => setPartner(e.currentTarget.checked)}
        />
        <Checkbox
          label={pt('import.dryRun')}
          checked={dryRun}
          onChange={(e) => setDryRun(e.currentTarget.checked)}
        />
        <Button onClick={() => run.mutate()} disabled={!file} loading={run.isPending}>
          {pt('import.run')}
        </Button>
        {run.error && <Alert color="red">{problem(run.error)}</Alert>}
        {r && (
          <Stack gap="xs">
            <Alert color={r.errors.length ? 'yellow' : 'green'}>{pt('import.result', { ...r })}</Alert>
            {r.errors.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{pt('import.line')}</Table.Th>
                    <Table.Th>{pt('import.field')}</Table.Th>
                    <Table.Th>{pt('import.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.line}</Table.Td>
                      <Table.Td>{e.field}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}

export default function ProspectsPage() {
  const { pt, lang } = useProspectsT();
  const can = useCan();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [view, setView] = useState<'kanban' | 'list'>('kanban');
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const query = { q: q || undefined, stage: stage ?? undefined, source: source ?? undefined, limit: 500 };
  const list = useQuery({
    queryKey: [...PROSPECTS_KEY, query],
    queryFn: ({ signal }) => api.get<ProspectPage>(`${BASE}/prospects`, { query, signal }),
  });
  const autoAssign = useMutation({
    mutationFn: () => api.post<{ assigned: unknown[] }>(`${BASE}/prospects/auto-assign`, { limit: 100 }),
    onSuccess: (r) => {
      setNotice(pt('pipeline.assigned', { count: r.assigned.length }));
      return qc.invalidateQueries({ queryKey: PROSPECTS_KEY });
    },
  });
  const sync = useMutation({
    mutationFn: () => api.post<{ funded: number; lost: number }>(`${BASE}/prospects/sync-outcomes`, {}),
    onSuccess: (r) => {
      setNotice(pt('pipeline.synced', { ...r }));
      return qc.invalidateQueries({ queryKey: PROSPECTS_KEY });
    },
  });
  const items = list.data?.items ?? [];
  const manage = can('prospects.manage');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{pt('pipeline.title')}</Title>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v)}
            data={[
              { value: 'kanban', label: pt('pipeline.kanban') },
              { value: 'list', label: pt('pipeline.list') },
            ]}
          />
          {manage && (
            <>
              <Button variant="default" onClick={() => autoAssign.mutate()} loading={autoAssign.isPending}>
                {pt('pipeline.autoAssign')}
              </Button>
              <Button variant="default" onClick={() => sync.mutate()} loading={sync.isPending}>
                {pt('pipeline.syncOutcomes')}
              </Button>
              <Button onClick={() => setImporting(true)}>{pt('pipeline.import')}</Button>
            </>
          )}
        </Group>
      </Group>
      {notice && (
        <Alert color="green" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {(autoAssign.error ?? sync.error) && (
        <Alert color="red">{problem(autoAssign.error ?? sync.error)}</Alert>
      )}
      <Group>
        <TextInput
          placeholder={pt('pipeline.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={280}
        />
        <Select
          placeholder={pt('pipeline.allStages')}
          clearable
          value={stage}
          onChange={setStage}
          data={PROSPECT_STAGES.map((s) => ({ value: s, label: pt(`stage.${s}`) }))}
        />
        <Select
          placeholder={pt('pipeline.allSources')}
          clearable
          value={source}
          onChange={setSource}
          data={PROSPECT_SOURCES.map((s) => ({ value: s, label: pt(`source.${s}`) }))}
        />
        <Text size="sm" c="dimmed">
          {pt('pipeline.count', { count: list.data?.total ?? 0 })}
        </Text>
      </Group>
      {list.error && <Alert color="red">{problem(list.error)}</Alert>}
      {view === 'kanban' ? (
        <ScrollArea>
          <SimpleGrid cols={6} miw={1100} spacing="sm">
            {PROSPECT_STAGES.map((s) => (
              <Stack key={s} gap="xs" data-testid={`stage-${s}`}>
                <Group justify="space-between">
                  <Text fw={600}>{pt(`stage.${s}`)}</Text>
                  <Badge variant="light">{list.data?.stageCounts[s] ?? 0}</Badge>
                </Group>
                {items
                  .filter((p) => p.stage === s)
                  .slice(0, 40)
                  .map((p) => (
                    <ProspectCard key={p.id} p={p} />
                  ))}
              </Stack>
            ))}
          </SimpleGrid>
        </ScrollArea>
      ) : items.length === 0 ? (
        <Text c="dimmed">{pt('pipeline.empty')}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pt('pipeline.reference')}</Table.Th>
              <Table.Th>{pt('pipeline.name')}</Table.Th>
              <Table.Th>{pt('pipeline.score')}</Table.Th>
              <Table.Th>{pt('events.status')}</Table.Th>
              <Table.Th>{pt('pipeline.owner')}</Table.Th>
              <Table.Th>{pt('pipeline.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Link to={`/prospects/${p.id}`}>{p.reference}</Link>
                </Table.Td>
                <Table.Td>
                  {p.legalName}
                  <Text size="xs" c="dimmed">
                    {pt(`source.${p.source}`)}
                    {p.trackingCode ? ` · ${p.trackingCode}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ScoreBadge score={p.score} />
                </Table.Td>
                <Table.Td>{pt(`stage.${p.stage}`)}</Table.Td>
                <Table.Td>{p.assignedName ?? pt('pipeline.unassigned')}</Table.Td>
                <Table.Td>{new Date(p.createdAt).toLocaleDateString(lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
