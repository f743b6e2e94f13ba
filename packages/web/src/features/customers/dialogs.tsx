// The customer 360 page's edit dialogs. Each sends one request; the server's field errors show
// under the fields they name, anything else above the form.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AXIS_VALUES, type ClassificationAxis } from '@bursar/core/customers-vocabulary';
import { api } from '../../api/client.ts';
import {
  CUSTOMERS_KEY,
  customerKey,
  customerPath,
  majorToMinor,
  minorToMajor,
  type Customer360,
  type DuplicateCandidate,
  type Enrolment,
  type MergePreview,
  type SchoolSummary,
} from '../../api/customers.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { SchoolSelect } from './components.tsx';
import { AXIS_LIST, customerName, label, options } from './labels.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** After a change: refresh the record, its timeline and the lists it appears in. */
export function useRefreshCustomer(id: string) {
  const qc = useQueryClient();
  return async (updated?: Customer360) => {
    if (updated && typeof updated === 'object' && 'classification' in updated) {
      qc.setQueriesData<Customer360>({ queryKey: customerKey(id) }, (old) => (old ? { ...updated, piiRevealed: old.piiRevealed && updated.piiRevealed } : updated));
    }
    await qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
  };
}

/** A dialog with a form: local checks first, then one request; errors shown in place. */
function useDialogMutation<T>(id: string, send: () => Promise<T>, onDone: () => void, success: string) {
  const message = useProblemMessage();
  const refresh = useRefreshCustomer(id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      notifications.show({ color: 'green', message: success });
      onDone();
      await refresh(result as Customer360);
    },
    onError: (err) => {
      setErrors(fieldErrorsOf(err));
      setFormError(message(err));
    },
  });
  const submit = (local: Record<string, string>) => (e: FormEvent) => {
    e.preventDefault();
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) mutation.mutate();
  };
  return { mutation, errors, formError, submit };
}

function DialogForm({
  title,
  opened = true,
  onClose,
  onSubmit,
  formError,
  pending,
  submitLabel,
  children,
  size = 'lg',
}: {
  title: string;
  opened?: boolean;
  onClose: () => void;
  onSubmit: (e: FormEvent) => void;
  formError: string | null;
  pending: boolean;
  submitLabel?: string;
  children: ReactNode;
  size?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="dialog-submit">
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const num = (v: string | number): number | undefined => (v === '' || v === undefined ? undefined : Number(v));

export function OverrideDialog({ customer, axis, onClose }: { customer: Customer360; axis: ClassificationAxis; onClose: () => void }) {
  const { t } = useTranslation();
  const current = customer.classification[axis];
  const [value, setValue] = useState<string | null>(current.override?.value ?? null);
  const [reason, setReason] = useState('');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () => api.post<Customer360>(customerPath(customer.id, '/classification/overrides'), { axis, value, reason: reason.trim() }),
    onClose,
    t('customer.overrideSaved'),
  );
  const local: Record<string, string> = {};
  if (!reason.trim()) local.reason = t('common.required');
  return (
    <DialogForm
      title={t('customer.overrideTitle', { axis: label(t, 'axis', axis) })}
      onClose={onClose}
      onSubmit={submit(local)}
      formError={formError}
      pending={mutation.isPending}
    >
      <Text size="sm" c="dimmed">
        {t('customer.overrideHint', { value: label(t, AXIS_LIST[axis], current.computed.value) })}
      </Text>
      <Select
        label={t('customer.overrideValue')}
        placeholder={t('customer.useComputed')}
        data={AXIS_VALUES[axis].map((v) => ({ value: v, label: label(t, AXIS_LIST[axis], v) }))}
        value={value}
        onChange={setValue}
        clearable
        error={errors.value}
        comboboxProps={{ withinPortal: true }}
        data-testid="override-value"
      />
      <Textarea
        label={t('customer.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
        required
        autosize
        minRows={2}
        data-testid="override-reason"
      />
    </DialogForm>
  );
}

export function EnrolmentDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const [school, setSchool] = useState<SchoolSummary | null>(null);
  const [programmeName, setProgrammeName] = useState('');
  const [level, setLevel] = useState<string | null>(null);
  const [year, setYear] = useState<string | number>('');
  const [startDate, setStartDate] = useState('');
  const [gradDate, setGradDate] = useState('');
  const [status, setStatus] = useState<string | null>('enrolled');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () =>
      api.post<Customer360>(customerPath(customer.id, '/enrolments'), {
        schoolId: school?.id,
        ...(programmeName.trim() ? { programmeName: programmeName.trim() } : {}),
        level,
        ...(num(year) !== undefined ? { yearOfStudy: num(year) } : {}),
        startDate,
        expectedGraduationDate: gradDate,
        ...(status ? { status } : {}),
      }),
    onClose,
    t('customer.enrolmentAdded'),
  );
  const local: Record<string, string> = {};
  if (!school) local.schoolId = t('common.required');
  if (!level) local.level = t('common.required');
  if (!ISO_DATE.test(startDate)) local.startDate = t('customerForm.dateFormat');
  if (!ISO_DATE.test(gradDate)) local.expectedGraduationDate = t('customerForm.dateFormat');
  else if (startDate && gradDate <= startDate) local.expectedGraduationDate = t('customerForm.graduationAfterStart');
  return (
    <DialogForm title={t('customer.addEnrolment')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending}>
      <SchoolSelect label={t('customers.school')} value={school?.id ?? null} onChange={(_id, s) => setSchool(s)} error={errors.schoolId} required />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('customer.programme')} value={programmeName} onChange={(e) => setProgrammeName(e.currentTarget.value)} error={errors.programmeName} />
        <Select label={t('customer.level')} data={options(t, 'level')} value={level} onChange={setLevel} error={errors.level} required comboboxProps={{ withinPortal: true }} />
        <NumberInput label={t('customer.yearOfStudy')} value={year} onChange={setYear} min={1} max={10} error={errors.yearOfStudy} />
        <Select label={t('customer.enrolmentStatus')} data={options(t, 'enrolmentStatus')} value={status} onChange={setStatus} error={errors.status} comboboxProps={{ withinPortal: true }} />
        <TextInput label={t('customer.startDate')} placeholder="2025-09-01" value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={errors.startDate} required />
        <TextInput
          label={t('customer.expectedGraduation')}
          placeholder="2029-07-01"
          value={gradDate}
          onChange={(e) => setGradDate(e.currentTarget.value)}
          error={errors.expectedGraduationDate}
          required
        />
      </SimpleGrid>
    </DialogForm>
  );
}

/** Moves the server allows (customers.service: enrolment transitions). */
const NEXT_STATUS: Record<string, string[]> = {
  admitted: ['enrolled', 'withdrawn', 'transferred'],
  enrolled: ['on_leave', 'graduated', 'withdrawn', 'transferred'],
  on_leave: ['enrolled', 'withdrawn', 'transferred'],
};

export function nextStatuses(status: string): string[] {
  return NEXT_STATUS[status] ?? [];
}

export function EnrolmentStatusDialog({ customer, enrolment, onClose }: { customer: Customer360; enrolment: Enrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [reason, setReason] = useState('');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () =>
      api.post<Customer360>(customerPath(customer.id, `/enrolments/${enrolment.id}/status`), {
        status,
        effectiveDate,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onClose,
    t('customer.statusChanged'),
  );
  const local: Record<string, string> = {};
  if (!status) local.status = t('common.required');
  if (!ISO_DATE.test(effectiveDate)) local.effectiveDate = t('customerForm.dateFormat');
  return (
    <DialogForm title={t('customer.changeStatus')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending} size="md">
      <Select
        label={t('customer.newStatus')}
        data={nextStatuses(enrolment.status).map((s) => ({ value: s, label: label(t, 'enrolmentStatus', s) }))}
        value={status}
        onChange={setStatus}
        error={errors.status}
        required
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput label={t('customer.effectiveDate')} placeholder="2026-07-01" value={effectiveDate} onChange={(e) => setEffectiveDate(e.currentTarget.value)} error={errors.effectiveDate} required />
      <TextInput label={t('customer.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
    </DialogForm>
  );
}

export function TermResultDialog({ customer, enrolment, onClose }: { customer: Customer360; enrolment: Enrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [gpa, setGpa] = useState<string | number>('');
  const [gpaScale, setGpaScale] = useState<string | number>(4);
  const [averageScore, setAverageScore] = useState<string | number>('');
  const [credits, setCredits] = useState<string | number>('');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () =>
      api.post<Customer360>(customerPath(customer.id, `/enrolments/${enrolment.id}/results`), {
        term: term.trim(),
        ...(num(gpa) !== undefined ? { gpa: num(gpa), gpaScale: num(gpaScale) } : {}),
        ...(num(averageScore) !== undefined ? { averageScore: num(averageScore) } : {}),
        ...(num(credits) !== undefined ? { creditsEarned: num(credits) } : {}),
      }),
    onClose,
    t('customer.resultAdded'),
  );
  const local: Record<string, string> = {};
  if (!term.trim()) local.term = t('common.required');
  if (num(gpa) === undefined && num(averageScore) === undefined) local.gpa = t('customer.gpaOrScore');
  return (
    <DialogForm title={t('customer.addResult')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending} size="md">
      <TextInput label={t('customer.term')} description={t('customer.termHint')} placeholder="2025-fall" value={term} onChange={(e) => setTerm(e.currentTarget.value)} error={errors.term} required />
      <SimpleGrid cols={2}>
        <NumberInput label={t('customer.gpa')} value={gpa} onChange={setGpa} min={0} decimalScale={2} error={errors.gpa} />
        <NumberInput label={t('customer.gpaScale')} value={gpaScale} onChange={setGpaScale} min={1} error={errors.gpaScale} />
        <NumberInput label={t('customer.averageScore')} value={averageScore} onChange={setAverageScore} min={0} max={100} error={errors.averageScore} />
        <NumberInput label={t('customer.credits')} value={credits} onChange={setCredits} min={0} error={errors.creditsEarned} />
      </SimpleGrid>
    </DialogForm>
  );
}

export function HouseholdDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const h = customer.household;
  const [size, setSize] = useState<string | number>(h?.size ?? '');
  const [income, setIncome] = useState(h?.annualIncomeMinor !== null && h?.annualIncomeMinor !== undefined ? minorToMajor(h.annualIncomeMinor) : '');
  const [currency, setCurrency] = useState<string | null>(h?.currency ?? (customer.address?.country === 'US' ? 'USD' : 'CNY'));
  const [dependants, setDependants] = useState<string | number>(h?.dependants ?? '');
  const [needs, setNeeds] = useState(
    (h?.needs ?? []).map((n) => ({ code: n.code, evidenceRef: n.evidenceRef ?? '', verified: n.verifiedAt !== null })),
  );
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () => {
      const minor = income.trim() ? majorToMinor(income) : null;
      return api.put<Customer360>(customerPath(customer.id, '/household'), {
        ...(num(size) !== undefined ? { size: num(size) } : {}),
        ...(minor !== null ? { annualIncomeMinor: minor, currency } : {}),
        ...(num(dependants) !== undefined ? { dependants: num(dependants) } : {}),
        needs: needs.map((n) => ({ code: n.code, ...(n.evidenceRef.trim() ? { evidenceRef: n.evidenceRef.trim() } : {}), ...(n.verified ? { verified: true } : {}) })),
      });
    },
    onClose,
    t('customer.householdSaved'),
  );
  const local: Record<string, string> = {};
  if (income.trim() && majorToMinor(income) === null) local.annualIncomeMinor = t('customerForm.amountFormat');
  return (
    <DialogForm title={t('customer.editHousehold')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput label={t('customer.householdSize')} value={size} onChange={setSize} min={1} max={30} error={errors.size} />
        <NumberInput label={t('customer.dependants')} value={dependants} onChange={setDependants} min={0} max={30} error={errors.dependants} />
        <TextInput label={t('customer.annualIncome')} placeholder="36000.00" value={income} onChange={(e) => setIncome(e.currentTarget.value)} error={errors.annualIncomeMinor} />
        <Select label={t('customer.currency')} data={['CNY', 'USD', 'GBP', 'EUR', 'HKD']} value={currency} onChange={setCurrency} error={errors.currency} comboboxProps={{ withinPortal: true }} />
      </SimpleGrid>
      <MultiSelect
        label={t('customer.needIndicators')}
        data={options(t, 'needIndicator')}
        value={needs.map((n) => n.code)}
        onChange={(codes) => setNeeds(codes.map((code) => needs.find((n) => n.code === code) ?? { code, evidenceRef: '', verified: false }))}
        error={errors.needs}
        comboboxProps={{ withinPortal: true }}
      />
      {needs.map((n, i) => (
        <Group key={n.code} align="flex-end" wrap="wrap">
          <Badge variant="light">{label(t, 'needIndicator', n.code)}</Badge>
          <TextInput
            style={{ flex: 1, minWidth: 180 }}
            label={t('customer.evidence')}
            placeholder={t('customer.evidencePlaceholder')}
            value={n.evidenceRef}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setNeeds((all) => all.map((x, j) => (j === i ? { ...x, evidenceRef: v } : x)));
            }}
            error={errors[`needs.${i}.evidenceRef`]}
          />
          <Checkbox
            label={t('customer.verified')}
            checked={n.verified}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setNeeds((all) => all.map((x, j) => (j === i ? { ...x, verified: v } : x)));
            }}
            mb={8}
          />
        </Group>
      ))}
    </DialogForm>
  );
}

export function CreditDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const c = customer.creditRecord;
  const [bureauName, setBureauName] = useState(c?.bureauName ?? '');
  const [score, setScore] = useState<string | number>(c?.bureauScore ?? '');
  const [scoreDate, setScoreDate] = useState(c?.scoreDate ?? '');
  const [fileStatus, setFileStatus] = useState<string | null>(c?.fileStatus ?? null);
  const [priorLoans, setPriorLoans] = useState<string | number>(c?.priorLoans ?? 0);
  const [delinquencies, setDelinquencies] = useState<string | number>(c?.delinquencies ?? 0);
  const [fraud, setFraud] = useState((c?.fraudFlags ?? []).join(', '));
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () =>
      api.put<Customer360>(customerPath(customer.id, '/credit-record'), {
        ...(bureauName.trim() ? { bureauName: bureauName.trim() } : {}),
        ...(num(score) !== undefined ? { bureauScore: num(score) } : {}),
        ...(scoreDate.trim() ? { scoreDate: scoreDate.trim() } : {}),
        ...(fileStatus ? { fileStatus } : {}),
        priorLoans: num(priorLoans) ?? 0,
        delinquencies: num(delinquencies) ?? 0,
        fraudFlags: fraud
          .split(/[,，]/)
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onClose,
    t('customer.creditSaved'),
  );
  const local: Record<string, string> = {};
  if (scoreDate.trim() && !ISO_DATE.test(scoreDate.trim())) local.scoreDate = t('customerForm.dateFormat');
  return (
    <DialogForm title={t('customer.editCredit')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('customer.bureau')} value={bureauName} onChange={(e) => setBureauName(e.currentTarget.value)} error={errors.bureauName} />
        <Select label={t('customer.fileStatus')} data={options(t, 'fileStatus')} value={fileStatus} onChange={setFileStatus} clearable error={errors.fileStatus} comboboxProps={{ withinPortal: true }} />
        <NumberInput label={t('customer.bureauScore')} value={score} onChange={setScore} min={0} max={1000} error={errors.bureauScore} />
        <TextInput label={t('customer.scoreDate')} placeholder="2026-01-31" value={scoreDate} onChange={(e) => setScoreDate(e.currentTarget.value)} error={errors.scoreDate} />
        <NumberInput label={t('customer.priorLoans')} value={priorLoans} onChange={setPriorLoans} min={0} error={errors.priorLoans} />
        <NumberInput label={t('customer.delinquencies')} value={delinquencies} onChange={setDelinquencies} min={0} error={errors.delinquencies} />
      </SimpleGrid>
      <TextInput label={t('customer.fraudFlags')} description={t('customer.fraudFlagsHint')} value={fraud} onChange={(e) => setFraud(e.currentTarget.value)} error={errors.fraudFlags} />
    </DialogForm>
  );
}

export function PartyDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const [relationship, setRelationship] = useState<string | null>('parent');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [occupation, setOccupation] = useState('');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () =>
      api.post<Customer360>(customerPath(customer.id, '/related-parties'), {
        relationship,
        name: name.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(occupation.trim() ? { occupation: occupation.trim() } : {}),
      }),
    onClose,
    t('customer.partyAdded'),
  );
  const local: Record<string, string> = {};
  if (!name.trim()) local.name = t('common.required');
  if (!relationship) local.relationship = t('common.required');
  return (
    <DialogForm title={t('customer.addParty')} onClose={onClose} onSubmit={submit(local)} formError={formError} pending={mutation.isPending} size="md">
      <Select label={t('customer.relationship')} data={options(t, 'relationship')} value={relationship} onChange={setRelationship} error={errors.relationship} required comboboxProps={{ withinPortal: true }} />
      <TextInput label={t('customer.partyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
      <TextInput label={t('customerForm.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.phone} />
      <TextInput label={t('customerForm.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} />
      <TextInput label={t('customer.occupation')} value={occupation} onChange={(e) => setOccupation(e.currentTarget.value)} error={errors.occupation} />
    </DialogForm>
  );
}

export function ConsentDialog({ customer, purpose, onClose }: { customer: Customer360; purpose: string; onClose: () => void }) {
  const { t } = useTranslation();
  const current = customer.consents.find((c) => c.purpose === purpose);
  const [granted, setGranted] = useState(!(current?.granted ?? false));
  const [source, setSource] = useState<string | null>('web');
  const [note, setNote] = useState('');
  const { mutation, errors, formError, submit } = useDialogMutation(
    customer.id,
    () => api.post(customerPath(customer.id, '/consents'), { purpose, granted, source, ...(note.trim() ? { note: note.trim() } : {}) }),
    onClose,
    t('customer.consentSaved'),
  );
  return (
    <DialogForm
      title={t('customer.recordConsent', { purpose: label(t, 'consentPurpose', purpose) })}
      onClose={onClose}
      onSubmit={submit({})}
      formError={formError}
      pending={mutation.isPending}
      size="md"
    >
      <Switch label={t('customer.consentGranted')} checked={granted} onChange={(e) => setGranted(e.currentTarget.checked)} />
      <Select label={t('customer.consentSource')} data={options(t, 'consentSource')} value={source} onChange={setSource} error={errors.source} comboboxProps={{ withinPortal: true }} />
      <TextInput label={t('customer.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
    </DialogForm>
  );
}

export function ReasonDialog({
  title,
  hint,
  onClose,
  send,
  success,
  customerId,
  color = 'red',
  submitLabel,
}: {
  title: string;
  hint: string;
  onClose: () => void;
  send: (reason: string) => Promise<unknown>;
  success: string;
  customerId: string;
  color?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { mutation, errors, formError, submit } = useDialogMutation(customerId, () => send(reason.trim()), onClose, success);
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit(reason.trim() ? {} : { reason: t('common.required') })} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
          <Textarea label={t('customer.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} required autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={mutation.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Likely duplicates of a customer, and merging one into it after a preview of what survives. */
export function MergeDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const refresh = useRefreshCustomer(customer.id);
  const [duplicateId, setDuplicateId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const duplicates = useQuery({
    queryKey: ['customers', 'duplicates', customer.id],
    queryFn: ({ signal }) => api.get<DuplicateCandidate[]>(customerPath(customer.id, '/duplicates'), { signal }),
  });
  const preview = useQuery({
    queryKey: ['customers', 'merge-preview', customer.id, duplicateId],
    queryFn: () => api.post<MergePreview>(customerPath(customer.id, '/merge/preview'), { duplicateId }),
    enabled: duplicateId !== null,
  });
  const merge = useMutation({
    mutationFn: () => api.post(customerPath(customer.id, '/merge'), { duplicateId, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('merge.done') });
      onClose();
      await refresh();
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  const items = duplicates.data ?? [];
  return (
    <Modal opened onClose={onClose} title={t('merge.title')} size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('merge.hint', { name: customer.legalName })}
        </Text>
        {duplicates.isError && <Alert color="red">{message(duplicates.error)}</Alert>}
        {duplicates.isSuccess && items.length === 0 && <Text size="sm">{t('merge.none')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.customer.id} data-testid="duplicate-row">
                    <Table.Td>
                      <Text size="sm" fw={500} component={Link} to={`/customers/${d.customer.id}`} target="_blank">
                        {customerName(d.customer)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[d.customer.dateOfBirth, d.customer.nationalId, d.customer.school?.name].filter(Boolean).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {d.reasons.map((r) => (
                          <Badge key={r} size="sm" variant="light" color="orange">
                            {label(t, 'duplicateReason', r)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant={duplicateId === d.customer.id ? 'filled' : 'light'} onClick={() => setDuplicateId(d.customer.id)}>
                        {t('merge.preview')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {preview.isError && <Alert color="red">{message(preview.error)}</Alert>}
        {preview.data && (
          <Alert color="blue" title={t('merge.previewTitle')} data-testid="merge-preview">
            <List size="sm" spacing={2}>
              <List.Item>{t('merge.survivor', { name: customerName(preview.data.survivor) })}</List.Item>
              <List.Item>{t('merge.merged', { name: customerName(preview.data.merged) })}</List.Item>
              <List.Item>
                {t('merge.filled')}: {preview.data.filledFromDuplicate.length > 0 ? preview.data.filledFromDuplicate.join(', ') : '—'}
              </List.Item>
              <List.Item>
                {t('merge.moves')}:{' '}
                {Object.entries(preview.data.moves)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ') || '—'}
              </List.Item>
              <List.Item>
                {t('merge.tagsAfter')}: {preview.data.tagsAfter.join(', ') || '—'}
              </List.Item>
            </List>
          </Alert>
        )}
        {preview.data && <TextInput label={t('customer.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" disabled={!preview.data} loading={merge.isPending} onClick={() => merge.mutate()} data-testid="merge-confirm">
            {t('merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
