import { Alert, Button, Card, Drawer, Group, Modal, NumberInput, Pagination, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Programme, School } from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import type { Page } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { label, options } from '../customers/labels.ts';

const PAGE_SIZE = 25;
const SCHOOLS_KEY = ['schools'] as const;

function AddSchoolModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [nameLocal, setNameLocal] = useState('');
  const [country, setCountry] = useState('CN');
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [type, setType] = useState<string | null>('public');
  const [highestLevel, setHighestLevel] = useState<string | null>(null);
  const [years, setYears] = useState<string | number>('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      api.post<School>('/api/v1/schools', {
        name: name.trim(),
        ...(nameLocal.trim() ? { nameLocal: nameLocal.trim() } : {}),
        country: country.trim(),
        ...(region.trim() ? { region: region.trim() } : {}),
        ...(city.trim() ? { city: city.trim() } : {}),
        type,
        ...(highestLevel ? { highestLevel } : {}),
        ...(years !== '' ? { programmeYears: Number(years) } : {}),
        ...(code.trim() ? { externalCode: code.trim() } : {}),
      }),
    onSuccess: async (s) => {
      notifications.show({ color: 'green', message: t('schools.added', { name: s.nameLocal ?? s.name }) });
      onClose();
      await qc.invalidateQueries({ queryKey: SCHOOLS_KEY });
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t('common.required');
    if (!/^[A-Za-z]{2}$/.test(country.trim())) local.country = t('customerForm.countryFormat');
    if (!type) local.type = t('common.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) add.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('schools.add')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('schools.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
            <TextInput label={t('schools.nameLocal')} value={nameLocal} onChange={(e) => setNameLocal(e.currentTarget.value)} error={errors.nameLocal} />
            <TextInput label={t('schools.country')} value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={errors.country} maxLength={2} required />
            <TextInput label={t('schools.region')} value={region} onChange={(e) => setRegion(e.currentTarget.value)} error={errors.region} />
            <TextInput label={t('schools.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} error={errors.city} />
            <Select label={t('schools.type')} data={options(t, 'schoolType')} value={type} onChange={setType} error={errors.type} required comboboxProps={{ withinPortal: true }} />
            <Select label={t('schools.highestLevel')} data={options(t, 'level')} value={highestLevel} onChange={setHighestLevel} clearable error={errors.highestLevel} comboboxProps={{ withinPortal: true }} />
            <NumberInput label={t('schools.programmeYears')} value={years} onChange={setYears} min={0.5} max={10} step={0.5} error={errors.programmeYears} />
            <TextInput label={t('schools.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.externalCode} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('schools.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SchoolDrawer({ school, onClose }: { school: School; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const key = [...SCHOOLS_KEY, 'programmes', school.id];
  const programmes = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Programme[] | Page<Programme>>(`/api/v1/schools/${school.id}/programmes`, { signal }) });
  const [name, setName] = useState('');
  const [level, setLevel] = useState<string | null>('undergraduate');
  const [years, setYears] = useState<string | number>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => api.post<Programme>(`/api/v1/schools/${school.id}/programmes`, { name: name.trim(), level, ...(years !== '' ? { lengthYears: Number(years) } : {}) }),
    onSuccess: async () => {
      setName('');
      setYears('');
      setErrors({});
      await qc.invalidateQueries({ queryKey: key });
    },
    onError: (err) => setErrors({ ...fieldErrorsOf(err), form: message(err) }),
  });
  const items = Array.isArray(programmes.data) ? programmes.data : (programmes.data?.items ?? []);
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={school.nameLocal ? `${school.name} · ${school.nameLocal}` : school.name}>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="xs">
          <Text size="sm">
            {t('schools.country')}: {school.country}
          </Text>
          <Text size="sm">
            {t('schools.type')}: {label(t, 'schoolType', school.type)}
          </Text>
          <Text size="sm">
            {t('schools.location')}: {[school.city, school.region].filter(Boolean).join(', ') || '—'}
          </Text>
          <Text size="sm">
            {t('schools.highestLevel')}: {label(t, 'level', school.highestLevel)}
          </Text>
          <Text size="sm">
            {t('schools.code')}: {school.externalCode ?? '—'}
          </Text>
          <Text size="sm">
            {t('schools.cdr')}: {school.cohortDefaultRate !== null ? `${school.cohortDefaultRate} %` : '—'}
          </Text>
        </SimpleGrid>
        <Title order={5}>{t('schools.programmes')}</Title>
        {programmes.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('schools.noProgrammes')}
          </Text>
        )}
        {items.map((p) => (
          <Text key={p.id} size="sm">
            {p.name} · {label(t, 'level', p.level)}
            {p.lengthYears ? ` · ${t('schools.years', { n: p.lengthYears })}` : ''}
          </Text>
        ))}
        {can('customers.manage') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return setErrors({ name: t('common.required') });
              add.mutate();
            }}
          >
            <Stack gap="xs" mt="sm">
              {errors.form && <Alert color="red">{errors.form}</Alert>}
              <Group gap="xs" align="flex-start" wrap="wrap">
                <TextInput size="xs" style={{ flex: '2 1 180px' }} placeholder={t('schools.programmeName')} aria-label={t('schools.programmeName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
                <Select size="xs" w={140} aria-label={t('customer.level')} data={options(t, 'level')} value={level} onChange={setLevel} error={errors.level} comboboxProps={{ withinPortal: true }} />
                <NumberInput size="xs" w={90} aria-label={t('schools.programmeYears')} placeholder={t('schools.yearsShort')} value={years} onChange={setYears} min={0.5} max={10} error={errors.lengthYears} />
                <Button size="xs" type="submit" variant="light" loading={add.isPending}>
                  {t('schools.addProgramme')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Drawer>
  );
}

export default function SchoolsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<School | null>(null);
  const query = useQuery({
    queryKey: [...SCHOOLS_KEY, 'list', { q, country, page }],
    queryFn: ({ signal }) =>
      api.get<Page<School>>('/api/v1/schools', {
        query: { q, country: /^[A-Za-z]{2}$/.test(country) ? country : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const total = query.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('schools.title')}
        description={t('schools.description')}
        actions={
          can('customers.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('schools.add')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <TextInput
              style={{ flex: '1 1 260px' }}
              leftSection={<IconSearch size={16} />}
              placeholder={t('schools.searchPlaceholder')}
              aria-label={t('schools.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              data-testid="school-search"
            />
            <TextInput
              w={120}
              placeholder={t('schools.country')}
              aria-label={t('schools.country')}
              value={country}
              maxLength={2}
              onChange={(e) => {
                setCountry(e.currentTarget.value.toUpperCase());
                setPage(1);
              }}
            />
          </Group>
          {query.isError && <Alert color="red">{message(query.error)}</Alert>}
          <Table.ScrollContainer minWidth={700}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('schools.name')}</Table.Th>
                  <Table.Th>{t('schools.location')}</Table.Th>
                  <Table.Th>{t('schools.type')}</Table.Th>
                  <Table.Th>{t('schools.highestLevel')}</Table.Th>
                  <Table.Th>{t('schools.cdr')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(query.data?.items ?? []).map((s) => (
                  <Table.Tr key={s.id} onClick={() => setOpen(s)} style={{ cursor: 'pointer' }} data-testid="school-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {s.name}
                      </Text>
                      {s.nameLocal && (
                        <Text size="xs" c="dimmed">
                          {s.nameLocal}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{[s.city, s.region, s.country].filter(Boolean).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>{label(t, 'schoolType', s.type)}</Table.Td>
                    <Table.Td>{label(t, 'level', s.highestLevel)}</Table.Td>
                    <Table.Td>{s.cohortDefaultRate !== null ? `${s.cohortDefaultRate} %` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.totalCount', { count: total })}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" />
          </Group>
        </Stack>
      </Card>
      {adding && <AddSchoolModal onClose={() => setAdding(false)} />}
      {open && <SchoolDrawer school={open} onClose={() => setOpen(null)} />}
    </>
  );
}
