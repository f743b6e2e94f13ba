import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  List,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { CUSTOMERS_KEY, customerPath, majorToMinor, type Customer360, type CustomerSummary, type SchoolSummary } from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SchoolSelect } from './components.tsx';
import { useCustomer } from './CustomerPage.tsx';
import { customerName, label, options } from './labels.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ProfileState {
  legalName: string;
  preferredName: string;
  dateOfBirth: string;
  gender: string | null;
  nationalIdType: string | null;
  nationalId: string;
  phone: string;
  email: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  preferredLanguage: string | null;
  preferredChannel: string | null;
  declaredLoanPurpose: string | null;
  externalRef: string;
  status: string | null;
}

function profileOf(c: Customer360 | undefined): ProfileState {
  return {
    legalName: c?.legalName ?? '',
    preferredName: c?.preferredName ?? '',
    dateOfBirth: c?.dateOfBirth ?? '',
    gender: c?.gender ?? null,
    nationalIdType: c?.nationalIdType ?? null,
    nationalId: '',
    phone: '',
    email: '',
    line1: c?.address?.line1 ?? '',
    city: c?.address?.city ?? '',
    region: c?.address?.region ?? '',
    postalCode: c?.address?.postalCode ?? '',
    country: c?.address?.country ?? '',
    preferredLanguage: c?.preferredLanguage ?? null,
    preferredChannel: c?.preferredChannel ?? null,
    declaredLoanPurpose: c?.declaredLoanPurpose ?? null,
    externalRef: c?.externalRef ?? '',
    status: c ? (c.status === 'prospect' || c.status === 'active' ? c.status : null) : 'active',
  };
}

function addressOf(p: ProfileState) {
  const a = { line1: p.line1, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country };
  const filled = Object.fromEntries(Object.entries(a).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  return Object.keys(filled).length > 0 ? filled : null;
}

/** Checks before sending; the server checks again (ID check digits, real dates, …). */
function localErrors(p: ProfileState, t: (k: string) => string, creating: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (!p.legalName.trim()) e.legalName = t('common.required');
  if (p.dateOfBirth && !ISO_DATE.test(p.dateOfBirth)) e.dateOfBirth = t('customerForm.dateFormat');
  else if (p.dateOfBirth && p.dateOfBirth > new Date().toISOString().slice(0, 10)) e.dateOfBirth = t('customerForm.birthInFuture');
  if (p.nationalId.trim() && !p.nationalIdType) e.nationalIdType = t('customerForm.idTypeRequired');
  if (p.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email.trim())) e.email = t('customerForm.emailFormat');
  if (p.country.trim() && !/^[A-Za-z]{2}$/.test(p.country.trim())) e['address.country'] = t('customerForm.countryFormat');
  if (creating && !p.status) e.status = t('common.required');
  return e;
}

interface Duplicate {
  kind: string;
  candidates: CustomerSummary[];
}

export default function CustomerFormPage() {
  const { id } = useParams();
  const existing = useCustomer(id, false);
  if (id && existing.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  // Mounted once the record is loaded, so the form starts from its values.
  return <CustomerForm key={existing.data?.version ?? 'new'} customer={id ? existing.data : undefined} />;
}

function CustomerForm({ customer }: { customer: Customer360 | undefined }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const creating = !customer;
  const [p, setP] = useState<ProfileState>(() => profileOf(customer));
  const [tags, setTags] = useState<string[]>([]);
  const [school, setSchool] = useState<SchoolSummary | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [programme, setProgramme] = useState('');
  const [year, setYear] = useState<string | number>('');
  const [startDate, setStartDate] = useState('');
  const [gradDate, setGradDate] = useState('');
  const [hhSize, setHhSize] = useState<string | number>('');
  const [hhIncome, setHhIncome] = useState('');
  const [hhCurrency, setHhCurrency] = useState<string | null>('CNY');
  const [needs, setNeeds] = useState<string[]>([]);
  const [consents, setConsents] = useState<string[]>(['service']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);

  const field = <K extends keyof ProfileState>(k: K) => (v: ProfileState[K]) => setP((old) => ({ ...old, [k]: v }));
  const text = (k: keyof ProfileState) => (e: React.ChangeEvent<HTMLInputElement>) => field(k)(e.currentTarget.value);

  const createBody = (allowDuplicate: boolean) => {
    const address = addressOf(p);
    const minor = hhIncome.trim() ? majorToMinor(hhIncome) : null;
    const enrolment =
      school || level || startDate || gradDate
        ? {
            enrolment: {
              schoolId: school?.id,
              level,
              startDate,
              expectedGraduationDate: gradDate,
              ...(programme.trim() ? { programmeName: programme.trim() } : {}),
              ...(year !== '' ? { yearOfStudy: Number(year) } : {}),
              status: 'enrolled',
            },
          }
        : {};
    const household =
      hhSize !== '' || minor !== null || needs.length > 0
        ? {
            household: {
              ...(hhSize !== '' ? { size: Number(hhSize) } : {}),
              ...(minor !== null ? { annualIncomeMinor: minor, currency: hhCurrency } : {}),
              needs: needs.map((code) => ({ code })),
            },
          }
        : {};
    return {
      legalName: p.legalName.trim(),
      ...(p.preferredName.trim() ? { preferredName: p.preferredName.trim() } : {}),
      ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
      ...(p.gender ? { gender: p.gender } : {}),
      ...(p.nationalId.trim() ? { nationalIdType: p.nationalIdType, nationalId: p.nationalId.trim() } : {}),
      ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
      ...(p.email.trim() ? { email: p.email.trim() } : {}),
      ...(address ? { address } : {}),
      ...(p.preferredLanguage ? { preferredLanguage: p.preferredLanguage } : {}),
      ...(p.preferredChannel ? { preferredChannel: p.preferredChannel } : {}),
      ...(p.declaredLoanPurpose ? { declaredLoanPurpose: p.declaredLoanPurpose } : {}),
      ...(p.externalRef.trim() ? { externalRef: p.externalRef.trim() } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...enrolment,
      ...household,
      consents: (['service', 'marketing', 'data_sharing'] as const).map((purpose) => ({ purpose, granted: consents.includes(purpose), source: 'web' })),
      ...(allowDuplicate ? { allowDuplicate: true } : {}),
    };
  };

  const patchBody = (c: Customer360) => {
    const before = profileOf(c);
    const patch: Record<string, unknown> = { expectedVersion: c.version };
    const str = (k: keyof ProfileState, apiKey: string = k) => {
      const now = ((p[k]) ?? '').trim();
      if (now !== ((before[k]) ?? '')) patch[apiKey] = now === '' ? null : now;
    };
    str('legalName');
    str('preferredName');
    str('dateOfBirth');
    str('gender');
    str('externalRef');
    str('declaredLoanPurpose');
    if (p.preferredLanguage && p.preferredLanguage !== before.preferredLanguage) patch.preferredLanguage = p.preferredLanguage;
    if (p.preferredChannel && p.preferredChannel !== before.preferredChannel) patch.preferredChannel = p.preferredChannel;
    if (p.status && p.status !== before.status) patch.status = p.status;
    // Identifiers are masked on screen: only what is typed anew replaces them.
    if (p.nationalId.trim()) {
      patch.nationalIdType = p.nationalIdType;
      patch.nationalId = p.nationalId.trim();
    }
    if (p.phone.trim()) patch.phone = p.phone.trim();
    if (p.email.trim()) patch.email = p.email.trim();
    if (JSON.stringify(addressOf(p)) !== JSON.stringify(addressOf(before))) patch.address = addressOf(p);
    return patch;
  };

  const save = useMutation({
    mutationFn: (allowDuplicate: boolean) =>
      customer
        ? api.patch<Customer360>(customerPath(customer.id), patchBody(customer))
        : api.post<Customer360>('/api/v1/customers', createBody(allowDuplicate)),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: creating ? t('customerForm.created', { name: saved.legalName }) : t('customerForm.saved') });
      await qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      await navigate(`/customers/${saved.id}`);
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      const candidates = err instanceof ApiError ? err.problem.extensions?.candidates : undefined;
      if (err instanceof ApiError && Array.isArray(candidates)) {
        setDuplicate({ kind: err.kind, candidates: candidates as CustomerSummary[] });
        setFormError(null);
      } else {
        setDuplicate(null);
        setFormError(message(err));
      }
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local = localErrors(p, t, creating);
    if (creating && (school || level || startDate || gradDate)) {
      if (!school) local['enrolment.schoolId'] = t('common.required');
      if (!level) local['enrolment.level'] = t('common.required');
      if (!ISO_DATE.test(startDate)) local['enrolment.startDate'] = t('customerForm.dateFormat');
      if (!ISO_DATE.test(gradDate)) local['enrolment.expectedGraduationDate'] = t('customerForm.dateFormat');
      else if (startDate && gradDate <= startDate) local['enrolment.expectedGraduationDate'] = t('customerForm.graduationAfterStart');
    }
    if (hhIncome.trim() && majorToMinor(hhIncome) === null) local['household.annualIncomeMinor'] = t('customerForm.amountFormat');
    setErrors(local);
    setFormError(null);
    setDuplicate(null);
    if (Object.keys(local).length === 0) save.mutate(false);
  };

  return (
    <>
      <PageHeader title={creating ? t('customerForm.createTitle') : t('customerForm.editTitle', { name: customer.legalName })} description={t('customerForm.description')} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={980}>
          {formError && (
            <Alert color="red" role="alert" data-testid="form-error">
              {formError}
            </Alert>
          )}
          {duplicate && (
            <Alert color="orange" role="alert" title={t(duplicate.kind === 'duplicate-customer' ? 'customerForm.duplicateTitle' : 'customerForm.possibleDuplicateTitle')} data-testid="duplicate-warning">
              <Stack gap="xs">
                <Text size="sm">{t(duplicate.kind === 'duplicate-customer' ? 'customerForm.duplicateBody' : 'customerForm.possibleDuplicateBody')}</Text>
                <List size="sm">
                  {duplicate.candidates.map((c) => (
                    <List.Item key={c.id}>
                      <Anchor component={Link} to={`/customers/${c.id}`} data-testid="duplicate-candidate">
                        {customerName(c)}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        {[c.dateOfBirth, c.nationalId, c.school?.name, label(t, 'customerStatus', c.status)].filter(Boolean).join(' · ')}
                      </Text>
                    </List.Item>
                  ))}
                </List>
                {duplicate.kind === 'possible-duplicate' && creating && (
                  <Group>
                    <Button size="xs" color="orange" variant="light" onClick={() => save.mutate(true)} loading={save.isPending} data-testid="create-anyway">
                      {t('customerForm.createAnyway')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Alert>
          )}
          <Card withBorder padding="md">
            <Title order={4} mb="sm">
              {t('customer.profile')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              <TextInput label={t('customerForm.legalName')} value={p.legalName} onChange={text('legalName')} error={errors.legalName} required data-testid="cf-legal-name" />
              <TextInput label={t('customerForm.preferredName')} value={p.preferredName} onChange={text('preferredName')} error={errors.preferredName} />
              <TextInput
                label={t('customerForm.dateOfBirth')}
                placeholder="2004-05-17"
                value={p.dateOfBirth}
                onChange={text('dateOfBirth')}
                error={errors.dateOfBirth}
                data-testid="cf-dob"
              />
              <Select label={t('customerForm.gender')} data={options(t, 'gender')} value={p.gender} onChange={field('gender')} clearable error={errors.gender} />
              <Select label={t('customerForm.nationalIdType')} data={options(t, 'idType')} value={p.nationalIdType} onChange={field('nationalIdType')} clearable error={errors.nationalIdType} />
              <TextInput
                label={t('customerForm.nationalId')}
                placeholder={customer?.nationalId ?? ''}
                description={customer?.nationalId ? t('customerForm.keepMasked') : undefined}
                value={p.nationalId}
                onChange={text('nationalId')}
                error={errors.nationalId}
                autoComplete="off"
              />
              <TextInput
                label={t('customerForm.phone')}
                placeholder={customer?.phone ?? '+86 138 0013 8000'}
                description={customer?.phone ? t('customerForm.keepMasked') : undefined}
                value={p.phone}
                onChange={text('phone')}
                error={errors.phone}
                autoComplete="off"
              />
              <TextInput
                label={t('customerForm.email')}
                placeholder={customer?.email ?? ''}
                description={customer?.email ? t('customerForm.keepMasked') : undefined}
                value={p.email}
                onChange={text('email')}
                error={errors.email}
                autoComplete="off"
              />
              <TextInput label={t('customerForm.externalRef')} value={p.externalRef} onChange={text('externalRef')} error={errors.externalRef} />
              <Select
                label={t('customerForm.preferredLanguage')}
                data={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
                value={p.preferredLanguage}
                onChange={field('preferredLanguage')}
                error={errors.preferredLanguage}
              />
              <Select label={t('customerForm.preferredChannel')} data={options(t, 'channel')} value={p.preferredChannel} onChange={field('preferredChannel')} error={errors.preferredChannel} />
              <Select
                label={t('customerForm.declaredLoanPurpose')}
                data={options(t, 'loanNeed')}
                value={p.declaredLoanPurpose}
                onChange={field('declaredLoanPurpose')}
                clearable
                error={errors.declaredLoanPurpose}
              />
              <Select
                label={t('customers.statusLabel')}
                data={['prospect', 'active'].map((s) => ({ value: s, label: label(t, 'customerStatus', s) }))}
                value={p.status}
                onChange={field('status')}
                error={errors.status}
              />
            </SimpleGrid>
            <Text size="sm" fw={600} mt="md" mb={4}>
              {t('customerForm.address')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="sm">
              <TextInput label={t('customerForm.line1')} value={p.line1} onChange={text('line1')} error={errors['address.line1']} />
              <TextInput label={t('customerForm.city')} value={p.city} onChange={text('city')} error={errors['address.city']} />
              <TextInput label={t('customerForm.region')} value={p.region} onChange={text('region')} error={errors['address.region']} />
              <TextInput label={t('customerForm.postalCode')} value={p.postalCode} onChange={text('postalCode')} error={errors['address.postalCode']} />
              <TextInput label={t('customerForm.country')} placeholder="CN" value={p.country} onChange={text('country')} error={errors['address.country']} maxLength={2} />
            </SimpleGrid>
            {creating && (
              <TagsInput mt="sm" label={t('customer.tags')} value={tags} onChange={setTags} error={errors.tags} placeholder={t('customer.tagPlaceholder')} />
            )}
          </Card>

          {creating && (
            <Card withBorder padding="md">
              <Title order={4} mb={4}>
                {t('customerForm.enrolment')}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t('customerForm.enrolmentHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
                <SchoolSelect label={t('customers.school')} value={school?.id ?? null} onChange={(_id, s) => setSchool(s)} error={errors['enrolment.schoolId']} data-testid="cf-school" />
                <Select label={t('customer.level')} data={options(t, 'level')} value={level} onChange={setLevel} clearable error={errors['enrolment.level']} data-testid="cf-level" />
                <TextInput label={t('customer.programme')} value={programme} onChange={(e) => setProgramme(e.currentTarget.value)} error={errors['enrolment.programmeName']} />
                <NumberInput label={t('customer.yearOfStudy')} value={year} onChange={setYear} min={1} max={10} error={errors['enrolment.yearOfStudy']} />
                <TextInput
                  label={t('customer.startDate')}
                  placeholder="2025-09-01"
                  value={startDate}
                  onChange={(e) => setStartDate(e.currentTarget.value)}
                  error={errors['enrolment.startDate']}
                  data-testid="cf-start"
                />
                <TextInput
                  label={t('customer.expectedGraduation')}
                  placeholder="2029-07-01"
                  value={gradDate}
                  onChange={(e) => setGradDate(e.currentTarget.value)}
                  error={errors['enrolment.expectedGraduationDate']}
                  data-testid="cf-grad"
                />
              </SimpleGrid>
            </Card>
          )}

          {creating && (
            <Card withBorder padding="md">
              <Title order={4} mb="sm">
                {t('customer.household')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                <NumberInput label={t('customer.householdSize')} value={hhSize} onChange={setHhSize} min={1} max={30} error={errors['household.size']} data-testid="cf-hh-size" />
                <TextInput
                  label={t('customer.annualIncome')}
                  placeholder="36000.00"
                  value={hhIncome}
                  onChange={(e) => setHhIncome(e.currentTarget.value)}
                  error={errors['household.annualIncomeMinor']}
                  data-testid="cf-hh-income"
                />
                <Select label={t('customer.currency')} data={['CNY', 'USD', 'GBP', 'EUR', 'HKD']} value={hhCurrency} onChange={setHhCurrency} error={errors['household.currency']} />
                <MultiSelect label={t('customer.needIndicators')} data={options(t, 'needIndicator')} value={needs} onChange={setNeeds} error={errors['household.needs']} />
              </SimpleGrid>
              <Text size="sm" fw={600} mt="md" mb={4}>
                {t('customer.consents')}
              </Text>
              <Checkbox.Group value={consents} onChange={setConsents}>
                <Group gap="lg">
                  {(['service', 'marketing', 'data_sharing'] as const).map((purpose) => (
                    <Checkbox key={purpose} value={purpose} label={label(t, 'consentPurpose', purpose)} />
                  ))}
                </Group>
              </Checkbox.Group>
            </Card>
          )}

          {Object.keys(errors).length > 0 && !formError && !duplicate && (
            <Text size="sm" c="red">
              {t('customerForm.fixErrors')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={customer ? `/customers/${customer.id}` : '/customers'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="cf-submit">
              {creating ? t('customers.create') : t('common.save')}
            </Button>
          </Group>
          {customer && customer.status !== 'active' && customer.status !== 'prospect' && (
            <Badge color="gray">{label(t, 'customerStatus', customer.status)}</Badge>
          )}
        </Stack>
      </form>
    </>
  );
}
