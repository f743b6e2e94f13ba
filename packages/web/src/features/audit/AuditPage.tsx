import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Collapse,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import {
  IconCalendar,
  IconChevronDown,
  IconChevronRight,
  IconDownload,
  IconFilter,
  IconLock,
  IconLockOpen,
  IconShieldCheck,
  IconShieldX,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery, type Query } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import type { AuditEvent, AuditVerifyResult, Page } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';

interface Filters {
  range: DatesRangeValue<string>;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
}

const EMPTY: Filters = { range: [null, null], actor: '', action: '', entityType: '', entityId: '' };

/** Calendar days in the user's time zone become an inclusive instant range for the API. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
function dayEnd(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}

function toQuery(f: Filters): Query {
  const [from, to] = f.range;
  return {
    from: from ? dayStart(from) : undefined,
    to: to ? dayEnd(to) : from ? dayEnd(from) : undefined,
    actor: f.actor.trim(),
    action: f.action.trim(),
    entityType: f.entityType.trim(),
    entityId: f.entityId.trim(),
  };
}

function Json({ value, label }: { value: unknown; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          {t('audit.noValue')}
        </Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="green" icon={<IconShieldCheck size={18} />} title={t('audit.verifyOkTitle')} data-testid="verify-result">
        {t('audit.verifyOkBody', { checked: result.checked, pending: result.pending })}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconShieldX size={18} />} title={t('audit.verifyBadTitle')} data-testid="verify-result">
      <Stack gap={4}>
        <Text size="sm">{t('audit.verifyBadBody', { checked: result.checked, pending: result.pending })}</Text>
        {result.firstBad && (
          <Text size="sm" fw={600}>
            {t('audit.verifyFirstBad', {
              chainPos: result.firstBad.chainPos,
              seq: result.firstBad.seq,
              reason: result.firstBad.reason,
            })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState('25');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const limit = Number(pageSize);
  const query = toQuery(applied);

  const events = useQuery({
    queryKey: ['audit', 'events', query, page, limit],
    queryFn: ({ signal }) =>
      api.get<Page<AuditEvent>>('/api/v1/audit/events', { query: { ...query, limit, offset: (page - 1) * limit }, signal }),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/api/v1/audit/verify'),
  });

  const onApply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setPage(1);
    setExpanded(new Set());
  };

  const onReset = () => {
    setDraft(EMPTY);
    setApplied(EMPTY);
    setPage(1);
    setExpanded(new Set());
  };

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / limit));
  const csvHref = withQuery('/api/v1/audit/events.csv', query);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <>
            {can('audit.export') && (
              <Button
                component="a"
                href={csvHref}
                download
                variant="default"
                leftSection={<IconDownload size={16} />}
                data-testid="audit-export"
              >
                {t('audit.exportCsv')}
              </Button>
            )}
            {can('audit.verify') && (
              <Button
                leftSection={<IconShieldCheck size={16} />}
                onClick={() => verify.mutate()}
                loading={verify.isPending}
                data-testid="audit-verify"
              >
                {t('audit.verify')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        {verify.data && <VerifyResult result={verify.data} />}
        {verify.isError && (
          <Alert color="red" role="alert">
            {message(verify.error)}
          </Alert>
        )}
        <Card withBorder padding="md">
          <form onSubmit={onApply}>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm" verticalSpacing="sm">
              <DatePickerInput
                type="range"
                label={t('audit.dateRange')}
                placeholder={t('audit.anyDate')}
                leftSection={<IconCalendar size={16} />}
                value={draft.range}
                onChange={(range) => setDraft((d) => ({ ...d, range }))}
                allowSingleDateInRange
                clearable
                valueFormat="YYYY-MM-DD"
              />
              <TextInput
                label={t('audit.actor')}
                placeholder={t('audit.actorPlaceholder')}
                value={draft.actor}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, actor: v }));
                }}
              />
              <TextInput
                label={t('audit.action')}
                placeholder={t('audit.actionPlaceholder')}
                value={draft.action}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, action: v }));
                }}
              />
              <TextInput
                label={t('audit.entityType')}
                placeholder={t('audit.entityTypePlaceholder')}
                value={draft.entityType}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, entityType: v }));
                }}
              />
              <TextInput
                label={t('audit.entityId')}
                value={draft.entityId}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, entityId: v }));
                }}
              />
            </SimpleGrid>
            <Group gap="xs" justify="flex-end" mt="sm">
              <Button variant="default" onClick={onReset}>
                {t('audit.reset')}
              </Button>
              <Button type="submit" leftSection={<IconFilter size={16} />}>
                {t('audit.apply')}
              </Button>
            </Group>
          </form>
        </Card>

        <Card withBorder padding="md">
          {events.isError && (
            <Alert color="red" role="alert" mb="sm">
              {message(events.error)}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36} />
                  <Table.Th>{t('audit.seq')}</Table.Th>
                  <Table.Th>{t('audit.occurredAt')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                  <Table.Th>{t('audit.sealed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(events.data?.items ?? []).map((ev) => {
                  const key = String(ev.seq);
                  const open = expanded.has(key);
                  return (
                    <Fragment key={key}>
                      <Table.Tr onClick={() => toggle(key)} style={{ cursor: 'pointer' }} data-testid="audit-row">
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            aria-expanded={open}
                            aria-label={open ? t('audit.collapse') : t('audit.expand')}
                          >
                            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                          </ActionIcon>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {ev.seq}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(ev.occurredAt, i18n.language)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{ev.actorId === null && (ev.actorName === null || ev.actorName === 'system') ? t('audit.system') : ev.actorName}</Text>
                          {ev.actorRole && (
                            <Text size="xs" c="dimmed">
                              {t(`roles.${ev.actorRole}`, { defaultValue: ev.actorRole })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" tt="none">
                            {ev.action}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{ev.entityType}</Text>
                          {ev.entityId && (
                            <Text size="xs" c="dimmed" ff="monospace" truncate maw={220}>
                              {ev.entityId}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {ev.ip ?? '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Tooltip label={ev.sealed ? t('audit.sealedAt', { pos: ev.chainPos }) : t('audit.pending')}>
                            {ev.sealed ? <IconLock size={16} color="var(--mantine-color-green-7)" /> : <IconLockOpen size={16} color="var(--mantine-color-orange-6)" />}
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                      <Table.Tr style={{ display: open ? undefined : 'none' }}>
                        <Table.Td colSpan={8} p={0}>
                          <Collapse expanded={open}>
                            <Box p="sm" bg="var(--mantine-color-gray-0)">
                              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                                <Json label={t('audit.before')} value={ev.before} />
                                <Json label={t('audit.after')} value={ev.after} />
                              </SimpleGrid>
                              <Group gap="lg" mt="xs">
                                <Text size="xs" c="dimmed">
                                  {t('audit.requestId')}: <Code>{ev.requestId ?? '—'}</Code>
                                </Text>
                                <Text size="xs" c="dimmed">
                                  {t('audit.chainPos')}: <Code>{ev.chainPos ?? '—'}</Code>
                                </Text>
                              </Group>
                            </Box>
                          </Collapse>
                        </Table.Td>
                      </Table.Tr>
                    </Fragment>
                  );
                })}
                {events.isSuccess && events.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('audit.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" mt="sm">
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('common.totalCount', { count: total })}
              </Text>
              <Select
                aria-label={t('audit.pageSize')}
                data={['25', '50', '100']}
                value={pageSize}
                onChange={(v) => {
                  setPageSize(v ?? '25');
                  setPage(1);
                }}
                allowDeselect={false}
                w={90}
                size="xs"
              />
            </Group>
            <Pagination total={pages} value={page} onChange={setPage} size="sm" />
          </Group>
        </Card>
      </Stack>
    </>
  );
}
