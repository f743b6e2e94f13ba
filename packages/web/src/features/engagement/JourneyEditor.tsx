// The journey builder: triggers (with an optional condition) and steps — send, wait, branch on a
// condition, create a task, open a ticket, add to a survey wave, go to a step, end. Conditions are
// written as JSON ({fact, op, value}, {all: […]}, {any: […]}, {not: …}); the server checks the
// whole definition and names the field of each error (definition.steps.N.…).
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  STEP_KINDS,
  TRIGGER_TYPES,
  type Condition,
  type JourneyDefinition,
  type Step,
  type StepKind,
  type Trigger,
} from './api.ts';
import { useEngagementT } from './i18n.ts';

/** A condition as JSON text; undefined when empty, an error when it is not valid JSON. */
export function parseCondition(text: string): { value?: Condition; error?: string } {
  if (!text.trim()) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'object' };
    return { value: v as Condition };
  } catch {
    return { error: 'json' };
  }
}

function ConditionInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: Condition | undefined;
  onChange: (c: Condition | undefined) => void;
  error?: string;
}) {
  const { et } = useEngagementT();
  const serialized = value ? JSON.stringify(value) : '';
  const [text, setText] = useState(serialized);
  const [bad, setBad] = useState<string | undefined>();
  // A change from outside (steps moved or removed) replaces the text; the user's own edits keep their layout.
  useEffect(() => {
    const own = parseCondition(text).value;
    if ((own ? JSON.stringify(own) : '') !== serialized) {
      setText(serialized);
      setBad(undefined);
    }
  }, [serialized]);
  return (
    <Textarea
      label={label}
      description={et('builder.conditionHelp')}
      value={text}
      autosize
      minRows={1}
      styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
      error={bad ? et(`builder.conditionError.${bad}`) : error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parseCondition(next);
        setBad(parsed.error);
        if (!parsed.error) onChange(parsed.value);
      }}
      data-testid="condition-input"
    />
  );
}

/** Keeps only the fields of a step's kind, so switching kinds leaves no stray field the server refuses. */
function reshape(step: Step, kind: StepKind): Step {
  const base = { id: step.id, kind };
  switch (kind) {
    case 'send':
      return {
        ...base,
        template: step.template ?? '',
        purpose: step.purpose ?? 'service',
        channel: step.channel ?? 'preferred',
      };
    case 'wait':
      return { ...base, days: step.days ?? 1 };
    case 'branch':
      return {
        ...base,
        condition: step.condition ?? { fact: 'run.paid', op: 'eq', value: true },
        then: step.then ?? 'end',
        else: step.else ?? 'end',
      };
    case 'task':
      return { ...base, title: step.title ?? '', dueInDays: step.dueInDays ?? 3 };
    case 'ticket':
      return { ...base, subject: step.subject ?? '' };
    case 'survey':
      return { ...base, wave: step.wave ?? '' };
    case 'goto':
      return { ...base, to: step.to ?? '' };
    default:
      return base;
  }
}

function StepFields({
  step,
  onChange,
  errors,
  prefix,
  stepIds,
}: {
  step: Step;
  onChange: (s: Step) => void;
  errors: Record<string, string>;
  prefix: string;
  stepIds: string[];
}) {
  const { et } = useEngagementT();
  const set = (patch: Partial<Step>) => onChange({ ...step, ...patch });
  const err = (f: string) => errors[`${prefix}.${f}`];
  const num = (v: string | number) => (typeof v === 'number' ? v : undefined);
  const targets = [
    { value: 'end', label: et('builder.end') },
    ...stepIds.filter((id) => id !== step.id).map((id) => ({ value: id, label: id })),
  ];
  switch (step.kind) {
    case 'send':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={et('field.template')}
            value={step.template ?? ''}
            onChange={(e) => set({ template: e.currentTarget.value })}
            error={err('template')}
          />
          <Select
            label={et('field.channel')}
            data={[
              { value: 'preferred', label: et('channel.preferred') },
              ...MESSAGE_CHANNELS.map((c) => ({ value: c, label: et(`channel.${c}`) })),
            ]}
            value={step.channel ?? 'preferred'}
            onChange={(v) => set({ channel: v ?? 'preferred' })}
            allowDeselect={false}
          />
          <Select
            label={et('field.purpose')}
            data={MESSAGE_PURPOSES.map((p) => ({ value: p, label: et(`purpose.${p}`) }))}
            value={step.purpose ?? 'service'}
            onChange={(v) => set({ purpose: v ?? 'service' })}
            allowDeselect={false}
          />
          <Checkbox
            label={et('compose.legallyRequired')}
            checked={!!step.legallyRequired}
            onChange={(e) => set({ legallyRequired: e.currentTarget.checked || undefined })}
          />
        </SimpleGrid>
      );
    case 'wait':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={et('builder.days')}
            min={0}
            max={3650}
            value={step.days ?? ''}
            onChange={(v) => set({ days: num(v) })}
            error={err('days')}
          />
          <NumberInput
            label={et('builder.hours')}
            min={0}
            value={step.hours ?? ''}
            onChange={(v) => set({ hours: num(v) })}
            error={err('hours')}
          />
        </SimpleGrid>
      );
    case 'branch':
      return (
        <Stack gap="xs">
          <ConditionInput
            label={et('builder.condition')}
            value={step.condition}
            onChange={(condition) => set({ condition })}
            error={err('condition')}
          />
          <SimpleGrid cols={2}>
            <Select
              label={et('builder.then')}
              data={targets}
              value={step.then ?? 'end'}
              onChange={(v) => set({ then: v ?? 'end' })}
              allowDeselect={false}
              error={err('then')}
            />
            <Select
              label={et('builder.else')}
              data={targets}
              value={step.else ?? 'end'}
              onChange={(v) => set({ else: v ?? 'end' })}
              allowDeselect={false}
              error={err('else')}
            />
          </SimpleGrid>
        </Stack>
      );
    case 'task':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={et('field.title')}
            value={step.title ?? ''}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={err('title')}
          />
          <NumberInput
            label={et('builder.dueInDays')}
            min={0}
            max={365}
            value={step.dueInDays ?? ''}
            onChange={(v) => set({ dueInDays: num(v) })}
            error={err('dueInDays')}
          />
          <TextInput
            label={et('builder.queue')}
            value={step.queue ?? ''}
            onChange={(e) => set({ queue: e.currentTarget.value || undefined })}
            error={err('queue')}
          />
        </SimpleGrid>
      );
    case 'ticket':
      return (
        <TextInput
          label={et('field.subject')}
          value={step.subject ?? ''}
          onChange={(e) => set({ subject: e.currentTarget.value })}
          error={err('subject')}
        />
      );
    case 'survey':
      return (
        <TextInput
          label={et('builder.wave')}
          value={step.wave ?? ''}
          onChange={(e) => set({ wave: e.currentTarget.value })}
          error={err('wave')}
        />
      );
    case 'goto':
      return (
        <Select
          label={et('builder.goTo')}
          data={targets.slice(1)}
          value={step.to ?? null}
          onChange={(v) => set({ to: v ?? '' })}
          error={err('to')}
        />
      );
    default:
      return null;
  }
}

function TriggerCard({
  trigger,
  onChange,
  onRemove,
  errors,
  prefix,
}: {
  trigger: Trigger;
  onChange: (t: Trigger) => void;
  onRemove?: () => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { et } = useEngagementT();
  return (
    <Card withBorder padding="sm" data-testid="trigger-card">
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <Select
            label={et('builder.trigger')}
            data={TRIGGER_TYPES.map((t) => ({ value: t, label: et(`trigger.${t}`) }))}
            value={trigger.type}
            onChange={(v) => onChange({ ...trigger, type: v ?? 'manual' })}
            allowDeselect={false}
            error={errors[`${prefix}.type`]}
            style={{ flex: 1 }}
          />
          <NumberInput
            label={et('builder.daysBefore')}
            min={0}
            max={365}
            value={trigger.daysBefore ?? ''}
            onChange={(v) => onChange({ ...trigger, daysBefore: typeof v === 'number' ? v : undefined })}
            error={errors[`${prefix}.daysBefore`]}
            w={140}
          />
          <Select
            label={et('builder.dedupe')}
            data={['event', 'customer'].map((d) => ({ value: d, label: et(`builder.dedupeBy.${d}`) }))}
            value={trigger.dedupe ?? null}
            onChange={(v) => onChange({ ...trigger, dedupe: (v as Trigger['dedupe']) ?? undefined })}
            clearable
            w={180}
          />
          {onRemove && (
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={et('builder.remove')}
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        <ConditionInput
          label={et('builder.triggerCondition')}
          value={trigger.condition}
          onChange={(condition) => onChange({ ...trigger, condition })}
          error={errors[`${prefix}.condition`]}
        />
      </Stack>
    </Card>
  );
}

export function JourneyBuilder({
  value,
  onChange,
  errors,
  readOnly,
}: {
  value: JourneyDefinition;
  onChange: (d: JourneyDefinition) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { et } = useEngagementT();
  const steps = value.steps;
  const setStep = (i: number, s: Step) =>
    onChange({ ...value, steps: steps.map((x, j) => (j === i ? s : x)) });
  const move = (i: number, by: number) => {
    const next = [...steps];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    onChange({ ...value, steps: next });
  };
  const freshId = () => {
    let n = steps.length + 1;
    while (steps.some((s) => s.id === `step-${n}`)) n++;
    return `step-${n}`;
  };
  return (
    <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
      <Stack>
        <Text fw={600}>{et('builder.triggers')}</Text>
        {errors['definition.triggers'] && (
          <Text c="red" size="sm">
            {errors['definition.triggers']}
          </Text>
        )}
        {value.triggers.map((t, i) => (
          <TriggerCard
            key={i}
            trigger={t}
            prefix={`definition.triggers.${i}`}
            errors={errors}
            onChange={(next) =>
              onChange({ ...value, triggers: value.triggers.map((x, j) => (j === i ? next : x)) })
            }
            onRemove={
              value.triggers.length > 1
                ? () => onChange({ ...value, triggers: value.triggers.filter((_, j) => j !== i) })
                : undefined
            }
          />
        ))}
        {!readOnly && (
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => onChange({ ...value, triggers: [...value.triggers, { type: 'manual' }] })}
            >
              {et('builder.addTrigger')}
            </Button>
          </Group>
        )}
        <Text fw={600}>{et('builder.steps')}</Text>
        {errors['definition.steps'] && (
          <Text c="red" size="sm">
            {errors['definition.steps']}
          </Text>
        )}
        {steps.map((s, i) => (
          <Card key={i} withBorder padding="sm" data-testid="step-card">
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap">
                <Text fw={600} w={24}>
                  {i + 1}
                </Text>
                <TextInput
                  label={et('builder.stepId')}
                  value={s.id}
                  onChange={(e) => setStep(i, { ...s, id: e.currentTarget.value })}
                  error={errors[`definition.steps.${i}.id`]}
                  w={160}
                />
                <Select
                  label={et('builder.kind')}
                  data={STEP_KINDS.map((k) => ({ value: k, label: et(`stepKind.${k}`) }))}
                  value={s.kind}
                  onChange={(v) => setStep(i, reshape(s, v ?? 'end'))}
                  allowDeselect={false}
                  style={{ flex: 1 }}
                  data-testid="step-kind"
                />
                {!readOnly && (
                  <Group gap={2} mb={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={et('builder.up')}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={et('builder.down')}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={steps.length === 1}
                      onClick={() => onChange({ ...value, steps: steps.filter((_, j) => j !== i) })}
                      aria-label={et('builder.remove')}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              <StepFields
                step={s}
                onChange={(next) => setStep(i, next)}
                errors={errors}
                prefix={`definition.steps.${i}`}
                stepIds={steps.map((x) => x.id)}
              />
            </Stack>
          </Card>
        ))}
        {!readOnly && (
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() =>
                onChange({ ...value, steps: [...steps, reshape({ id: freshId(), kind: 'send' }, 'send')] })
              }
              data-testid="step-add"
            >
              {et('builder.addStep')}
            </Button>
          </Group>
        )}
      </Stack>
    </fieldset>
  );
}
