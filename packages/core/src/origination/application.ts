// The application form as data: each step of the portal wizard is one section. A draft holds any
// part of it; submission needs every required answer and document (missingForSubmission says which).
import { z } from 'zod';
import { EDUCATION_LEVELS, LOAN_NEEDS } from '../customers/vocabulary.ts';
import { ACADEMIC_RESULTS, APPLICATION_NEEDS, PAYEES, type DocumentKind } from './vocabulary.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
/** "2026-2027": the academic year a tranche pays for. */
export const academicYearSchema = z
  .string()
  .regex(/^(\d{4})-(\d{4})$/, 'must look like 2026-2027')
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'must be two consecutive years');

export const identitySection = z.strictObject({
  legalName: text(200).optional(),
  dateOfBirth: isoDate.optional(),
  /** Written once, stored encrypted; the server returns it masked. */
  nationalId: text(40).optional(),
  phone: text(40).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
});

export const schoolSection = z.strictObject({
  schoolId: z.string().uuid().optional(),
  level: z.enum(EDUCATION_LEVELS).optional(),
  programme: text(200).optional(),
  studentNumber: text(60).optional(),
  yearOfStudy: z.number().int().min(1).max(10).optional(),
  startDate: isoDate.optional(),
  expectedGraduationDate: isoDate.optional(),
  academicResult: z.enum(ACADEMIC_RESULTS).optional(),
});

export const householdSection = z.strictObject({
  size: z.number().int().min(1).max(30).optional(),
  /** Yearly household income, minor units. */
  annualIncomeMinor: z.number().int().min(0).max(1e13).optional(),
  needs: z.array(z.enum(APPLICATION_NEEDS)).max(APPLICATION_NEEDS.length).optional(),
});

export const cosignerSection = z.strictObject({
  name: text(200),
  relationship: z.enum(['parent', 'guardian', 'sibling', 'other']),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  phone: text(40).optional(),
});

export const relatedSection = z.strictObject({
  guardianName: text(200).optional(),
  guardianPhone: text(40).optional(),
  cosigner: cosignerSection.nullable().optional(),
});

export const yearRequest = z.strictObject({
  academicYear: academicYearSchema,
  /** Minor units. */
  amountMinor: z.number().int().min(1, 'must be more than zero').max(1e11),
  payee: z.enum(PAYEES),
});

export const purposeSection = z.strictObject({
  productCode: z
    .string()
    .regex(/^[A-Z0-9-]+$/)
    .optional(),
  purpose: z.enum(LOAN_NEEDS).optional(),
  years: z.array(yearRequest).max(10).optional(),
});

export const applicationSections = z.strictObject({
  identity: identitySection.optional(),
  school: schoolSection.optional(),
  household: householdSection.optional(),
  related: relatedSection.optional(),
  purpose: purposeSection.optional(),
});
export type ApplicationSections = z.infer<typeof applicationSections>;
export type YearRequest = z.infer<typeof yearRequest>;

export interface MissingItem {
  field: string;
  message: string;
}

/** The documents a product's checklist needs for these answers. */
export function requiredDocuments(s: ApplicationSections): DocumentKind[] {
  const out: DocumentKind[] = ['identity_document'];
  const year = s.school?.yearOfStudy ?? 1;
  out.push(year <= 1 ? 'admission_letter' : 'enrolment_certificate');
  if ((s.household?.needs ?? []).length) out.push('household_need_evidence');
  if (s.related?.cosigner) out.push('cosigner_consent');
  return out;
}

const REQUIRED: readonly [string, (s: ApplicationSections) => unknown][] = [
  ['identity.legalName', (s) => s.identity?.legalName],
  ['identity.dateOfBirth', (s) => s.identity?.dateOfBirth],
  ['identity.nationalId', (s) => s.identity?.nationalId],
  ['identity.phone', (s) => s.identity?.phone],
  ['identity.email', (s) => s.identity?.email],
  ['school.schoolId', (s) => s.school?.schoolId],
  ['school.level', (s) => s.school?.level],
  ['school.programme', (s) => s.school?.programme],
  ['school.yearOfStudy', (s) => s.school?.yearOfStudy],
  ['school.startDate', (s) => s.school?.startDate],
  ['school.expectedGraduationDate', (s) => s.school?.expectedGraduationDate],
  ['household.size', (s) => s.household?.size],
  ['household.annualIncomeMinor', (s) => s.household?.annualIncomeMinor],
  ['related.guardianName', (s) => s.related?.guardianName],
  ['purpose.productCode', (s) => s.purpose?.productCode],
  ['purpose.purpose', (s) => s.purpose?.purpose],
];

/**
 * Everything that stops a submission, each naming the field (or `documents.<kind>`), so the
 * student sees exactly what is missing. Empty means the application may be submitted.
 */
export function missingForSubmission(
  s: ApplicationSections,
  uploaded: readonly DocumentKind[],
): MissingItem[] {
  const out: MissingItem[] = [];
  for (const [field, get] of REQUIRED) {
    const v = get(s);
    if (v === undefined || v === null || v === '') out.push({ field, message: 'is required' });
  }
  const years = s.purpose?.years ?? [];
  if (!years.length)
    out.push({ field: 'purpose.years', message: 'name at least one academic year and amount' });
  const seen = new Set<string>();
  years.forEach((y, i) => {
    if (seen.has(y.academicYear))
      out.push({ field: `purpose.years.${i}.academicYear`, message: 'is listed twice' });
    seen.add(y.academicYear);
  });
  const { startDate, expectedGraduationDate } = s.school ?? {};
  if (startDate && expectedGraduationDate && expectedGraduationDate <= startDate)
    out.push({ field: 'school.expectedGraduationDate', message: 'must be after the start date' });
  for (const kind of requiredDocuments(s))
    if (!uploaded.includes(kind)) out.push({ field: `documents.${kind}`, message: 'upload this document' });
  return out;
}
