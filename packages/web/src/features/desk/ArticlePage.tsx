// One help-centre article (published; editors also see its version history).
import { Alert, Anchor, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { formatDateTime } from '../../format.ts';
import { DESK_KEY, deskApi } from './api.ts';
import { useDeskT } from './i18n.ts';

export default function ArticlePage() {
  const { id = '' } = useParams();
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const q = useQuery({
    queryKey: [...DESK_KEY, 'article', id],
    queryFn: ({ signal }) => deskApi.article(id, signal),
  });
  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{message(q.error)}</Alert>;
  const a = q.data.article;
  return (
    <Stack maw={800}>
      <Anchor component={Link} to="/help">
        {dt('help.back')}
      </Anchor>
      <Title order={2}>{a.title}</Title>
      <Text size="xs" c="dimmed">
        {dt('kb.versionLine', { version: a.version, at: formatDateTime(a.updatedAt, lang) })}
      </Text>
      <Card withBorder>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{a.body}</Text>
      </Card>
      {q.data.versions.length > 1 && (
        <Card withBorder>
          <Text fw={600}>{dt('kb.history')}</Text>
          {q.data.versions.map((v) => (
            <Text key={v.version} size="sm">
              v{v.version} · {v.title} · {v.editedBy ?? '—'} · {formatDateTime(v.editedAt, lang)}
            </Text>
          ))}
        </Card>
      )}
    </Stack>
  );
}
