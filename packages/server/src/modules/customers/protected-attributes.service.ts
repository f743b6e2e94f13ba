// Protected attributes (sex, date of birth) for fair-lending monitoring, which runs outside the
// credit decision path: origination never reads these, compliance reads them only to compare
// approval rates between groups. Reading them is audited by the caller's monitoring run.
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { customers } from './customers.tables.ts';

export interface ProtectedAttributes {
  customerId: string;
  gender: string | null;
  dateOfBirth: string | null;
}

export async function protectedAttributesOf(db: Executor, customerIds: string[]): Promise<ProtectedAttributes[]> {
  if (customerIds.length === 0) return [];
  const out: ProtectedAttributes[] = [];
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await db
      .select({ customerId: customers.id, gender: customers.gender, dateOfBirth: customers.dateOfBirth })
      .from(customers)
      .where(inArray(customers.id, customerIds.slice(i, i + 1000)));
    out.push(...rows);
  }
  return out;
}
