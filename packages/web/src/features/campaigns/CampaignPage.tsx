// One campaign: schedule and progress, variants and tracking codes (the landing links), spend by
// cost line with a form to record more, launch/cancel, and the A/B results against the hold-out.
import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatMoney } from '../../format.ts';
import {
  BASE,
  CAMPAIGNS_KEY,
  COST_LINES,
  majorToMinor,
  minorToMajor,
  pct,
  type Campaign,
  type Experiment,
  type ZTest,
} from './api.ts';
import { useCampaignsT } from './i18n.ts';

function Significance({ t }: { t: ZTest | null | undefined }) {
  const { ct } = useCampaignsT();
  if (!t) return <Text size="sm">—</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm">{ct('ab.lift', { diff: pct(t.difference, 2), rel: pct(t.relativeLift, 0) })}</Text>
      <Text size="xs" c="dimmed">
        p = {t.pValue.toFixed(4)} · z = {t.z.toFixed(2)} · {ct('ab.ci')} [{pct(t.ci95.low, 2)},{' '}
        {pct(t.ci95.high, 2)}]
      </Text>
      {t.pValue < 0.05 ? (
        <Badge color="green" size="xs">
          {ct('ab.significant')}
        </Badge>
      ) : (
        <Badge color="gray" size="xs">
          {ct('ab.notSignificant')}
        </Badge>
      )}
      {!t.adequateSample && (
        <Text size="xs" c="orange">
          {ct('ab.smallSample')}
        </Text>
      )}
    </Stack>
  );
}

function Results({ id }: { id: string }) {
  const { ct } = useCampaignsT();
  const q = useQuery({
    queryKey: [...CAMPAIGNS_KEY, id, 'experiment'],
    queryFn: ({ signal }) => api.get<Experiment>(`${BASE}/campaigns/${id}/experiment`, { signal }),
  });
  if (!q.data) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {ct('ab.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {ct('ab.description', { days: q.data.lookbackDays, holdout: q.data.holdoutPercent })}
      </Text>
      <Table data-testid="ab-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ct('ab.arm')}</Table.Th>
            <Table.Th>{ct('ab.customers')}</Table.Th>
            <Table.Th>{ct('ab.responded')}</Table.Th>
            <Table.Th>{ct('ab.applied')}</Table.Th>
            <Table.Th>{ct('ab.respondedVsHoldout')}</Table.Th>
            <Table.Th>{ct('ab.appliedVsHoldout')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.arms.map((a) => (
            <Table.Tr key={a.arm}>
              <Table.Td>{a.arm === 'holdout' ? ct('ab.holdout') : a.arm}</Table.Td>
              <Table.Td>{a.n}</Table.Td>
              <Table.Td>
                {a.responded} ({pct(a.respondedRate)})
              </Table.Td>
              <Table.Td>
                {a.applied} ({pct(a.appliedRate)})
              </Table.Td>
              <Table.Td>{a.vsHoldout ? <Significance t={a.vsHoldout.responded} /> : '—'}</Table.Td>
              <Table.Td>{a.vsHoldout ? <Significance t={a.vsHoldout.applied} /> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function AddCost({ c }: { c: Campaign }) {
  const { ct } = useCampaignsT();
  const qc = useQueryClient();
  const [costLine, setCostLine] = useState<string | null>('media');
  const [amount, setAmount] = useState('');
  const [incurredOn, setIncurredOn] = useState(new Date().toISOString().slice(0, 10));
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => {
      const minor = majorToMinor(amount);
      if (!minor) throw new Error(ct('cost.badAmount'));
      return api.post<Campaign>(`${BASE}/campaigns/${c.id}/costs`, {
        costLine,
        amountMinor: minor,
        incurredOn,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
    },
    onSuccess: () => {
      setAmount('');
      setDescription('');
      setError(null);
      void qc.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
    },
    onError: (e) =>
      setError(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.message) : e.message),
  });
  return (
    <Group align="flex-end">
      <Select
        label={ct('cost.line')}
        data={COST_LINES.map((l) => ({ value: l, label: ct(`costLine.${l}`) }))}
        value={costLine}
        onChange={setCostLine}
        w={160}
      />
      <TextInput
        label={ct('cost.amount')}
        value={amount}
        onChange={(e) => setAmount(e.currentTarget.value)}
        rightSection={c.currency}
        error={error}
        w={180}
      />
      <TextInput
        label={ct('cost.date')}
        type="date"
        value={incurredOn}
        onChange={(e) => setIncurredOn(e.currentTarget.value)}
      />
      <TextInput
        label={ct('cost.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <Button onClick={() => add.mutate()} loading={add.isPending}>
        {ct('cost.add')}
      </Button>
    </Group>
  );
}

export default function CampaignPage() {
  const { id = '' } = useParams();
  const { ct } = useCampaignsT();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [...CAMPAIGNS_KEY, id],
    queryFn: ({ signal }) => api.get<Campaign>(`${BASE}/campaigns/${id}`, { signal }),
  });
  const act = useMutation({
    mutationFn: (action: 'launch' | 'cancel') => api.post<Campaign>(`${BASE}/campaigns/${id}/${action}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  const c = q.data;
  if (!c) return null;
  const money = (m: string) => formatMoney(minorToMajor(m), c.currency);
  const manage = can('campaigns.manage');
  return (
    <Stack>
      <PageHeader
        title={`${c.code} · ${c.name}`}
        description={c.objective ?? undefined}
        actions={
          manage && (
            <Group>
              {c.status === 'draft' && (
                <Button onClick={() => act.mutate('launch')} loading={act.isPending}>
                  {ct('action.launch')}
                </Button>
              )}
              {c.status !== 'completed' && c.status !== 'cancelled' && (
                <Button
                  color="red"
                  variant="light"
                  onClick={() => act.mutate('cancel')}
                  loading={act.isPending}
                >
                  {ct('action.cancel')}
                </Button>
              )}
            </Group>
          )
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {ct('field.status')}
          </Text>
          <Badge>{ct(`status.${c.status}`)}</Badge>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {ct('field.period')}
          </Text>
          <Text>
            {c.startsOn} – {c.endsOn}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {ct('field.budget')} / {ct('field.spend')}
          </Text>
          <Text>
            {money(c.budgetMinor)} / {money(c.spendMinor)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {ct('field.progress')}
          </Text>
          <Text size="sm">
            {ct('progress', {
              processed: c.progress.processed,
              queued: c.progress.queued,
              suppressed: c.progress.suppressed,
              heldOut: c.progress.heldOut,
            })}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {ct('codes.title')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{ct('codes.code')}</Table.Th>
              <Table.Th>{ct('codes.variant')}</Table.Th>
              <Table.Th>{ct('field.channels')}</Table.Th>
              <Table.Th>{ct('codes.link')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.trackingCodes.map((t) => (
              <Table.Tr key={t.code}>
                <Table.Td>
                  <Code>{t.code}</Code>
                </Table.Td>
                <Table.Td>
                  {t.variantKey
                    ? `${t.variantKey} · ${c.variants.find((v) => v.key === t.variantKey)?.name ?? ''}`
                    : ct('codes.campaignWide')}
                </Table.Td>
                <Table.Td>{t.channel ? ct(`channel.${t.channel}`) : '—'}</Table.Td>
                <Table.Td>
                  <Code>{t.landingPath}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {ct('cost.title')}
        </Title>
        <Table mb="sm">
          <Table.Tbody>
            {c.costs.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{x.incurredOn}</Table.Td>
                <Table.Td>{ct(`costLine.${x.costLine}`)}</Table.Td>
                <Table.Td>{x.description ?? ''}</Table.Td>
                <Table.Td ta="right">{money(x.amountMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {manage && c.status !== 'cancelled' && <AddCost c={c} />}
      </Paper>
      <Results id={c.id} />
    </Stack>
  );
}
