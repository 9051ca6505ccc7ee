import type { FieldError, ProblemParams } from '../errors.js';
import type { Questionnaire } from './evaluate.js';
import { cellAnswer, cellText, type CellProblem } from './form-sheet-cells.js';
import { askedOn, FORM_SHEET, META_SHEET, ROW_COLUMN, ROW_LABEL, rosterSheets, type FormIdentity, type RosterSheet } from './form-sheet.js';
import type { Question } from './questionnaire.js';
import { columnLetters, type Cell, type Sheet, type SheetError } from './xlsform-sheet.js';

/**
 * A filled form.xlsx (form-sheet.ts) read back as the answers a JSON submission would give,
 * or the problems of its cells: a workbook of another task or version, a sheet or column
 * missing, a row naming no question of the form, an answer of the wrong type or not among
 * the choices, a roster row without its place. Each problem names its sheet, row and column;
 * each answer read remembers its cell, so that the questionnaire's own checks, which name
 * answers (`persons[2].age`), can name the cell too.
 */

export interface SheetPlace {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
}

export interface FormRead {
  /** The answers, shaped as a JSON submission's `data`. */
  readonly data: Record<string, unknown>;
  /** Where each answer, roster row and roster was read, by its path in the answers (`turnover`, `persons`, `persons[2].age`). */
  readonly places: ReadonlyMap<string, SheetPlace>;
  readonly errors: readonly SheetError[];
}

/** A cell as spreadsheets name it: `form!D7`. */
export const cellName = (place: SheetPlace): string => `${place.sheet}!${place.column}${place.row}`;

/** A workbook's problem as a refusal's field error: the path is the cell, the place is also among its values. */
export const asFieldError = (e: SheetError): FieldError => ({ path: cellName(e), message: e.message, code: e.code, params: { ...e.params, sheet: e.sheet, row: e.row, column: e.column } });

/** The cell an answer (`persons[2].age`) was read from, or the nearest one around it: its row, its roster's sheet. */
export function placeOf(places: ReadonlyMap<string, SheetPlace>, answerPath: string): SheetPlace | null {
  for (let path = answerPath; path !== ''; ) {
    const place = places.get(path);
    if (place) return place;
    const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === path) return null;
    path = shorter;
  }
  return null;
}

const at = (sheet: string, row: number, column: number, message: string, code: string, params: ProblemParams = {}): SheetError => ({ sheet, row, column: columnLetters(column), message, code, params });

/** What a spreadsheet cell shows, cut short for a message. */
const shown = (cell: Cell | undefined) => {
  const words = cellText(cell);
  return words.length > 50 ? `${words.slice(0, 49)}…` : words;
};

const cellProblem = (sheet: string, row: number, column: number, question: Question, cell: Cell | undefined, found: CellProblem): SheetError =>
  at(sheet, row, column, `"${shown(cell)}" is not an answer to ${question.id}: it ${found.problem}`, found.code, { ...found.params, question: question.id, value: shown(cell) });

/** A workbook's sheets read as the form of `identity`, whose questionnaire is `definition`; sheets are found by name, whatever their case and order. */
export function readFormSheets(sheets: readonly Sheet[], definition: Questionnaire, identity: FormIdentity): FormRead {
  const find = (name: string) => sheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  const data: Record<string, unknown> = {};
  const places = new Map<string, SheetPlace>();
  const errors: SheetError[] = [];
  checkMeta(find(META_SHEET), identity, errors);
  // Answers meant for another form would be read against the wrong questions.
  if (errors.length > 0) return { data, places, errors };
  const form = find(FORM_SHEET);
  if (!form) return { data, places, errors: [at(FORM_SHEET, 1, 0, 'the workbook has no form sheet', 'form_sheet_no_form_sheet')] };
  readForm(form, definition, data, places, errors);
  const rows = new Map<RosterSheet, Rows>();
  for (const roster of rosterSheets(definition.items)) rows.set(roster, readRoster(find(roster.name), roster, definition, roster.parent ? rows.get(roster.parent)! : null, data, places, errors));
  return { data, places, errors };
}

/** The `meta` sheet must name this task and the version of the questionnaire it is answered against. */
function checkMeta(meta: Sheet | undefined, identity: FormIdentity, errors: SheetError[]): void {
  const noMeta = () => errors.push(at(meta?.name ?? META_SHEET, 1, 0, 'the workbook does not say which task it is the form of: download the form again', 'form_sheet_no_meta'));
  if (!meta) return void noMeta();
  const entry = (key: string) => {
    const i = meta.rows.findIndex((row) => cellText(row[0]).toLowerCase() === key);
    return i < 0 ? null : { row: i + 1, value: cellText(meta.rows[i]![1]) };
  };
  const task = entry('task');
  const version = entry('version');
  if (!task || !version) return void noMeta();
  if (task.value !== identity.task) {
    errors.push(at(meta.name, task.row, 1, `the workbook is the form of task ${task.value}, not of ${identity.task}`, 'form_sheet_other_task', { given: task.value, task: identity.task }));
  } else if (version.value !== String(identity.version)) {
    errors.push(at(meta.name, version.row, 1, `the workbook is version ${version.value} of the form; the task is answered against version ${identity.version}: download the form again`, 'form_sheet_other_version', { given: version.value, version: identity.version }));
  }
}

/** The column named `name` in a header row, or -1. */
const columnOf = (header: readonly Cell[], name: string) => header.findIndex((cell) => cellText(cell).toLowerCase() === name);

/** The `form` sheet: a row per question, found by its `name`, its answer in the `answer` column. */
function readForm(sheet: Sheet, definition: Questionnaire, data: Record<string, unknown>, places: Map<string, SheetPlace>, errors: SheetError[]): void {
  const header = sheet.rows[0] ?? [];
  const [nameAt, answerAt] = [columnOf(header, 'name'), columnOf(header, 'answer')];
  const missing = nameAt < 0 ? 'name' : answerAt < 0 ? 'answer' : null;
  if (missing) return void errors.push(at(sheet.name, 1, 0, `the sheet has no ${missing} column`, 'form_sheet_no_column', { columnName: missing }));
  const questions = new Map(askedOn(definition.items).map((q) => [q.id, q]));
  const seen = new Set<string>();
  sheet.rows.forEach((row, i) => {
    if (i === 0) return;
    const [name, cell] = [cellText(row[nameAt]), row[answerAt]];
    if (!name) {
      if (cellText(cell) !== '') errors.push(at(sheet.name, i + 1, nameAt, 'an answer without the name of its question', 'form_sheet_answer_without_name'));
      return;
    }
    const question = questions.get(name);
    if (!question) return void errors.push(at(sheet.name, i + 1, nameAt, `"${shown(name)}" is not a question of this form`, 'form_sheet_unknown_question', { name: shown(name) }));
    if (seen.has(name)) return void errors.push(at(sheet.name, i + 1, nameAt, `${name} is answered on an earlier row`, 'form_sheet_repeated_question', { name }));
    seen.add(name);
    places.set(name, { sheet: sheet.name, row: i + 1, column: columnLetters(answerAt) });
    const read = cellAnswer(question, cell, definition.choiceLists);
    if (read && 'code' in read) errors.push(cellProblem(sheet.name, i + 1, answerAt, question, cell, read));
    else if (read) data[name] = read.value;
  });
}

/** A roster row read, which the rows of a roster inside it are added to. */
interface Parent {
  readonly row: Record<string, unknown>;
  /** Its path in the answers: `persons[2]`. */
  readonly path: string;
}

/** A roster's rows read, by number; not `whole` when some row's number was refused, which a row inside it may have meant. */
interface Rows {
  readonly byLabel: ReadonlyMap<string, Parent>;
  readonly whole: boolean;
}

/** `3` for a roster of the top level, `2.1` for one inside a roster, `2.1.1` a level further in. */
const depthOf = (roster: RosterSheet): number => (roster.parent ? depthOf(roster.parent) + 1 : 1);
const exampleRow = (depth: number) => ['2', ...Array.from({ length: depth - 1 }, () => '1')].join('.');

/**
 * A roster's sheet: its rows in order, each numbered in `_row` (a top-level roster's may be
 * left blank: they follow on). A row with no answer is no row. A missing sheet is a roster
 * with no rows. Answers the rows of `parents` (null for a top-level roster) take it by number.
 */
function readRoster(sheet: Sheet | undefined, roster: RosterSheet, definition: Questionnaire, outside: Rows | null, data: Record<string, unknown>, places: Map<string, SheetPlace>, errors: SheetError[]): Rows {
  const read = new Map<string, Parent>();
  if (!sheet) return { byLabel: read, whole: true };
  const parents = outside?.byLabel ?? null;
  const id = roster.roster.id;
  const depth = depthOf(roster);
  const { rowAt, columns } = rosterHeader(sheet, roster, errors);
  if (parents && rowAt < 0) {
    errors.push(at(sheet.name, 1, 0, `the sheet has no ${ROW_COLUMN} column`, 'form_sheet_no_column', { columnName: ROW_COLUMN }));
    return { byLabel: read, whole: false };
  }

  // Every row of the roster around it has this roster, with no rows until some are read.
  const lists = new Map<string, unknown[]>();
  const outers: [string, Parent][] = parents ? [...parents] : [['', { row: data, path: '' }]];
  for (const [label, parent] of outers) {
    const list: unknown[] = [];
    parent.row[id] = list;
    lists.set(label, list);
    places.set(parent.path ? `${parent.path}.${id}` : id, { sheet: sheet.name, row: 1, column: 'A' });
  }
  const labels = (row: readonly Cell[]) => isLabelRow(row, rowAt, columns);
  let next = 1;
  let whole = true;
  sheet.rows.forEach((row, i) => {
    if (i === 0 || (i === 1 && labels(row)) || columns.every(([c]) => cellText(row[c]) === '')) return;
    const place = (column: number) => ({ sheet: sheet.name, row: i + 1, column: columnLetters(column) });
    const given = rowAt < 0 ? '' : cellText(row[rowAt]);
    const label = rowNumber(given || (parents ? '' : String(next)), depth);
    const wrong = (message: string, code: string, params: ProblemParams) => void errors.push(at(sheet.name, i + 1, Math.max(rowAt, 0), message, code, params));
    if (!label) {
      whole = false;
      return wrong(`${ROW_COLUMN} must number the row, like ${exampleRow(depth)}`, 'form_sheet_row_label', { example: exampleRow(depth) });
    }
    if (read.has(label)) return wrong(`row ${label} is given twice`, 'form_sheet_repeated_row', { label });
    const outer = label.slice(0, Math.max(label.lastIndexOf('.'), 0));
    const list = lists.get(outer);
    if (!list) {
      whole = false;
      // A row inside one whose number was refused: that refusal is the problem to fix.
      return outside?.whole === false ? undefined : wrong(`${roster.parent!.roster.id} has no row ${outer}`, 'form_sheet_no_parent_row', { label: outer, roster: roster.parent!.roster.id });
    }
    if (!parents) next = Math.max(next, Number(label) + 1);

    const answers: Record<string, unknown> = {};
    list.push(answers);
    const path = `${parents ? `${parents.get(outer)!.path}.` : ''}${id}[${list.length}]`;
    read.set(label, { row: answers, path });
    places.set(path, place(Math.max(rowAt, 0)));
    for (const [column, question] of columns) {
      places.set(`${path}.${question.id}`, place(column));
      const found = cellAnswer(question, row[column], definition.choiceLists);
      if (found && 'code' in found) errors.push(cellProblem(sheet.name, i + 1, column, question, row[column], found));
      else if (found) answers[question.id] = found.value;
    }
  });
  return { byLabel: read, whole };
}

/** A roster sheet's header: the `_row` column (-1 when there is none) and each question's column; a column naming no question of the roster is a problem. */
function rosterHeader(sheet: Sheet, roster: RosterSheet, errors: SheetError[]): { rowAt: number; columns: [number, Question][] } {
  const header = sheet.rows[0] ?? [];
  const rowAt = columnOf(header, ROW_COLUMN);
  const byId = new Map(roster.questions.map((q) => [q.id, q]));
  const columns: [number, Question][] = [];
  header.forEach((cell, i) => {
    const name = cellText(cell);
    if (!name || i === rowAt) return;
    const question = byId.get(name);
    if (question) columns.push([i, question]);
    else errors.push(at(sheet.name, 1, i, `"${shown(name)}" is not a question of the roster ${roster.roster.id}`, 'form_sheet_unknown_column', { name: shown(name), roster: roster.roster.id }));
  });
  return { rowAt, columns };
}

/** A row's number as given (`02.1` is `2.1`), with one part per roster level; null when it is not one. */
function rowNumber(given: string, depth: number): string | null {
  if (!new RegExp(`^\\d+(\\.\\d+){${depth - 1}}$`).test(given)) return null;
  return given.split('.').map((n) => String(Number(n))).join('.');
}

/** The row of labels under a roster sheet's header, as written: each cell the label of its column's question (in either language), or empty. */
function isLabelRow(row: readonly Cell[], rowAt: number, columns: readonly [number, Question][]): boolean {
  const fits = (cell: Cell | undefined, words: readonly string[]) => cellText(cell) === '' || words.includes(cellText(cell));
  return (rowAt < 0 || fits(row[rowAt], [ROW_LABEL.vi, ROW_LABEL.en])) && columns.every(([c, q]) => fits(row[c], [q.label?.vi ?? q.id, q.label?.en ?? q.id])) && row.some((cell) => cellText(cell) !== '');
}
