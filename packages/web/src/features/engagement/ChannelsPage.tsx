// Channel settings (messages.read; in the navigation for administrators): which driver carries each
// channel and where to, quiet hours, frequency caps and the retry policy. They come from the
// server's environment (docs/operations.md), so this page shows them and never a secret.
import { Alert, Badge, Card, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, ENGAGEMENT_KEY, type ChannelSettings } from './api.ts';
import { Panel } from './components.tsx';
import { useEngagementT } from './i18n.ts';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Card>
  );
}

export default function ChannelsPage() {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'channels'],
    queryFn: ({ signal }) => api.get<ChannelSettings>(`${BASE}/channels`, { signal }),
  });
  const s = query.data;
  return (
    <>
      <PageHeader title={et('channels.title')} description={et('channels.description')} />
      {query.isPending && <Loader />}
      {query.isError && (
        <Alert color="red" role="alert">
          {message(query.error)}
        </Alert>
      )}
      {s && (
        <Stack>
          <Panel title={et('channels.drivers')} testId="channels-table">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{et('field.channel')}</Table.Th>
                  <Table.Th>{et('channels.driver')}</Table.Th>
                  <Table.Th>{et('channels.endpoint')}</Table.Th>
                  <Table.Th>{et('channels.quiet')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.channels.map((c) => (
                  <Table.Tr key={c.channel} data-testid="channel-row">
                    <Table.Td>{et(`channel.${c.channel}`, { defaultValue: c.channel })}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{et(`driver.${c.driver}`, { defaultValue: c.driver })}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {c.endpoint ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {s.quietHours.channels.includes(c.channel) ? et('channels.waitsForQuietHours') : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Fact label={et('channels.smtpFrom')} value={s.smtpFrom} />
            <Fact label={et('channels.publicBaseUrl')} value={s.publicBaseUrl} />
            <Fact
              label={et('channels.webhookSecret')}
              value={s.webhookSecretSet ? et('channels.set') : et('channels.notSet')}
            />
            <Fact label={et('channels.quietHours')} value={`${s.quietHours.start} – ${s.quietHours.end}`} />
            <Fact
              label={et('channels.marketingCap')}
              value={et('channels.perWeek', { count: s.frequencyCaps.marketingPerWeek })}
            />
            <Fact
              label={et('channels.serviceCap')}
              value={et('channels.perDay', { count: s.frequencyCaps.servicePerDay })}
            />
            <Fact
              label={et('channels.retry')}
              value={et('channels.retryPolicy', {
                base: s.retry.baseSeconds,
                max: s.retry.maxSeconds,
                attempts: s.retry.maxAttempts,
              })}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {et('channels.howToChange')}
          </Text>
        </Stack>
      )}
    </>
  );
}
