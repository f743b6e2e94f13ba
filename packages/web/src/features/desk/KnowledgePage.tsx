// The knowledge-base editor: articles in English and 简体中文 by category and status; writing
// or editing one saves a new version, publishing puts it in the help centre.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ARTICLE_STATUSES, DESK_KEY, deskApi, type Article } from './api.ts';
import { Empty } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function KnowledgePage() {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  const list = useQuery({
    queryKey: [...DESK_KEY, 'articles', 'all'],
    queryFn: ({ signal }) => deskApi.articles({}, signal),
  });
  return (
    <>
      <PageHeader
        title={dt('kb.title')}
        description={dt('kb.description')}
        actions={<Button onClick={() => setEditing('new')}>{dt('kb.new')}</Button>}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: editing ? 6 : 12 }}>
          {list.isPending && <Loader />}
          {list.isError && <Alert color="red">{message(list.error)}</Alert>}
          {list.data && list.data.items.length === 0 && <Empty>{dt('kb.empty')}</Empty>}
          {list.data && list.data.items.length > 0 && (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{dt('kb.articleTitle')}</Table.Th>
                  <Table.Th>{dt('kb.language')}</Table.Th>
                  <Table.Th>{dt('kb.category')}</Table.Th>
                  <Table.Th>{dt('field.status')}</Table.Th>
                  <Table.Th>{dt('kb.version')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id} onClick={() => setEditing(a)} style={{ cursor: 'pointer' }}>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>{a.language}</Table.Td>
                    <Table.Td>{a.category}</Table.Td>
                    <Table.Td>{dt(`kb.status.${a.status}`)}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/help/articles/${a.id}`}
                        onClick={(e) => e.stopPropagation()}
                      >
                        v{a.version}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Grid.Col>
        {editing && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ArticleEditor
              key={editing === 'new' ? 'new' : editing.id}
              article={editing === 'new' ? null : editing}
              onDone={() => setEditing(null)}
            />
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}

function ArticleEditor({ article, onDone }: { article: Article | null; onDone: () => void }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [slug, setSlug] = useState(article?.slug ?? '');
  const [language, setLanguage] = useState<string>(article?.language ?? 'zh-CN');
  const [category, setCategory] = useState(article?.category ?? '');
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [status, setStatus] = useState<string>(article?.status ?? 'draft');
  const save = useMutation({
    mutationFn: () =>
      article
        ? deskApi.updateArticle(article.id, { category, title, body, status })
        : deskApi.createArticle({ slug, language, category, title, body, status }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: DESK_KEY });
      onDone();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <Card withBorder>
      <Stack>
        <Group grow>
          <TextInput
            label={dt('kb.slug')}
            value={slug}
            onChange={(e) => setSlug(e.currentTarget.value)}
            disabled={!!article}
            error={errors.slug}
          />
          <Select
            label={dt('kb.language')}
            value={language}
            onChange={(v) => v && setLanguage(v)}
            disabled={!!article}
            data={[
              { value: 'en', label: 'English' },
              { value: 'zh-CN', label: '简体中文' },
            ]}
          />
        </Group>
        <Group grow>
          <TextInput
            label={dt('kb.category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            error={errors.category}
          />
          <Select
            label={dt('field.status')}
            value={status}
            onChange={(v) => v && setStatus(v)}
            data={ARTICLE_STATUSES.map((s) => ({ value: s, label: dt(`kb.status.${s}`) }))}
          />
        </Group>
        <TextInput
          label={dt('kb.articleTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={dt('kb.body')}
          minRows={10}
          autosize
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        {save.isError && !Object.keys(errors).length && <Alert color="red">{message(save.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onDone}>
            {dt('action.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {dt('kb.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
