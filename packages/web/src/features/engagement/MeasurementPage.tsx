// Measurement (messages.read): delivery, open, click and reply rates per template, journey or
// channel for messages written in [from, to), and a journey's hold-out effect on on-time payment.
import { Alert, Group, Loader, SegmentedControl, Select, Stack, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  BASE,
  defaultRange,
  ENGAGEMENT_KEY,
  percent,
  RATE_DIMENSIONS,
  type Journey,
  type RateRow,
} from './api.ts';
import { Empty, Panel } from './components.tsx';
import { EffectView } from './JourneyPage.tsx';
import { journeyName } from './JourneysPage.tsx';
import { useEngagementT } from './i18n.ts';

export default function MeasurementPage() {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const [range, setRange] = useState(() => defaultRange(new Date()));
  const [by, setBy] = useState<string>('template');
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const journeys = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'journeys'],
    queryFn: ({ signal }) =>
      api.get<{ items: Journey[] }>(`${BASE}/journeys`, { signal }).then((r) => r.items),
  });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to);
  const rates = useQuery<RateRow[]>({
    queryKey: [...ENGAGEMENT_KEY, 'rates', by, range],
    queryFn: ({ signal }) =>
      api
        .get<{ items: RateRow[] }>(`${BASE}/stats/rates`, { query: { by, ...range }, signal })
        .then((r) => r.items),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const names = new Map((journeys.data ?? []).map((j) => [j.id, journeyName(j, lang)]));
  const label = (key: string | null) => {
    if (key === null) return et(`measurement.none.${by}`);
    if (by === 'journey') return names.get(key) ?? key;
    if (by === 'channel') return et(`channel.${key}`, { defaultValue: key });
    return key;
  };

  return (
    <>
      <PageHeader title={et('measurement.title')} description={et('measurement.description')} />
      <Stack>
        <Panel title={et('measurement.rates')} testId="rates-panel">
          <Stack>
            <Group align="flex-end">
              <SegmentedControl
                value={by}
                onChange={setBy}
                data={RATE_DIMENSIONS.map((d) => ({ value: d, label: et(`measurement.by.${d}`) }))}
                data-testid="rates-by"
              />
              <TextInput
                type="date"
                label={et('measurement.from')}
                value={range.from}
                onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={et('measurement.to')}
                value={range.to}
                onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
              />
            </Group>
            {rates.isError && (
              <Alert color="red" role="alert">
                {message(rates.error)}
              </Alert>
            )}
            {rates.isPending && valid && <Loader />}
            {rates.data?.length === 0 && <Empty>{et('measurement.empty')}</Empty>}
            {!!rates.data?.length && (
              <Table.ScrollContainer minWidth={900}>
                <Table striped verticalSpacing="xs" data-testid="rates-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{et(`measurement.by.${by}`)}</Table.Th>
                      <Table.Th ta="right">{et('measurement.total')}</Table.Th>
                      <Table.Th ta="right">{et('status.suppressed')}</Table.Th>
                      <Table.Th ta="right">{et('status.sent')}</Table.Th>
                      <Table.Th ta="right">{et('measurement.deliveryRate')}</Table.Th>
                      <Table.Th ta="right">{et('measurement.openRate')}</Table.Th>
                      <Table.Th ta="right">{et('measurement.clickRate')}</Table.Th>
                      <Table.Th ta="right">{et('measurement.replyRate')}</Table.Th>
                      <Table.Th ta="right">{et('measurement.bouncedFailed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rates.data.map((r) => (
                      <Table.Tr key={r.key ?? '-'} data-testid="rate-row">
                        <Table.Td>{label(r.key)}</Table.Td>
                        <Table.Td ta="right">{r.total}</Table.Td>
                        <Table.Td ta="right">{r.suppressed}</Table.Td>
                        <Table.Td ta="right">{r.sent}</Table.Td>
                        <Table.Td ta="right">{percent(r.deliveryRate)}</Table.Td>
                        <Table.Td ta="right">{percent(r.openRate)}</Table.Td>
                        <Table.Td ta="right">{percent(r.clickRate)}</Table.Td>
                        <Table.Td ta="right">{percent(r.replyRate)}</Table.Td>
                        <Table.Td ta="right">
                          {r.bounced} / {r.failed}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Panel>
        <Panel title={et('measurement.effect')}>
          <Stack>
            <Select
              w={360}
              placeholder={et('measurement.pickJourney')}
              data={(journeys.data ?? []).map((j) => ({
                value: j.id,
                label: `${journeyName(j, lang)} (${j.holdoutPercent} %)`,
              }))}
              value={journeyId}
              onChange={setJourneyId}
              searchable
              data-testid="effect-journey"
            />
            {journeyId ? <EffectView journeyId={journeyId} /> : <Empty>{et('measurement.effectHelp')}</Empty>}
          </Stack>
        </Panel>
      </Stack>
    </>
  );
}
