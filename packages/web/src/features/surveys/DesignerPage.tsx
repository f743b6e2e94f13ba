// The survey designer: edit a draft's sections and questions (type, text in English and 简体中文,
// required, dimension, options, skip logic), preview it as a respondent sees it, save and
// publish. A published version is read-only; "new draft" copies it into the next version.
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  BASE,
  CONDITION_OPS,
  QUESTION_TYPES,
  SURVEYS_KEY,
  type Answers,
  type Lang,
  type Question,
  type SurveyDefinition,
  type Version,
} from './api.ts';
import { ErrorAlert, StatusBadge } from './components.tsx';
import { useSurveysT } from './i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';

type Update = (q: Question) => void;

/** Options as editable lines: `value | English | 中文`. */
const optionsText = (q: Question) =>
  (q.options ?? []).map((o) => `${o.value} | ${o.label.en} | ${o.label['zh-CN']}`).join('\n');
function parseOptions(text: string): Question['options'] {
  return text
    .split('\n')
    .map((l) => l.split('|').map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([value, en, zh]) => ({ value: value!, label: { en: en || value!, 'zh-CN': zh || en || value! } }));
}

function QuestionEditor({
  q,
  def,
  earlier,
  readOnly,
  onChange,
  onRemove,
  onMove,
}: {
  q: Question;
  def: SurveyDefinition;
  earlier: Question[];
  readOnly: boolean;
  onChange: Update;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { st, lang } = useSurveysT();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`designer-question-${q.id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {q.id}
          </Text>
          {!readOnly && (
            <Group gap={4}>
              <ActionIcon variant="subtle" aria-label={st('designer.moveUp')} onClick={() => onMove(-1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" aria-label={st('designer.moveDown')} onClick={() => onMove(1)}>
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={st('designer.remove')} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={st('designer.textEn')}
            value={q.text.en}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...q, text: { ...q.text, en: e.currentTarget.value } })}
          />
          <TextInput
            label={st('designer.textZh')}
            value={q.text['zh-CN']}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...q, text: { ...q.text, 'zh-CN': e.currentTarget.value } })}
          />
        </SimpleGrid>
        <Group align="flex-end">
          <Select
            label={st('designer.type')}
            w={180}
            disabled={readOnly}
            allowDeselect={false}
            data={QUESTION_TYPES.map((x) => ({ value: x, label: st(`type.${x}`) }))}
            value={q.type}
            onChange={(v) => onChange({ ...q, type: v ?? 'likert' })}
          />
          <Select
            label={st('designer.dimension')}
            w={220}
            clearable
            disabled={readOnly || q.type !== 'likert'}
            data={def.dimensions.map((d) => ({ value: d.code, label: d.name[lang] }))}
            value={q.dimension ?? null}
            onChange={(v) => {
              const { dimension: _d, ...rest } = q;
              onChange(v ? { ...rest, dimension: v } : rest);
            }}
          />
          {q.type === 'rating' && (
            <NumberInput
              label={st('designer.max')}
              w={100}
              min={2}
              max={10}
              readOnly={readOnly}
              value={q.max ?? 5}
              onChange={(v) => onChange({ ...q, max: Number(v) || 5 })}
            />
          )}
          <Switch
            label={st('designer.required')}
            disabled={readOnly}
            checked={!!q.required}
            onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
          />
        </Group>
        {(q.type === 'single' || q.type === 'multiple') && (
          <Textarea
            label={st('designer.options')}
            description={st('designer.optionsHelp')}
            autosize
            minRows={2}
            readOnly={readOnly}
            defaultValue={optionsText(q)}
            onBlur={(e) => onChange({ ...q, options: parseOptions(e.currentTarget.value) })}
          />
        )}
        <Group align="flex-end">
          <Select
            label={st('designer.showIf')}
            w={220}
            clearable
            disabled={readOnly}
            data={earlier.map((e) => ({ value: e.id, label: e.id }))}
            value={q.showIf?.question ?? null}
            onChange={(v) => {
              const { showIf: _s, ...rest } = q;
              onChange(
                v
                  ? {
                      ...rest,
                      showIf: {
                        question: v,
                        op: q.showIf?.op ?? 'answered',
                        ...(q.showIf?.value !== undefined ? { value: q.showIf.value } : {}),
                      },
                    }
                  : rest,
              );
            }}
          />
          {q.showIf && (
            <>
              <Select
                label={st('designer.op')}
                w={160}
                disabled={readOnly}
                allowDeselect={false}
                data={CONDITION_OPS.map((o) => ({ value: o, label: st(`op.${o}`) }))}
                value={q.showIf.op}
                onChange={(v) => onChange({ ...q, showIf: { ...q.showIf!, op: (v ?? 'answered') as 'eq' } })}
              />
              {q.showIf.op !== 'answered' && (
                <TextInput
                  label={st('designer.value')}
                  w={140}
                  readOnly={readOnly}
                  value={q.showIf.value === undefined ? '' : String(q.showIf.value)}
                  onChange={(e) => {
                    const raw = e.currentTarget.value;
                    const value = raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
                    onChange({ ...q, showIf: { ...q.showIf!, value } });
                  }}
                />
              )}
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

export default function DesignerPage() {
  const { id = '' } = useParams();
  const { st } = useSurveysT();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const version = useQuery({
    queryKey: [...SURVEYS_KEY, 'version', id],
    queryFn: ({ signal }) => api.get<Version>(`${BASE}/versions/${id}`, { signal }),
  });
  const [draft, setDraft] = useState<SurveyDefinition | null>(null);
  const [previewLang, setPreviewLang] = useState<Lang>('zh-CN');
  const [previewAnswers, setPreviewAnswers] = useState<Answers>({});
  const def = draft ?? version.data?.definition ?? null;
  const readOnly = !can('surveys.manage') || version.data?.status !== 'draft';

  const save = useMutation({
    mutationFn: () => api.put<Version>(`${BASE}/versions/${id}`, { definition: def }),
    onSuccess: (v) => {
      qc.setQueryData([...SURVEYS_KEY, 'version', id], v);
      setDraft(null);
      notifications.show({ color: 'teal', message: st('designer.saved') });
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (draft) await api.put<Version>(`${BASE}/versions/${id}`, { definition: draft });
      return api.post<Version>(`${BASE}/versions/${id}/publish`);
    },
    onSuccess: (v) => {
      qc.setQueryData([...SURVEYS_KEY, 'version', id], v);
      setDraft(null);
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      notifications.show({ color: 'teal', message: st('designer.published') });
    },
  });
  const newDraft = useMutation({
    mutationFn: () => api.post<Version>(`${BASE}/${version.data!.surveyId}/drafts`),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      void navigate(`/surveys/versions/${v.id}`);
    },
  });

  if (version.isPending) return <Text>{st('common.loading')}</Text>;
  if (version.isError || !def) return <ErrorAlert error={version.error} />;

  const edit = (si: number, f: (qs: Question[]) => Question[]) =>
    setDraft({
      ...def,
      sections: def.sections.map((s, i) => (i === si ? { ...s, questions: f(s.questions) } : s)),
    });
  const all = def.sections.flatMap((s) => s.questions);
  const nextId = () => {
    let n = all.length + 1;
    while (all.some((q) => q.id === `q${n}`)) n++;
    return `q${n}`;
  };

  return (
    <>
      <PageHeader
        title={st('designer.title', { version: version.data.version })}
        description={st('designer.description')}
        actions={
          <Group>
            <StatusBadge status={version.data.status} />
            {!readOnly && (
              <>
                <Button
                  variant="default"
                  onClick={() => save.mutate()}
                  loading={save.isPending}
                  disabled={!draft}
                >
                  {st('designer.save')}
                </Button>
                <Button onClick={() => publish.mutate()} loading={publish.isPending}>
                  {st('designer.publish')}
                </Button>
              </>
            )}
            {version.data.status === 'published' && can('surveys.manage') && (
              <Button variant="light" onClick={() => newDraft.mutate()} loading={newDraft.isPending}>
                {st('designer.newDraft')}
              </Button>
            )}
          </Group>
        }
      />
      <ErrorAlert error={save.error ?? publish.error ?? newDraft.error} />
      <Tabs defaultValue="edit" mt="sm">
        <Tabs.List>
          <Tabs.Tab value="edit">{st('designer.edit')}</Tabs.Tab>
          <Tabs.Tab value="preview">{st('designer.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="md">
          <Stack>
            {readOnly && (
              <Text c="dimmed" size="sm">
                {st('designer.readOnly')}
              </Text>
            )}
            {def.sections.map((s, si) => {
              const before = def.sections.slice(0, si).flatMap((x) => x.questions);
              return (
                <Paper key={s.id} withBorder p="md" radius="md">
                  <Stack gap="sm">
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <TextInput
                        label={st('designer.sectionEn')}
                        value={s.title.en}
                        readOnly={readOnly}
                        onChange={(e) =>
                          setDraft({
                            ...def,
                            sections: def.sections.map((x, i) =>
                              i === si ? { ...x, title: { ...x.title, en: e.currentTarget.value } } : x,
                            ),
                          })
                        }
                      />
                      <TextInput
                        label={st('designer.sectionZh')}
                        value={s.title['zh-CN']}
                        readOnly={readOnly}
                        onChange={(e) =>
                          setDraft({
                            ...def,
                            sections: def.sections.map((x, i) =>
                              i === si ? { ...x, title: { ...x.title, 'zh-CN': e.currentTarget.value } } : x,
                            ),
                          })
                        }
                      />
                    </SimpleGrid>
                    {s.questions.map((q, qi) => (
                      <QuestionEditor
                        key={q.id}
                        q={q}
                        def={def}
                        earlier={[...before, ...s.questions.slice(0, qi)]}
                        readOnly={readOnly}
                        onChange={(nq) => edit(si, (qs) => qs.map((x, i) => (i === qi ? nq : x)))}
                        onRemove={() => edit(si, (qs) => qs.filter((_, i) => i !== qi))}
                        onMove={(by) =>
                          edit(si, (qs) => {
                            const j = qi + by;
                            if (j < 0 || j >= qs.length) return qs;
                            const next = [...qs];
                            [next[qi], next[j]] = [next[j]!, next[qi]!];
                            return next;
                          })
                        }
                      />
                    ))}
                    {!readOnly && (
                      <Group>
                        <Button
                          variant="light"
                          size="xs"
                          onClick={() =>
                            edit(si, (qs) => [
                              ...qs,
                              {
                                id: nextId(),
                                type: 'likert',
                                required: false,
                                text: { en: 'New question', 'zh-CN': '新问题' },
                              },
                            ])
                          }
                        >
                          {st('designer.addQuestion')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Paper>
              );
            })}
            {!readOnly && (
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    setDraft({
                      ...def,
                      sections: [
                        ...def.sections,
                        {
                          id: `s${def.sections.length + 1}`,
                          title: { en: 'New section', 'zh-CN': '新部分' },
                          questions: [
                            {
                              id: nextId(),
                              type: 'text',
                              required: false,
                              text: { en: 'New question', 'zh-CN': '新问题' },
                            },
                          ],
                        },
                      ],
                    })
                  }
                >
                  {st('designer.addSection')}
                </Button>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="md">
          <Stack maw={640}>
            <SegmentedControl
              w={200}
              value={previewLang}
              onChange={(v) => setPreviewLang(v)}
              data={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            <SurveyForm
              definition={def}
              lang={previewLang}
              answers={previewAnswers}
              errors={{}}
              onChange={setPreviewAnswers}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
