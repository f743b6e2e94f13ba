// RFC 4180 CSV: a parser that reports the line each record starts on (for row-level errors),
// tolerates a BOM, CRLF and quoted newlines; and a writer that neutralises spreadsheet formulas.
// Shared by every import and export (customers, loans, scorecards, audit).

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parse CSV text into records, one generator step per record. */
export function* parseCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (i < n && text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(startLine, 'a quoted cell is not closed');
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
          throw new CsvError(startLine, 'text after a closing quote');
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        cell += text.slice(start, i);
      }
      if (i < n && text[i] === ',') {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      cells.push(cell);
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (cells.length === 1 && cells[0] === '') continue; // blank line
    yield { line: startLine, cells };
  }
}

export function csvCell(v: unknown): string {
  const s =
    v === null || v === undefined
      ? ''
      : typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\n';
}
