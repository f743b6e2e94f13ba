// The completion matrix: every staff member against every required course.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, PROGRAMME_KEY, type Matrix } from './api.ts';
import { useProgrammeT } from './i18n.ts';
import { StatusBadge } from './TrainingPage.tsx';

export default function MatrixPage() {
  const { pt, zh } = useProgrammeT();
  const m = useQuery({
    queryKey: [...PROGRAMME_KEY, 'matrix'],
    queryFn: () => api.get<Matrix>(`${BASE}/training/matrix`),
  });
  const d = m.data;
  return (
    <Stack>
      <PageHeader title={pt('matrix.title')} description={pt('matrix.description')} />
      {d && (
        <Group>
          <Badge size="lg" color={d.completionPercent >= 95 ? 'green' : 'orange'}>
            {pt('matrix.completion', { percent: d.completionPercent })}
          </Badge>
          <Badge size="lg" color={d.lapsedStaff.length ? 'red' : 'green'}>
            {pt('matrix.lapsed', { count: d.lapsedStaff.length })}
          </Badge>
        </Group>
      )}
      <Table striped data-testid="training-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pt('matrix.staff')}</Table.Th>
            {(d?.courses ?? []).map((c) => (
              <Table.Th key={c.code}>{zh ? c.titleZh : c.titleEn}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(d?.rows ?? []).map((r) => (
            <Table.Tr key={r.userId}>
              <Table.Td>
                <Text size="sm">{r.displayName}</Text>
                <Text size="xs" c="dimmed">
                  {r.username} · {r.roles.join(', ')}
                </Text>
              </Table.Td>
              {(d?.courses ?? []).map((c) => {
                const cell = r.cells.find((x) => x.code === c.code);
                return <Table.Td key={c.code}>{cell ? <StatusBadge status={cell.status} /> : '—'}</Table.Td>;
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
