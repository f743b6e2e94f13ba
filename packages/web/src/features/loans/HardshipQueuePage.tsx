// Relief requests waiting for a decision (hardship.approve): each with the server's preview of
// the new schedule; approve or decline with a note (four eyes: the server refuses one's own).
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { HARDSHIP_STATUSES, LOANS_KEY, type HardshipRequest } from './api.ts';
import { Empty } from './components.tsx';
import { PreviewView } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';

function DecisionDialog({ request, decision, onClose }: { request: HardshipRequest; decision: 'approve' | 'decline'; onClose: () => void }) {
  const { lt } = useLoansT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const mutation = useMutation({
    mutationFn: () => api.post(`/api/v1/hardship-requests/${request.id}/decision`, { decision, note: note.trim() || undefined }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: lt(`approvals.done.${decision}`) });
      await client.invalidateQueries({ queryKey: LOANS_KEY });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={lt(`approvals.${decision}`)}>
      <Stack>
        <Textarea label={lt('approvals.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="decision-note" />
        {mutation.isError && (
          <Alert color="red" role="alert">
            {message(mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {lt('common.cancel')}
          </Button>
          <Button color={decision === 'approve' ? 'green' : 'red'} loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="decision-submit">
            {lt(`approvals.${decision}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default function HardshipQueuePage() {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const [status, setStatus] = useState<string>('requested');
  const [deciding, setDeciding] = useState<{ request: HardshipRequest; decision: 'approve' | 'decline' } | null>(null);
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'hardship-queue', status],
    queryFn: ({ signal }) => api.get<{ items: HardshipRequest[] }>('/api/v1/hardship-requests', { query: { status }, signal }),
  });
  return (
    <>
      <PageHeader title={lt('approvals.title')} description={lt('approvals.description')} />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={status}
          onChange={setStatus}
          data={HARDSHIP_STATUSES.map((s) => ({ value: s, label: lt(`hardshipStatus.${s}`) }))}
        />
        {query.isError && <Alert color="red">{message(query.error)}</Alert>}
        {query.isPending && <Loader />}
        {query.data && query.data.items.length === 0 && <Empty>{lt('approvals.empty')}</Empty>}
        {query.data?.items.map((r) => (
          <Card key={r.id} withBorder padding="md" data-testid="hardship-request">
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Anchor component={Link} to={`/loans/${r.loanId}`} fw={600}>
                  {lt('approvals.loan')}
                </Anchor>
                <Badge variant="light">{lt(`hardshipKind.${r.kind}`, { defaultValue: r.kind })}</Badge>
                <Text size="sm">{lt(`reason.${r.reason}`, { defaultValue: r.reason })}</Text>
                {r.endDate && (
                  <Text size="sm" c="dimmed">
                    {formatDate(r.startDate, lang)} → {formatDate(r.endDate, lang)}
                  </Text>
                )}
                {r.extraInstalments > 0 && <Text size="sm">+{r.extraInstalments}</Text>}
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(r.createdAt, lang)}
              </Text>
            </Group>
            {r.evidence && (
              <Text size="sm" mb="xs">
                {lt('field.evidence')}: {r.evidence}
              </Text>
            )}
            {r.decisionNote && (
              <Text size="sm" c="dimmed" mb="xs">
                {lt('approvals.note')}: {r.decisionNote}
              </Text>
            )}
            {r.status === 'requested' && (
              <>
                <PreviewView request={r} currency="" />
                <Group justify="flex-end" mt="sm">
                  <Button variant="default" color="red" onClick={() => setDeciding({ request: r, decision: 'decline' })} data-testid="hardship-decline">
                    {lt('approvals.decline')}
                  </Button>
                  <Button color="green" onClick={() => setDeciding({ request: r, decision: 'approve' })} data-testid="hardship-approve">
                    {lt('approvals.approve')}
                  </Button>
                </Group>
              </>
            )}
          </Card>
        ))}
      </Stack>
      {deciding && <DecisionDialog {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}
