// The portal's multi-step application (mobile-friendly: one column on small screens): identity,
// school and enrolment, household, related parties, purpose and amounts per academic year,
// documents, then review and submit. Every step saves the draft; submission shows exactly what
// is missing, field by field, from the server's problem+json.
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError, normaliseField } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import {
  DOCUMENT_KINDS,
  LEVELS,
  MAX_UPLOAD_BYTES,
  NEEDS,
  ORIG_KEY,
  PURPOSES,
  RELATIONSHIPS,
  RESULTS,
  fileToBase64,
  majorToMinor,
  minorToMajor,
  portal,
  searchSchools,
  type Answers,
  type ApplicationDetail,
  type DocumentKind,
} from './api.ts';
import { DocumentsList, Section } from './components.tsx';
import { useOrigT } from './i18n.ts';

const STEPS = ['identity', 'school', 'household', 'related', 'purpose', 'documents', 'review'] as const;
const STEP_OF_SECTION: Record<string, number> = {
  identity: 0,
  school: 1,
  household: 2,
  related: 3,
  purpose: 4,
  documents: 5,
};

/** The label of a missing field: a document kind, an answer, or a row of the years table. */
function missingLabel(field: string, ot: (k: string, o?: Record<string, unknown>) => string): string {
  if (field.startsWith('documents.')) return ot(`document.${field.slice('documents.'.length)}`);
  const row = /^purpose\.years\.(\d+)\.(\w+)$/.exec(field);
  if (row) return `${ot(`field.year.${row[2]}`)} (${Number(row[1]) + 1})`;
  return ot(`field.${field}`, { defaultValue: field });
}

interface YearRow {
  academicYear: string;
  amount: string;
  payee: 'school' | 'student';
}

export function ApplicationWizard({ app }: { app: ApplicationDetail }) {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [a, setA] = useState<Answers>(app.answers);
  const [nationalId, setNationalId] = useState('');
  const [years, setYears] = useState<YearRow[]>(
    (app.answers.purpose?.years ?? []).map((y) => ({
      academicYear: y.academicYear,
      amount: minorToMajor(y.amountMinor),
      payee: y.payee,
    })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [schoolQuery, setSchoolQuery] = useState('');
  const schools = useQuery({
    queryKey: [...ORIG_KEY, 'schools', schoolQuery],
    queryFn: ({ signal }) => searchSchools(schoolQuery, signal),
  });
  const schoolOptions = useMemo(
    () =>
      (schools.data?.items ?? []).map((s) => ({
        value: s.id,
        label: s.nameLocal ? `${s.name} ${s.nameLocal}` : s.name,
      })),
    [schools.data],
  );
  const schoolLabel = schoolOptions.find((o) => o.value === a.school?.schoolId)?.label;

  const set = <K extends keyof Answers>(section: K, patch: Partial<NonNullable<Answers[K]>>) =>
    setA((prev) => ({ ...prev, [section]: { ...(prev[section] ?? {}), ...patch } }));

  function body(): Answers {
    const out: Answers = JSON.parse(JSON.stringify(a)) as Answers;
    if (out.identity) {
      delete out.identity.nationalId;
      if (nationalId.trim()) out.identity.nationalId = nationalId.trim();
    }
    const parsed = years.map((y) => ({
      academicYear: y.academicYear.trim(),
      amountMinor: majorToMinor(y.amount) ?? 0,
      payee: y.payee,
    }));
    out.purpose = { ...(out.purpose ?? {}), years: parsed.filter((y) => y.academicYear || y.amountMinor) };
    for (const k of Object.keys(out) as (keyof Answers)[]) {
      const v = out[k] as Record<string, unknown> | undefined;
      if (v) for (const f of Object.keys(v)) if (v[f] === '' || v[f] === undefined) delete v[f];
    }
    return out;
  }

  const save = useMutation({
    mutationFn: () => portal.save(app.id, body()),
    onSuccess: (d) => {
      setErrors({});
      setNationalId('');
      qc.setQueryData([...ORIG_KEY, 'portal', app.id], d);
    },
    onError: (e) => {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      await portal.save(app.id, body());
      return portal.submit(app.id);
    },
    onSuccess: (d) => {
      qc.setQueryData([...ORIG_KEY, 'portal', app.id], d);
      void qc.invalidateQueries({ queryKey: ORIG_KEY });
    },
    onError: (e) => {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
    },
  });
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!kind || !file) throw new Error('choose a kind and a file');
      return portal.upload(app.id, { kind, fileName: file.name, content: await fileToBase64(file) });
    },
    onSuccess: async () => {
      setFile(null);
      await qc.invalidateQueries({ queryKey: [...ORIG_KEY, 'portal', app.id] });
    },
  });

  const err = (field: string) => errors[normaliseField(field)];
  const go = (next: number) => {
    save.mutate(undefined, { onSuccess: () => setStep(next) });
  };
  const missing = Object.entries(errors);
  const tooBig = file !== null && file.size > MAX_UPLOAD_BYTES;

  return (
    <Stack gap="md">
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={ot(`wizard.${s}`)} />
        ))}
      </Stepper>
      {missing.length > 0 && (
        <Alert color="red" title={ot('wizard.missingTitle')} data-testid="missing-fields">
          <List size="sm">
            {missing.map(([f, m]) => (
              <List.Item key={f}>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => setStep(STEP_OF_SECTION[f.split('.')[0]!] ?? 6)}
                >
                  {missingLabel(f, ot)}
                </Button>{' '}
                — {m}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {step === 0 && (
        <Section title={ot('wizard.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={ot('field.identity.legalName')}
              value={a.identity?.legalName ?? ''}
              onChange={(e) => set('identity', { legalName: e.currentTarget.value })}
              error={err('identity.legalName')}
              data-testid="legalName"
            />
            <TextInput
              label={ot('field.identity.dateOfBirth')}
              placeholder="2007-03-01"
              value={a.identity?.dateOfBirth ?? ''}
              onChange={(e) => set('identity', { dateOfBirth: e.currentTarget.value })}
              error={err('identity.dateOfBirth')}
              data-testid="dateOfBirth"
            />
            <TextInput
              label={ot('field.identity.nationalId')}
              description={
                app.answers.identity?.nationalId
                  ? ot('wizard.nationalIdOnFile', { masked: app.answers.identity.nationalId })
                  : undefined
              }
              value={nationalId}
              onChange={(e) => setNationalId(e.currentTarget.value)}
              error={err('identity.nationalId')}
              data-testid="nationalId"
            />
            <TextInput
              label={ot('field.identity.phone')}
              value={a.identity?.phone ?? ''}
              onChange={(e) => set('identity', { phone: e.currentTarget.value })}
              error={err('identity.phone')}
              data-testid="phone"
            />
            <TextInput
              label={ot('field.identity.email')}
              value={a.identity?.email ?? ''}
              onChange={(e) => set('identity', { email: e.currentTarget.value })}
              error={err('identity.email')}
              data-testid="email"
            />
          </SimpleGrid>
        </Section>
      )}
      {step === 1 && (
        <Section title={ot('wizard.school')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={ot('field.school.schoolId')}
              searchable
              data={
                schoolLabel || !a.school?.schoolId
                  ? schoolOptions
                  : [...schoolOptions, { value: a.school.schoolId, label: a.school.schoolId }]
              }
              value={a.school?.schoolId ?? null}
              onSearchChange={setSchoolQuery}
              onChange={(v) => set('school', { schoolId: v ?? undefined })}
              error={err('school.schoolId')}
              nothingFoundMessage={ot('wizard.noSchool')}
              data-testid="school"
            />
            <Select
              label={ot('field.school.level')}
              data={LEVELS.map((l) => ({ value: l, label: ot(`level.${l}`) }))}
              value={a.school?.level ?? null}
              onChange={(v) => set('school', { level: v ?? undefined })}
              error={err('school.level')}
              data-testid="level"
            />
            <TextInput
              label={ot('field.school.programme')}
              value={a.school?.programme ?? ''}
              onChange={(e) => set('school', { programme: e.currentTarget.value })}
              error={err('school.programme')}
              data-testid="programme"
            />
            <TextInput
              label={ot('field.school.studentNumber')}
              value={a.school?.studentNumber ?? ''}
              onChange={(e) => set('school', { studentNumber: e.currentTarget.value })}
              error={err('school.studentNumber')}
            />
            <NumberInput
              label={ot('field.school.yearOfStudy')}
              min={1}
              max={10}
              value={a.school?.yearOfStudy ?? ''}
              onChange={(v) => set('school', { yearOfStudy: typeof v === 'number' ? v : undefined })}
              error={err('school.yearOfStudy')}
              data-testid="yearOfStudy"
            />
            <Select
              label={ot('field.school.academicResult')}
              clearable
              data={RESULTS.map((r) => ({ value: r, label: ot(`academic.${r}`) }))}
              value={a.school?.academicResult ?? null}
              onChange={(v) => set('school', { academicResult: v ?? undefined })}
            />
            <TextInput
              label={ot('field.school.startDate')}
              placeholder="2026-09-01"
              value={a.school?.startDate ?? ''}
              onChange={(e) => set('school', { startDate: e.currentTarget.value })}
              error={err('school.startDate')}
              data-testid="startDate"
            />
            <TextInput
              label={ot('field.school.expectedGraduationDate')}
              placeholder="2030-06-30"
              value={a.school?.expectedGraduationDate ?? ''}
              onChange={(e) => set('school', { expectedGraduationDate: e.currentTarget.value })}
              error={err('school.expectedGraduationDate')}
              data-testid="graduation"
            />
          </SimpleGrid>
        </Section>
      )}
      {step === 2 && (
        <Section title={ot('wizard.household')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={ot('field.household.size')}
              min={1}
              max={30}
              value={a.household?.size ?? ''}
              onChange={(v) => set('household', { size: typeof v === 'number' ? v : undefined })}
              error={err('household.size')}
              data-testid="householdSize"
            />
            <TextInput
              label={ot('field.household.annualIncomeMinor')}
              value={
                a.household?.annualIncomeMinor !== undefined
                  ? minorToMajor(a.household.annualIncomeMinor)
                  : ''
              }
              onChange={(e) =>
                set('household', { annualIncomeMinor: majorToMinor(e.currentTarget.value) ?? undefined })
              }
              error={err('household.annualIncomeMinor')}
              data-testid="income"
            />
          </SimpleGrid>
          <Checkbox.Group
            label={ot('field.household.needs')}
            description={ot('wizard.needsHint')}
            value={a.household?.needs ?? []}
            onChange={(v) => set('household', { needs: v })}
          >
            <Group mt="xs">
              {NEEDS.map((n) => (
                <Checkbox key={n} value={n} label={ot(`need.${n}`)} data-testid={`need-${n}`} />
              ))}
            </Group>
          </Checkbox.Group>
        </Section>
      )}
      {step === 3 && (
        <Section title={ot('wizard.related')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={ot('field.related.guardianName')}
              value={a.related?.guardianName ?? ''}
              onChange={(e) => set('related', { guardianName: e.currentTarget.value })}
              error={err('related.guardianName')}
              data-testid="guardianName"
            />
            <TextInput
              label={ot('field.related.guardianPhone')}
              value={a.related?.guardianPhone ?? ''}
              onChange={(e) => set('related', { guardianPhone: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Checkbox
            label={ot('wizard.hasCosigner')}
            checked={!!a.related?.cosigner}
            onChange={(e) =>
              set('related', {
                cosigner: e.currentTarget.checked ? { name: '', relationship: 'parent' } : null,
              })
            }
          />
          {a.related?.cosigner && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={ot('field.related.cosigner.name')}
                value={a.related.cosigner.name}
                onChange={(e) =>
                  set('related', { cosigner: { ...a.related!.cosigner!, name: e.currentTarget.value } })
                }
                error={err('related.cosigner.name')}
              />
              <Select
                label={ot('field.related.cosigner.relationship')}
                data={RELATIONSHIPS.map((r) => ({ value: r, label: ot(`relationship.${r}`) }))}
                value={a.related.cosigner.relationship}
                onChange={(v) =>
                  set('related', { cosigner: { ...a.related!.cosigner!, relationship: v ?? 'parent' } })
                }
              />
              <TextInput
                label={ot('field.related.cosigner.email')}
                value={a.related.cosigner.email ?? ''}
                onChange={(e) =>
                  set('related', {
                    cosigner: { ...a.related!.cosigner!, email: e.currentTarget.value || undefined },
                  })
                }
              />
              <TextInput
                label={ot('field.related.cosigner.phone')}
                value={a.related.cosigner.phone ?? ''}
                onChange={(e) =>
                  set('related', {
                    cosigner: { ...a.related!.cosigner!, phone: e.currentTarget.value || undefined },
                  })
                }
              />
            </SimpleGrid>
          )}
        </Section>
      )}
      {step === 4 && (
        <Section title={ot('wizard.purpose')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={ot('field.purpose.purpose')}
              data={PURPOSES.map((p) => ({ value: p, label: ot(`purpose.${p}`) }))}
              value={a.purpose?.purpose ?? null}
              onChange={(v) => set('purpose', { purpose: v ?? undefined })}
              error={err('purpose.purpose')}
              data-testid="purpose"
            />
            <ProductSelect
              appId={app.id}
              lang={lang}
              value={a.purpose?.productCode ?? null}
              onChange={(v) => set('purpose', { productCode: v ?? undefined })}
              error={err('purpose.productCode')}
            />
          </SimpleGrid>
          <Text fw={600}>{ot('wizard.years')}</Text>
          {err('purpose.years') && (
            <Text c="red" size="sm">
              {err('purpose.years')}
            </Text>
          )}
          {years.map((y, i) => (
            <Group key={i} align="end" wrap="wrap">
              <Autocomplete
                label={ot('field.year.academicYear')}
                placeholder="2026-2027"
                data={['2026-2027', '2027-2028', '2028-2029', '2029-2030']}
                value={y.academicYear}
                onChange={(v) => setYears(years.map((x, j) => (j === i ? { ...x, academicYear: v } : x)))}
                data-testid={`year-${i}`}
              />
              <TextInput
                label={ot('field.year.amountMinor')}
                value={y.amount}
                onChange={(e) =>
                  setYears(years.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)))
                }
                data-testid={`amount-${i}`}
              />
              <Select
                label={ot('field.year.payee')}
                data={(['school', 'student'] as const).map((p) => ({ value: p, label: ot(`payee.${p}`) }))}
                value={y.payee}
                onChange={(v) =>
                  setYears(
                    years.map((x, j) =>
                      j === i ? { ...x, payee: v === 'student' ? 'student' : 'school' } : x,
                    ),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={ot('wizard.removeYear')}
                onClick={() => setYears(years.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              onClick={() => setYears([...years, { academicYear: '', amount: '', payee: 'school' }])}
              data-testid="add-year"
            >
              {ot('wizard.addYear')}
            </Button>
          </Group>
        </Section>
      )}
      {step === 5 && (
        <Section title={ot('wizard.documents')}>
          <Text size="sm" c="dimmed">
            {ot('wizard.uploadHint')}
          </Text>
          <DocumentsList documents={app.documents} urlOf={(d) => portal.documentUrl(app.id, d.id)} />
          <Group align="end" wrap="wrap">
            <Select
              label={ot('wizard.documentKind')}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: ot(`document.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v)}
              data-testid="document-kind"
            />
            <FileInput
              label={ot('wizard.file')}
              accept="application/pdf,image/jpeg,image/png"
              value={file}
              onChange={setFile}
              error={tooBig ? ot('wizard.tooBig') : undefined}
              data-testid="document-file"
            />
            <Button
              onClick={() => upload.mutate()}
              loading={upload.isPending}
              disabled={!kind || !file || tooBig}
              data-testid="upload"
            >
              {ot('wizard.upload')}
            </Button>
          </Group>
          {upload.isError && <Alert color="red">{message(upload.error)}</Alert>}
        </Section>
      )}
      {step === 6 && (
        <Section title={ot('wizard.review')}>
          {app.missing.length === 0 ? (
            <Text c="teal">{ot('wizard.complete')}</Text>
          ) : (
            <Text>{ot('wizard.stillMissing', { n: app.missing.length })}</Text>
          )}
          <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="submit-application">
            {ot('wizard.submit')}
          </Button>
          {submit.isError && !(submit.error instanceof ApiError && submit.error.problem.errors) && (
            <Alert color="red">{message(submit.error)}</Alert>
          )}
        </Section>
      )}
      {save.isError && !(save.error instanceof ApiError && save.error.problem.errors) && (
        <Alert color="red">{message(save.error)}</Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" disabled={step === 0} onClick={() => go(step - 1)}>
          {ot('wizard.back')}
        </Button>
        <Group>
          <Button
            variant="light"
            onClick={() => save.mutate()}
            loading={save.isPending}
            data-testid="save-draft"
          >
            {ot('wizard.save')}
          </Button>
          {step < STEPS.length - 1 && (
            <Button onClick={() => go(step + 1)} loading={save.isPending} data-testid="next-step">
              {ot('wizard.next')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}

function ProductSelect(props: {
  appId: string;
  lang: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string | undefined;
}) {
  const { ot } = useOrigT();
  const fit = useQuery({
    queryKey: [...ORIG_KEY, 'fit', props.appId],
    queryFn: ({ signal }) => portal.fit(props.appId, signal),
  });
  const items = fit.data?.items ?? [];
  const chosen = items.find((f) => f.code === props.value);
  return (
    <Stack gap={4}>
      <Select
        label={ot('field.purpose.productCode')}
        data={items.map((f) => ({
          value: f.code,
          label: `${props.lang === 'zh-CN' ? f.name['zh-CN'] : f.name.en}${f.eligible ? '' : ` (${ot('fit.notEligible')})`}`,
        }))}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        data-testid="product"
      />
      {chosen && (
        <Text size="xs" c={chosen.eligible ? 'teal' : 'orange'} data-testid="product-fit">
          {chosen.reasons.map((r) => `${r.ok ? '✓' : '✗'} ${ot(`fit.${r.code}`)}`).join(' · ')}
          {chosen.perYearLimitMinor !== null &&
            ` · ${ot('fit.perYear', { amount: minorToMajor(chosen.perYearLimitMinor) })}`}
          {chosen.remainingTotalMinor !== null &&
            ` · ${ot('fit.remainingTotal', { amount: minorToMajor(chosen.remainingTotalMinor) })}`}
        </Text>
      )}
    </Stack>
  );
}
