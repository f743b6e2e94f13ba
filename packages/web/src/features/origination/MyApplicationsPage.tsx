// The portal's list of the student's applications, with "Apply for a loan".
import { Alert, Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { ORIG_KEY, portal } from './api.ts';
import { StatusBadge } from './components.tsx';
import { useOrigT } from './i18n.ts';

export default function MyApplicationsPage() {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: [...ORIG_KEY, 'portal', 'mine'],
    queryFn: ({ signal }) => portal.list(signal),
  });
  const start = useMutation({
    mutationFn: () => portal.create({}),
    onSuccess: (d) => navigate(`/apply/${d.id}`),
  });
  return (
    <>
      <PageHeader
        title={ot('my.title')}
        description={ot('my.description')}
        actions={
          <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="start-application">
            {ot('my.start')}
          </Button>
        }
      />
      {start.isError && <Alert color="red">{message(start.error)}</Alert>}
      {list.isError && <Alert color="red">{message(list.error)}</Alert>}
      {list.isPending && <Loader />}
      {list.data?.items.length === 0 && <Text c="dimmed">{ot('my.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {list.data?.items.map((a) => (
          <Card key={a.id} withBorder data-testid="my-application">
            <Stack gap={4}>
              <Group justify="space-between">
                <Anchor component={Link} to={`/apply/${a.id}`} fw={600}>
                  {a.applicationNumber}
                </Anchor>
                <StatusBadge status={a.status} />
              </Group>
              <Text size="sm">{a.productCode ?? ot('my.noProduct')}</Text>
              <Text size="xs" c="dimmed">
                {ot('my.updated', { at: formatDateTime(a.createdAt, lang) })}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
