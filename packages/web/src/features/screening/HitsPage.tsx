// The sanctions hit review queue: each hit with the listed entry beside the customer's name, the
// romanised forms that matched and the score; a reviewer records true match or false positive
// with a reason, and with four eyes on a second reviewer approves.
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { HIT_STATUSES, SCREENING_KEY, type Hit, type HitStatus } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, StatusBadge } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function HitCard({ hit }: { hit: Hit }) {
  const { kt, lang } = useScreeningT();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<string>('false_positive');
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'hits'] });
  const review = useMutation({
    mutationFn: () => api.post<Hit>(`/api/v1/sanctions/hits/${hit.id}/review`, { decision, reason }),
    onSuccess: done,
  });
  const approve = useMutation({
    mutationFn: (ok: boolean) => api.post<Hit>(`/api/v1/sanctions/hits/${hit.id}/approve`, { approve: ok }),
    onSuccess: done,
  });
  const errors = fieldErrors(review.error);
  return (
    <Card withBorder padding="md" data-testid="hit">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>
            <Anchor component={Link} to={`/screening/customers/${hit.customerId}`}>
              {hit.customerName}
            </Anchor>{' '}
            ↔ {hit.matchedName}
          </Text>
          <Text size="sm" c="dimmed">
            {kt('hits.list')}: {hit.listCode} #{hit.entryRef} · {kt('hits.origin')}: {kt(`origin.${hit.origin}`)} ·{' '}
            {formatDateTime(hit.createdAt, lang)}
          </Text>
          <Text size="sm">
            {kt('hits.matchedForms')}: <code>{hit.explanation}</code>
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Badge size="lg" color={hit.score >= 0.95 ? 'red' : 'orange'}>
            {kt('hits.score')} {hit.score.toFixed(3)}
          </Badge>
          <StatusBadge status={hit.status} />
        </Stack>
      </Group>
      {hit.entry && (
        <Stack gap={2} mt="xs">
          <Text size="sm">
            {kt('hits.entry')}: {hit.entry.primaryName} ({hit.entry.entryType}) · {hit.entry.programs ?? ''}
          </Text>
          {hit.entry.birthDates.length > 0 && (
            <Text size="sm">
              {kt('hits.birthDates')}: {hit.entry.birthDates.join(', ')}
            </Text>
          )}
          <Text size="sm">
            {kt('hits.aliases')}: {hit.entry.names.filter((n) => n.kind !== 'primary').map((n) => n.name).join('; ') || '—'}
          </Text>
          {hit.entry.remarks && (
            <Text size="xs" c="dimmed">
              {hit.entry.remarks}
            </Text>
          )}
        </Stack>
      )}
      {hit.reason && (
        <Text size="sm" mt="xs">
          {kt(`status.${hit.decision ?? 'pending'}`)} — {hit.reason} ({hit.reviewedBy}
          {hit.approvedBy ? `, ${hit.approvedBy}` : ''})
        </Text>
      )}
      {hit.status === 'pending' && (
        <Stack gap={6} mt="sm">
          <SegmentedControl
            value={decision}
            onChange={setDecision}
            data={[
              { value: 'false_positive', label: kt('status.false_positive') },
              { value: 'confirmed', label: kt('hits.trueMatch') },
            ]}
          />
          <Textarea
            label={kt('hits.reason')}
            autosize
            minRows={2}
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => review.mutate()} loading={review.isPending} color={decision === 'confirmed' ? 'red' : 'blue'}>
              {kt('hits.record')}
            </Button>
          </Group>
          {!errors.reason && <ErrorAlert error={review.error} />}
        </Stack>
      )}
      {hit.status === 'awaiting_approval' && (
        <Group mt="sm">
          <Button onClick={() => approve.mutate(true)} loading={approve.isPending}>
            {kt('hits.approve')}
          </Button>
          <Button variant="default" onClick={() => approve.mutate(false)} loading={approve.isPending}>
            {kt('hits.sendBack')}
          </Button>
          <ErrorAlert error={approve.error} />
        </Group>
      )}
    </Card>
  );
}

export default function HitsPage() {
  const { kt } = useScreeningT();
  const [status, setStatus] = useState<HitStatus>('pending');
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'hits', status],
    queryFn: ({ signal }) => api.get<{ items: Hit[] }>('/api/v1/sanctions/hits', { query: { status }, signal }),
  });
  return (
    <Stack>
      <PageHeader
        title={kt('hits.title')}
        description={kt('hits.description')}
        actions={
          <Select
            aria-label={kt('hits.status')}
            allowDeselect={false}
            value={status}
            onChange={(v) => setStatus((v) ?? 'pending')}
            data={HIT_STATUSES.map((s) => ({ value: s, label: kt(`status.${s}`) }))}
          />
        }
      />
      {q.isError && <ErrorAlert error={q.error} />}
      {q.isPending ? (
        <Text>{kt('common.loading')}</Text>
      ) : q.data && q.data.items.length === 0 ? (
        <Empty>{kt('hits.empty')}</Empty>
      ) : (
        q.data?.items.map((h) => <HitCard key={h.id} hit={h} />)
      )}
    </Stack>
  );
}
