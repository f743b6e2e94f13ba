import { ActionIcon, Button, Card, Checkbox, Group, MultiSelect, Select, SegmentedControl, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SegmentFieldInfo } from '../../api/customers.ts';
import { SchoolSelect } from '../customers/components.tsx';
import { label, type VocabularyName } from '../customers/labels.ts';
import { MAX_DEPTH } from './constants.ts';
import { emptyCondition, emptyGroup, valueShape, type ConditionNode, type EditorNode, type GroupNode } from './ruleTree.ts';

export function fieldLabel(t: TFunction, f: SegmentFieldInfo): string {
  return t(`segments.field.${f.name.replace('.', '_')}`, { defaultValue: f.label });
}

/** Which vocabulary labels an enum field's values. */
const FIELD_VOCABULARY: Record<string, VocabularyName> = {
  'customer.status': 'customerStatus',
  'customer.gender': 'gender',
  'customer.preferredChannel': 'channel',
  'enrolment.level': 'level',
  'enrolment.status': 'enrolmentStatus',
  'household.needIndicators': 'needIndicator',
  'credit.fileStatus': 'fileStatus',
  'class.educationLevel': 'level',
  'class.economicStatus': 'economicStatus',
  'class.creditRecord': 'creditRecord',
  'class.loanNeed': 'loanNeed',
};

function valueOptions(t: TFunction, f: SegmentFieldInfo): { value: string; label: string }[] {
  if (f.type === 'boolean')
    return [
      { value: 'true', label: t('segments.yes') },
      { value: 'false', label: t('segments.no') },
    ];
  const vocab = FIELD_VOCABULARY[f.name];
  return (f.values ?? []).map((v) => ({
    value: v,
    label: vocab ? label(t, vocab, v) : v === 'zh-CN' ? '简体中文' : v === 'en' ? 'English' : v,
  }));
}

interface Props {
  node: EditorNode;
  fields: readonly SegmentFieldInfo[];
  depth: number;
  onChange: (node: EditorNode) => void;
  onRemove?: () => void;
}

export function RuleEditor(props: Props) {
  return props.node.kind === 'group' ? <GroupEditor {...props} node={props.node} /> : <ConditionEditor {...props} node={props.node} />;
}

function GroupEditor({ node, fields, depth, onChange, onRemove }: Props & { node: GroupNode }) {
  const { t } = useTranslation();
  const setChild = (i: number, child: EditorNode) => onChange({ ...node, children: node.children.map((c, j) => (j === i ? child : c)) });
  const removeChild = (i: number) => onChange({ ...node, children: node.children.filter((_, j) => j !== i) });
  return (
    <Card withBorder padding="sm" radius="md" bg={depth % 2 === 0 ? 'gray.0' : 'white'} data-testid="rule-group">
      <Group justify="space-between" mb="xs" gap="xs" wrap="wrap">
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={node.op}
            onChange={(v) => onChange({ ...node, op: v === 'or' ? 'or' : 'and' })}
            data={[
              { value: 'and', label: t('segments.all') },
              { value: 'or', label: t('segments.any') },
            ]}
            aria-label={t('segments.combine')}
          />
          <Checkbox size="xs" label={t('segments.notGroup')} checked={node.negate} onChange={(e) => onChange({ ...node, negate: e.currentTarget.checked })} />
        </Group>
        <Group gap={4}>
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => onChange({ ...node, children: [...node.children, emptyCondition()] })} data-testid="add-condition">
            {t('segments.addCondition')}
          </Button>
          {depth < MAX_DEPTH && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => onChange({ ...node, children: [...node.children, emptyGroup(node.op === 'and' ? 'or' : 'and', [emptyCondition()])] })}
              data-testid="add-group"
            >
              {t('segments.addGroup')}
            </Button>
          )}
          {onRemove && (
            <ActionIcon size="sm" variant="subtle" color="red" onClick={onRemove} aria-label={t('segments.removeGroup')}>
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      </Group>
      <Stack gap="xs">
        {node.children.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('segments.emptyGroup')}
          </Text>
        )}
        {node.children.map((child, i) => (
          <RuleEditor key={child.id} node={child} fields={fields} depth={depth + 1} onChange={(c) => setChild(i, c)} onRemove={() => removeChild(i)} />
        ))}
      </Stack>
    </Card>
  );
}

function ConditionEditor({ node, fields, onChange, onRemove }: Props & { node: ConditionNode }) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.name === node.field);
  const shape = valueShape(node.op);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const f of fields) {
    const g = t(`segments.fieldGroup.${f.name.split('.')[0] ?? ''}`, { defaultValue: f.name.split('.')[0] });
    groups.set(g, [...(groups.get(g) ?? []), { value: f.name, label: fieldLabel(t, f) }]);
  }
  const set = (patch: Partial<ConditionNode>) => onChange({ ...node, ...patch });
  const choices = field ? valueOptions(t, field) : [];
  const hasChoices = choices.length > 0;

  let valueInput: React.ReactNode = null;
  if (field && shape === 'one') {
    if (hasChoices)
      valueInput = <Select size="xs" aria-label={t('segments.value')} placeholder={t('segments.value')} data={choices} value={node.value || null} onChange={(v) => set({ value: v ?? '' })} data-testid="cond-value" />;
    else if (field.type === 'uuid' && field.name === 'enrolment.schoolId')
      valueInput = <SchoolSelect size="xs" aria-label={t('segments.value')} placeholder={t('segments.value')} value={node.value || null} onChange={(id) => set({ value: id ?? '' })} />;
    else
      valueInput = (
        <TextInput
          size="xs"
          aria-label={t('segments.value')}
          placeholder={field.type === 'date' ? 'YYYY-MM-DD' : t('segments.value')}
          value={node.value}
          onChange={(e) => set({ value: e.currentTarget.value })}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          data-testid="cond-value"
        />
      );
  } else if (field && shape === 'list') {
    valueInput = hasChoices ? (
      <MultiSelect size="xs" aria-label={t('segments.values')} placeholder={t('segments.values')} data={choices} value={node.values} onChange={(v) => set({ values: v })} data-testid="cond-values" />
    ) : (
      <TagsInput size="xs" aria-label={t('segments.values')} placeholder={t('segments.valuesHint')} value={node.values} onChange={(v) => set({ values: v })} data-testid="cond-values" />
    );
  } else if (field && shape === 'range') {
    const [from = '', to = ''] = node.values;
    valueInput = (
      <Group gap={4} wrap="nowrap">
        <TextInput size="xs" w={110} aria-label={t('segments.from')} placeholder={t('segments.from')} value={from} onChange={(e) => set({ values: [e.currentTarget.value, to] })} />
        <TextInput size="xs" w={110} aria-label={t('segments.to')} placeholder={t('segments.to')} value={to} onChange={(e) => set({ values: [from, e.currentTarget.value] })} />
      </Group>
    );
  }

  return (
    <Group gap="xs" wrap="wrap" align="center" data-testid="rule-condition">
      <Checkbox size="xs" label={t('segments.not')} checked={node.negate} onChange={(e) => set({ negate: e.currentTarget.checked })} />
      <Select
        size="xs"
        w={240}
        searchable
        aria-label={t('segments.fieldLabel')}
        placeholder={t('segments.fieldLabel')}
        data={[...groups.entries()].map(([group, items]) => ({ group, items }))}
        value={node.field || null}
        onChange={(v) => {
          const f = fields.find((x) => x.name === v);
          set({ field: v ?? '', op: f?.operators[0] ?? '', value: '', values: [] });
        }}
        data-testid="cond-field"
      />
      <Select
        size="xs"
        w={150}
        aria-label={t('segments.operator')}
        data={(field?.operators ?? []).map((op) => ({ value: op, label: t(`segments.op.${op}`, { defaultValue: op }) }))}
        value={node.op || null}
        onChange={(v) => set({ op: v ?? '', ...(valueShape(v ?? '') !== shape ? { value: '', values: [] } : {}) })}
        disabled={!field}
        data-testid="cond-op"
      />
      <div style={{ flex: '1 1 160px', minWidth: 140 }}>{valueInput}</div>
      {onRemove && (
        <ActionIcon size="sm" variant="subtle" color="red" onClick={onRemove} aria-label={t('segments.removeCondition')}>
          <IconTrash size={14} />
        </ActionIcon>
      )}
    </Group>
  );
}
