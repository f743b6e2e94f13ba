// ICR income percentage factors (34 CFR 685.209; the Department of Education publishes
// the table each year in the Federal Register, "Annual Updates to the Income-Contingent
// Repayment (ICR) Plan Formula"). The ICR payment is the lesser of 20 % of discretionary
// income and the 12-year standard payment multiplied by the factor for the borrower's
// AGI and marital status; an AGI between two rows is interpolated linearly.
//
// 2025 table (applies to payments calculated 1 July 2025 – 30 June 2026):
//   Federal Register 2025-14806 (5 August 2025),
//   https://www.federalregister.gov/documents/2025/08/05/2025-14806/
// Transcribed from a public calculator's copy of that notice and checked against the
// notice's own worked examples (Attachment 2): $35,118 single → 71.89 %, $41,786 single
// → 80.33 %, $99,186 married → 109.40 % (tests in income-driven.test.ts). Rows not hit by
// an example are unverified against the PDF; check before production.
import type { FilingStatus } from '../income-driven.ts';

export interface IcrFactorRow {
  /** AGI in whole dollars. */
  agi: number;
  /** Factor in basis points of one: 7189 = 71.89 %. */
  factorBp: number;
}

export interface IcrFactorTable {
  /** The notice's year: applies from 1 July of this year to 30 June of the next. */
  year: number;
  source: string;
  single: readonly IcrFactorRow[];
  /** The notice's "Married/Head of Household" column. */
  married: readonly IcrFactorRow[];
}

const rows = (pairs: readonly (readonly [number, number])[]): IcrFactorRow[] => pairs.map(([agi, factorBp]) => ({ agi, factorBp }));

export const ICR_FACTOR_TABLES: readonly IcrFactorTable[] = [
  {
    year: 2025,
    source: 'Federal Register 2025-14806 (2025-08-05), Attachment 1',
    single: rows([
      [13722, 5500], [18881, 5779], [24295, 6057], [29831, 6623], [35118, 7189], [41786, 8033], [52483, 8877],
      [65824, 10000], [79170, 10000], [95150, 11180], [121836, 12350], [172561, 14120], [197858, 15000], [352418, 20000],
    ]),
    married: rows([
      [13722, 5052], [21650, 5668], [25800, 5956], [33730, 6779], [41786, 7522], [52483, 8761], [65823, 10000],
      [79170, 10000], [99186, 10940], [132534, 12500], [179230, 14060], [250660, 15000], [409597, 20000],
    ]),
  },
];

/** The table for a year: that year's, else the latest held before it, else the earliest.
 *  Using a neighbouring year's table is an approximation (the AGI columns move with
 *  inflation each year); `exact` says whether the year's own table was used. */
export function icrFactorTable(year: number): { table: IcrFactorTable; exact: boolean } {
  const own = ICR_FACTOR_TABLES.find((t) => t.year === year);
  if (own) return { table: own, exact: true };
  const earlier = ICR_FACTOR_TABLES.filter((t) => t.year < year).sort((a, b) => b.year - a.year)[0];
  return { table: earlier ?? [...ICR_FACTOR_TABLES].sort((a, b) => a.year - b.year)[0]!, exact: false };
}

/** Income percentage factor for an AGI (minor units, cents) as an exact fraction
 *  num/den of one. Below the first row the first factor applies, above the last the
 *  last (the notices' tables run from their lowest to highest listed AGI). Between rows
 *  the factor is interpolated linearly and rounded half-up to 0.01 % (the notices state
 *  every factor, interpolated ones in their examples included, as a percentage with two
 *  decimals). */
export function icrIncomePercentageFactor(year: number, filingStatus: FilingStatus, agiCents: number): { num: number; den: number } {
  const { table } = icrFactorTable(year);
  const list = filingStatus === 'single' ? table.single : table.married;
  const first = list[0]!;
  const last = list[list.length - 1]!;
  if (agiCents <= first.agi * 100) return { num: first.factorBp, den: 10000 };
  if (agiCents >= last.agi * 100) return { num: last.factorBp, den: 10000 };
  let i = 0;
  while (list[i + 1]!.agi * 100 < agiCents) i++;
  const lo = list[i]!;
  const hi = list[i + 1]!;
  // factorBp = lo + (hi − lo) × (agi − loAgi) / (hiAgi − loAgi), rounded half-up to 1 bp.
  const span = (hi.agi - lo.agi) * 100;
  const numer = (hi.factorBp - lo.factorBp) * (agiCents - lo.agi * 100);
  const step = Math.floor((2 * numer + span) / (2 * span)); // half-up for non-negative steps
  return { num: lo.factorBp + step, den: 10000 };
}
