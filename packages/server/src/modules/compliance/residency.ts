// Data residency: the database holding personal data declares its region once (the first start
// with DATA_REGION set writes the `data_region` row); a server configured for another region
// refuses to start against it, and exports of personal data leave the region only to regions the
// operator allowed (DATA_EXPORT_ALLOWED_REGIONS).
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import * as repo from './retention.repository.ts';

export const DATA_REGIONS = ['cn', 'us', 'eu'] as const;
export type DataRegion = (typeof DATA_REGIONS)[number];

export class DataRegionMismatch extends Error {
  constructor(configured: string, declared: string) {
    super(
      `DATA_REGION is ${configured} but this database declared region ${declared}: personal data must stay in ` +
        `${declared}. Point DATABASE_URL at the ${configured} database, or correct DATA_REGION.`,
    );
    this.name = 'DataRegionMismatch';
  }
}

/**
 * Check (and on first use declare) the database's region. Throws DataRegionMismatch when the
 * configured region differs from the declared one, so the server does not start.
 */
export async function enforceDataRegion(deps: Deps): Promise<DataRegion | null> {
  const db = deps.database.db;
  const configured = deps.config.dataRegion;
  let declared = await repo.declaredRegion(db);
  if (!declared && configured) {
    await repo.declareRegion(db, configured, deps.now());
    declared = await repo.declaredRegion(db);
  }
  if (!declared) return null;
  if (configured && configured !== declared.region) throw new DataRegionMismatch(configured, declared.region);
  return declared.region as DataRegion;
}

export interface ResidencyStatus {
  configured: DataRegion | null;
  declared: DataRegion | null;
  declaredAt: string | null;
  allowedExportRegions: string[];
}

export async function residencyStatus(deps: Deps): Promise<ResidencyStatus> {
  const d = await repo.declaredRegion(deps.database.db);
  return {
    configured: deps.config.dataRegion ?? null,
    declared: (d?.region as DataRegion | undefined) ?? null,
    declaredAt: d?.declaredAt.toISOString() ?? null,
    allowedExportRegions: [...(deps.config.dataExportAllowedRegions ?? [])],
  };
}

/**
 * Refuse an export of personal data to `destination` when it lies outside the database's region
 * and the operator has not allowed that region. No declared region: residency is not enforced.
 */
export async function assertExportAllowed(
  deps: Deps,
  destination: DataRegion | undefined,
  field = 'destinationRegion',
): Promise<void> {
  const d = await repo.declaredRegion(deps.database.db);
  if (!d || !destination || destination === d.region) return;
  if ((deps.config.dataExportAllowedRegions ?? []).includes(destination)) return;
  throw new Problem(
    403,
    'residency-blocked',
    'Export blocked by data residency',
    `Personal data is held in region ${d.region}; exporting it to ${destination} is not allowed`,
    { errors: [{ field, message: `region ${destination} is outside ${d.region} and not allowed` }] },
  );
}
