// The student's inbox (messages.inbox): messages sent to the portal, newest first, unread ones
// marked; opening one marks it read.
import { Alert, Badge, Card, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { BASE, ENGAGEMENT_KEY, type Inbox, type InboxItem } from './api.ts';
import { Empty } from './components.tsx';
import { useEngagementT } from './i18n.ts';

const INBOX_KEY = [...ENGAGEMENT_KEY, 'inbox'];

function InboxMessage({ item, open, onOpen }: { item: InboxItem; open: boolean; onOpen: () => void }) {
  const { et, lang } = useEngagementT();
  const unread = !item.readAt;
  return (
    <Card withBorder padding="sm" data-testid="inbox-item" data-unread={unread}>
      <UnstyledButton onClick={onOpen} w="100%" data-testid="inbox-open">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {unread && (
              <Badge size="xs" color="blue" data-testid="inbox-unread">
                {et('inbox.new')}
              </Badge>
            )}
            <Text fw={unread ? 700 : 500} lineClamp={1}>
              {item.subject ?? item.body.slice(0, 80)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(item.createdAt, lang)}
          </Text>
        </Group>
      </UnstyledButton>
      {open && (
        <Stack gap="xs" mt="sm">
          {item.legallyRequired && (
            <Badge color="grape" variant="light">
              {et('inbox.required')}
            </Badge>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="inbox-body">
            {item.body}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

export default function InboxPage() {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery({
    queryKey: INBOX_KEY,
    queryFn: ({ signal }) => api.get<Inbox>(`${BASE}/inbox`, { query: { limit: 100 }, signal }),
  });
  const read = useMutation({
    mutationFn: (id: string) =>
      api.post<{ id: string; read: boolean }>(`${BASE}/inbox/${encodeURIComponent(id)}/read`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
  const openItem = (item: InboxItem) => {
    setOpen(open === item.id ? null : item.id);
    if (!item.readAt && !read.isPending) read.mutate(item.id);
  };
  return (
    <>
      <PageHeader
        title={et('inbox.title')}
        description={query.data ? et('inbox.unread', { count: query.data.unread }) : et('inbox.description')}
      />
      {query.isPending && <Loader />}
      {(query.isError || read.isError) && (
        <Alert color="red" role="alert">
          {message(read.error ?? query.error)}
        </Alert>
      )}
      {query.data?.items.length === 0 && <Empty>{et('inbox.empty')}</Empty>}
      <Stack gap="xs">
        {query.data?.items.map((item) => (
          <InboxMessage key={item.id} item={item} open={open === item.id} onOpen={() => openItem(item)} />
        ))}
      </Stack>
    </>
  );
}
