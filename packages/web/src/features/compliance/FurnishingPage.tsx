// Credit-bureau furnishing runs: generate (or preview) a bureau's file for a cycle, and the list
// of runs with their status, accounts, corrections and checksum.
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../format.ts';
import { BUREAUS, COMPLIANCE_KEY, type Bureau, type Preview, type Run } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useComplianceT } from './i18n.ts';

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

export default function FurnishingPage() {
  const { ct, lang } = useComplianceT();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [bureau, setBureau] = useState<Bureau>('pboc');
  const [cycle, setCycle] = useState(lastMonth());
  const runs = useQuery({
    queryKey: [...COMPLIANCE_KEY, 'runs'],
    queryFn: () => api.get<{ items: Run[] }>('/api/v1/compliance/furnishing/runs'),
  });
  const preview = useMutation({
    mutationFn: () => api.post<Preview>('/api/v1/compliance/furnishing/preview', { bureau, cycle }),
  });
  const generate = useMutation({
    mutationFn: () => api.post<Run>('/api/v1/compliance/furnishing/runs', { bureau, cycle }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: COMPLIANCE_KEY });
      void navigate(`/compliance/furnishing/${r.id}`);
    },
  });
  const errors = { ...fieldErrors(preview.error), ...fieldErrors(generate.error) };
  return (
    <>
      <PageHeader title={ct('furnishing.title')} description={ct('furnishing.description')} />
      <Stack>
        <Panel title={ct('furnishing.generate')}>
          <Group align="flex-end">
            <Select
              label={ct('furnishing.bureau')}
              data={BUREAUS.map((b) => ({ value: b, label: ct(`bureau.${b}`) }))}
              value={bureau}
              onChange={(v) => v && setBureau(v)}
              allowDeselect={false}
              data-testid="run-bureau"
            />
            <TextInput
              label={ct('furnishing.cycle')}
              value={cycle}
              onChange={(e) => setCycle(e.currentTarget.value)}
              error={errors.cycle}
              placeholder="2026-11"
              data-testid="run-cycle"
            />
            <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending}>
              {ct('furnishing.preview')}
            </Button>
            {can('compliance.manage') && (
              <Button onClick={() => generate.mutate()} loading={generate.isPending} data-testid="run-generate">
                {ct('furnishing.run')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={preview.error ?? generate.error} />
          {preview.data && (
            <Stack gap={4} mt="sm" data-testid="preview">
              <Text size="sm">
                {ct('furnishing.previewSummary', {
                  accounts: preview.data.accounts,
                  corrections: preview.data.corrections,
                  disputed: preview.data.disputed,
                  asOf: preview.data.asOf,
                })}
              </Text>
              <Text size="sm" c={preview.data.valid ? 'teal' : 'red'}>
                {preview.data.valid ? ct('furnishing.valid') : ct('furnishing.invalid', { n: preview.data.errorCount })}
              </Text>
            </Stack>
          )}
        </Panel>
        <Panel title={ct('furnishing.runs')}>
          <ErrorAlert error={runs.error} />
          {runs.data && runs.data.items.length === 0 && <Empty>{ct('furnishing.none')}</Empty>}
          {runs.data && runs.data.items.length > 0 && (
            <Table striped data-testid="runs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ct('furnishing.cycle')}</Table.Th>
                  <Table.Th>{ct('furnishing.bureau')}</Table.Th>
                  <Table.Th>{ct('furnishing.status')}</Table.Th>
                  <Table.Th>{ct('furnishing.accounts')}</Table.Th>
                  <Table.Th>{ct('furnishing.corrections')}</Table.Th>
                  <Table.Th>{ct('furnishing.errors')}</Table.Th>
                  <Table.Th>{ct('furnishing.generatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/compliance/furnishing/${r.id}`}>
                        {r.cycle}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{ct(`bureau.${r.bureau}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td>{r.accounts}</Table.Td>
                    <Table.Td>{r.corrections}</Table.Td>
                    <Table.Td>{r.errorCount}</Table.Td>
                    <Table.Td>{formatDateTime(r.generatedAt, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Panel>
      </Stack>
    </>
  );
}
