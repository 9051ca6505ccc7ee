import writeExcelFile from 'write-excel-file/node';
import type { Questionnaire } from './evaluate.js';
import { answerCell } from './form-sheet-cells.js';
import { choicesOf, isRoster, levelItems, type Bilingual, type Item, type Question, type Roster } from './questionnaire.js';
import { isRecord } from './typed-answers.js';
import type { Cell } from './xlsform-sheet.js';

/**
 * A task's form as a workbook that a respondent fills in offline, in Excel or LibreOffice,
 * and uploads (form-sheet-read.ts reads it back):
 *
 * - `form`: one row per question of the top level (calculations and notes take no answer),
 *   with its id, label, type, the answer so far, its choices, hint and whether it is required;
 * - one sheet per roster, named by its id: a header row of its questions' ids, a row of their
 *   labels, then one row per row of the roster, numbered in the `_row` column (`2.1` for the
 *   first row, inside the second row of the enclosing roster, of a roster in a roster);
 * - `choices`: every choice of every select question, for the rosters' columns;
 * - `meta`: the task, survey and questionnaire version it is for, so that a workbook of
 *   another task or an older version is refused rather than read against the wrong form.
 */

export const FORM_SHEET = 'form';
export const CHOICES_SHEET = 'choices';
export const META_SHEET = 'meta';
export const FORM_COLUMNS = ['name', 'question', 'type', 'answer', 'choices', 'hint', 'required'] as const;
/** A roster sheet's column numbering its rows. */
export const ROW_COLUMN = '_row';
/** The label of `ROW_COLUMN` in a roster sheet's row of labels. */
export const ROW_LABEL: Bilingual = { vi: 'Dòng', en: 'Row' };

export type FormLanguage = keyof Bilingual;

/** Which form a workbook is: the task, its survey and the version of the questionnaire it is answered against. */
export interface FormIdentity {
  readonly task: string;
  readonly survey: string;
  readonly version: number;
}

export interface FormSheet {
  readonly name: string;
  readonly rows: Cell[][];
}

/** The questions answered in a sheet on one level: sections flattened; no calculation or note; no roster, which has a sheet of its own. */
export const askedOn = (items: readonly Item[]): Question[] => levelItems(items).filter((i): i is Question => !isRoster(i) && i.type !== 'calculate' && i.type !== 'note');

export interface RosterSheet {
  readonly roster: Roster;
  readonly name: string;
  /** The sheet of the roster around this one; null for a roster of the top level. */
  readonly parent: RosterSheet | null;
  readonly questions: readonly Question[];
}

/**
 * Every roster's sheet, each after the roster around it. A sheet's name is its roster's id,
 * cut to the 31 characters Excel allows and numbered when it would be another sheet's name
 * (which Excel compares without case): writing and reading name them alike.
 */
export function rosterSheets(items: readonly Item[]): RosterSheet[] {
  const taken = new Set([FORM_SHEET, CHOICES_SHEET, META_SHEET]);
  const sheets: RosterSheet[] = [];
  const visit = (level: readonly Item[], parent: RosterSheet | null) => {
    for (const roster of levelItems(level).filter(isRoster)) {
      let name = roster.id.slice(0, 31);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${roster.id.slice(0, 30 - String(n).length)}_${n}`;
      taken.add(name.toLowerCase());
      const sheet: RosterSheet = { roster, name, parent, questions: askedOn(roster.items) };
      sheets.push(sheet);
      visit(roster.items, sheet);
    }
  };
  visit(items, null);
  return sheets;
}

/** A roster's rows in the answers, each with its number (`2`, or `2.1` inside a roster's second row); a row that is not an object (a draft is not checked) is an empty one. */
export function rowsOf(sheet: RosterSheet, answers: Record<string, unknown>): { label: string; row: Record<string, unknown> }[] {
  const rows = (value: unknown) => (Array.isArray(value) ? value.map((row) => (isRecord(row) ? row : {})) : []);
  if (!sheet.parent) return rows(answers[sheet.roster.id]).map((row, i) => ({ label: String(i + 1), row }));
  return rowsOf(sheet.parent, answers).flatMap((outer) => rows(outer.row[sheet.roster.id]).map((row, i) => ({ label: `${outer.label}.${i + 1}`, row })));
}

/** The sheets of the form of `identity`, with `answers` (a response or a draft) filled in and its words in `language`. */
export function formSheets(definition: Questionnaire, answers: Record<string, unknown>, identity: FormIdentity, language: FormLanguage): FormSheet[] {
  const words = (text: Bilingual | undefined) => text?.[language] ?? null;
  const choices = (q: Question) => {
    if (q.type === 'boolean') return language === 'vi' ? 'TRUE = Có; FALSE = Không' : 'TRUE = Yes; FALSE = No';
    return choicesOf(q, definition.choiceLists).map((c) => `${c.value} = ${c.label[language]}`).join('; ') || null;
  };
  const form: Cell[][] = [[...FORM_COLUMNS]];
  for (const q of askedOn(definition.items)) form.push([q.id, words(q.label) ?? q.id, q.type, answerCell(q, answers[q.id]), choices(q), words(q.hint), q.required ? 'yes' : null]);

  const rosters = rosterSheets(definition.items);
  const rosterSheetsWritten = rosters.map((sheet): FormSheet => ({
    name: sheet.name,
    rows: [
      [ROW_COLUMN, ...sheet.questions.map((q) => q.id)],
      [ROW_LABEL[language], ...sheet.questions.map((q) => words(q.label) ?? q.id)],
      // A top-level roster's rows are plain numbers; `2.1` stays text, lest a spreadsheet read it as a decimal.
      ...rowsOf(sheet, answers).map(({ label, row }) => [sheet.parent ? label : Number(label), ...sheet.questions.map((q) => answerCell(q, row[q.id]))]),
    ],
  }));

  const listed: Cell[][] = [['question', 'name', 'label']];
  for (const q of [...askedOn(definition.items), ...rosters.flatMap((s) => s.questions)]) {
    for (const choice of choicesOf(q, definition.choiceLists)) listed.push([q.id, choice.value, choice.label[language]]);
  }
  const meta: Cell[][] = [
    ['task', identity.task],
    ['survey', identity.survey],
    ['version', identity.version],
    ['language', language],
    [null, language === 'vi' ? 'Không sửa trang này: nó cho biết sổ tính là của nhiệm vụ nào và phiên bản bảng hỏi nào.' : 'Do not change this sheet: it says which task and which version of the form the workbook is for.'],
  ];
  return [{ name: FORM_SHEET, rows: form }, ...rosterSheetsWritten, { name: CHOICES_SHEET, rows: listed }, { name: META_SHEET, rows: meta }];
}

const WIDTHS: Record<string, number[]> = { [FORM_SHEET]: [22, 60, 16, 24, 40, 40, 10], [CHOICES_SHEET]: [22, 16, 50], [META_SHEET]: [12, 40] };

/** The workbook's `.xlsx` bytes: headers in bold and kept in view, dates as dates. */
export async function formWorkbook(sheets: readonly FormSheet[]): Promise<Uint8Array> {
  const data: Parameters<typeof writeExcelFile>[0] = sheets.map((sheet) => {
    const headers = sheet.name === FORM_SHEET || sheet.name === CHOICES_SHEET ? 1 : sheet.name === META_SHEET ? 0 : 2;
    const columns = WIDTHS[sheet.name] ?? [8, ...(sheet.rows[0] ?? []).slice(1).map(() => 18)];
    return {
      sheet: sheet.name,
      data: sheet.rows.map((row, i) => (i < headers ? row.map((value) => (value === null ? null : { value, fontWeight: 'bold' as const })) : row)),
      columns: columns.map((width) => ({ width })),
      stickyRowsCount: headers,
      dateFormat: 'yyyy-mm-dd',
    };
  });
  return new Uint8Array(await writeExcelFile(data).toBuffer());
}
