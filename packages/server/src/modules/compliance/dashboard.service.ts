// The compliance dashboard: runs every registered section builder (one per compliance routine)
// and merges their at-risk items into one list, soonest deadline first. A failing builder shows
// as a section with an error instead of taking the whole dashboard down.
import type { Deps } from '../../deps.ts';
import { COMPLIANCE_DASHBOARD_SECTIONS, type AtRiskItem, type DashboardSection } from './dashboard.ts';

export interface ComplianceDashboard {
  generatedAt: string;
  sections: (DashboardSection & { error?: string })[];
  atRisk: (AtRiskItem & { section: string })[];
}

export async function complianceDashboard(deps: Deps, now: Date = deps.now()): Promise<ComplianceDashboard> {
  const sections: ComplianceDashboard['sections'] = [];
  // One after another: on the embedded database concurrent queries only queue anyway.
  for (const [i, build] of COMPLIANCE_DASHBOARD_SECTIONS.entries()) {
    try {
      sections.push(await build(deps, now));
    } catch (err) {
      sections.push({
        key: `section-${i}`,
        title: { en: 'Unavailable section', zh: '暂不可用的板块' },
        figures: [],
        atRisk: [],
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const atRisk = sections
    .flatMap((s) => s.atRisk.map((a) => ({ ...a, section: s.key })))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return { generatedAt: now.toISOString(), sections, atRisk };
}
