// Sanctions list files → entries. Two formats: the OFAC SDN CSV pair (`sdn.csv` + `alt.csv`, the
// Treasury's published layout without a header, `-0-` as null) and a generic CSV with a header
// for other lists (UN consolidated, Chinese lists): reference, name, type, aliases, birth_dates,
// program, remarks. Errors name the file and the row.
import { CsvError, parseCsv } from '@bursar/core';
import { Problem } from '../../http/problem.ts';
import type { SanctionsName } from './kyc.tables.ts';

export interface ParsedEntry {
  entryRef: string;
  primaryName: string;
  entryType: string;
  programs: string | null;
  remarks: string | null;
  birthDates: string[];
  names: SanctionsName[];
}

export interface ParsedList {
  entries: ParsedEntry[];
  rowCount: number;
  aliasCount: number;
}

const NULL = '-0-';
const clean = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '' || t === NULL ? null : t;
};

function rows(text: string, field: string): string[][] {
  try {
    return [...parseCsv(text.replace(/^\uFEFF/, ''))]
      .map((r) => r.cells)
      .filter((cells) => !(cells.length === 1 && cells[0]!.trim() === ''));
  } catch (e) {
    if (e instanceof CsvError) throw Problem.badRequest(field, e.message);
    throw e;
  }
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** "DOB 30 Jul 1957; alt. DOB 1958" → ['1957-07-30', '1958']. */
export function birthDatesFromRemarks(remarks: string | null): string[] {
  if (!remarks) return [];
  const out: string[] = [];
  for (const m of remarks.matchAll(/DOB (?:(\d{1,2}) )?(?:([A-Za-z]{3}) )?(\d{4})/g)) {
    const [, d, mon, y] = m;
    const mm = mon ? MONTHS[mon.toLowerCase()] : undefined;
    out.push(mm && d ? `${y}-${mm}-${d.padStart(2, '0')}` : mm ? `${y}-${mm}` : y!);
  }
  return out;
}

/** "BIN LADIN, Usama bin Muhammad" → "Usama bin Muhammad BIN LADIN": list order to natural order. */
export function naturalOrder(sdnName: string, type: string): string {
  if (type !== 'individual') return sdnName;
  const comma = sdnName.indexOf(',');
  if (comma < 0) return sdnName;
  return `${sdnName.slice(comma + 1).trim()} ${sdnName.slice(0, comma).trim()}`.trim();
}

export function parseOfacSdn(sdnCsv: string, altCsv: string | null): ParsedList {
  const sdnRows = rows(sdnCsv, 'sdn');
  const byRef = new Map<string, ParsedEntry>();
  sdnRows.forEach((r, k) => {
    if (r.length < 12) throw Problem.badRequest('sdn', `row ${k + 1} has ${r.length} fields; sdn.csv has 12`);
    const ref = clean(r[0]);
    const name = clean(r[1]);
    if (!ref || !/^\d+$/.test(ref)) throw Problem.badRequest('sdn', `row ${k + 1}: ent_num must be a number`);
    if (!name) throw Problem.badRequest('sdn', `row ${k + 1}: SDN_Name is empty`);
    const type = clean(r[2]) ?? 'entity';
    const remarks = clean(r[11]);
    byRef.set(ref, {
      entryRef: ref,
      primaryName: name,
      entryType: type,
      programs: clean(r[3]),
      remarks,
      birthDates: birthDatesFromRemarks(remarks),
      names: [{ name: naturalOrder(name, type), kind: 'primary' }],
    });
  });
  let aliasCount = 0;
  let rowCount = sdnRows.length;
  if (altCsv) {
    const altRows = rows(altCsv, 'alt');
    rowCount += altRows.length;
    altRows.forEach((r, k) => {
      if (r.length < 4) throw Problem.badRequest('alt', `row ${k + 1} has ${r.length} fields; alt.csv has 5`);
      const entry = byRef.get(clean(r[0]) ?? '');
      if (!entry) throw Problem.badRequest('alt', `row ${k + 1}: ent_num ${r[0]} is not in sdn.csv`);
      const name = clean(r[3]);
      if (!name) return;
      entry.names.push({ name: naturalOrder(name, entry.entryType), kind: clean(r[2]) ?? 'aka' });
      aliasCount++;
    });
  }
  return { entries: [...byRef.values()], rowCount, aliasCount };
}

const GENERIC_COLUMNS = ['reference', 'name', 'type', 'aliases', 'birth_dates', 'program', 'remarks'];

export function parseGenericList(csv: string): ParsedList {
  const [header, ...data] = rows(csv, 'csv');
  if (!header) throw Problem.badRequest('csv', 'the file is empty');
  const cols = header.map((h) => h.trim().toLowerCase());
  const missing = GENERIC_COLUMNS.slice(0, 2).filter((c) => !cols.includes(c));
  if (missing.length) throw Problem.badRequest('csv', `missing column(s): ${missing.join(', ')}`);
  const at = (r: string[], c: string) => {
    const i = cols.indexOf(c);
    return i < 0 ? null : clean(r[i]);
  };
  const seen = new Set<string>();
  let aliasCount = 0;
  const entries = data.map((r, k) => {
    const ref = at(r, 'reference');
    const name = at(r, 'name');
    if (!ref) throw Problem.badRequest('csv', `row ${k + 2}: reference is empty`);
    if (!name) throw Problem.badRequest('csv', `row ${k + 2}: name is empty`);
    if (seen.has(ref)) throw Problem.badRequest('csv', `row ${k + 2}: reference ${ref} appears twice`);
    seen.add(ref);
    const aliases = (at(r, 'aliases') ?? '').split(';').map((a) => a.trim()).filter(Boolean);
    aliasCount += aliases.length;
    return {
      entryRef: ref,
      primaryName: name,
      entryType: at(r, 'type') ?? 'individual',
      programs: at(r, 'program'),
      remarks: at(r, 'remarks'),
      birthDates: (at(r, 'birth_dates') ?? '').split(';').map((d) => d.trim()).filter(Boolean),
      names: [{ name, kind: 'primary' }, ...aliases.map((a) => ({ name: a, kind: 'aka' }))],
    };
  });
  return { entries, rowCount: data.length, aliasCount };
}
