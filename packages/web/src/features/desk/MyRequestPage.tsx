// One of the student's requests: the replies, a reply box (a reply reopens a resolved request),
// file upload, and once it is resolved the satisfaction rating (1–5 and a comment).
import {
  Alert,
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Loader,
  Rating,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { attachmentUrl, DESK_KEY, deskApi, uploadAttachment, type Ticket } from './api.ts';
import { Conversation, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function MyRequestPage() {
  const { id = '' } = useParams();
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [reply, setReply] = useState('');
  const detail = useQuery({
    queryKey: [...DESK_KEY, 'my', id],
    queryFn: ({ signal }) => deskApi.myTicket(id, signal),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: DESK_KEY });
  const send = useMutation({
    mutationFn: () => deskApi.myReply(id, reply),
    onSuccess: () => {
      setReply('');
      refresh();
    },
  });
  const upload = useMutation({ mutationFn: (f: File) => uploadAttachment(id, f, true), onSuccess: refresh });
  if (detail.isPending) return <Loader />;
  if (detail.isError) return <Alert color="red">{message(detail.error)}</Alert>;
  const t = detail.data.ticket;
  const errors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/my-requests">
        {dt('my.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {t.reference} · {t.subject}
        </Title>
        <StatusBadge status={t.status} />
      </Group>
      {(t.status === 'resolved' || t.status === 'closed') && <RateCard ticket={t} onDone={refresh} />}
      <Conversation entries={detail.data.entries} />
      {detail.data.attachments.map((a) => (
        <Anchor key={a.id} href={attachmentUrl(a.id, true)} size="sm">
          {a.filename}
        </Anchor>
      ))}
      {!t.mergedIntoId && (
        <Card withBorder>
          <Stack>
            <Textarea
              label={
                t.status === 'resolved' || t.status === 'closed' ? dt('my.replyReopens') : dt('my.reply')
              }
              minRows={3}
              autosize
              value={reply}
              onChange={(e) => setReply(e.currentTarget.value)}
              error={errors.body}
              data-testid="my-reply"
            />
            {(send.isError || upload.isError) && !Object.keys(errors).length && (
              <Alert color="red">{message(send.error ?? upload.error)}</Alert>
            )}
            <Group justify="space-between">
              <FileButton
                onChange={(f) => f && upload.mutate(f)}
                accept="application/pdf,image/png,image/jpeg,image/webp,text/plain"
              >
                {(props) => (
                  <Button variant="subtle" {...props} loading={upload.isPending}>
                    {dt('my.attach')}
                  </Button>
                )}
              </FileButton>
              <Button
                onClick={() => send.mutate()}
                disabled={!reply.trim()}
                loading={send.isPending}
                data-testid="send-my-reply"
              >
                {dt('my.send')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function RateCard({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () => deskApi.rate(ticket.id, score, comment.trim() || undefined),
    onSuccess: onDone,
  });
  if (ticket.ratedAt)
    return (
      <Card withBorder data-testid="rated">
        <Group>
          <Text>{dt('rate.thanks')}</Text>
          <Rating value={ticket.satisfaction ?? 0} readOnly />
        </Group>
      </Card>
    );
  return (
    <Card withBorder data-testid="rate-card">
      <Stack>
        <Text fw={600}>{dt('rate.ask')}</Text>
        {ticket.resolutionSummary && (
          <Text size="sm">{dt('rate.summary', { summary: ticket.resolutionSummary })}</Text>
        )}
        <Group gap="xs" data-testid="rating">
          {[1, 2, 3, 4, 5].map((n) => (
            <Button
              key={n}
              variant={score === n ? 'filled' : 'default'}
              onClick={() => setScore(n)}
              data-testid={`rate-${n}`}
            >
              {'★'.repeat(n)}
            </Button>
          ))}
        </Group>
        <Textarea
          label={dt('rate.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        {rate.isError && <Alert color="red">{message(rate.error)}</Alert>}
        <Button
          onClick={() => rate.mutate()}
          disabled={score < 1}
          loading={rate.isPending}
          data-testid="submit-rating"
        >
          {dt('rate.submit')}
        </Button>
      </Stack>
    </Card>
  );
}
