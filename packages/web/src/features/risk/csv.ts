// Just enough CSV reading (RFC 4180: quoted fields may hold commas, quotes and line breaks) for
// the training form to offer the file's columns and the target column's values. The server
// parses the file again for training.

export interface CsvPreview {
  columns: string[];
  /** Data rows read (all of them, up to maxRows). */
  rows: string[][];
  truncated: boolean;
}

export function parseCsv(text: string, maxRows = 100_000): CsvPreview {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let truncated = false;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length > maxRows) {
        truncated = true;
        break;
      }
    } else field += c;
  }
  if (!truncated && (field !== '' || row.length > 0)) endRow();
  const [header = [], ...data] = rows;
  return { columns: header.map((h) => h.trim()), rows: data.slice(0, maxRows), truncated };
}

/** Distinct values of one column with their counts, most frequent first. */
export function columnValues(
  preview: CsvPreview,
  column: string,
  limit = 50,
): { value: string; count: number }[] {
  const at = preview.columns.indexOf(column);
  if (at < 0) return [];
  const counts = new Map<string, number>();
  for (const r of preview.rows) {
    const v = (r[at] ?? '').trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);
}

const TARGET_NAMES = /^(target|outcome|default(ed)?|bad|label|class|creditability|status|y)$/i;
const BAD_VALUES = /^(bad|default(ed)?|1|yes|true|y)$/i;

/** A likely target column (by name, else the last column with exactly two values). */
export function guessTarget(preview: CsvPreview): string | null {
  const byName = preview.columns.find((c) => TARGET_NAMES.test(c));
  if (byName) return byName;
  for (let k = preview.columns.length - 1; k >= 0; k--) {
    const c = preview.columns[k]!;
    if (columnValues(preview, c, 3).length === 2) return c;
  }
  return null;
}

/** A likely bad value of a two-valued target. */
export function guessBad(values: readonly { value: string; count: number }[]): string | null {
  const named = values.find((v) => BAD_VALUES.test(v.value));
  if (named) return named.value;
  // Otherwise the rarer of two values.
  return values.length === 2 ? values[1]!.value : null;
}
