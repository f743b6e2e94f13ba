// Templates (messages.read): one row per code and language with its newest version, filtered by
// purpose, language, category and status; opening one leads to the editor.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import {
  ENGAGEMENT_KEY,
  fetchTemplates,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  TEMPLATE_STATUSES,
  type Template,
} from './api.ts';
import { Empty, StatusBadge } from './components.tsx';
import { useEngagementT } from './i18n.ts';

interface Row {
  newest: Template;
  active: Template | undefined;
  versions: number;
}

/** The newest version of each code and language (the API lists newest first), with the one in use. */
export function latestPerCode(templates: Template[]): Row[] {
  const rows = new Map<string, Row>();
  for (const t of templates) {
    const key = `${t.code}/${t.language}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { newest: t, active: t.status === 'active' ? t : undefined, versions: 1 });
    else {
      row.versions++;
      if (!row.active && t.status === 'active') row.active = t;
      if (t.version > row.newest.version) row.newest = t;
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.newest.code.localeCompare(b.newest.code) || a.newest.language.localeCompare(b.newest.language),
  );
}

export default function TemplatesPage() {
  const { et, lang } = useEngagementT();
  const can = useCan();
  const message = useProblemMessage();
  const [purpose, setPurpose] = useState('');
  const [language, setLanguage] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'templates'],
    queryFn: ({ signal }) => fetchTemplates(signal),
  });
  const rows = latestPerCode(query.data ?? []).filter(
    (r) =>
      (!purpose || r.newest.purpose.includes(purpose.trim()) || r.newest.code.includes(purpose.trim())) &&
      (!language || r.newest.language === language) &&
      (!category || r.newest.category === category) &&
      (!status || r.newest.status === status),
  );

  return (
    <>
      <PageHeader
        title={et('templates.title')}
        description={et('templates.description')}
        actions={
          can('templates.manage') && (
            <Button component={Link} to="/engagement/templates/new" data-testid="template-new">
              {et('templates.new')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput
              aria-label={et('field.purpose')}
              placeholder={et('templates.searchPurpose')}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
              data-testid="templates-filter-purpose"
            />
            <Select
              aria-label={et('field.language')}
              placeholder={et('templates.anyLanguage')}
              data={TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: et(`language.${l}`) }))}
              value={language}
              onChange={setLanguage}
              clearable
            />
            <Select
              aria-label={et('field.category')}
              placeholder={et('templates.anyCategory')}
              data={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: et(`category.${c}`) }))}
              value={category}
              onChange={setCategory}
              clearable
            />
            <Select
              aria-label={et('field.status')}
              placeholder={et('templates.anyStatus')}
              data={TEMPLATE_STATUSES.map((s) => ({ value: s, label: et(`templateStatus.${s}`) }))}
              value={status}
              onChange={setStatus}
              clearable
              data-testid="templates-filter-status"
            />
          </SimpleGrid>
          {query.isError && (
            <Alert color="red" role="alert">
              {message(query.error)}
            </Alert>
          )}
          {query.isPending && <Loader />}
          {query.data && rows.length === 0 && <Empty>{et('templates.empty')}</Empty>}
          {rows.length > 0 && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{et('field.name')}</Table.Th>
                    <Table.Th>{et('field.purpose')}</Table.Th>
                    <Table.Th>{et('field.language')}</Table.Th>
                    <Table.Th>{et('field.category')}</Table.Th>
                    <Table.Th>{et('templates.newest')}</Table.Th>
                    <Table.Th>{et('templates.inUse')}</Table.Th>
                    <Table.Th>{et('field.updatedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map(({ newest: t, active, versions }) => (
                    <Table.Tr key={`${t.code}/${t.language}`} data-testid="template-row">
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/engagement/templates/${t.code}/${t.language}`}
                          data-testid="template-link"
                        >
                          {t.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {t.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t.purpose}</Table.Td>
                      <Table.Td>{et(`language.${t.language}`, { defaultValue: t.language })}</Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color={t.category === 'regulated' ? 'grape' : 'gray'}>
                          {et(`category.${t.category}`, { defaultValue: t.category })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" span>
                          v{t.version}{' '}
                        </Text>
                        <StatusBadge status={t.status} kind="templateStatus" />
                        {versions > 1 && (
                          <Text size="xs" c="dimmed">
                            {et('templates.versions', { count: versions })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{active ? `v${active.version}` : '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(t.createdAt, lang)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </>
  );
}
