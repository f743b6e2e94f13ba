// The identity a credit bureau matches a borrower on (name, national ID, birth date, address),
// for compliance's furnishing files. Decrypted values leave only into a bureau file; callers
// must never log them.
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { Address } from './customers.tables.ts';
import { customersByIds } from './outreach.repository.ts';
import { decryptOrNull } from './pii.ts';

export interface CreditIdentity {
  id: string;
  legalName: string;
  nationalIdType: string | null;
  /** Decrypted. */
  nationalId: string | null;
  dateOfBirth: string | null;
  address: Address | null;
  country: string | null;
  region: string | null;
  city: string | null;
  preferredLanguage: string;
}

export async function creditIdentities(
  deps: Pick<Deps, 'cipher'>,
  db: Executor,
  ids: string[],
): Promise<Map<string, CreditIdentity>> {
  const rows = await customersByIds(db, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        legalName: r.legalName,
        nationalIdType: r.nationalIdType,
        nationalId: decryptOrNull(deps.cipher, r.nationalIdEnc),
        dateOfBirth: r.dateOfBirth,
        address: r.address ?? null,
        country: r.country,
        region: r.region,
        city: r.city,
        preferredLanguage: r.preferredLanguage,
      },
    ]),
  );
}
