// Training files as a table: the header and the data rows, every row as wide as the header.
// Parsing itself is core's RFC 4180 parser; here its errors become problems naming the field.
import { CsvError, parseCsv } from '@bursar/core';
import { Problem } from '../../http/problem.ts';

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export function parseCsvTable(text: string, field = 'data'): CsvTable {
  let records: string[][];
  try {
    records = [...parseCsv(text)]
      .map((r) => r.cells)
      .filter((cells) => !(cells.length === 1 && cells[0]!.trim() === ''));
  } catch (e) {
    if (e instanceof CsvError) throw Problem.badRequest(field, e.message);
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) throw Problem.badRequest(field, 'the file is empty');
  const columns = header.map((h) => h.trim());
  rows.forEach((r, k) => {
    if (r.length !== columns.length)
      throw Problem.badRequest(
        field,
        `data row ${k + 1} has ${r.length} fields, the header has ${columns.length}`,
      );
  });
  return { columns, rows };
}
