// Fairness of decisions by protected group, computed outside the model: approval rate per
// group and the adverse-impact ratio (a group's approval rate ÷ the most-approved group's).
// A ratio under 0.8 (the "four-fifths rule") is flagged for review.

export interface FairnessGroup {
  group: string;
  count: number;
  approved: number;
  approvalRate: number;
  adverseImpactRatio: number;
  flagged: boolean;
}

export interface FairnessReport {
  attribute: string;
  /** The group with the highest approval rate, against which ratios are taken. */
  referenceGroup: string;
  threshold: number;
  groups: FairnessGroup[];
  flagged: boolean;
}

/** Age bands used to group a numeric age. */
export function ageBand(age: number): string {
  if (age < 25) return 'under 25';
  if (age < 35) return '25–34';
  if (age < 45) return '35–44';
  if (age < 55) return '45–54';
  if (age < 65) return '55–64';
  return '65 and over';
}

/**
 * Groups for a protected attribute's raw values: ages in age bands, other numbers in
 * quartile bands, text as it is; missing values form their own group.
 */
export function protectedGroups(attribute: string, values: readonly (string | null)[]): string[] {
  const present = values.filter((v): v is string => v !== null && v.trim() !== '');
  const numeric = present.length > 0 && present.every((v) => Number.isFinite(Number(v)));
  if (!numeric) return values.map((v) => (v === null || v.trim() === '' ? 'missing' : v));
  const isAge = /(^|[^a-z])age([^a-z]|$)/i.test(attribute);
  if (isAge) return values.map((v) => (v === null || v.trim() === '' ? 'missing' : ageBand(Number(v))));
  const sorted = present.map(Number).sort((a, b) => a - b);
  const q = [0.25, 0.5, 0.75].map((p) => sorted[Math.floor(p * (sorted.length - 1))]!);
  const cuts = [...new Set(q)];
  return values.map((v) => {
    if (v === null || v.trim() === '') return 'missing';
    const x = Number(v);
    const k = cuts.filter((c) => x > c).length;
    if (k === 0) return `≤ ${cuts[0]}`;
    if (k === cuts.length) return `> ${cuts[k - 1]}`;
    return `${cuts[k - 1]}–${cuts[k]}`;
  });
}

export function fairnessReport(
  attribute: string,
  groups: readonly string[],
  approved: readonly boolean[],
  threshold = 0.8,
): FairnessReport {
  const by = new Map<string, { count: number; approved: number }>();
  groups.forEach((g, i) => {
    const s = by.get(g) ?? { count: 0, approved: 0 };
    s.count++;
    if (approved[i]) s.approved++;
    by.set(g, s);
  });
  const rows = [...by.entries()].map(([group, s]) => ({
    group,
    ...s,
    approvalRate: s.count ? s.approved / s.count : 0,
  }));
  rows.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const reference = rows.reduce(
    (best, r) => (r.approvalRate > best.approvalRate ? r : best),
    rows[0] ?? { group: '', approvalRate: 0 },
  );
  const out = rows.map((r) => {
    const ratio = reference.approvalRate > 0 ? r.approvalRate / reference.approvalRate : 1;
    return { ...r, adverseImpactRatio: ratio, flagged: ratio < threshold };
  });
  return {
    attribute,
    referenceGroup: reference.group,
    threshold,
    groups: out,
    flagged: out.some((g) => g.flagged),
  };
}
