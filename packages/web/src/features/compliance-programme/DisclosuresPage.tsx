// Disclosures: staff see what was delivered and what still waits for acknowledgement; a borrower
// reads each of their own disclosures in the portal and acknowledges it exactly as delivered.
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, PROGRAMME_KEY, type Disclosure } from './api.ts';
import { useProgrammeT } from './i18n.ts';

export function MyDisclosuresPage() {
  const { pt, zh } = useProgrammeT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: [...PROGRAMME_KEY, 'my-disclosures'],
    queryFn: () => api.get<{ items: Disclosure[] }>('/api/v1/portal/disclosures'),
  });
  const ack = useMutation({
    mutationFn: (d: Disclosure) =>
      api.post(`/api/v1/portal/disclosures/${d.id}/acknowledge`, { contentSha256: d.contentSha256 }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...PROGRAMME_KEY, 'my-disclosures'] }),
  });
  return (
    <Stack>
      <PageHeader title={pt('disclosures.myTitle')} description={pt('disclosures.myDescription')} />
      {ack.error && <Alert color="red">{problem(ack.error)}</Alert>}
      {(mine.data?.items ?? []).map((d) => (
        <Card key={d.id} withBorder data-testid="disclosure">
          <Group justify="space-between">
            <Text fw={600}>{zh ? d.titleZh : d.titleEn}</Text>
            <Badge variant="light">{pt(`stage.${d.stage}`)}</Badge>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs">
            {zh ? d.contentZh : d.contentEn}
          </Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} mt="xs">
            {zh ? d.contentEn : d.contentZh}
          </Text>
          <Group mt="xs">
            {d.acknowledgedAt ? (
              <Text size="sm" c="green">
                {pt('disclosures.acknowledgedOn', { at: d.acknowledgedAt.slice(0, 16).replace('T', ' ') })}
              </Text>
            ) : (
              <Button size="xs" onClick={() => ack.mutate(d)} loading={ack.isPending}>
                {pt('disclosures.acknowledge')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
      {mine.data?.items.length === 0 && <Text c="dimmed">{pt('disclosures.none')}</Text>}
    </Stack>
  );
}

export default function DisclosuresPage() {
  const { pt, zh } = useProgrammeT();
  const [pending, setPending] = useState('true');
  const log = useQuery({
    queryKey: [...PROGRAMME_KEY, 'disclosures', pending],
    queryFn: () => api.get<{ items: Disclosure[] }>(`${BASE}/disclosures?pending=${pending}`),
  });
  return (
    <Stack>
      <PageHeader title={pt('disclosures.title')} description={pt('disclosures.description')} />
      <SegmentedControl
        value={pending}
        onChange={setPending}
        data={[
          { value: 'true', label: pt('disclosures.pending') },
          { value: 'false', label: pt('disclosures.all') },
        ]}
      />
      <Table striped data-testid="disclosure-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pt('disclosures.stage')}</Table.Th>
            <Table.Th>{pt('disclosures.titleColumn')}</Table.Th>
            <Table.Th>{pt('disclosures.delivered')}</Table.Th>
            <Table.Th>{pt('disclosures.acknowledged')}</Table.Th>
            <Table.Th>{pt('disclosures.hash')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(log.data?.items ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                {pt(`stage.${d.stage}`)} v{d.templateVersion}
              </Table.Td>
              <Table.Td>{zh ? d.titleZh : d.titleEn}</Table.Td>
              <Table.Td>{d.deliveredAt.slice(0, 16).replace('T', ' ')}</Table.Td>
              <Table.Td>
                {d.acknowledgedAt
                  ? `${d.acknowledgedAt.slice(0, 16).replace('T', ' ')} · ${d.acknowledgedByName ?? ''} · ${pt(`channel.${d.acknowledgedChannel ?? 'portal'}`)}`
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {d.contentSha256.slice(0, 12)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
