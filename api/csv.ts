import { csvCell as quoted } from '../domain/microdata/csv.js';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  // Whether the current row has begun, so that a last row holding only "" is kept.
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    started = true;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      started = false;
    } else cell += ch;
  }
  if (started) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function csvCell(value: unknown): string {
  // Lists (select_multiple) as their values spaced apart; points as JSON.
  return quoted(value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : typeof value === 'object' ? JSON.stringify(value) : String(value));
}
