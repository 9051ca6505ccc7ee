import type { ProblemParams } from '../errors.js';
import type { Bilingual } from './questionnaire.js';

/** A workbook's sheets as read, and the helpers every sheet reader uses: headers, cells, labels. */

export interface SheetProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/** A problem that stops the import, also by a stable code and its values, for the UI to word in the user's language. */
export interface SheetError extends SheetProblem {
  readonly code: string;
  readonly params: ProblemParams;
}

export type Cell = string | number | boolean | Date | null;
export interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** A language column's language: `English (en)` → en, `Vietnamese` → vi, anything else by its code or name. */
function languageOf(name: string): string {
  const code = /\(([A-Za-z-]+)\)\s*$/.exec(name)?.[1]?.toLowerCase();
  if (code) return code.split('-')[0]!;
  const plain = name.trim().toLowerCase();
  return { english: 'en', vietnamese: 'vi', 'tiếng việt': 'vi' }[plain] ?? plain;
}

export interface Header {
  readonly columns: Map<string, number>;
  readonly labels: Map<string, Map<string, number>>;
  readonly letters: (i: number) => string;
}

/** A sheet's header: each column's name (lower case, `label:en` read as `label::en`, `constraint message` as `constraint_message`) by index. */
export function headerOf(sheet: Sheet): Header {
  const columns = new Map<string, number>();
  const labels = new Map<string, Map<string, number>>();
  (sheet.rows[0] ?? []).forEach((cell, i) => {
    const name = String(cell ?? '').trim();
    if (!name) return;
    const [base = '', language] = name.split(/::?/, 2);
    const key = base.trim().toLowerCase().replace(/\s+/g, '_');
    if (language !== undefined) {
      if (!labels.has(key)) labels.set(key, new Map());
      labels.get(key)!.set(languageOf(language), i);
    } else if (!columns.has(key)) columns.set(key === 'relevance' ? 'relevant' : key, i);
  });
  return { columns, labels, letters: columnLetters };
}

export const columnLetters = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : columnLetters(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

export const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim());

/**
 * Labels in Vietnamese and English: each from its own column when there is one, else the
 * default column, else the other language, else the form's first language.
 */
export function bilingualReader(sheet: Sheet, column: string): (row: readonly Cell[]) => Bilingual | null {
  const { columns, labels } = headerOf(sheet);
  const byLanguage = labels.get(column) ?? new Map<string, number>();
  const plain = columns.get(column);
  const first = [...byLanguage.values()][0];
  const pick = (language: string, other: string) => byLanguage.get(language) ?? plain ?? byLanguage.get(other) ?? first;
  const vi = pick('vi', 'en');
  const en = pick('en', 'vi');
  return (row) => {
    const v = vi === undefined ? '' : text(row[vi]).slice(0, 2000);
    const e = en === undefined ? '' : text(row[en]).slice(0, 2000);
    return v || e ? { vi: v || e, en: e || v } : null;
  };
}
