// The public response page (/s/:token): reached from the signed link in an invitation, without
// signing in. Mobile-first, in the respondent's language (switchable); answers are saved as the
// respondent goes, so they can come back to the same link and finish later; one submission.
import {
  Alert,
  Box,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { BASE, visibleSections, type Answers, type Lang, type PublicSurvey } from './api.ts';
import { useSurveysT } from './i18n.ts';
import { SurveyForm } from './SurveyForm.tsx';

export default function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { st } = useSurveysT();
  const { i18n } = useTranslation();
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: ({ signal }) => api.get<PublicSurvey>(`${BASE}/s/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
  const [lang, setLang] = useState<Lang | null>(null);
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const saveTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!survey.data) return;
    setAnswers((a) => a ?? survey.data.answers);
    setLang((l) => l ?? survey.data.language);
  }, [survey.data]);
  const shown = lang ?? survey.data?.language ?? 'zh-CN';
  useEffect(() => {
    if (i18n.language !== shown) void i18n.changeLanguage(shown);
  }, [i18n, shown]);

  const save = useMutation({
    mutationFn: (body: { answers: Answers; submit: boolean }) =>
      api.put<{ status: 'partial' | 'complete' }>(`${BASE}/s/${encodeURIComponent(token)}`, {
        ...body,
        language: shown,
      }),
    onSuccess: (r) => {
      setErrors({});
      if (r.status === 'complete') setDone(true);
    },
    onError: (err) => {
      if (err instanceof ApiError)
        setErrors(Object.fromEntries((err.problem.errors ?? []).map((e) => [e.field, e.message])));
    },
  });

  if (survey.isPending)
    return (
      <Center h="100dvh">
        <Loader aria-label={st('public.loading')} />
      </Center>
    );
  if (survey.isError)
    return (
      <Container size="xs" py="xl">
        <Alert color="red" title={st('public.invalidTitle')}>
          {st('public.invalid')}
        </Alert>
      </Container>
    );
  const data = survey.data;
  const current = answers ?? data.answers;
  if (done || data.status === 'completed')
    return (
      <Container size="xs" py="xl">
        <Alert color="teal" title={st('public.thanksTitle')} role="status">
          {st('public.thanks')}
        </Alert>
      </Container>
    );
  if (data.status === 'closed')
    return (
      <Container size="xs" py="xl">
        <Alert color="gray" title={st('public.closedTitle')}>
          {st('public.closed')}
        </Alert>
      </Container>
    );

  const questions = visibleSections(data.definition, current).flatMap((s) => s.questions);
  const answered = questions.filter((q) => current[q.id] !== undefined).length;
  const onChange = (next: Answers) => {
    setAnswers(next);
    // Save a draft a moment after the last change, so a respondent can leave and come back.
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => save.mutate({ answers: next, submit: false }), 800);
  };
  const errorCount = Object.keys(errors).length;

  return (
    <Box component="main" py="md">
      <Container size="sm" px="sm">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={1} size="h3">
              {data.surveyName[shown]}
            </Title>
            <SegmentedControl
              size="xs"
              aria-label={st('public.language')}
              value={shown}
              onChange={(v) => setLang(v)}
              data={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {st('public.intro')}
          </Text>
          <Progress
            value={questions.length ? (100 * answered) / questions.length : 0}
            aria-label={st('public.progress', { answered, total: questions.length })}
          />
          <Text size="xs" c="dimmed">
            {st('public.progress', { answered, total: questions.length })}
          </Text>
          <SurveyForm
            definition={data.definition}
            lang={shown}
            answers={current}
            errors={errors}
            onChange={onChange}
          />
          {errorCount > 0 && (
            <Alert color="red" role="alert">
              {st('public.fixErrors', { count: errorCount })}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed" aria-live="polite">
              {save.isPending ? st('public.saving') : save.isSuccess ? st('public.saved') : ''}
            </Text>
            <Button
              size="md"
              loading={save.isPending}
              onClick={() => {
                window.clearTimeout(saveTimer.current);
                save.mutate({ answers: current, submit: true });
              }}
            >
              {st('public.submit')}
            </Button>
          </Group>
        </Stack>
      </Container>
    </Box>
  );
}
