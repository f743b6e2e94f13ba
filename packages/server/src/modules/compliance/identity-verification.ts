// Identity verification behind a provider interface: a PRC resident ID check with face match
// (居民身份证 + 人脸比对) and US customer identification (CIP: name, birth date, address, SSN or
// ITIN). Numbers are checked locally first (GB 11643 check digit, SSA / IRS number ranges), so a
// mistyped number never reaches a paid provider. The file-driven test provider answers from a JSON
// file of known identities, for the demo and the tests; a real provider implements the same
// interface.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { birthDateOfCnId, nationalIdProblem, normaliseNationalId } from '@bursar/core';
import { z } from 'zod';
import { normaliseTokens } from './name-match.ts';

export type VerificationOutcome = 'pass' | 'fail' | 'review';

export interface CnIdentityRequest {
  kind: 'cn_national_id';
  name: string;
  idNumber: string;
  /** SHA-256 of the live selfie the face match compares with the ID photo. */
  selfieSha256: string;
}

export interface UsCipRequest {
  kind: 'us_cip';
  name: string;
  dateOfBirth: string;
  address: { line1: string; city: string; region: string; postalCode: string };
  /** SSN or ITIN, with or without dashes. */
  taxId: string;
}

export type IdentityRequest = CnIdentityRequest | UsCipRequest;

export interface ProviderResult {
  providerRef: string;
  outcome: VerificationOutcome;
  /** Stable reason codes, e.g. `face-match-low`, `name-mismatch`. */
  reasons: string[];
  faceMatchScore: number | null;
}

export interface IdentityVerificationProvider {
  readonly name: string;
  verify(request: IdentityRequest): Promise<ProviderResult>;
}

/** ITINs: 9XX-[50–65, 70–88, 90–92, 94–99]-XXXX (IRS). */
export function isItin(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const group = Number(digits.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** Why the request cannot be verified as entered (local checks), or an empty list. */
export function localIdentityProblems(request: IdentityRequest): string[] {
  const out: string[] = [];
  if (normaliseTokens(request.name).length === 0) out.push('name-missing');
  if (request.kind === 'cn_national_id') {
    const id = normaliseNationalId(request.idNumber);
    const why = nationalIdProblem('cn_resident', id);
    if (why) out.push(why.includes('check digit') ? 'id-check-digit' : 'id-format');
  } else {
    const digits = request.taxId.replace(/\D/g, '');
    if (digits.length !== 9) out.push('tax-id-format');
    else if (!isItin(digits) && nationalIdProblem('us_ssn', digits)) out.push('ssn-not-issuable');
  }
  return out;
}

export function identityNumberOf(request: IdentityRequest): string {
  return request.kind === 'cn_national_id'
    ? normaliseNationalId(request.idNumber)
    : request.taxId.replace(/\D/g, '');
}

const identitySchema = z.object({
  kind: z.enum(['cn_national_id', 'us_cip']),
  idNumber: z.string().min(1),
  name: z.string().min(1),
  dateOfBirth: z.string().optional(),
  postalCode: z.string().optional(),
  faceMatchScore: z.number().min(0).max(1).optional(),
  outcome: z.enum(['pass', 'fail', 'review']).optional(),
  reasons: z.array(z.string()).optional(),
  note: z.string().optional(),
});
const fileSchema = z.object({ provider: z.string().optional(), identities: z.array(identitySchema) });
type KnownIdentity = z.infer<typeof identitySchema>;

const sameName = (a: string, b: string) => normaliseTokens(a).join(' ') === normaliseTokens(b).join(' ');

/**
 * The file-driven test provider. Known identities come from a JSON file; an unknown number fails
 * with `identity-not-found`; a name or birth date that differs from the record fails; the face
 * match score decides pass / review / fail between the configured bands; a record may force an
 * outcome (a document reported lost, a number known to be misused).
 */
export class FileIdentityProvider implements IdentityVerificationProvider {
  readonly name = 'file';
  private readonly known: Map<string, KnownIdentity>;

  constructor(
    readonly file: string,
    private readonly bands: { pass: number; fail: number } = { pass: 0.8, fail: 0.6 },
  ) {
    const parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    this.known = new Map(
      parsed.identities.map((i) => [`${i.kind}:${normaliseNationalId(i.idNumber).replace(/-/g, '')}`, i]),
    );
  }

  async verify(request: IdentityRequest): Promise<ProviderResult> {
    const number = identityNumberOf(request);
    const providerRef = `file-${createHash('sha256').update(`${request.kind}:${number}`).digest('hex').slice(0, 16)}`;
    const known = this.known.get(`${request.kind}:${number}`);
    if (!known) return { providerRef, outcome: 'fail', reasons: ['identity-not-found'], faceMatchScore: null };
    const reasons: string[] = [];
    let outcome: VerificationOutcome = 'pass';
    const worsen = (o: VerificationOutcome) => {
      if (o === 'fail' || (o === 'review' && outcome === 'pass')) outcome = o;
    };
    if (!sameName(known.name, request.name)) {
      reasons.push('name-mismatch');
      worsen('fail');
    }
    let face: number | null = null;
    if (request.kind === 'cn_national_id') {
      face = known.faceMatchScore ?? 0;
      if (face < this.bands.fail) {
        reasons.push('face-mismatch');
        worsen('fail');
      } else if (face < this.bands.pass) {
        reasons.push('face-match-low');
        worsen('review');
      }
    } else {
      if (known.dateOfBirth && known.dateOfBirth !== request.dateOfBirth) {
        reasons.push('birth-date-mismatch');
        worsen('fail');
      }
      if (known.postalCode && known.postalCode !== request.address.postalCode.trim().slice(0, 5)) {
        reasons.push('address-mismatch');
        worsen('review');
      }
    }
    if (known.outcome) {
      reasons.push(...(known.reasons ?? []));
      worsen(known.outcome);
    }
    return { providerRef, outcome, reasons, faceMatchScore: face };
  }
}

/** A PRC ID's birth date must agree with the one the customer gave (when both are known). */
export function cnBirthDateProblem(request: IdentityRequest, customerBirthDate: string | null): string | null {
  if (request.kind !== 'cn_national_id' || !customerBirthDate) return null;
  const fromId = birthDateOfCnId(normaliseNationalId(request.idNumber));
  return fromId && fromId !== customerBirthDate ? 'birth-date-mismatch' : null;
}
