// The compliance dashboard: every registered routine's section rendered the same way (figures
// with their tone and link), and one at-risk list of everything due within five days or
// overdue, soonest first, each item linking to its page.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { COMPLIANCE_KEY, type ComplianceDashboard, type DashboardFigure } from './api.ts';
import { Empty, ErrorAlert, Panel } from './components.tsx';
import { useComplianceT } from './i18n.ts';

const TONE: Record<DashboardFigure['tone'], string> = { ok: 'teal', warn: 'orange', bad: 'red', neutral: 'gray' };

function Figure({ f, lang }: { f: DashboardFigure; lang: 'en' | 'zh-CN' }) {
  const label = lang === 'en' ? f.label.en : f.label.zh;
  const body = (
    <Card withBorder padding="sm" data-testid={`figure-${f.key}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={TONE[f.tone]}>
        {f.value.toLocaleString(lang)}
      </Text>
    </Card>
  );
  return f.href ? (
    <Anchor component={Link} to={f.href} underline="never">
      {body}
    </Anchor>
  ) : (
    body
  );
}

export default function DashboardPage() {
  const { ct, lang } = useComplianceT();
  const q = useQuery({
    queryKey: [...COMPLIANCE_KEY, 'dashboard'],
    queryFn: () => api.get<ComplianceDashboard>('/api/v1/compliance/dashboard'),
  });
  const d = q.data;
  return (
    <>
      <PageHeader title={ct('dashboard.title')} description={ct('dashboard.description')} />
      <ErrorAlert error={q.error} />
      {d && (
        <Stack>
          <Panel title={ct('dashboard.atRisk')} testId="at-risk">
            {d.atRisk.length === 0 ? (
              <Empty>{ct('dashboard.nothingAtRisk')}</Empty>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{ct('dashboard.item')}</Table.Th>
                    <Table.Th>{ct('dashboard.kind')}</Table.Th>
                    <Table.Th>{ct('dashboard.due')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.atRisk.map((a) => (
                    <Table.Tr key={`${a.section}:${a.id}`} data-testid="at-risk-item" data-id={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={a.href}>
                          {a.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{ct(`kind.${a.kind}`, { defaultValue: a.kind })}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          {formatDateTime(a.dueAt, lang)}
                          <Badge color={a.overdue ? 'red' : 'orange'} variant="light">
                            {a.overdue ? ct('dashboard.overdue') : ct('dashboard.dueSoon')}
                          </Badge>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Panel>
          {d.sections.map((s) => (
            <Panel key={s.key} title={lang === 'en' ? s.title.en : s.title.zh} testId={`section-${s.key}`}>
              {s.error ? (
                <Text c="red" size="sm">
                  {ct('dashboard.sectionFailed')}: {s.error}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 2, md: 4 }}>
                  {s.figures.map((f) => (
                    <Figure key={f.key} f={f} lang={lang} />
                  ))}
                </SimpleGrid>
              )}
            </Panel>
          ))}
          <Text size="xs" c="dimmed">
            {ct('dashboard.generatedAt')} {formatDateTime(d.generatedAt, lang)}
          </Text>
        </Stack>
      )}
    </>
  );
}
