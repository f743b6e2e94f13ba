import { Alert, Anchor, Badge, Button, Card, Center, Code, Collapse, Grid, Group, Loader, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconDeviceFloppy, IconDownload, IconTrash, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import type { Segment, SegmentCount, SegmentFieldInfo, Snapshot } from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { emptyCondition, emptyGroup, fromRule, toRule, type GroupNode } from './ruleTree.ts';
import { SEGMENTS_KEY } from './SegmentsPage.tsx';

export default function SegmentBuilderPage() {
  const { id } = useParams();
  const message = useProblemMessage();
  const fields = useQuery({
    queryKey: [...SEGMENTS_KEY, 'fields'],
    queryFn: ({ signal }) => api.get<SegmentFieldInfo[]>('/api/v1/segments/fields', { signal }),
    staleTime: Infinity,
  });
  const segment = useQuery({
    queryKey: [...SEGMENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Segment>(`/api/v1/segments/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
  if (fields.isError || segment.isError) return <Alert color="red">{message(fields.error ?? segment.error)}</Alert>;
  if (fields.isPending || (id && segment.isPending))
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  return <Builder key={segment.data?.updatedAt ?? 'new'} fields={fields.data} segment={id ? segment.data : undefined} />;
}

function Builder({ fields, segment }: { fields: SegmentFieldInfo[]; segment: Segment | undefined }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [tree, setTree] = useState<GroupNode>(() => (segment ? fromRule(segment.rule) : emptyGroup('and', [emptyCondition()])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [showJson, setShowJson] = useState(false);
  const [reveal, setReveal] = useState(false);

  const rule = toRule(tree, fields);
  const ruleJson = rule ? JSON.stringify(rule) : '';
  const [debounced] = useDebouncedValue(ruleJson, 400);
  const preview = useQuery({
    queryKey: [...SEGMENTS_KEY, 'preview', debounced],
    queryFn: ({ signal }) => api.post<SegmentCount>('/api/v1/segments/preview', { rule: JSON.parse(debounced) as unknown }, { signal }),
    enabled: debounced !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
  const snapshots = useQuery({
    queryKey: [...SEGMENTS_KEY, 'snapshots', segment?.id],
    queryFn: ({ signal }) => api.get<Snapshot[]>(`/api/v1/segments/${segment?.id ?? ''}/snapshots`, { signal }),
    enabled: Boolean(segment),
  });

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), ...(description.trim() ? { description: description.trim() } : segment ? { description: null } : {}), rule };
      return segment ? api.patch<Segment>(`/api/v1/segments/${segment.id}`, body) : api.post<Segment>('/api/v1/segments', body);
    },
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('segments.saved', { name: saved.name }) });
      await qc.invalidateQueries({ queryKey: SEGMENTS_KEY });
      if (!segment) await navigate(`/segments/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });
  const snapshot = useMutation({
    mutationFn: () => api.post<Snapshot>(`/api/v1/segments/${segment?.id ?? ''}/snapshots`),
    onSuccess: async (s) => {
      notifications.show({ color: 'green', message: t('segments.snapshotTaken', { count: s.memberCount }) });
      await qc.invalidateQueries({ queryKey: [...SEGMENTS_KEY, 'snapshots', segment?.id] });
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/segments/${segment?.id ?? ''}`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SEGMENTS_KEY });
      await navigate('/segments');
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t('common.required');
    if (!rule) local.rule = t('segments.ruleRequired');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) save.mutate();
  };

  const exportHref = (format: 'csv' | 'xlsx', snapshotId?: string) =>
    withQuery(`/api/v1/segments/${segment?.id ?? ''}/export.${format}`, { snapshotId, reveal: reveal ? 'true' : undefined });
  const ruleError = preview.isError ? message(preview.error) : (errors.rule ?? Object.entries(errors).find(([k]) => k.startsWith('rule'))?.[1]);

  return (
    <>
      <PageHeader
        title={segment ? segment.name : t('segments.create')}
        description={t('segments.builderDescription')}
        actions={
          segment && (
            <>
              <Button variant="default" component={Link} to={`/customers?segmentId=${segment.id}`} leftSection={<IconUsers size={16} />}>
                {t('segments.members')}
              </Button>
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('segments.delete')}
              </Button>
            </>
          )
        }
      />
      <form onSubmit={onSave} noValidate>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              <Card withBorder padding="md">
                <Stack gap="sm">
                  <TextInput label={t('segments.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required data-testid="segment-name" />
                  <Textarea label={t('segments.descriptionLabel')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} autosize minRows={1} />
                </Stack>
              </Card>
              <Stack gap={4}>
                <Title order={4}>{t('segments.rules')}</Title>
                <Text size="sm" c="dimmed">
                  {t('segments.rulesHint')}
                </Text>
              </Stack>
              <RuleEditor node={tree} fields={fields} depth={1} onChange={(n) => setTree(n.kind === 'group' ? n : emptyGroup('and', [n]))} />
              <Group gap="xs">
                <Switch size="xs" label={t('segments.showJson')} checked={showJson} onChange={(e) => setShowJson(e.currentTarget.checked)} />
              </Group>
              <Collapse expanded={showJson}>
                <Code block data-testid="segment-json">
                  {rule ? JSON.stringify(rule, null, 2) : '—'}
                </Code>
              </Collapse>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md" pos="sticky" top={72}>
              <Card withBorder padding="md">
                <Text size="sm" c="dimmed">
                  {t('segments.liveCount')}
                </Text>
                <Group gap="xs" align="baseline">
                  <Text fz={36} fw={700} data-testid="segment-count">
                    {rule && preview.data ? preview.data.count.toLocaleString(i18n.language) : '—'}
                  </Text>
                  {preview.isFetching && <Loader size="xs" />}
                </Group>
                <Text size="xs" c="dimmed">
                  {!rule ? t('segments.noRuleYet') : preview.data ? t('segments.tookMs', { ms: Math.round(preview.data.tookMs) }) : ''}
                </Text>
                {ruleError && (
                  <Alert color="red" mt="xs" p="xs" data-testid="segment-rule-error">
                    {ruleError}
                  </Alert>
                )}
                <Button type="submit" fullWidth mt="md" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="segment-save">
                  {t('segments.save')}
                </Button>
              </Card>
              {segment && (
                <Card withBorder padding="md">
                  <Group justify="space-between" mb="xs">
                    <Text fw={600}>{t('segments.snapshots')}</Text>
                    <Button size="xs" variant="light" leftSection={<IconCamera size={14} />} onClick={() => snapshot.mutate()} loading={snapshot.isPending} data-testid="segment-snapshot">
                      {t('segments.takeSnapshot')}
                    </Button>
                  </Group>
                  <Text size="xs" c="dimmed" mb="xs">
                    {t('segments.snapshotHint')}
                  </Text>
                  <Group gap="xs" mb="xs">
                    <Button size="xs" variant="default" component="a" href={exportHref('csv')} leftSection={<IconDownload size={14} />} data-testid="segment-export">
                      {t('segments.exportLive')}
                    </Button>
                    <Button size="xs" variant="default" component="a" href={exportHref('xlsx')} leftSection={<IconDownload size={14} />} data-testid="segment-export-xlsx">
                      {t('segments.exportLiveXlsx')}
                    </Button>
                    {can('pii.read') && <Switch size="xs" label={t('segments.exportReveal')} checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} />}
                  </Group>
                  <Table fz="xs">
                    <Table.Tbody>
                      {(snapshots.data ?? []).map((s) => (
                        <Table.Tr key={s.id} data-testid="snapshot-row">
                          <Table.Td>{formatDateTime(s.takenAt, i18n.language)}</Table.Td>
                          <Table.Td>
                            <Badge size="sm" variant="light">
                              {s.memberCount}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs">
                              <Anchor href={exportHref('csv', s.id)} size="xs">
                                CSV
                              </Anchor>
                              <Anchor href={exportHref('xlsx', s.id)} size="xs">
                                XLSX
                              </Anchor>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {snapshots.isSuccess && snapshots.data.length === 0 && (
                    <Text size="xs" c="dimmed">
                      {t('segments.noSnapshots')}
                    </Text>
                  )}
                </Card>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
