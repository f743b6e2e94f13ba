// Journeys (messages.read): built-in and the lender's own, with their runs (active, completed,
// exited; treatment and hold-out) from the monitor. Journey managers switch them on and off here.
import { Alert, Anchor, Badge, Button, Card, Loader, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, ENGAGEMENT_KEY, type Journey, type JourneyMonitorRow } from './api.ts';
import { Empty } from './components.tsx';
import { useEngagementT } from './i18n.ts';

export function journeyName(j: Pick<Journey, 'name'>, lang: string): string {
  return lang === 'zh-CN' ? j.name['zh-CN'] : j.name.en;
}

export default function JourneysPage() {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const client = useQueryClient();
  const journeys = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'journeys'],
    queryFn: ({ signal }) =>
      api.get<{ items: Journey[] }>(`${BASE}/journeys`, { signal }).then((r) => r.items),
  });
  const monitor = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'journeys', 'monitor'],
    queryFn: ({ signal }) =>
      api.get<{ items: JourneyMonitorRow[] }>(`${BASE}/journeys/monitor`, { signal }).then((r) => r.items),
    refetchInterval: 15_000,
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.patch<Journey>(`${BASE}/journeys/${id}`, { enabled }),
    onSuccess: async (j) => {
      notifications.show({
        color: 'green',
        message: et(j.enabled ? 'journeys.switchedOn' : 'journeys.switchedOff', {
          name: journeyName(j, lang),
        }),
      });
      await client.invalidateQueries({ queryKey: [...ENGAGEMENT_KEY, 'journeys'] });
    },
  });
  const counts = new Map((monitor.data ?? []).map((m) => [m.journeyId, m]));
  const manage = can('journeys.manage');

  return (
    <>
      <PageHeader
        title={et('journeys.title')}
        description={et('journeys.description')}
        actions={
          <>
            <Button component={Link} to="/engagement/measurement" variant="default">
              {et('measurement.title')}
            </Button>
            {manage && (
              <Button component={Link} to="/engagement/journeys/new" data-testid="journey-new">
                {et('journeys.new')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder padding="md">
        <Stack>
          {(journeys.isError || toggle.isError) && (
            <Alert color="red" role="alert">
              {message(toggle.error ?? journeys.error)}
            </Alert>
          )}
          {journeys.isPending && <Loader />}
          {journeys.data?.length === 0 && <Empty>{et('journeys.empty')}</Empty>}
          {!!journeys.data?.length && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{et('field.name')}</Table.Th>
                    <Table.Th>{et('journeys.kind')}</Table.Th>
                    <Table.Th>{et('journeys.on')}</Table.Th>
                    <Table.Th ta="right">{et('journeys.holdout')}</Table.Th>
                    <Table.Th ta="right">{et('runState.active')}</Table.Th>
                    <Table.Th ta="right">{et('runState.completed')}</Table.Th>
                    <Table.Th ta="right">{et('runState.exited')}</Table.Th>
                    <Table.Th ta="right">{et('journeys.treatmentHoldout')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {journeys.data.map((j) => {
                    const m = counts.get(j.id);
                    return (
                      <Table.Tr key={j.id} data-testid="journey-row">
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/engagement/journeys/${j.id}`}
                            data-testid="journey-link"
                          >
                            {journeyName(j, lang)}
                          </Anchor>
                          {j.description && (
                            <Text size="xs" c="dimmed" lineClamp={2}>
                              {j.description}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="outline" color={j.builtIn ? 'blue' : 'gray'}>
                            {j.builtIn ? et('journeys.builtIn') : et('journeys.custom')}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Switch
                            checked={j.enabled}
                            disabled={!manage || toggle.isPending}
                            onChange={(e) => toggle.mutate({ id: j.id, enabled: e.currentTarget.checked })}
                            aria-label={et('journeys.on')}
                            data-testid="journey-switch"
                          />
                        </Table.Td>
                        <Table.Td ta="right">{j.holdoutPercent} %</Table.Td>
                        <Table.Td ta="right">{m?.active ?? 0}</Table.Td>
                        <Table.Td ta="right">{m?.completed ?? 0}</Table.Td>
                        <Table.Td ta="right">{m?.exited ?? 0}</Table.Td>
                        <Table.Td ta="right">
                          {m?.treatment ?? 0} / {m?.holdout ?? 0}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </>
  );
}
