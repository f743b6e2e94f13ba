// Data governance for compliance: the retention schedule (editable, audited), legal holds, the
// retention runs with their evidence, the data-subject request queue against statutory
// deadlines, and regulator report runs. One page, a tab per routine, each tab its own URL.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import {
  DG_KEY,
  dgApi,
  DSR_KINDS,
  HOLD_SUBJECTS,
  REGIMES,
  REPORTS,
  RETENTION_ACTIONS,
  type Dsr,
  type DsrKind,
  type Regime,
  type ReportKind,
  type RetentionRule,
} from './api.ts';
import { Checksum, DaysLeft, Empty, QueryState, StatusBadge } from './components.tsx';
import { useDgT } from './i18n.ts';

export const DG_TABS = ['schedule', 'holds', 'runs', 'dsrs', 'reports'] as const;
export type DgTab = (typeof DG_TABS)[number];

export default function DataGovernancePage({ tab }: { tab: DgTab }) {
  const { gt } = useDgT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={gt('page.title')} description={gt('page.description')} />
      <Residency />
      <Tabs value={tab} onChange={(v) => v && void navigate(`/data-governance/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {DG_TABS.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {gt(`tabs.${t}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="schedule">
          <Schedule />
        </Tabs.Panel>
        <Tabs.Panel value="holds">
          <Holds />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <Runs />
        </Tabs.Panel>
        <Tabs.Panel value="dsrs">
          <Dsrs />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <Reports />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Residency() {
  const { gt } = useDgT();
  const q = useQuery({
    queryKey: [...DG_KEY, 'residency'],
    queryFn: ({ signal }) => dgApi.residency(signal),
  });
  if (!q.data) return null;
  const r = q.data;
  return (
    <Text size="sm" c="dimmed" mb="sm" data-testid="residency">
      {r.declared
        ? gt('residency.declared', {
            region: gt(`region.${r.declared}`),
            allowed: r.allowedExportRegions.length
              ? r.allowedExportRegions.map((x) => gt(`region.${x}`)).join(', ')
              : '—',
          })
        : gt('residency.none')}
    </Text>
  );
}

// ---- schedule -----------------------------------------------------------------------------------

function Schedule() {
  const { gt, lang } = useDgT();
  const q = useQuery({ queryKey: [...DG_KEY, 'schedule'], queryFn: ({ signal }) => dgApi.schedule(signal) });
  const [editing, setEditing] = useState<RetentionRule | null>(null);
  return (
    <QueryState pending={q.isPending} error={q.error}>
      <Table striped data-testid="schedule">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{gt('schedule.recordType')}</Table.Th>
            <Table.Th>{gt('schedule.period')}</Table.Th>
            <Table.Th>{gt('schedule.trigger')}</Table.Th>
            <Table.Th>{gt('schedule.action')}</Table.Th>
            <Table.Th>{gt('schedule.legalBasis')}</Table.Th>
            <Table.Th>{gt('schedule.enforcedBy')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data?.items.map((r) => (
            <Table.Tr key={r.recordType}>
              <Table.Td>{gt(`recordType.${r.recordType}`, { defaultValue: r.recordType })}</Table.Td>
              <Table.Td>{gt('schedule.months', { count: r.periodMonths })}</Table.Td>
              <Table.Td>{gt(`trigger.${r.triggerEvent}`, { defaultValue: r.triggerEvent })}</Table.Td>
              <Table.Td>{gt(`action.${r.action}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">{lang.startsWith('zh') ? r.legalBasisZh : r.legalBasisEn}</Text>
              </Table.Td>
              <Table.Td>
                {!r.enabled
                  ? gt('schedule.disabled')
                  : r.enforcedByJob
                    ? gt('schedule.byJob')
                    : gt('schedule.byModule')}
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setEditing(r)}>
                  {gt('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <RuleEditor rule={editing} onClose={() => setEditing(null)} />}
    </QueryState>
  );
}

function RuleEditor({ rule, onClose }: { rule: RetentionRule; onClose: () => void }) {
  const { gt } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [v, setV] = useState({
    periodMonths: rule.periodMonths,
    triggerEvent: rule.triggerEvent,
    action: rule.action,
    legalBasisEn: rule.legalBasisEn,
    legalBasisZh: rule.legalBasisZh,
    enabled: rule.enabled,
  });
  const save = useMutation({
    mutationFn: () => dgApi.putRule(rule.recordType, v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [...DG_KEY, 'schedule'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={gt(`recordType.${rule.recordType}`, { defaultValue: rule.recordType })}
      size="lg"
    >
      <Stack>
        <NumberInput
          label={gt('schedule.periodMonths')}
          min={1}
          max={1200}
          value={v.periodMonths}
          onChange={(n) => setV({ ...v, periodMonths: Number(n) || 1 })}
        />
        <TextInput
          label={gt('schedule.trigger')}
          value={v.triggerEvent}
          onChange={(e) => setV({ ...v, triggerEvent: e.currentTarget.value })}
        />
        <Select
          label={gt('schedule.action')}
          data={RETENTION_ACTIONS.map((a) => ({ value: a, label: gt(`action.${a}`) }))}
          value={v.action}
          onChange={(a) => a && setV({ ...v, action: a })}
        />
        <Textarea
          label={gt('schedule.legalBasisEn')}
          autosize
          value={v.legalBasisEn}
          onChange={(e) => setV({ ...v, legalBasisEn: e.currentTarget.value })}
        />
        <Textarea
          label={gt('schedule.legalBasisZh')}
          autosize
          value={v.legalBasisZh}
          onChange={(e) => setV({ ...v, legalBasisZh: e.currentTarget.value })}
        />
        <Switch
          label={gt('schedule.enabled')}
          checked={v.enabled}
          onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })}
        />
        {save.error && <Alert color="red">{message(save.error)}</Alert>}
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {gt('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ---- legal holds --------------------------------------------------------------------------------

function Holds() {
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [active, setActive] = useState(true);
  const q = useQuery({
    queryKey: [...DG_KEY, 'holds', active],
    queryFn: ({ signal }) => dgApi.holds(active, signal),
  });
  const [form, setForm] = useState({ subjectType: 'customer', subjectId: '', customerId: '', reason: '' });
  const place = useMutation({
    mutationFn: () =>
      dgApi.placeHold({
        subjectType: form.subjectType,
        subjectId: form.subjectId.trim(),
        ...(form.subjectType === 'case' ? { customerId: form.customerId.trim() } : {}),
        reason: form.reason,
      }),
    onSuccess: async () => {
      setForm({ subjectType: 'customer', subjectId: '', customerId: '', reason: '' });
      await qc.invalidateQueries({ queryKey: [...DG_KEY, 'holds'] });
    },
  });
  const release = useMutation({
    mutationFn: (id: string) => dgApi.releaseHold(id, gt('holds.releasedFromConsole')),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...DG_KEY, 'holds'] }),
  });
  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{gt('holds.place')}</Text>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={gt('holds.subjectType')}
              data={HOLD_SUBJECTS.map((s) => ({ value: s, label: gt(`subject.${s}`) }))}
              value={form.subjectType}
              onChange={(s) => s && setForm({ ...form, subjectType: s })}
              w={140}
            />
            <TextInput
              label={gt('holds.subjectId')}
              value={form.subjectId}
              onChange={(e) => setForm({ ...form, subjectId: e.currentTarget.value })}
              w={320}
            />
            {form.subjectType === 'case' && (
              <TextInput
                label={gt('holds.customerId')}
                value={form.customerId}
                onChange={(e) => setForm({ ...form, customerId: e.currentTarget.value })}
                w={320}
              />
            )}
            <TextInput
              label={gt('holds.reason')}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Button onClick={() => place.mutate()} loading={place.isPending}>
              {gt('holds.placeButton')}
            </Button>
          </Group>
          {place.error && <Alert color="red">{message(place.error)}</Alert>}
        </Stack>
      </Card>
      <Switch
        label={gt('holds.activeOnly')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      <QueryState pending={q.isPending} error={q.error}>
        {q.data?.items.length === 0 ? (
          <Empty>{gt('holds.empty')}</Empty>
        ) : (
          <Table striped data-testid="holds">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{gt('holds.subjectType')}</Table.Th>
                <Table.Th>{gt('holds.customer')}</Table.Th>
                <Table.Th>{gt('holds.reason')}</Table.Th>
                <Table.Th>{gt('holds.placed')}</Table.Th>
                <Table.Th>{gt('holds.released')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data?.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{gt(`subject.${h.subjectType}`)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${h.customerId}`}>
                      {h.customerName ?? h.customerId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{h.reason}</Table.Td>
                  <Table.Td>
                    {formatDateTime(h.placedAt, lang)} · {h.placedBy ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    {h.releasedAt ? `${formatDateTime(h.releasedAt, lang)} · ${h.releasedBy ?? '—'}` : '—'}
                  </Table.Td>
                  <Table.Td>
                    {h.active && (
                      <Button
                        size="xs"
                        variant="light"
                        color="orange"
                        onClick={() => release.mutate(h.id)}
                        loading={release.isPending}
                      >
                        {gt('holds.release')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {release.error && <Alert color="red">{message(release.error)}</Alert>}
    </Stack>
  );
}

// ---- retention runs -----------------------------------------------------------------------------

function Runs() {
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...DG_KEY, 'runs'], queryFn: ({ signal }) => dgApi.runs(signal) });
  const start = useMutation({
    mutationFn: () => dgApi.startRun({}),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...DG_KEY, 'runs'] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {gt('runs.explain')}
        </Text>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {gt('runs.runToday')}
        </Button>
      </Group>
      {start.error && <Alert color="red">{message(start.error)}</Alert>}
      <QueryState pending={q.isPending} error={q.error}>
        {q.data?.items.length === 0 ? (
          <Empty>{gt('runs.empty')}</Empty>
        ) : (
          <Table striped data-testid="runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{gt('runs.asOf')}</Table.Th>
                <Table.Th>{gt('runs.status')}</Table.Th>
                <Table.Th>{gt('runs.anonymised')}</Table.Th>
                <Table.Th>{gt('runs.held')}</Table.Th>
                <Table.Th>{gt('runs.errors')}</Table.Th>
                <Table.Th>{gt('runs.finished')}</Table.Th>
                <Table.Th>{gt('runs.checksum')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data?.items.map((r) => {
                const c = Object.values(r.counts);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/data-governance/runs/${r.id}`}>
                        {formatDate(r.asOf, lang)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td>{c.reduce((n, x) => n + x.anonymised + x.deleted, 0)}</Table.Td>
                    <Table.Td>{c.reduce((n, x) => n + x.held, 0)}</Table.Td>
                    <Table.Td>{r.errors.length}</Table.Td>
                    <Table.Td>{r.finishedAt ? formatDateTime(r.finishedAt, lang) : '—'}</Table.Td>
                    <Table.Td>
                      <Checksum value={r.evidenceSha256} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

// ---- data-subject requests ----------------------------------------------------------------------

function Dsrs() {
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('open');
  const q = useQuery({
    queryKey: [...DG_KEY, 'dsrs', status],
    queryFn: ({ signal }) => dgApi.dsrs(status || undefined, signal),
  });
  const [form, setForm] = useState<{
    customerId: string;
    kind: DsrKind;
    regime: Regime | '';
    details: string;
  }>({
    customerId: '',
    kind: 'access',
    regime: '',
    details: '',
  });
  const file = useMutation({
    mutationFn: () =>
      dgApi.fileDsr({
        customerId: form.customerId.trim(),
        kind: form.kind,
        details: form.details,
        ...(form.regime ? { regime: form.regime } : {}),
      }),
    onSuccess: async () => {
      setForm({ customerId: '', kind: 'access', regime: '', details: '' });
      await qc.invalidateQueries({ queryKey: [...DG_KEY, 'dsrs'] });
    },
  });
  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{gt('dsr.file')}</Text>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={gt('dsr.customerId')}
              value={form.customerId}
              onChange={(e) => setForm({ ...form, customerId: e.currentTarget.value })}
              w={320}
            />
            <Select
              label={gt('dsr.kind')}
              data={DSR_KINDS.map((k) => ({ value: k, label: gt(`kind.${k}`) }))}
              value={form.kind}
              onChange={(k) => k && setForm({ ...form, kind: k })}
              w={150}
            />
            <Select
              label={gt('dsr.regime')}
              placeholder={gt('dsr.regimeDefault')}
              clearable
              data={REGIMES.map((r) => ({ value: r, label: gt(`regime.${r}`) }))}
              value={form.regime || null}
              onChange={(r) => setForm({ ...form, regime: (r ?? '') })}
              w={200}
            />
            <TextInput
              label={gt('dsr.details')}
              value={form.details}
              onChange={(e) => setForm({ ...form, details: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Button onClick={() => file.mutate()} loading={file.isPending}>
              {gt('dsr.fileButton')}
            </Button>
          </Group>
          {file.error && <Alert color="red">{message(file.error)}</Alert>}
        </Stack>
      </Card>
      <Select
        label={gt('dsr.statusFilter')}
        data={[
          { value: '', label: gt('dsr.all') },
          ...['open', 'completed', 'refused'].map((s) => ({ value: s, label: gt(`status.${s}`) })),
        ]}
        value={status}
        onChange={(s) => setStatus(s ?? '')}
        w={200}
      />
      <QueryState pending={q.isPending} error={q.error}>
        {q.data?.items.length === 0 ? (
          <Empty>{gt('dsr.empty')}</Empty>
        ) : (
          <DsrTable items={q.data?.items ?? []} lang={lang} link />
        )}
      </QueryState>
    </Stack>
  );
}

export function DsrTable({
  items,
  lang,
  link,
}: {
  items: Dsr[];
  lang: string;
  link: boolean;
}) {
  const { gt } = useDgT();
  return (
    <Table striped data-testid="dsrs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{gt('dsr.reference')}</Table.Th>
          <Table.Th>{gt('dsr.kind')}</Table.Th>
          <Table.Th>{gt('dsr.regime')}</Table.Th>
          <Table.Th>{gt('dsr.received')}</Table.Th>
          <Table.Th>{gt('dsr.due')}</Table.Th>
          <Table.Th>{gt('dsr.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              {link ? (
                <Anchor component={Link} to={`/data-governance/dsrs/${d.id}`}>
                  {d.reference}
                </Anchor>
              ) : (
                d.reference
              )}
            </Table.Td>
            <Table.Td>{gt(`kind.${d.kind}`)}</Table.Td>
            <Table.Td>{gt(`regime.${d.regime}`)}</Table.Td>
            <Table.Td>{formatDate(d.receivedOn, lang)}</Table.Td>
            <Table.Td>
              {formatDate(d.dueOn, lang)} {d.status === 'open' && <DaysLeft days={d.daysLeft} />}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={d.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

// ---- regulator reports --------------------------------------------------------------------------

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function Reports() {
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...DG_KEY, 'reports'], queryFn: ({ signal }) => dgApi.reports(signal) });
  const [report, setReport] = useState<ReportKind>('east');
  const [period, setPeriod] = useState(lastMonth());
  const run = useMutation({
    mutationFn: () => dgApi.runReport({ report, period }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...DG_KEY, 'reports'] }),
  });
  return (
    <Stack>
      <Card withBorder>
        <Group align="flex-end">
          <Select
            label={gt('reports.report')}
            data={REPORTS.map((r) => ({ value: r, label: gt(`report.${r}`) }))}
            value={report}
            onChange={(r) => r && setReport(r)}
            w={220}
          />
          <TextInput
            label={gt('reports.period')}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
            w={120}
            placeholder="YYYY-MM"
          />
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            {gt('reports.run')}
          </Button>
        </Group>
        {run.error && (
          <Alert color="red" mt="sm">
            {message(run.error)}
          </Alert>
        )}
      </Card>
      <QueryState pending={q.isPending} error={q.error}>
        {q.data?.items.length === 0 ? (
          <Empty>{gt('reports.empty')}</Empty>
        ) : (
          <Table striped data-testid="reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{gt('reports.report')}</Table.Th>
                <Table.Th>{gt('reports.period')}</Table.Th>
                <Table.Th>{gt('reports.version')}</Table.Th>
                <Table.Th>{gt('reports.status')}</Table.Th>
                <Table.Th>{gt('reports.issues')}</Table.Th>
                <Table.Th>{gt('reports.checksum')}</Table.Th>
                <Table.Th>{gt('reports.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data?.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/data-governance/reports/${r.id}`}>
                      {gt(`report.${r.report}`)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td>{r.version}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.issues.length}</Table.Td>
                  <Table.Td>
                    <Checksum value={r.sha256} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.createdAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
