// One risk: rating, owner and review; its controls, its KRIs with live values and status, and
// the incidents logged against it. Managers record reviews and add controls and KRIs here.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import {
  addControl,
  addKri,
  CONTROL_EFFECTIVENESS,
  CONTROL_KINDS,
  MONEY_METRICS,
  PORTFOLIO_KEY,
  reviewRisk,
  useRisk,
  type Control,
  type Kri,
  type RiskDetail,
} from './api.ts';
import { KriBadge, LevelBadge, money, pct, PortfolioTabs } from './components.tsx';
import { usePortfolioT } from './i18n.ts';
import { KriFields, type KriFieldState } from './RegisterPage.tsx';

function kriValue(k: Pick<Kri, 'metric'>, v: number | null, lang: string): string {
  if (v === null) return '—';
  return MONEY_METRICS.includes(k.metric) ? money(v, 'CNY', lang) : pct(v);
}

function useRiskMutation(fn: () => Promise<RiskDetail>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PORTFOLIO_KEY });
      onDone?.();
    },
  });
}

function AddControl({ id }: { id: string }) {
  const { pt } = usePortfolioT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Control['kind']>('preventive');
  const [eff, setEff] = useState<Control['effectiveness']>('not_tested');
  const m = useRiskMutation(
    () => addControl(id, { name, kind, effectiveness: eff }),
    () => setName(''),
  );
  const errors = m.error instanceof ApiError ? m.error.fieldErrors : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <Group align="flex-end" mt="sm">
        <TextInput
          label={pt('control.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="control-name"
        />
        <Select
          label={pt('control.kind')}
          data={CONTROL_KINDS.map((k) => ({ value: k, label: pt(`controlKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          w={150}
        />
        <Select
          label={pt('control.effectiveness')}
          data={CONTROL_EFFECTIVENESS.map((k) => ({ value: k, label: pt(`effectiveness.${k}`) }))}
          value={eff}
          onChange={(v) => v && setEff(v)}
          w={190}
        />
        <Button type="submit" variant="light" loading={m.isPending} data-testid="control-add">
          {pt('control.add')}
        </Button>
      </Group>
    </form>
  );
}

function AddKri({ id }: { id: string }) {
  const { pt } = usePortfolioT();
  const initial: KriFieldState = { kriName: '', metric: 'par90', direction: 'above', amber: 0.02, red: 0.05 };
  const [f, setF] = useState<KriFieldState>(initial);
  const m = useRiskMutation(
    () =>
      addKri(id, {
        name: f.kriName,
        metric: f.metric,
        direction: f.direction,
        amber: Number(f.amber),
        red: Number(f.red),
      }),
    () => setF(initial),
  );
  const errors = m.error instanceof ApiError ? m.error.fieldErrors : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <Stack gap="xs" mt="sm">
        <KriFields f={f} set={(k, v) => setF((s) => ({ ...s, [k]: v }))} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={m.isPending} data-testid="kri-add">
            {pt('kri.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function RiskPage() {
  const { id } = useParams();
  const { pt, lang } = usePortfolioT();
  const can = useCan();
  const message = useProblemMessage();
  const q = useRisk(id);
  const [note, setNote] = useState('');
  const review = useRiskMutation(
    () => reviewRisk(id!, note.trim() ? { note } : {}),
    () => setNote(''),
  );
  const r = q.data;
  const manage = can('risk.register.manage');
  return (
    <>
      <PageHeader
        title={r ? `${r.code} · ${r.title}` : pt('risk.loading')}
        description={r?.description ?? undefined}
        actions={
          <Anchor component={Link} to="/portfolio/register" size="sm">
            {pt('risk.back')}
          </Anchor>
        }
      />
      <PortfolioTabs />
      {q.isPending && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      {r && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {pt('register.rating')}
              </Text>
              <LevelBadge level={r.level} score={r.score} />
              <Text size="xs" c="dimmed" mt={4}>
                {pt('risk.ratingDetail', { l: r.likelihood, i: r.impact })}
              </Text>
            </Card>
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {pt('register.category')}
              </Text>
              <Text fw={600}>{pt(`category.${r.category}`)}</Text>
              <Text size="xs">{pt(`status.${r.status}`)}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {pt('register.owner')}
              </Text>
              <Text fw={600}>{r.ownerName}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {pt('register.nextReview')}
              </Text>
              <Group gap={4}>
                <Text fw={600} data-testid="risk-next-review">
                  {formatDate(r.nextReviewOn, lang)}
                </Text>
                {r.reviewOverdue && (
                  <Badge color="orange" size="xs">
                    {pt('register.overdueBadge')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {r.lastReviewedOn
                  ? pt('risk.lastReview', {
                      date: formatDate(r.lastReviewedOn, lang),
                      note: r.lastReviewNote ?? '',
                    })
                  : pt('risk.neverReviewed')}
              </Text>
            </Card>
          </SimpleGrid>
          {manage && (
            <Card withBorder padding="sm">
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  review.mutate();
                }}
              >
                <Group align="flex-end">
                  <TextInput
                    label={pt('risk.reviewNote')}
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    style={{ flex: 1 }}
                  />
                  <Button type="submit" loading={review.isPending} data-testid="risk-review">
                    {pt('risk.review')}
                  </Button>
                </Group>
              </form>
              {review.isError && (
                <Alert color="red" mt="xs">
                  {message(review.error)}
                </Alert>
              )}
            </Card>
          )}
          <Card withBorder padding="md">
            <Title order={5}>{pt('kri.title')}</Title>
            <Text size="xs" c="dimmed" mb="sm">
              {pt('kri.hint')}
            </Text>
            {r.kris.length === 0 ? (
              <Text size="sm" c="dimmed">
                {pt('kri.empty')}
              </Text>
            ) : (
              <Table fz="sm" data-testid="kri-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{pt('kri.name')}</Table.Th>
                    <Table.Th>{pt('kri.metric')}</Table.Th>
                    <Table.Th ta="right">{pt('kri.value')}</Table.Th>
                    <Table.Th ta="right">{pt('kri.amber')}</Table.Th>
                    <Table.Th ta="right">{pt('kri.red')}</Table.Th>
                    <Table.Th>{pt('kri.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.kris.map((k) => (
                    <Table.Tr key={k.id} data-testid="kri-row">
                      <Table.Td>{k.name}</Table.Td>
                      <Table.Td>
                        {pt(`metric.${k.metric}`)}
                        <Text size="xs" c="dimmed">
                          {pt(`kri.${k.direction}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" data-testid="kri-value">
                        {kriValue(k, k.value, lang)}
                      </Table.Td>
                      <Table.Td ta="right">{kriValue(k, k.amber, lang)}</Table.Td>
                      <Table.Td ta="right">{kriValue(k, k.red, lang)}</Table.Td>
                      <Table.Td>
                        <KriBadge status={k.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {manage && <AddKri id={r.id} />}
          </Card>
          <Card withBorder padding="md">
            <Title order={5} mb="sm">
              {pt('control.title')}
            </Title>
            {r.controls.length === 0 ? (
              <Text size="sm" c="dimmed">
                {pt('control.empty')}
              </Text>
            ) : (
              <Table fz="sm" data-testid="control-table">
                <Table.Tbody>
                  {r.controls.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{pt(`controlKind.${c.kind}`)}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={
                            c.effectiveness === 'effective'
                              ? 'teal'
                              : c.effectiveness === 'ineffective'
                                ? 'red'
                                : 'gray'
                          }
                        >
                          {pt(`effectiveness.${c.effectiveness}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {manage && <AddControl id={r.id} />}
          </Card>
          <Card withBorder padding="md">
            <Title order={5} mb="sm">
              {pt('incidents.linked')}
            </Title>
            {r.incidents.length === 0 ? (
              <Text size="sm" c="dimmed">
                {pt('incidents.empty')}
              </Text>
            ) : (
              <Table fz="sm">
                <Table.Tbody>
                  {r.incidents.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{formatDate(i.occurredOn, lang)}</Table.Td>
                      <Table.Td>{i.title}</Table.Td>
                      <Table.Td>{pt(`incidentCategory.${i.category}`)}</Table.Td>
                      <Table.Td ta="right">{money(i.lossMinor, i.currency, lang)}</Table.Td>
                      <Table.Td>{pt(`incidentStatus.${i.status}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}
