// The risk register: the likelihood × impact heat map, every risk with its KRI status and
// review flag, and the form to add a risk (with a first key risk indicator).
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import {
  createRisk,
  KRI_METRICS,
  PORTFOLIO_KEY,
  RISK_CATEGORIES,
  useRegister,
  type KriMetric,
  type RegisterView,
  type RiskCategory,
} from './api.ts';
import { KriBadge, LevelBadge, PortfolioTabs } from './components.tsx';
import { usePortfolioT } from './i18n.ts';

/** Cell colour on the 5 × 5 grid by the rating it stands for. */
function cellColour(score: number): string {
  if (score >= 15) return 'var(--mantine-color-red-5)';
  if (score >= 10) return 'var(--mantine-color-orange-4)';
  if (score >= 5) return 'var(--mantine-color-yellow-3)';
  return 'var(--mantine-color-teal-2)';
}

function HeatMap({ heatMap }: { heatMap: RegisterView['heatMap'] }) {
  const { pt } = usePortfolioT();
  const scale = [5, 4, 3, 2, 1];
  return (
    <Card withBorder padding="md">
      <Title order={5}>{pt('register.heatMap')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {pt('register.heatMapHint')}
      </Text>
      <Box
        data-testid="heat-map"
        style={{ display: 'grid', gridTemplateColumns: 'auto repeat(5, 1fr)', gap: 4 }}
      >
        {scale.map((l) => (
          <Box key={l} style={{ display: 'contents' }}>
            <Text size="xs" ta="right" pr={4} style={{ alignSelf: 'center' }}>
              {l}
            </Text>
            {[1, 2, 3, 4, 5].map((i) => {
              const n = heatMap[l - 1]![i - 1]!;
              return (
                <Center
                  key={i}
                  h={44}
                  style={{ background: cellColour(l * i), borderRadius: 4, fontWeight: 700 }}
                  data-testid={`heat-${l}-${i}`}
                  title={pt('register.cellTitle', { l, i, n })}
                >
                  {n > 0 ? n : ''}
                </Center>
              );
            })}
          </Box>
        ))}
        <span />
        {[1, 2, 3, 4, 5].map((i) => (
          <Text key={i} size="xs" ta="center">
            {i}
          </Text>
        ))}
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          ↑ {pt('register.likelihood')}
        </Text>
        <Text size="xs" c="dimmed">
          {pt('register.impact')} →
        </Text>
      </Group>
    </Card>
  );
}

interface FormState {
  title: string;
  description: string;
  category: RiskCategory;
  ownerName: string;
  likelihood: number | string;
  impact: number | string;
  reviewEveryDays: number | string;
  withKri: boolean;
  kriName: string;
  metric: KriMetric;
  direction: 'above' | 'below';
  amber: number | string;
  red: number | string;
}

const EMPTY: FormState = {
  title: '',
  description: '',
  category: 'credit',
  ownerName: '',
  likelihood: 3,
  impact: 3,
  reviewEveryDays: 90,
  withKri: true,
  kriName: 'PAR30',
  metric: 'par30',
  direction: 'above',
  amber: 0.05,
  red: 0.1,
};

function NewRiskForm({ onDone }: { onDone: () => void }) {
  const { pt } = usePortfolioT();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [f, setF] = useState<FormState>(EMPTY);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const save = useMutation({
    mutationFn: () =>
      createRisk({
        title: f.title,
        ...(f.description.trim() ? { description: f.description } : {}),
        category: f.category,
        ownerName: f.ownerName,
        likelihood: Number(f.likelihood),
        impact: Number(f.impact),
        reviewEveryDays: Number(f.reviewEveryDays),
        ...(f.withKri
          ? {
              kris: [
                {
                  name: f.kriName,
                  metric: f.metric,
                  direction: f.direction,
                  amber: Number(f.amber),
                  red: Number(f.red),
                },
              ],
            }
          : {}),
      }),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: PORTFOLIO_KEY });
      onDone();
      void navigate(`/portfolio/register/${r.id}`);
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <Card withBorder padding="md" data-testid="risk-form">
      <Title order={5} mb="sm">
        {pt('register.new')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput
              label={pt('register.riskTitle')}
              value={f.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              required
              data-testid="risk-title"
            />
            <TextInput
              label={pt('register.owner')}
              value={f.ownerName}
              onChange={(e) => set('ownerName', e.currentTarget.value)}
              error={errors.ownerName}
              required
              data-testid="risk-owner"
            />
          </SimpleGrid>
          <Textarea
            label={pt('register.description')}
            value={f.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Select
              label={pt('register.category')}
              data={RISK_CATEGORIES.map((c) => ({ value: c, label: pt(`category.${c}`) }))}
              value={f.category}
              onChange={(v) => v && set('category', v)}
              error={errors.category}
              data-testid="risk-category"
            />
            <NumberInput
              label={pt('register.likelihood')}
              min={1}
              max={5}
              value={f.likelihood}
              onChange={(v) => set('likelihood', v)}
              error={errors.likelihood}
              data-testid="risk-likelihood"
            />
            <NumberInput
              label={pt('register.impact')}
              min={1}
              max={5}
              value={f.impact}
              onChange={(v) => set('impact', v)}
              error={errors.impact}
              data-testid="risk-impact"
            />
            <NumberInput
              label={pt('register.reviewEvery')}
              min={1}
              max={730}
              value={f.reviewEveryDays}
              onChange={(v) => set('reviewEveryDays', v)}
              error={errors.reviewEveryDays}
            />
          </SimpleGrid>
          <Checkbox
            label={pt('register.withKri')}
            checked={f.withKri}
            onChange={(e) => set('withKri', e.currentTarget.checked)}
          />
          {f.withKri && (
            <KriFields
              f={f}
              set={(k, v) => setF((s) => ({ ...s, [k]: v }))}
              errors={errors}
              prefix="kris.0."
            />
          )}
          {save.isError && Object.keys(errors).length === 0 && (
            <Alert color="red">{message(save.error)}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {pt('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="risk-save">
              {pt('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export interface KriFieldState {
  kriName: string;
  metric: KriMetric;
  direction: 'above' | 'below';
  amber: number | string;
  red: number | string;
}

/** The KRI inputs, shared by the new-risk form and the risk page's "add KRI". */
export function KriFields({
  f,
  set,
  errors,
  prefix = '',
}: {
  f: KriFieldState;
  set: <K extends keyof KriFieldState>(k: K, v: KriFieldState[K]) => void;
  errors: Record<string, string>;
  prefix?: string;
}) {
  const { pt } = usePortfolioT();
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }}>
      <TextInput
        label={pt('kri.name')}
        value={f.kriName}
        onChange={(e) => set('kriName', e.currentTarget.value)}
        error={errors[`${prefix}name`]}
        data-testid="kri-name"
      />
      <Select
        label={pt('kri.metric')}
        data={KRI_METRICS.map((m) => ({ value: m, label: pt(`metric.${m}`) }))}
        value={f.metric}
        onChange={(v) => v && set('metric', v)}
        error={errors[`${prefix}metric`]}
        data-testid="kri-metric"
      />
      <Select
        label={pt('kri.direction')}
        data={[
          { value: 'above', label: pt('kri.above') },
          { value: 'below', label: pt('kri.below') },
        ]}
        value={f.direction}
        onChange={(v) => v && set('direction', v)}
      />
      <NumberInput
        label={pt('kri.amber')}
        value={f.amber}
        onChange={(v) => set('amber', v)}
        decimalScale={6}
        error={errors[`${prefix}amber`]}
        data-testid="kri-amber"
      />
      <NumberInput
        label={pt('kri.red')}
        value={f.red}
        onChange={(v) => set('red', v)}
        decimalScale={6}
        error={errors[`${prefix}red`]}
        data-testid="kri-red"
      />
    </SimpleGrid>
  );
}

export default function RegisterPage() {
  const { pt, lang } = usePortfolioT();
  const can = useCan();
  const message = useProblemMessage();
  const q = useRegister();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={pt('register.title')}
        description={pt('register.pageDescription')}
        actions={
          can('risk.register.manage') &&
          !adding && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
              data-testid="risk-new"
            >
              {pt('register.new')}
            </Button>
          )
        }
      />
      <PortfolioTabs />
      {q.isPending && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
      {q.isError && <Alert color="red">{message(q.error)}</Alert>}
      <Stack gap="md">
        {adding && <NewRiskForm onDone={() => setAdding(false)} />}
        {q.data && (
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            <HeatMap heatMap={q.data.heatMap} />
            <Card withBorder padding="md" style={{ gridColumn: 'span 2' }}>
              {q.data.overdueReviews > 0 && (
                <Alert color="orange" mb="sm" data-testid="overdue-reviews">
                  {pt('register.overdue', { n: q.data.overdueReviews })}
                </Alert>
              )}
              {q.data.items.length === 0 ? (
                <Text c="dimmed" size="sm" data-testid="register-empty">
                  {pt('register.empty')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table highlightOnHover fz="sm" data-testid="register-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{pt('register.risk')}</Table.Th>
                        <Table.Th>{pt('register.category')}</Table.Th>
                        <Table.Th>{pt('register.rating')}</Table.Th>
                        <Table.Th>{pt('register.kris')}</Table.Th>
                        <Table.Th>{pt('register.owner')}</Table.Th>
                        <Table.Th>{pt('register.nextReview')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {q.data.items.map((r) => (
                        <Table.Tr key={r.id} data-testid="register-row">
                          <Table.Td>
                            <Anchor component={Link} to={`/portfolio/register/${r.id}`} fw={500}>
                              {r.code} · {r.title}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {pt(`status.${r.status}`)} · {pt('register.controlsCount', { n: r.controls })}
                            </Text>
                          </Table.Td>
                          <Table.Td>{pt(`category.${r.category}`)}</Table.Td>
                          <Table.Td>
                            <LevelBadge level={r.level} score={r.score} />
                          </Table.Td>
                          <Table.Td>
                            <KriBadge status={r.kriStatus} />
                          </Table.Td>
                          <Table.Td>{r.ownerName}</Table.Td>
                          <Table.Td>
                            {formatDate(r.nextReviewOn, lang)}
                            {r.reviewOverdue && (
                              <Badge color="orange" ml={4} size="xs" data-testid="review-overdue">
                                {pt('register.overdueBadge')}
                              </Badge>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}
