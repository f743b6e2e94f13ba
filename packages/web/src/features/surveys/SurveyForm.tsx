// One survey rendered as a form: the public response page, staff phone/paper entry and the
// designer's preview all use it. Native radio and checkbox inputs inside labelled groups, so a
// screen reader announces each question and arrow keys move between the points of a scale.
import { Checkbox, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import {
  scaleOf,
  visibleSections,
  type AnswerValue,
  type Answers,
  type Lang,
  type Question,
  type SurveyDefinition,
} from './api.ts';
import { useSurveysT } from './i18n.ts';

function QuestionInput({
  q,
  lang,
  value,
  error,
  onChange,
}: {
  q: Question;
  lang: Lang;
  value: AnswerValue | undefined;
  error?: string | undefined;
  onChange: (v: AnswerValue | undefined) => void;
}) {
  const { st } = useSurveysT();
  const label = q.text[lang];
  const description = q.help?.[lang];
  const scale = scaleOf(q);
  if (scale) {
    const ends =
      q.type === 'nps'
        ? [st('form.npsLow'), st('form.npsHigh')]
        : [st('form.scaleLow'), st('form.scaleHigh')];
    return (
      <Radio.Group
        label={label}
        description={description}
        withAsterisk={q.required}
        error={error}
        value={typeof value === 'number' ? String(value) : ''}
        onChange={(v) => onChange(Number(v))}
      >
        <Group gap={q.type === 'nps' ? 6 : 'md'} mt="xs" wrap="wrap">
          {scale.map((n) => (
            <Radio key={n} value={String(n)} label={String(n)} aria-label={`${n} · ${label}`} />
          ))}
        </Group>
        <Group justify="space-between" mt={4}>
          <Text size="xs" c="dimmed">
            {ends[0]}
          </Text>
          <Text size="xs" c="dimmed">
            {ends[1]}
          </Text>
        </Group>
      </Radio.Group>
    );
  }
  if (q.type === 'single')
    return (
      <Radio.Group
        label={label}
        description={description}
        withAsterisk={q.required}
        error={error}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
      >
        <Stack gap={6} mt="xs">
          {(q.options ?? []).map((o) => (
            <Radio key={o.value} value={o.value} label={o.label[lang]} />
          ))}
        </Stack>
      </Radio.Group>
    );
  if (q.type === 'multiple')
    return (
      <Checkbox.Group
        label={label}
        description={description}
        withAsterisk={q.required}
        error={error}
        value={Array.isArray(value) ? value : []}
        onChange={(v) => onChange(v.length ? v : undefined)}
      >
        <Stack gap={6} mt="xs">
          {(q.options ?? []).map((o) => (
            <Checkbox key={o.value} value={o.value} label={o.label[lang]} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  return (
    <Textarea
      label={label}
      description={description}
      withAsterisk={q.required}
      error={error}
      autosize
      minRows={3}
      maxLength={4000}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    />
  );
}

/** The visible sections (skip logic applied) with their questions; hidden answers are left out by the server. */
export function SurveyForm({
  definition,
  lang,
  answers,
  errors,
  onChange,
}: {
  definition: SurveyDefinition;
  lang: Lang;
  answers: Answers;
  errors: Record<string, string>;
  onChange: (next: Answers) => void;
}) {
  return (
    <Stack gap="lg">
      {visibleSections(definition, answers).map((s) => (
        <Paper
          key={s.id}
          withBorder
          p="md"
          radius="md"
          component="section"
          aria-labelledby={`section-${s.id}`}
        >
          <Title order={3} size="h4" id={`section-${s.id}`} mb="sm">
            {s.title[lang]}
          </Title>
          <Stack gap="lg">
            {s.questions.map((q) => (
              <div key={q.id} data-question={q.id}>
                <QuestionInput
                  q={q}
                  lang={lang}
                  value={answers[q.id]}
                  error={errors[`answers.${q.id}`]}
                  onChange={(v) => {
                    const next = { ...answers };
                    if (v === undefined) delete next[q.id];
                    else next[q.id] = v;
                    onChange(next);
                  }}
                />
              </div>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
