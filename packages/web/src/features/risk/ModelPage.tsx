import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconCheck,
  IconCrown,
  IconRosetteDiscountCheck,
  IconSwords,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { modelPath, MODELS_KEY, useModel, type ModelRole, type ModelView } from './api.ts';
import { BinsView, PointsView } from './BinsView.tsx';
import { FairnessTables, Metric, RiskTabs, StatusBadge, useRiskProblem } from './components.tsx';
import { fixed, percent } from './curves.ts';
import { useRiskT } from './i18n.ts';
import { ValidationView } from './ValidationView.tsx';

type Action = 'validate' | 'approve' | 'retire' | 'discard' | 'champion' | 'challenger';

function Governance({ model }: { model: ModelView }) {
  const { rt, lang } = useRiskT();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '');
  const steps = [
    { key: 'created', at: model.createdAt, by: model.createdBy },
    { key: 'validated', at: model.validatedAt, by: model.validatedBy },
    { key: 'approved', at: model.approvedAt, by: model.approvedBy },
    { key: 'activated', at: model.activatedAt, by: null },
    { key: 'retired', at: model.retiredAt, by: null },
  ];
  const done = steps.filter((s) => s.at).length;
  return (
    <Timeline active={done - 1} bulletSize={16} lineWidth={2} data-testid="governance">
      {steps.map((s) => (
        <Timeline.Item key={s.key} title={rt(`governance.${s.key}`)}>
          <Text size="xs" c="dimmed">
            {s.at ? `${when(s.at)}${s.by ? ` · ${s.by}` : ''}` : '—'}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export default function ModelPage() {
  const { id = '' } = useParams();
  const { rt, lang } = useRiskT();
  const can = useCan();
  const me = useMe();
  const message = useRiskProblem();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const model = useModel(id);
  const [pending, setPending] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  const act = useMutation({
    mutationFn: async (action: Action) => {
      if (action === 'discard') return api.delete<void>(modelPath(id));
      if (action === 'champion' || action === 'challenger')
        return api.post<ModelView>(modelPath(id, 'activate'), { role: action satisfies ModelRole });
      return api.post<ModelView>(modelPath(id, action), note.trim() ? { note: note.trim() } : {});
    },
    onSuccess: async (_r, action) => {
      notifications.show({ color: 'green', message: rt(`actions.done.${action}`) });
      setPending(null);
      setNote('');
      setActionError(null);
      await qc.invalidateQueries({ queryKey: MODELS_KEY });
      if (action === 'discard') await navigate('/risk/models');
    },
    onError: (err) => setActionError(message(err)),
  });

  if (model.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (model.isError) return <Alert color="red">{message(model.error)}</Alert>;
  const m = model.data;
  const metrics = m.metrics;
  const manage = can('risk.models.manage');
  const approve = can('risk.models.approve');
  const selfReview = approve && (me.username === m.createdBy || me.username === m.validatedBy);
  const start = (a: Action) => {
    setActionError(null);
    setNote('');
    if (a === 'champion' || a === 'challenger') act.mutate(a);
    else setPending(a);
  };

  const buttons: { action: Action; show: boolean; color?: string; variant?: string; icon: ReactNode }[] = [
    {
      action: 'discard',
      show: manage && m.status === 'draft',
      color: 'red',
      variant: 'subtle',
      icon: <IconTrash size={16} />,
    },
    { action: 'validate', show: manage && m.status === 'draft', icon: <IconCheck size={16} /> },
    {
      action: 'approve',
      show: approve && m.status === 'validated',
      color: 'teal',
      icon: <IconRosetteDiscountCheck size={16} />,
    },
    {
      action: 'challenger',
      show: approve && (m.status === 'approved' || (m.status === 'active' && m.role === 'champion')),
      variant: 'light',
      color: 'grape',
      icon: <IconSwords size={16} />,
    },
    {
      action: 'champion',
      show: approve && (m.status === 'approved' || (m.status === 'active' && m.role !== 'champion')),
      color: 'yellow',
      icon: <IconCrown size={16} />,
    },
    {
      action: 'retire',
      show: approve && ['validated', 'approved', 'active'].includes(m.status),
      color: 'dark',
      variant: 'subtle',
      icon: <IconArchive size={16} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={`${m.name} · v${m.version}`}
        description={`${rt(`source.${m.source}`)} · ${formatDateTime(m.createdAt, lang)}${m.createdBy ? ` · ${m.createdBy}` : ''}`}
        actions={
          <Button variant="default" component={Link} to="/risk/models">
            {rt('lab.allModels')}
          </Button>
        }
      />
      <RiskTabs />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
            <Stack gap="xs">
              <StatusBadge status={m.status} role={m.role} />
              {m.description && <Text size="sm">{m.description}</Text>}
              <Text size="sm" c="dimmed">
                {rt(`next.${m.status}`)}
              </Text>
              {selfReview && m.status === 'validated' && (
                <Alert color="yellow" variant="light" p="xs" data-testid="four-eyes-hint">
                  {rt('governance.selfReview')}
                </Alert>
              )}
              <Group gap="xs" mt="xs">
                {buttons
                  .filter((b) => b.show)
                  .map((b) => (
                    <Button
                      key={b.action}
                      color={b.color}
                      variant={b.variant ?? 'filled'}
                      leftSection={b.icon}
                      onClick={() => start(b.action)}
                      loading={act.isPending && act.variables === b.action}
                      data-testid={`model-${b.action}`}
                    >
                      {rt(`actions.${b.action}`)}
                    </Button>
                  ))}
                {can('risk.score') && m.status !== 'retired' && (
                  <Button
                    variant="light"
                    component={Link}
                    to={`/risk/score?model=${m.id}`}
                    data-testid="model-try"
                  >
                    {rt('actions.try')}
                  </Button>
                )}
              </Group>
              {actionError && !pending && (
                <Alert color="red" role="alert" data-testid="action-error">
                  {actionError}
                </Alert>
              )}
            </Stack>
            <Governance model={m} />
          </Group>
        </Card>

        {metrics && (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="model-metrics">
            <Metric
              label="AUC"
              value={fixed(metrics.auc)}
              hint={rt('metrics.cv', { folds: metrics.folds })}
              testId="metric-auc"
            />
            <Metric
              label="Gini"
              value={fixed(metrics.gini)}
              hint={rt('metrics.cv', { folds: metrics.folds })}
              testId="metric-gini"
            />
            <Metric
              label="KS"
              value={fixed(metrics.ks)}
              hint={rt('metrics.cv', { folds: metrics.folds })}
              testId="metric-ks"
            />
            <Metric
              label={rt('metrics.rows')}
              value={String(metrics.rows)}
              hint={rt('metrics.badRate', { rate: percent(metrics.badRate) })}
              testId="metric-rows"
            />
            <Metric
              label={rt('metrics.holdoutAuc')}
              value={fixed(metrics.holdout?.auc)}
              hint={
                metrics.holdout
                  ? rt('metrics.holdoutRows', { rows: metrics.holdout.rows, ks: fixed(metrics.holdout.ks) })
                  : rt('metrics.noHoldout')
              }
              testId="metric-holdout-auc"
            />
            <Metric
              label="PSI"
              value={fixed(metrics.holdout?.psi)}
              hint={rt('metrics.psiHint')}
              testId="metric-psi"
            />
          </SimpleGrid>
        )}

        <Card withBorder padding="md">
          <Tabs defaultValue={metrics?.binnings ? 'bins' : 'points'} keepMounted={false}>
            <Tabs.List mb="md">
              {metrics?.binnings && (
                <Tabs.Tab value="bins" data-testid="model-tab-bins">
                  {rt('tabs.bins')}
                </Tabs.Tab>
              )}
              {metrics?.roc && (
                <Tabs.Tab value="validation" data-testid="model-tab-validation">
                  {rt('tabs.validation')}
                </Tabs.Tab>
              )}
              {metrics?.fairness && (
                <Tabs.Tab value="fairness" data-testid="model-tab-fairness">
                  {rt('tabs.trainingFairness')}
                </Tabs.Tab>
              )}
              <Tabs.Tab value="points" data-testid="model-tab-points">
                {rt('tabs.points')}
              </Tabs.Tab>
            </Tabs.List>
            {metrics?.binnings && (
              <Tabs.Panel value="bins">
                <BinsView metrics={metrics} features={m.definition.features} />
              </Tabs.Panel>
            )}
            {metrics?.roc && (
              <Tabs.Panel value="validation">
                <ValidationView metrics={metrics} />
              </Tabs.Panel>
            )}
            {metrics?.fairness && (
              <Tabs.Panel value="fairness">
                <Text size="sm" c="dimmed" mb="sm">
                  {rt('fairness.trainingIntro', { cutoff: fixed(metrics.cutoffScore, 1) })}
                </Text>
                <FairnessTables reports={metrics.fairness} testId="training-fairness" />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="points">
              <PointsView features={m.definition.features} basePoints={m.definition.basePoints ?? 0} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Stack>

      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? rt(`actions.${pending}`) : ''}
      >
        <Stack gap="sm">
          <Text size="sm">
            {pending ? rt(`actions.confirm.${pending}`, { name: m.name, version: m.version }) : ''}
          </Text>
          {pending !== 'discard' && (
            <Textarea
              label={rt('actions.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              data-testid="action-note"
            />
          )}
          {actionError && (
            <Alert color="red" role="alert" data-testid="action-error">
              {actionError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {rt('form.cancel')}
            </Button>
            <Button
              color={pending === 'discard' ? 'red' : undefined}
              loading={act.isPending}
              onClick={() => pending && act.mutate(pending)}
              data-testid="action-confirm"
            >
              {pending ? rt(`actions.${pending}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
