import { Alert, Anchor, Button, Card, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Segment } from '../../api/customers.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';

export const SEGMENTS_KEY = ['segments'] as const;

export default function SegmentsPage() {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const list = useQuery({ queryKey: [...SEGMENTS_KEY, 'list'], queryFn: ({ signal }) => api.get<Segment[]>('/api/v1/segments', { signal }) });
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        description={t('segments.description')}
        actions={
          <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />} data-testid="segment-new">
            {t('segments.create')}
          </Button>
        }
      />
      <Card withBorder padding="md">
        {list.isError && <Alert color="red">{message(list.error)}</Alert>}
        <Table.ScrollContainer minWidth={600}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.name')}</Table.Th>
                <Table.Th>{t('segments.descriptionLabel')}</Table.Th>
                <Table.Th>{t('segments.updated')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((s) => (
                <Table.Tr key={s.id} data-testid="segment-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/segments/${s.id}`} fw={500} size="sm">
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {s.description ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDateTime(s.updatedAt, i18n.language)} · {s.createdBy ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers?segmentId=${s.id}`} size="sm">
                      {t('segments.members')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
              {list.isSuccess && list.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('segments.none')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </>
  );
}
