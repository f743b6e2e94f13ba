import { Alert, Anchor, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { groupProducts, PRODUCTS_KEY, type ProductDefinition, type ProductVersion } from '../../api/products.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { productName, rateText, StatusBadge } from './DefinitionView.tsx';

export function useTemplates() {
  return useQuery({
    queryKey: [...PRODUCTS_KEY, 'templates'],
    queryFn: ({ signal }) => api.get<{ items: ProductDefinition[] }>('/api/v1/products/templates', { signal }),
    select: (d) => d.items,
    staleTime: Infinity,
  });
}

/**
 * A new draft from a built-in template: under the template's own code it becomes the next
 * version of that product; under a new code, version 1 of a new product.
 */
function NewDraftModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const templates = useTemplates();
  const [template, setTemplate] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const chosen = templates.data?.find((x) => x.code === template);
  const create = useMutation({
    mutationFn: () => {
      if (!chosen) throw new Error('no template');
      const newCode = code.trim().toUpperCase();
      if (!newCode || newCode === chosen.code) return api.post<ProductVersion>('/api/v1/products', { template: chosen.code });
      return api.post<ProductVersion>('/api/v1/products', {
        template: chosen.code,
        definition: { ...chosen, code: newCode, version: 1, name: { en: nameEn.trim() || chosen.name.en, 'zh-CN': nameZh.trim() || chosen.name['zh-CN'] } },
      });
    },
    onSuccess: async (draft) => {
      notifications.show({ color: 'green', message: t('products.draftCreated', { code: draft.code, version: draft.version }) });
      await qc.invalidateQueries({ queryKey: PRODUCTS_KEY });
      await navigate(`/products/${draft.code}?version=${draft.version}`);
    },
    onError: (err) => {
      const fe = fieldErrorsOf(err);
      setErrors({ code: fe['definition.code'] ?? fe.code ?? '', template: fe.template ?? '' });
      setFormError(message(err));
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!template) local.template = t('common.required');
    if (code.trim() && !/^[A-Za-z0-9-]+$/.test(code.trim())) local.code = t('products.codeFormat');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('products.newDraft')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Select
            label={t('products.template')}
            data={(templates.data ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${productName(x.name, i18n.language)}` }))}
            value={template}
            onChange={setTemplate}
            error={errors.template || undefined}
            required
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="template-select"
          />
          {chosen && (
            <Text size="sm" c="dimmed">
              {rateText(t, chosen)} · {t(`products.amortisation.${chosen.amortisation}`)} · {chosen.currency}
            </Text>
          )}
          <TextInput
            label={t('products.newCode')}
            description={t('products.newCodeHint')}
            placeholder={chosen?.code}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            error={errors.code || undefined}
            data-testid="draft-code"
          />
          {code.trim() && code.trim() !== chosen?.code && (
            <Group grow>
              <TextInput label={t('products.nameEn')} placeholder={chosen?.name.en} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} />
              <TextInput label={t('products.nameZh')} placeholder={chosen?.name['zh-CN']} value={nameZh} onChange={(e) => setNameZh(e.currentTarget.value)} />
            </Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="draft-create">
              {t('products.createDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export default function ProductsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...PRODUCTS_KEY, 'list'],
    queryFn: ({ signal }) => api.get<{ items: ProductVersion[] }>('/api/v1/products', { signal }),
  });
  const products = groupProducts(list.data?.items ?? []);
  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        actions={
          can('products.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="product-new-draft">
              {t('products.newDraft')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        {list.isError && <Alert color="red">{message(list.error)}</Alert>}
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.product')}</Table.Th>
                <Table.Th>{t('products.terms')}</Table.Th>
                <Table.Th>{t('products.versions')}</Table.Th>
                <Table.Th>{t('products.activeSince')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map(({ code, versions }) => {
                const shown = versions.find((v) => v.status === 'active') ?? versions[0]!;
                return (
                  <Table.Tr key={code} data-testid={`product-row-${code}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/products/${code}`} fw={500} size="sm">
                        {productName(shown.name, i18n.language)}
                      </Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {rateText(t, shown.definition)} · {t(`products.amortisation.${shown.definition.amortisation}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {shown.definition.currency} · {t(`calculator.frequencies.${shown.definition.frequency}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {versions.map((v) => (
                          <StatusBadge key={v.version} status={v.status} version={v.version} />
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{shown.activatedAt ? formatDateTime(shown.activatedAt, i18n.language) : '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {creating && <NewDraftModal onClose={() => setCreating(false)} />}
    </>
  );
}


