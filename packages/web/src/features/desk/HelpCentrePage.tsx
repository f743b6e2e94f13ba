// The student portal's help centre: ask a question and the answer assistant shows the best
// passages of the lender's own articles; below, every published article by category.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DESK_KEY, deskApi } from './api.ts';
import { Empty } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function HelpCentrePage() {
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const language = lang.startsWith('zh') ? 'zh-CN' : 'en';
  const answer = useQuery({
    queryKey: [...DESK_KEY, 'answer', asked, language],
    queryFn: ({ signal }) => deskApi.answer(asked, language, signal),
    enabled: asked.length > 0,
  });
  const articles = useQuery({
    queryKey: [...DESK_KEY, 'articles', language],
    queryFn: ({ signal }) => deskApi.articles({ language }, signal),
  });
  const byCategory = new Map<string, { id: string; title: string }[]>();
  for (const a of articles.data?.items ?? [])
    byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
  return (
    <>
      <PageHeader
        title={dt('help.title')}
        description={dt('help.description')}
        actions={
          <Button component={Link} to="/my-requests" variant="light">
            {dt('help.contactUs')}
          </Button>
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(text.trim());
        }}
      >
        <Group align="flex-end" mb="md">
          <TextInput
            style={{ flex: 1 }}
            label={dt('help.ask')}
            placeholder={dt('help.askPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="help-question"
          />
          <Button type="submit" disabled={!text.trim()}>
            {dt('help.search')}
          </Button>
        </Group>
      </form>
      {answer.isFetching && <Loader size="sm" />}
      {answer.isError && <Alert color="red">{message(answer.error)}</Alert>}
      {answer.data && answer.data.answers.length === 0 && <Empty>{dt('help.noAnswer')}</Empty>}
      {answer.data && answer.data.answers.length > 0 && (
        <Stack mb="xl" data-testid="answers">
          {answer.data.answers.map((a) => (
            <Card key={a.id} withBorder>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                “{a.passage}”
              </Text>
              <Anchor component={Link} to={`/help/articles/${a.id}`} size="sm" mt="xs">
                {dt('help.readMore', { title: a.title })}
              </Anchor>
            </Card>
          ))}
        </Stack>
      )}
      <Title order={4} mb="sm">
        {dt('help.browse')}
      </Title>
      {articles.isPending && <Loader />}
      {articles.isError && <Alert color="red">{message(articles.error)}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {[...byCategory.entries()].map(([category, list]) => (
          <Card key={category} withBorder>
            <Text fw={600} mb="xs">
              {dt(`category.${category}`, { defaultValue: category })}
            </Text>
            {list.map((a) => (
              <Anchor key={a.id} component={Link} to={`/help/articles/${a.id}`} display="block" size="sm">
                {a.title}
              </Anchor>
            ))}
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
