// Fair-lending monitoring: run on demand over a period, and each stored run's approval rates,
// adverse-impact ratios and significance by sex and age band.
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, pct, PROGRAMME_KEY, type Run } from './api.ts';
import { useProgrammeT } from './i18n.ts';

export default function FairLendingPage() {
  const { pt } = useProgrammeT();
  const can = useCan();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [from, setFrom] = useState(new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const runs = useQuery({
    queryKey: [...PROGRAMME_KEY, 'runs'],
    queryFn: () => api.get<{ items: Run[] }>(`${BASE}/fair-lending/runs`),
  });
  const run = useMutation({
    mutationFn: () => api.post<Run>(`${BASE}/fair-lending/runs`, { from, to }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...PROGRAMME_KEY, 'runs'] }),
  });
  return (
    <Stack>
      <PageHeader title={pt('fairLending.title')} description={pt('fairLending.description')} />
      {can('fairlending.manage') && (
        <Card withBorder>
          <Group align="end">
            <TextInput
              label={pt('review.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput label={pt('review.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            <Button onClick={() => run.mutate()} loading={run.isPending}>
              {pt('fairLending.run')}
            </Button>
          </Group>
          {run.error && <Alert color="red">{problem(run.error)}</Alert>}
        </Card>
      )}
      {(runs.data?.items ?? []).slice(0, 10).map((r) => (
        <Card key={r.id} withBorder data-testid="fair-lending-run">
          <Group justify="space-between">
            <Text fw={600}>
              {r.periodFrom} – {r.periodTo} · {pt(`trigger.${r.trigger}`)}
            </Text>
            <Group gap="xs">
              <Text size="sm">{pt('fairLending.decisions', { count: r.decisions })}</Text>
              <Badge color={r.flagged ? 'red' : 'green'}>
                {pt('fairLending.flags', { count: r.flagged })}
              </Badge>
            </Group>
          </Group>
          {r.results.map((a) => (
            <Table key={a.attribute} mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{pt(`attribute.${a.attribute}`)}</Table.Th>
                  <Table.Th>{pt('fairLending.applications')}</Table.Th>
                  <Table.Th>{pt('fairLending.approvalRate')}</Table.Th>
                  <Table.Th>{pt('fairLending.ratio')}</Table.Th>
                  <Table.Th>{pt('fairLending.pValue')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.groups.map((g) => (
                  <Table.Tr key={g.group}>
                    <Table.Td>
                      {g.group}
                      {g.group === a.referenceGroup ? ` (${pt('fairLending.reference')})` : ''}
                    </Table.Td>
                    <Table.Td>{g.applications}</Table.Td>
                    <Table.Td>{pct(g.approvalRate)}</Table.Td>
                    <Table.Td>
                      {g.adverseImpactRatio === null ? '—' : g.adverseImpactRatio.toFixed(3)}
                    </Table.Td>
                    <Table.Td>{g.pValue === null ? '—' : `${g.pValue.toFixed(4)} (${g.test})`}</Table.Td>
                    <Table.Td>
                      {g.insufficient ? (
                        <Badge variant="light" color="gray">
                          {pt('fairLending.insufficient')}
                        </Badge>
                      ) : g.adverseImpact ? (
                        <Badge color="red">{pt('fairLending.adverseImpact')}</Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </Card>
      ))}
    </Stack>
  );
}
