// Read models origination offers the compliance module (through index.ts): final credit decisions
// for fair-lending monitoring, the adverse-action log, and the offer and contract a disclosure is
// computed from. Reads only; compliance never writes origination's tables.
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  originationApplications as apps,
  originationDecisions as decisions,
} from './origination.tables.ts';
import * as repo from './origination.repository.ts';

const FINAL = ['approved', 'contracted', 'disbursed', 'declined'] as const;

export interface FinalDecision {
  applicationId: string;
  applicationNumber: string;
  customerId: string;
  productCode: string | null;
  outcome: 'approved' | 'declined';
  decidedAt: Date;
}

/** Applications finally decided in [from, to): approved (whatever happened since) or declined. */
export async function finalDecisionsBetween(db: Executor, from: Date, to: Date): Promise<FinalDecision[]> {
  const rows = await db
    .select({
      applicationId: apps.id,
      applicationNumber: apps.applicationNumber,
      customerId: apps.customerId,
      productCode: apps.productCode,
      status: apps.status,
      decidedAt: apps.decidedAt,
    })
    .from(apps)
    .where(and(inArray(apps.status, [...FINAL]), gte(apps.decidedAt, from), lt(apps.decidedAt, to)))
    .orderBy(apps.decidedAt);
  return rows.map((r) => ({
    applicationId: r.applicationId,
    applicationNumber: r.applicationNumber,
    customerId: r.customerId,
    productCode: r.productCode,
    outcome: r.status === 'declined' ? 'declined' : 'approved',
    decidedAt: r.decidedAt!,
  }));
}

export interface AdverseActionEntry {
  applicationId: string;
  applicationNumber: string;
  customerId: string;
  decidedAt: Date;
  decidedBy: string | null;
  reasons: string[];
  /** The engagement outbox key the notice was queued under (origination:adverse:<id>). */
  noticeKey: string;
}

/** Declined applications in [from, to) with the principal reasons the notice gave. */
export async function adverseActionLog(db: Executor, from: Date, to: Date): Promise<AdverseActionEntry[]> {
  const declined = await db
    .select()
    .from(apps)
    .where(and(eq(apps.status, 'declined'), gte(apps.decidedAt, from), lt(apps.decidedAt, to)))
    .orderBy(desc(apps.decidedAt));
  if (declined.length === 0) return [];
  const acts = await db
    .select()
    .from(decisions)
    .where(inArray(decisions.applicationId, declined.map((a) => a.id)))
    .orderBy(desc(decisions.decidedAt));
  return declined.map((a) => {
    const last = acts.find((d) => d.applicationId === a.id && d.outcome === 'decline');
    return {
      applicationId: a.id,
      applicationNumber: a.applicationNumber,
      customerId: a.customerId,
      decidedAt: a.decidedAt!,
      decidedBy: last?.decidedBy ?? null,
      reasons: (last?.reasons as string[] | undefined) ?? [],
      noticeKey: `origination:adverse:${a.id}`,
    };
  });
}

/** What a disclosure is computed from: the application, its offer and its current contract. */
export async function disclosureBasis(db: Executor, applicationId: string) {
  const app = await repo.findApplication(db, applicationId);
  if (!app) return null;
  const offer = await repo.offerOf(db, applicationId);
  const contract = await repo.currentContract(db, applicationId);
  return {
    application: {
      id: app.id,
      applicationNumber: app.applicationNumber,
      customerId: app.customerId,
      status: app.status,
      productCode: app.productCode,
      currency: app.currency,
      requestedTotal: app.requestedTotal,
      submittedAt: app.submittedAt,
    },
    offer: offer
      ? {
          productCode: offer.productCode,
          currency: offer.currency,
          amount: offer.amount,
          rate: offer.rate,
          preview: offer.preview,
        }
      : null,
    contract: contract
      ? {
          contractNumber: contract.contractNumber,
          version: contract.version,
          status: contract.status,
          electronicConsentAt: contract.electronicConsentAt,
        }
      : null,
  };
}
export type DisclosureBasis = NonNullable<Awaited<ReturnType<typeof disclosureBasis>>>;
