// Campaigns: the list with budget and spend, a form for a new draft campaign (segment, channel
// mix, A/B variants with templates, hold-out), and first/last-touch attribution per campaign.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
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
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatMoney } from '../../format.ts';
import {
  BASE,
  bps,
  CAMPAIGN_CHANNELS,
  CAMPAIGNS_KEY,
  majorToMinor,
  minorToMajor,
  type Attribution,
  type Campaign,
} from './api.ts';
import { useCampaignsT } from './i18n.ts';

const money = (minor: string, currency: string) => formatMoney(minorToMajor(minor), currency);

function NewCampaign({ onDone }: { onDone: (c: Campaign) => void }) {
  const { ct } = useCampaignsT();
  const qc = useQueryClient();
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string }[] } | { id: string; name: string }[]>(
        '/api/v1/segments',
        { signal },
      ),
  });
  const segmentItems = (() => {
    const d = segments.data;
    const list = Array.isArray(d) ? d : (d?.items ?? []);
    return list.map((s) => ({ value: s.id, label: s.name }));
  })();
  const [name, setName] = useState('');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [channels, setChannels] = useState<string[]>(['portal']);
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const [endsOn, setEndsOn] = useState(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const [budget, setBudget] = useState('0');
  const [holdout, setHoldout] = useState<number>(10);
  const [templateA, setTemplateA] = useState('product-update');
  const [templateB, setTemplateB] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () => {
      const variants = [
        {
          key: 'A',
          name: 'A',
          weight: 1,
          templates: Object.fromEntries(channels.map((c) => [c, templateA])),
        },
      ];
      if (templateB.trim())
        variants.push({
          key: 'B',
          name: 'B',
          weight: 1,
          templates: Object.fromEntries(channels.map((c) => [c, templateB.trim()])),
        });
      return api.post<Campaign>(`${BASE}/campaigns`, {
        name,
        segmentId,
        channels,
        startsOn,
        endsOn,
        currency: 'CNY',
        budgetMinor: majorToMinor(budget) ?? budget,
        holdoutPercent: holdout,
        variants,
      });
    },
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
      notifications.show({ color: 'green', message: ct('form.created', { code: c.code }) });
      onDone(c);
    },
    onError: (e) => {
      if (e instanceof ApiError)
        setErrors(Object.fromEntries((e.problem.errors ?? []).map((x) => [x.field, x.message])));
      notifications.show({ color: 'red', message: e.message });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {ct('form.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput
          label={ct('field.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <Select
          label={ct('field.segment')}
          data={segmentItems}
          value={segmentId}
          onChange={setSegmentId}
          clearable
          error={errors.segmentId}
        />
        <Checkbox.Group label={ct('field.channels')} value={channels} onChange={setChannels}>
          <Group mt="xs">
            {CAMPAIGN_CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={ct(`channel.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput
          label={ct('field.startsOn')}
          type="date"
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
          error={errors.startsOn}
        />
        <TextInput
          label={ct('field.endsOn')}
          type="date"
          value={endsOn}
          onChange={(e) => setEndsOn(e.currentTarget.value)}
          error={errors.endsOn}
        />
        <TextInput
          label={ct('field.budget')}
          value={budget}
          onChange={(e) => setBudget(e.currentTarget.value)}
          error={errors.budgetMinor}
          rightSection="CNY"
        />
        <NumberInput
          label={ct('field.holdout')}
          value={holdout}
          onChange={(v) => setHoldout(Number(v) || 0)}
          min={0}
          max={50}
          suffix=" %"
        />
        <TextInput
          label={ct('field.templateA')}
          value={templateA}
          onChange={(e) => setTemplateA(e.currentTarget.value)}
          error={
            errors['variants.0.templates.portal'] ??
            errors['variants.0.templates.sms'] ??
            errors['variants.0.templates.email']
          }
        />
        <TextInput
          label={ct('field.templateB')}
          description={ct('field.templateBHelp')}
          value={templateB}
          onChange={(e) => setTemplateB(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!name.trim()}>
          {ct('form.create')}
        </Button>
      </Group>
    </Paper>
  );
}

function AttributionTable() {
  const { ct } = useCampaignsT();
  const [model, setModel] = useState<'first' | 'last'>('last');
  const q = useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'attribution'],
    queryFn: ({ signal }) => api.get<Attribution>(`${BASE}/attribution`, { signal }),
  });
  const rows = q.data?.[model] ?? [];
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{ct('attribution.title')}</Title>
        <SegmentedControl
          value={model}
          onChange={(v) => setModel(v)}
          data={[
            { value: 'first', label: ct('attribution.first') },
            { value: 'last', label: ct('attribution.last') },
          ]}
        />
      </Group>
      {q.data && (
        <Text size="sm" c="dimmed" mb="xs">
          {ct('attribution.summary', {
            from: q.data.from,
            to: q.data.to,
            days: q.data.lookbackDays,
            n: q.data.applications,
            none: q.data.unattributed,
          })}
        </Text>
      )}
      <Table striped data-testid="attribution-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ct('field.name')}</Table.Th>
            <Table.Th>{ct('attribution.applications')}</Table.Th>
            <Table.Th>{ct('attribution.funded')}</Table.Th>
            <Table.Th>{ct('attribution.disbursed')}</Table.Th>
            <Table.Th>{ct('attribution.spend')}</Table.Th>
            <Table.Th>{ct('attribution.cpa')}</Table.Th>
            <Table.Th>{ct('attribution.return')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.campaignId}>
              <Table.Td>
                <Anchor component={Link} to={`/campaigns/${r.campaignId}`}>
                  {r.code} · {r.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.applications}</Table.Td>
              <Table.Td>{r.funded}</Table.Td>
              <Table.Td>{money(r.disbursedMinor, r.currency)}</Table.Td>
              <Table.Td>{money(r.spendMinor, r.currency)}</Table.Td>
              <Table.Td>{r.cpaMinor === null ? '—' : money(r.cpaMinor, r.currency)}</Table.Td>
              <Table.Td>{bps(r.returnBps)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {ct('attribution.proxy')}
      </Text>
    </Paper>
  );
}

export default function CampaignsPage() {
  const { ct } = useCampaignsT();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: CAMPAIGNS_KEY,
    queryFn: ({ signal }) =>
      api.get<{ items: Campaign[] }>(`${BASE}/campaigns`, { signal }).then((r) => r.items),
  });
  return (
    <Stack>
      <PageHeader
        title={ct('list.title')}
        description={ct('list.description')}
        actions={
          can('campaigns.manage') && (
            <Button onClick={() => setCreating((x) => !x)} variant={creating ? 'default' : 'filled'}>
              {creating ? ct('form.close') : ct('form.open')}
            </Button>
          )
        }
      />
      {creating && <NewCampaign onDone={(c) => void navigate(`/campaigns/${c.id}`)} />}
      <Paper withBorder p="md">
        <Table striped highlightOnHover data-testid="campaigns-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{ct('field.code')}</Table.Th>
              <Table.Th>{ct('field.name')}</Table.Th>
              <Table.Th>{ct('field.status')}</Table.Th>
              <Table.Th>{ct('field.period')}</Table.Th>
              <Table.Th>{ct('field.channels')}</Table.Th>
              <Table.Th>{ct('field.budget')}</Table.Th>
              <Table.Th>{ct('field.spend')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${c.id}`}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{ct(`status.${c.status}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {c.startsOn} – {c.endsOn}
                </Table.Td>
                <Table.Td>{c.channels.map((ch) => ct(`channel.${ch}`)).join(', ') || '—'}</Table.Td>
                <Table.Td>{money(c.budgetMinor, c.currency)}</Table.Td>
                <Table.Td>{money(c.spendMinor, c.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data?.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {ct('list.empty')}
          </Text>
        )}
      </Paper>
      <AttributionTable />
    </Stack>
  );
}
