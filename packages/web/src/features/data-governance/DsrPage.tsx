// One data-subject request: its statutory deadline and the action its kind calls for — release
// the access package (in-region), record a correction, anonymise on deletion (refused with the
// reason when a hold or obligation applies), or refuse.
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { DG_KEY, dgApi, REGIONS, saveText, type Region } from './api.ts';
import { Checksum, DaysLeft, QueryState, StatusBadge } from './components.tsx';
import { useDgT } from './i18n.ts';

export default function DsrPage() {
  const { id = '' } = useParams();
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...DG_KEY, 'dsr', id], queryFn: ({ signal }) => dgApi.dsr(id, signal) });
  const [text, setText] = useState('');
  const [region, setRegion] = useState<Region | null>(null);
  const done = () => qc.invalidateQueries({ queryKey: DG_KEY });
  const access = useMutation({
    mutationFn: () => dgApi.access(id, region ?? undefined),
    onSuccess: async (r) => {
      saveText(r.fileName, r.content);
      await done();
    },
  });
  const correction = useMutation({ mutationFn: () => dgApi.correction(id, text), onSuccess: done });
  const deletion = useMutation({ mutationFn: () => dgApi.deletion(id), onSuccess: done });
  const refuse = useMutation({ mutationFn: () => dgApi.refuse(id, text), onSuccess: done });
  const error = access.error ?? correction.error ?? deletion.error ?? refuse.error;
  const d = q.data;
  return (
    <>
      <PageHeader
        title={d ? `${d.reference} · ${gt(`kind.${d.kind}`)}` : gt('run.loading')}
        description={gt('dsrPage.description')}
        actions={
          <Anchor component={Link} to="/data-governance/dsrs">
            {gt('common.back')}
          </Anchor>
        }
      />
      <QueryState pending={q.isPending} error={q.error}>
        {d && (
          <Stack>
            <Card withBorder>
              <Stack gap={4}>
                <Group>
                  <StatusBadge status={d.status} />
                  <Text>{gt(`regime.${d.regime}`)}</Text>
                  <Text>· {gt(`channel.${d.channel}`)}</Text>
                </Group>
                <Text>
                  {gt('dsr.received')}: {formatDate(d.receivedOn, lang)} · {gt('dsr.due')}:{' '}
                  {formatDate(d.dueOn, lang)} {d.status === 'open' && <DaysLeft days={d.daysLeft} />}
                </Text>
                <Text>
                  {gt('dsr.customer')}:{' '}
                  <Anchor component={Link} to={`/customers/${d.customerId}`}>
                    {d.customerId}
                  </Anchor>
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{d.details}</Text>
              </Stack>
            </Card>
            {d.status !== 'open' && (
              <Card withBorder data-testid="dsr-outcome">
                <Text fw={600}>{d.outcome}</Text>
                {d.outcomeReason && <Text c="orange">{d.outcomeReason}</Text>}
                <Text size="sm">
                  {d.completedBy ?? '—'} · {d.completedAt ? formatDateTime(d.completedAt, lang) : ''}
                </Text>
                <Group gap="xs">
                  <Text size="sm">{gt('dsrPage.evidence')}</Text>
                  <Checksum value={d.evidenceSha256} />
                </Group>
              </Card>
            )}
            {d.status === 'open' && (
              <Card withBorder>
                <Stack>
                  {d.kind === 'access' && (
                    <Group align="flex-end">
                      <Select
                        label={gt('dsrPage.destination')}
                        placeholder={gt('dsrPage.inRegion')}
                        clearable
                        data={REGIONS.map((r) => ({ value: r, label: gt(`region.${r}`) }))}
                        value={region}
                        onChange={(r) => setRegion(r)}
                        w={220}
                      />
                      <Button onClick={() => access.mutate()} loading={access.isPending}>
                        {gt('dsrPage.release')}
                      </Button>
                    </Group>
                  )}
                  {d.kind === 'deletion' && (
                    <Group>
                      <Button color="red" onClick={() => deletion.mutate()} loading={deletion.isPending}>
                        {gt('dsrPage.anonymise')}
                      </Button>
                      <Text size="sm" c="dimmed">
                        {gt('dsrPage.anonymiseHint')}
                      </Text>
                    </Group>
                  )}
                  <Textarea
                    label={d.kind === 'correction' ? gt('dsrPage.whatCorrected') : gt('dsrPage.refuseReason')}
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    autosize
                  />
                  <Group>
                    {d.kind === 'correction' && (
                      <Button onClick={() => correction.mutate()} loading={correction.isPending}>
                        {gt('dsrPage.recordCorrection')}
                      </Button>
                    )}
                    <Button
                      variant="light"
                      color="gray"
                      onClick={() => refuse.mutate()}
                      loading={refuse.isPending}
                    >
                      {gt('dsrPage.refuse')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            )}
            {error && <Alert color="red">{message(error)}</Alert>}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
