import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  Menu,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconDownload,
  IconEye,
  IconEyeOff,
  IconGitMerge,
  IconLock,
  IconPencil,
  IconPlus,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CLASSIFICATION_AXES, CONSENT_PURPOSES, type ClassificationAxis } from '@bursar/core/customers-vocabulary';
import { api } from '../../api/client.ts';
import {
  customerKey,
  customerPath,
  minorToMajor,
  type Customer360,
  type Enrolment,
  type Note,
  type Task,
  type TimelineEvent,
} from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { ClassBadge, Empty, Field, Section, schoolName } from './components.tsx';
import { CustomerLoansSection } from '../loans/CustomerLoans.tsx';
import { CustomerEngagementSection } from '../engagement/CustomerEngagement.tsx';
import { NextBestOfferPanel } from '../campaigns/NextBestOfferPanel.tsx';
import {
  ConsentDialog,
  CreditDialog,
  EnrolmentDialog,
  EnrolmentStatusDialog,
  HouseholdDialog,
  MergeDialog,
  OverrideDialog,
  PartyDialog,
  ReasonDialog,
  TermResultDialog,
  nextStatuses,
  useRefreshCustomer,
} from './dialogs.tsx';
import { AXIS_LIST, label, ruleLabel } from './labels.ts';

type Dialog =
  | { kind: 'override'; axis: ClassificationAxis }
  | { kind: 'enrolment' }
  | { kind: 'status'; enrolment: Enrolment }
  | { kind: 'result'; enrolment: Enrolment }
  | { kind: 'household' }
  | { kind: 'credit' }
  | { kind: 'party' }
  | { kind: 'consent'; purpose: string }
  | { kind: 'merge' }
  | { kind: 'close' }
  | null;

export function useCustomer(id: string | undefined, reveal: boolean) {
  return useQuery({
    queryKey: [...customerKey(id ?? ''), { reveal }],
    queryFn: ({ signal }) => api.get<Customer360>(customerPath(id ?? ''), { query: { reveal: reveal ? 'true' : undefined }, signal }),
    enabled: Boolean(id),
  });
}

/**
 * The customer 360 page. `self` is a student's view of their own record: what is held about
 * them, without the staff's internal notes, tasks and classification.
 */
export function CustomerView({ id, mode }: { id: string; mode: 'staff' | 'self' }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const [reveal, setReveal] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const query = useCustomer(id, reveal);
  const staff = mode === 'staff';
  const manage = staff && can('customers.manage');
  const report = staff && can('enrolments.report');
  const mayReveal = can('pii.read') || mode === 'self';

  if (query.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (query.isError)
    return (
      <Alert color="red" role="alert">
        {message(query.error)}
      </Alert>
    );
  const c = query.data;
  const lang = i18n.language;
  const close = () => setDialog(null);
  const later = (['loans', 'tickets', 'surveys', 'messages'] as const).filter((k) => (c[k]?.length ?? 0) > 0);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} data-testid="customer-name">
              {c.legalName}
            </Title>
            {c.preferredName && (
              <Text c="dimmed" fz="lg">
                {c.preferredName}
              </Text>
            )}
            <Badge variant="dot" color={c.status === 'active' ? 'green' : 'gray'}>
              {label(t, 'customerStatus', c.status)}
            </Badge>
          </Group>
          {staff && (
            <Group gap={4}>
              {CLASSIFICATION_AXES.map((axis) => (
                <ClassBadge key={axis} axis={axis} value={c.classification[axis].value} />
              ))}
            </Group>
          )}
          {c.mergedInto && (
            <Alert color="orange" p="xs">
              {t('customer.mergedInto')}{' '}
              <Anchor component={Link} to={`/customers/${c.mergedInto}`}>
                {t('customer.openSurvivor')}
              </Anchor>
            </Alert>
          )}
        </Stack>
        <Group gap="xs">
          {mayReveal && (
            <Tooltip label={t('customer.revealHint')} multiline w={260}>
              <Button
                variant={reveal ? 'filled' : 'default'}
                color={reveal ? 'orange' : undefined}
                leftSection={reveal ? <IconEyeOff size={16} /> : <IconEye size={16} />}
                onClick={() => setReveal((r) => !r)}
                data-testid="customer-reveal"
              >
                {reveal ? t('customer.hide') : t('customer.reveal')}
              </Button>
            </Tooltip>
          )}
          {manage && (
            <Button component={Link} to={`/customers/${c.id}/edit`} leftSection={<IconPencil size={16} />} data-testid="customer-edit">
              {t('customer.edit')}
            </Button>
          )}
          {staff && (manage || can('customers.privacy')) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={t('customer.more')}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {manage && (
                  <Menu.Item leftSection={<IconGitMerge size={16} />} onClick={() => setDialog({ kind: 'merge' })} data-testid="customer-merge">
                    {t('merge.title')}
                  </Menu.Item>
                )}
                {can('customers.privacy') && (
                  <Menu.Item leftSection={<IconDownload size={16} />} component="a" href={customerPath(c.id, '/export')} download={`customer-${c.id}.json`}>
                    {t('customer.export')}
                  </Menu.Item>
                )}
                {manage && c.status !== 'closed' && (
                  <Menu.Item leftSection={<IconLock size={16} />} color="red" onClick={() => setDialog({ kind: 'close' })}>
                    {t('customer.close')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>

      {reveal && c.piiRevealed && (
        <Alert color="orange" p="xs" data-testid="pii-revealed">
          {t('customer.revealedNotice')}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: staff ? 7 : 12 }}>
          <Stack gap="md">
            <Section title={t('customer.profile')} testId="section-profile">
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
                <Field name={t('customerForm.dateOfBirth')}>{c.dateOfBirth ? formatDate(c.dateOfBirth, lang) : null}</Field>
                <Field name={t('customerForm.gender')}>{label(t, 'gender', c.gender)}</Field>
                <Field name={t('customerForm.nationalId')} testId="customer-national-id">
                  {c.nationalId ? `${c.nationalId} (${label(t, 'idType', c.nationalIdType)})` : null}
                </Field>
                <Field name={t('customerForm.phone')} testId="customer-phone">
                  {c.phone}
                </Field>
                <Field name={t('customerForm.email')}>{c.email}</Field>
                <Field name={t('customerForm.address')}>
                  {c.address ? [c.address.line1, c.address.line2, c.address.city, c.address.region, c.address.postalCode, c.address.country].filter(Boolean).join(', ') : null}
                </Field>
                <Field name={t('customerForm.preferredLanguage')}>{c.preferredLanguage === 'zh-CN' ? '简体中文' : 'English'}</Field>
                <Field name={t('customerForm.preferredChannel')}>{label(t, 'channel', c.preferredChannel)}</Field>
                <Field name={t('customerForm.declaredLoanPurpose')}>{label(t, 'loanNeed', c.declaredLoanPurpose)}</Field>
                <Field name={t('customerForm.externalRef')}>{c.externalRef}</Field>
                <Field name={t('customer.since')}>{formatDate(c.createdAt.slice(0, 10), lang)}</Field>
              </SimpleGrid>
            </Section>

            {staff && (
              <Section title={t('customer.classification')} testId="section-classification">
                <Stack gap="sm">
                  {CLASSIFICATION_AXES.map((axis) => {
                    const a = c.classification[axis];
                    return (
                      <Group key={axis} justify="space-between" align="flex-start" wrap="nowrap" data-testid={`axis-${axis}`}>
                        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                          <Group gap="xs">
                            <Text size="sm" fw={600} w={130}>
                              {label(t, 'axis', axis)}
                            </Text>
                            <ClassBadge axis={axis} value={a.value} />
                            {!a.value && <Text size="sm">—</Text>}
                          </Group>
                          <Text size="xs" c="dimmed" data-testid={`rule-${axis}`}>
                            {t('customer.rule')}: <b>{ruleLabel(t, a.computed.rule)}</b> ({a.computed.rule}) — {a.computed.explanation}
                          </Text>
                          {a.override && (
                            <Text size="xs" c="orange.8">
                              {t('customer.overridden', {
                                computed: label(t, AXIS_LIST[axis], a.computed.value),
                                by: a.override.by ?? '—',
                                at: formatDateTime(a.override.at, lang),
                                reason: a.override.reason,
                              })}
                            </Text>
                          )}
                        </Stack>
                        {manage && (
                          <Button size="compact-xs" variant="subtle" style={{ flexShrink: 0 }} onClick={() => setDialog({ kind: 'override', axis })} data-testid={`override-${axis}`}>
                            {t('customer.override')}
                          </Button>
                        )}
                      </Group>
                    );
                  })}
                  <Text size="xs" c="dimmed">
                    {t('customer.computedAt', { at: formatDateTime(c.classification.computedAt, lang) })}
                  </Text>
                </Stack>
              </Section>
            )}

            <Section
              title={t('customer.enrolments')}
              testId="section-enrolments"
              actions={
                manage && (
                  <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'enrolment' })}>
                    {t('customer.addEnrolment')}
                  </Button>
                )
              }
            >
              {c.enrolments.length === 0 && <Empty>{t('customer.noEnrolments')}</Empty>}
              <Stack gap="md">
                {c.enrolments.map((e) => (
                  <EnrolmentBlock
                    key={e.id}
                    enrolment={e}
                    report={report}
                    onStatus={() => setDialog({ kind: 'status', enrolment: e })}
                    onResult={() => setDialog({ kind: 'result', enrolment: e })}
                  />
                ))}
              </Stack>
            </Section>

            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Section
                title={t('customer.household')}
                testId="section-household"
                actions={
                  manage && (
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'household' })}>
                      {t('customer.edit')}
                    </Button>
                  )
                }
              >
                {c.household ? (
                  <Stack gap="xs">
                    <SimpleGrid cols={3} spacing="xs">
                      <Field name={t('customer.householdSize')}>{c.household.size}</Field>
                      <Field name={t('customer.dependants')}>{c.household.dependants}</Field>
                      <Field name={t('customer.annualIncome')}>
                        {c.household.annualIncomeMinor !== null ? formatMoney(minorToMajor(c.household.annualIncomeMinor), c.household.currency ?? '') : null}
                      </Field>
                    </SimpleGrid>
                    <Text size="xs" c="dimmed">
                      {t('customer.needIndicators')}
                    </Text>
                    {c.household.needs.length === 0 && <Empty>{t('customer.noNeeds')}</Empty>}
                    {c.household.needs.map((n) => (
                      <Group key={n.code} gap="xs" wrap="wrap">
                        <Badge variant="light" color={n.verifiedAt ? 'green' : 'gray'}>
                          {label(t, 'needIndicator', n.code)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {n.evidenceRef ? t('customer.evidenceRef', { ref: n.evidenceRef }) : t('customer.noEvidence')}
                          {' · '}
                          {n.verifiedAt
                            ? t('customer.verifiedBy', { by: n.verifiedBy ?? '—', at: formatDateTime(n.verifiedAt, lang) })
                            : t('customer.unverified')}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                ) : (
                  <Empty>{t('customer.noHousehold')}</Empty>
                )}
              </Section>

              <Section
                title={t('customer.creditRecord')}
                testId="section-credit"
                actions={
                  manage && (
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'credit' })}>
                      {t('customer.edit')}
                    </Button>
                  )
                }
              >
                {c.creditRecord ? (
                  <SimpleGrid cols={2} spacing="xs">
                    <Field name={t('customer.fileStatus')}>{label(t, 'fileStatus', c.creditRecord.fileStatus)}</Field>
                    <Field name={t('customer.bureauScore')}>
                      {c.creditRecord.bureauScore !== null
                        ? `${c.creditRecord.bureauScore}${c.creditRecord.bureauName ? ` (${c.creditRecord.bureauName})` : ''}${c.creditRecord.scoreDate ? ` · ${formatDate(c.creditRecord.scoreDate, lang)}` : ''}`
                        : null}
                    </Field>
                    <Field name={t('customer.priorLoans')}>{c.creditRecord.priorLoans}</Field>
                    <Field name={t('customer.delinquencies')}>{c.creditRecord.delinquencies}</Field>
                    <Field name={t('customer.fraudFlags')}>
                      {c.creditRecord.fraudFlags.length > 0 ? (
                        <Group gap={4}>
                          {c.creditRecord.fraudFlags.map((f) => (
                            <Badge key={f} color="red" variant="light" size="sm">
                              {f}
                            </Badge>
                          ))}
                        </Group>
                      ) : (
                        t('customer.none')
                      )}
                    </Field>
                  </SimpleGrid>
                ) : (
                  <Empty>{t('customer.noCredit')}</Empty>
                )}
              </Section>
            </SimpleGrid>

            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Section
                title={t('customer.relatedParties')}
                testId="section-parties"
                actions={
                  manage && (
                    <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'party' })}>
                      {t('customer.addParty')}
                    </Button>
                  )
                }
              >
                {c.relatedParties.length === 0 && <Empty>{t('customer.noParties')}</Empty>}
                <Stack gap="xs">
                  {c.relatedParties.map((p) => (
                    <PartyRow key={p.id} customerId={c.id} party={p} manage={manage} />
                  ))}
                </Stack>
              </Section>

              <Section title={t('customer.consents')} testId="section-consents">
                <Stack gap="xs">
                  {CONSENT_PURPOSES.map((purpose) => {
                    const latest = c.consents.find((x) => x.purpose === purpose);
                    return (
                      <Group key={purpose} justify="space-between" wrap="nowrap">
                        <Stack gap={0}>
                          <Group gap="xs">
                            <Text size="sm">{label(t, 'consentPurpose', purpose)}</Text>
                            <Badge size="sm" variant="light" color={latest ? (latest.granted ? 'green' : 'red') : 'gray'}>
                              {latest ? (latest.granted ? t('customer.granted') : t('customer.withdrawn')) : t('customer.notRecorded')}
                            </Badge>
                          </Group>
                          {latest && (
                            <Text size="xs" c="dimmed">
                              {label(t, 'consentSource', latest.source)} · {formatDateTime(latest.recordedAt, lang)}
                            </Text>
                          )}
                        </Stack>
                        {can('customers.consent') && (
                          <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'consent', purpose })}>
                            {t('customer.record')}
                          </Button>
                        )}
                      </Group>
                    );
                  })}
                </Stack>
              </Section>
            </SimpleGrid>

            {later.map((k) => (
              <Section key={k} title={t(`customer.later.${k}`)}>
                <Stack gap={4}>
                  {(c[k] ?? []).map((item, i) => (
                    <Text key={i} size="sm">
                      {summaryOf(item)}
                    </Text>
                  ))}
                </Stack>
              </Section>
            ))}
            <CustomerLoansSection customerId={c.id} />
            {staff && <NextBestOfferPanel customerId={c.id} />}
            {staff && <CustomerEngagementSection customerId={c.id} />}
          </Stack>
        </Grid.Col>

        {staff && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <TagsSection customer={c} manage={manage} />
              <TasksSection customerId={c.id} manage={manage} />
              <NotesSection customerId={c.id} manage={manage} />
              <TimelineSection customerId={c.id} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>

      {dialog?.kind === 'override' && <OverrideDialog customer={c} axis={dialog.axis} onClose={close} />}
      {dialog?.kind === 'enrolment' && <EnrolmentDialog customer={c} onClose={close} />}
      {dialog?.kind === 'status' && <EnrolmentStatusDialog customer={c} enrolment={dialog.enrolment} onClose={close} />}
      {dialog?.kind === 'result' && <TermResultDialog customer={c} enrolment={dialog.enrolment} onClose={close} />}
      {dialog?.kind === 'household' && <HouseholdDialog customer={c} onClose={close} />}
      {dialog?.kind === 'credit' && <CreditDialog customer={c} onClose={close} />}
      {dialog?.kind === 'party' && <PartyDialog customer={c} onClose={close} />}
      {dialog?.kind === 'consent' && <ConsentDialog customer={c} purpose={dialog.purpose} onClose={close} />}
      {dialog?.kind === 'merge' && <MergeDialog customer={c} onClose={close} />}
      {dialog?.kind === 'close' && (
        <ReasonDialog
          title={t('customer.close')}
          hint={t('customer.closeHint')}
          customerId={c.id}
          onClose={close}
          send={(reason) => api.post(customerPath(c.id, '/close'), { reason })}
          success={t('customer.closed')}
          submitLabel={t('customer.close')}
        />
      )}
    </Stack>
  );
}

function summaryOf(item: unknown): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const k of ['summary', 'title', 'name', 'reference', 'id']) if (typeof o[k] === 'string') return o[k];
  }
  return JSON.stringify(item);
}

function EnrolmentBlock({ enrolment: e, report, onStatus, onResult }: { enrolment: Enrolment; report: boolean; onStatus: () => void; onResult: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap={6} data-testid="enrolment">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {schoolName(e.school, lang)}
            </Text>
            {e.isCurrent && (
              <Badge size="xs" variant="outline">
                {t('customer.current')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {[label(t, 'level', e.level), e.programmeName, e.yearOfStudy ? t('customer.yearN', { n: e.yearOfStudy }) : null].filter(Boolean).join(' · ')}
            {' · '}
            {formatDate(e.startDate, lang)} → {formatDate(e.expectedGraduationDate, lang)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light" color={e.status === 'enrolled' ? 'green' : e.status === 'withdrawn' ? 'red' : 'blue'}>
            {label(t, 'enrolmentStatus', e.status)}
          </Badge>
          {report && nextStatuses(e.status).length > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={onStatus}>
              {t('customer.changeStatus')}
            </Button>
          )}
          {report && (
            <Button size="compact-xs" variant="subtle" onClick={onResult}>
              {t('customer.addResult')}
            </Button>
          )}
        </Group>
      </Group>
      {e.results.length > 0 && (
        <Table.ScrollContainer minWidth={360}>
          <Table withTableBorder fz="xs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.term')}</Table.Th>
                <Table.Th>{t('customer.gpa')}</Table.Th>
                <Table.Th>{t('customer.averageScore')}</Table.Th>
                <Table.Th>{t('customer.credits')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.results.map((r) => (
                <Table.Tr key={r.term}>
                  <Table.Td>{r.term}</Table.Td>
                  <Table.Td>{r.gpa !== null ? `${r.gpa}${r.gpaScale ? ` / ${r.gpaScale}` : ''}` : '—'}</Table.Td>
                  <Table.Td>{r.averageScore ?? '—'}</Table.Td>
                  <Table.Td>{r.creditsEarned ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {e.statusHistory.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('customer.statusHistory')}:{' '}
          {e.statusHistory
            .map((h) => `${formatDate(h.effectiveDate, lang)} ${h.fromStatus ? `${label(t, 'enrolmentStatus', h.fromStatus)} → ` : ''}${label(t, 'enrolmentStatus', h.toStatus)}${h.reason ? ` (${h.reason})` : ''}`)
            .join('; ')}
        </Text>
      )}
    </Stack>
  );
}

function PartyRow({ customerId, party: p, manage }: { customerId: string; party: Customer360['relatedParties'][number]; manage: boolean }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const refresh = useRefreshCustomer(customerId);
  const remove = useMutation({
    mutationFn: () => api.delete(customerPath(customerId, `/related-parties/${p.id}`)),
    onSuccess: async () => {
      await refresh();
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Stack gap={0}>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
          <Badge size="xs" variant="light">
            {label(t, 'relationship', p.relationship)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {[p.phone, p.email, p.occupation].filter(Boolean).join(' · ') || '—'}
        </Text>
      </Stack>
      {manage && (
        <ActionIcon variant="subtle" color="red" aria-label={t('customer.removeParty')} loading={remove.isPending} onClick={() => remove.mutate()}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}

function TagsSection({ customer, manage }: { customer: Customer360; manage: boolean }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const refresh = useRefreshCustomer(customer.id);
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | undefined>();
  const change = useMutation({
    mutationFn: (body: { add?: string[]; remove?: string[] }) => api.post<{ tags: string[] }>(customerPath(customer.id, '/tags'), body),
    onSuccess: async () => {
      setTag('');
      setError(undefined);
      await refresh();
    },
    onError: (err) => setError(Object.values(fieldErrorsOf(err))[0] ?? message(err)),
  });
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (tag.trim()) change.mutate({ add: [tag.trim()] });
  };
  return (
    <Section title={t('customer.tags')} testId="section-tags">
      <Group gap={6} mb={manage ? 'sm' : 0}>
        {customer.tags.length === 0 && <Empty>{t('customer.noTags')}</Empty>}
        {customer.tags.map((tg) => (
          <Badge
            key={tg}
            variant="light"
            rightSection={
              manage ? (
                <ActionIcon size="xs" variant="transparent" aria-label={t('customer.removeTag', { tag: tg })} onClick={() => change.mutate({ remove: [tg] })}>
                  <IconX size={12} />
                </ActionIcon>
              ) : undefined
            }
          >
            {tg}
          </Badge>
        ))}
      </Group>
      {manage && (
        <form onSubmit={onAdd}>
          <Group gap="xs" align="flex-start">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              placeholder={t('customer.tagPlaceholder')}
              aria-label={t('customer.addTag')}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              error={error}
              data-testid="tag-input"
            />
            <Button size="xs" type="submit" variant="light" loading={change.isPending}>
              {t('customer.addTag')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}

function TasksSection({ customerId, manage }: { customerId: string; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const key = ['customers', 'tasks', customerId];
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tasks = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Task[]>(customerPath(customerId, '/tasks'), { signal }) });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: ['customers', 'timeline', customerId] });
  };
  const add = useMutation({
    mutationFn: () => api.post<Task>(customerPath(customerId, '/tasks'), { title: title.trim(), ...(due.trim() ? { dueDate: due.trim() } : {}) }),
    onSuccess: async () => {
      setTitle('');
      setDue('');
      setErrors({});
      await refresh();
    },
    onError: (err) => setErrors({ ...fieldErrorsOf(err), form: message(err) }),
  });
  const setStatus = useMutation({
    mutationFn: ({ task, status }: { task: Task; status: string }) => api.patch<Task>(customerPath(customerId, `/tasks/${task.id}`), { status }),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setErrors({ title: t('common.required') });
    if (due.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(due.trim())) return setErrors({ dueDate: t('customerForm.dateFormat') });
    add.mutate();
  };
  const items = tasks.data ?? [];
  return (
    <Section title={t('customer.tasks')} testId="section-tasks">
      <Stack gap="xs">
        {tasks.isSuccess && items.length === 0 && <Empty>{t('customer.noTasks')}</Empty>}
        {items.map((task) => (
          <Group key={task.id} gap="xs" wrap="nowrap" justify="space-between">
            <Checkbox
              label={task.title}
              checked={task.status === 'done'}
              disabled={!manage || task.status === 'cancelled'}
              onChange={(e) => setStatus.mutate({ task, status: e.currentTarget.checked ? 'done' : 'open' })}
              styles={{ label: { textDecoration: task.status === 'open' ? undefined : 'line-through' } }}
            />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {task.dueDate ? formatDate(task.dueDate, i18n.language) : ''}
            </Text>
          </Group>
        ))}
        {manage && (
          <form onSubmit={onAdd}>
            <Group gap="xs" align="flex-start" wrap="wrap">
              <TextInput size="xs" style={{ flex: '2 1 160px' }} placeholder={t('customer.taskTitle')} aria-label={t('customer.taskTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
              <TextInput size="xs" style={{ flex: '1 1 100px' }} placeholder={t('customer.dueDate')} aria-label={t('customer.dueDate')} value={due} onChange={(e) => setDue(e.currentTarget.value)} error={errors.dueDate} />
              <Button size="xs" type="submit" variant="light" loading={add.isPending}>
                {t('customer.addTask')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function NotesSection({ customerId, manage }: { customerId: string; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const key = ['customers', 'notes', customerId];
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const notes = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Note[]>(customerPath(customerId, '/notes'), { query: { limit: 50 }, signal }) });
  const add = useMutation({
    mutationFn: () => api.post<Note>(customerPath(customerId, '/notes'), { body: body.trim() }),
    onSuccess: async () => {
      setBody('');
      setError(undefined);
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: ['customers', 'timeline', customerId] });
    },
    onError: (err) => setError(fieldErrorsOf(err).body ?? message(err)),
  });
  return (
    <Section title={t('customer.notes')} testId="section-notes">
      <Stack gap="xs">
        {manage && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!body.trim()) return setError(t('common.required'));
              add.mutate();
            }}
          >
            <Stack gap={6}>
              <Textarea placeholder={t('customer.notePlaceholder')} aria-label={t('customer.addNote')} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={error} autosize minRows={2} />
              <Group justify="flex-end">
                <Button size="xs" type="submit" variant="light" loading={add.isPending}>
                  {t('customer.addNote')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {notes.isSuccess && notes.data.length === 0 && <Empty>{t('customer.noNotes')}</Empty>}
        {(notes.data ?? []).map((n) => (
          <Stack key={n.id} gap={0}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </Text>
            <Text size="xs" c="dimmed">
              {n.authorName ?? '—'} · {formatDateTime(n.createdAt, i18n.language)}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

const TIMELINE_PAGE = 20;

function TimelineSection({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const feed = useInfiniteQuery({
    queryKey: ['customers', 'timeline', customerId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelineEvent[]>(customerPath(customerId, '/timeline'), { query: { before: pageParam, limit: TIMELINE_PAGE }, signal }),
    getNextPageParam: (last) => (last.length === TIMELINE_PAGE ? last[last.length - 1]?.occurredAt : undefined),
  });
  const events = feed.data?.pages.flat() ?? [];
  return (
    <Section title={t('customer.timeline')} testId="section-timeline">
      {feed.isError && <Alert color="red">{message(feed.error)}</Alert>}
      {feed.isSuccess && events.length === 0 && <Empty>{t('customer.noEvents')}</Empty>}
      <Timeline bulletSize={14} lineWidth={2}>
        {events.map((ev) => (
          <Timeline.Item key={ev.id} title={<Text size="sm">{ev.summary}</Text>} data-testid="timeline-event">
            <Text size="xs" c="dimmed">
              {formatDateTime(ev.occurredAt, i18n.language)}
              {ev.actorName ? ` · ${ev.actorName}` : ''} · {ev.kind}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {feed.hasNextPage && (
        <Button size="xs" variant="subtle" mt="xs" onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
          {t('customer.olderEvents')}
        </Button>
      )}
    </Section>
  );
}

export default function CustomerPage() {
  const { id } = useParams();
  return <CustomerView id={id ?? ''} mode="staff" />;
}
