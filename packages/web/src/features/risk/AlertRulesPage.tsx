// Early-warning rules as data: each signal's parameters, severity, business days to act,
// playbook and on/off. Risk analysts edit them; everyone with risk.read sees them.
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SeverityBadge } from './AlertsPage.tsx';
import { riskFieldErrors } from './api.ts';
import { RiskTabs, useRiskProblem } from './components.tsx';
import {
  ALERT_SEVERITIES,
  KIND_PARAMS,
  PLAYBOOK_STEPS,
  RULES_KEY,
  saveRule,
  SIGNAL_KINDS,
  useAlertRules,
  type AlertRule,
} from './ew-api.ts';
import { useRiskT } from './i18n.ts';

const NEW_RULE: AlertRule = {
  code: '',
  name: '',
  kind: 'dpd_over',
  params: { days: 60 },
  severity: 'high',
  dueBusinessDays: 3,
  playbook: ['contact'],
  ownerId: null,
  enabled: true,
};

function paramsText(rule: AlertRule): string {
  return Object.entries(rule.params)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

function RuleForm({ initial, isNew, onDone }: { initial: AlertRule; isNew: boolean; onDone: () => void }) {
  const { rt } = useRiskT();
  const problem = useRiskProblem();
  const qc = useQueryClient();
  const [rule, setRule] = useState<AlertRule>(initial);
  const set = (patch: Partial<AlertRule>) => setRule((r) => ({ ...r, ...patch }));
  const setParam = (k: string, v: unknown) => setRule((r) => ({ ...r, params: { ...r.params, [k]: v } }));
  const save = useMutation({
    mutationFn: () => saveRule(rule),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: rt('rules.saved') });
      await qc.invalidateQueries({ queryKey: RULES_KEY });
      onDone();
    },
  });
  const errors = save.error ? riskFieldErrors(save.error) : {};
  const num = (k: string, label: string, step = 1) => (
    <NumberInput
      key={k}
      label={label}
      value={(rule.params[k] as number | undefined) ?? ''}
      onChange={(v) => setParam(k, typeof v === 'number' ? v : undefined)}
      step={step}
      decimalScale={step < 1 ? 2 : 0}
      error={errors[`params.${k}`]}
    />
  );
  return (
    <Stack>
      <TextInput
        label={rt('rules.code')}
        value={rule.code}
        disabled={!isNew}
        onChange={(e) => set({ code: e.currentTarget.value })}
        error={errors.code}
      />
      <TextInput
        label={rt('rules.name')}
        value={rule.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <Select
        label={rt('rules.kind')}
        data={SIGNAL_KINDS.map((k) => ({ value: k, label: rt(`alerts.kind.${k}`) }))}
        value={rule.kind}
        onChange={(v) => v && set({ kind: v, params: {} })}
        allowDeselect={false}
      />
      {KIND_PARAMS[rule.kind].map((k) =>
        k === 'series' ? (
          <TextInput
            key={k}
            label={rt('rules.params.series')}
            value={(rule.params.series as string | undefined) ?? ''}
            onChange={(e) => setParam('series', e.currentTarget.value)}
            error={errors['params.series']}
          />
        ) : k === 'scope' ? (
          <Select
            key={k}
            label={rt('rules.params.scope')}
            data={[
              { value: 'region', label: rt('rules.scope.region') },
              { value: 'field', label: rt('rules.scope.field') },
            ]}
            value={(rule.params.scope as string | undefined) ?? null}
            onChange={(v) => setParam('scope', v ?? undefined)}
            error={errors['params.scope']}
          />
        ) : (
          num(k, rt(`rules.params.${k}`), k === 'drop' ? 0.05 : k === 'above' ? 0.1 : 1)
        ),
      )}
      <Group grow>
        <Select
          label={rt('rules.severity')}
          data={ALERT_SEVERITIES.map((s) => ({ value: s, label: rt(`alerts.severity.${s}`) }))}
          value={rule.severity}
          onChange={(v) => v && set({ severity: v })}
          allowDeselect={false}
        />
        <NumberInput
          label={rt('rules.dueBusinessDays')}
          value={rule.dueBusinessDays}
          min={0}
          max={60}
          onChange={(v) => set({ dueBusinessDays: typeof v === 'number' ? v : 0 })}
          error={errors.dueBusinessDays}
        />
      </Group>
      <MultiSelect
        label={rt('rules.playbook')}
        data={PLAYBOOK_STEPS.map((s) => ({ value: s, label: rt(`alert.steps.${s}`) }))}
        value={rule.playbook}
        onChange={(v) => set({ playbook: v })}
        error={errors.playbook}
      />
      <Switch
        label={rt('rules.enabled')}
        checked={rule.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
      />
      {save.isError && !Object.keys(errors).length && <Alert color="red">{problem(save.error)}</Alert>}
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="rule-save">
          {rt('rules.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function AlertRulesPage() {
  const { rt } = useRiskT();
  const can = useCan();
  const problem = useRiskProblem();
  const rules = useAlertRules();
  const [editing, setEditing] = useState<{ rule: AlertRule; isNew: boolean } | null>(null);
  const manage = can('risk.alerts.manage');
  return (
    <>
      <PageHeader
        title={rt('rules.title')}
        description={rt('rules.description')}
        actions={
          manage && (
            <Button onClick={() => setEditing({ rule: NEW_RULE, isNew: true })} data-testid="rule-new">
              {rt('rules.new')}
            </Button>
          )
        }
      />
      <RiskTabs />
      <Card withBorder padding="md">
        {rules.isPending && (
          <Center py="lg">
            <Loader />
          </Center>
        )}
        {rules.isError && <Alert color="red">{problem(rules.error)}</Alert>}
        {rules.data && (
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="risk-alert-rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{rt('rules.name')}</Table.Th>
                  <Table.Th>{rt('rules.kind')}</Table.Th>
                  <Table.Th>{rt('rules.parameters')}</Table.Th>
                  <Table.Th>{rt('rules.severity')}</Table.Th>
                  <Table.Th ta="right">{rt('rules.dueBusinessDays')}</Table.Th>
                  <Table.Th>{rt('rules.playbook')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((r) => (
                  <Table.Tr key={r.code} data-testid="risk-alert-rule" opacity={r.enabled ? 1 : 0.5}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.code}
                        {r.enabled ? '' : ` · ${rt('rules.disabled')}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>{rt(`alerts.kind.${r.kind}`)}</Table.Td>
                    <Table.Td>{paramsText(r) || '—'}</Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={r.severity} />
                    </Table.Td>
                    <Table.Td ta="right">{r.dueBusinessDays}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {r.playbook.map((s) => (
                          <Badge key={s} variant="outline" size="sm">
                            {rt(`alert.steps.${s}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {manage && (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing({ rule: r, isNew: false })}
                        >
                          {rt('rules.edit')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={rt('rules.editTitle')}
        size="lg"
      >
        {editing && <RuleForm initial={editing.rule} isNew={editing.isNew} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
