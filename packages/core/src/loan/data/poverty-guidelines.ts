// HHS poverty guidelines (annual, US dollars), by year and region: the figure for a
// household of one and the increment for each additional person. Sources: the annual
// "Annual Update of the HHS Poverty Guidelines" notices in the Federal Register:
//   2022: 87 FR 3315 (2022-01-21)   2023: 88 FR 3424 (2023-01-19)
//   2024: 89 FR 2961 (2024-01-17)   2025: 90 FR 5917 (2025-01-17)
//   2026: 91 FR 1797 (2026-01-15)
//   2020: 85 FR 3060 (2020-01-17)   2021: 86 FR 7732 (2021-02-01)
// Cross-checked against republished tables: ACF LIHEAP FFY2021
// attachment (2020 incl. AK/HI), leguphealth.com (2022, 2023 incl. AK/HI), IRS Form 8962
// instructions as transcribed in public code (2024), ASPE figures as transcribed in
// public code (2021, 2025 and 2026 incl. AK/HI). See docs/loan-engine.md.
// Student-aid income-driven plans use the guideline in effect when the borrower's
// income is certified; `year` selects the table.

export const POVERTY_REGIONS = ['48', 'AK', 'HI'] as const;
export type PovertyRegion = (typeof POVERTY_REGIONS)[number];

export interface PovertyGuideline {
  /** Household of one, dollars. */
  base: number;
  /** Each additional person, dollars. */
  perAdditional: number;
}

export const POVERTY_GUIDELINES: Readonly<Record<number, Partial<Record<PovertyRegion, PovertyGuideline>>>> = {
  // 2020 and 2021 are kept for recertifications on old income.
  2020: { '48': { base: 12760, perAdditional: 4480 }, AK: { base: 15950, perAdditional: 5600 }, HI: { base: 14680, perAdditional: 5150 } },
  2021: { '48': { base: 12880, perAdditional: 4540 }, AK: { base: 16090, perAdditional: 5680 }, HI: { base: 14820, perAdditional: 5220 } },
  2022: { '48': { base: 13590, perAdditional: 4720 }, AK: { base: 16990, perAdditional: 5900 }, HI: { base: 15630, perAdditional: 5430 } },
  2023: { '48': { base: 14580, perAdditional: 5140 }, AK: { base: 18210, perAdditional: 6430 }, HI: { base: 16770, perAdditional: 5910 } },
  2024: { '48': { base: 15060, perAdditional: 5380 }, AK: { base: 18810, perAdditional: 6730 }, HI: { base: 17310, perAdditional: 6190 } },
  2025: { '48': { base: 15650, perAdditional: 5500 }, AK: { base: 19550, perAdditional: 6880 }, HI: { base: 17990, perAdditional: 6330 } },
  2026: { '48': { base: 15960, perAdditional: 5680 }, AK: { base: 19950, perAdditional: 7100 }, HI: { base: 18360, perAdditional: 6530 } },
};

export function hasPovertyGuideline(year: number, region: PovertyRegion): boolean {
  return POVERTY_GUIDELINES[year]?.[region] !== undefined;
}

/** Poverty guideline in whole dollars for a household of `familySize`. */
export function povertyGuideline(year: number, region: PovertyRegion, familySize: number): number {
  const g = POVERTY_GUIDELINES[year]?.[region];
  if (!g) throw new RangeError(`No HHS poverty guideline held for ${year}, region ${region}`);
  if (!Number.isSafeInteger(familySize) || familySize < 1) throw new RangeError('family size must be a positive integer');
  return g.base + g.perAdditional * (familySize - 1);
}
