import readExcelFile from 'read-excel-file/universal';
import type { ProblemParams } from '../errors.js';
import { issueCode, questionnaireSchema, type Bilingual, type Choice } from './questionnaire.js';
import { resolveExpressions } from './xlsform-resolve.js';
import { safeId } from './xlsform-names.js';
import { bilingualReader, headerOf, text, type Cell, type Sheet, type SheetError, type SheetProblem } from './xlsform-sheet.js';
import { walkSurvey } from './xlsform-survey.js';

export type { Sheet, SheetError, SheetProblem } from './xlsform-sheet.js';

/**
 * An XLSForm workbook (the `survey`, `choices` and `settings` sheets) read as a version-2
 * questionnaire. What it cannot take is a problem naming the sheet, the row (as the
 * spreadsheet numbers it) and the column; what it takes differently, or leaves out, is a
 * warning in the same form.
 */

export interface XlsformImport {
  /** The questionnaire part of a definition (`items`, `choiceLists`), checked; null when there are errors. */
  readonly questionnaire: { choiceLists: Record<string, Choice[]>; items: unknown[] } | null;
  /** The settings sheet's `form_title`, if any. */
  readonly title: Bilingual | null;
  readonly errors: SheetError[];
  readonly warnings: SheetProblem[];
}

/** The largest workbook read: XLSForms of thousands of rows are well under it. */
export const XLSFORM_MAX_BYTES = 10 * 1024 * 1024;


/** The sheets of an `.xlsx`; a file that is not one is an error, not an exception. */
export async function readWorkbook(bytes: Uint8Array): Promise<Sheet[] | { error: string; code: string; params: ProblemParams }> {
  if (bytes.byteLength > XLSFORM_MAX_BYTES) return { error: `is larger than ${XLSFORM_MAX_BYTES / 1024 / 1024} MB`, code: 'xlsform_too_large', params: { max: XLSFORM_MAX_BYTES / 1024 / 1024 } };
  // An .xlsx is a zip: it starts with "PK".
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { error: 'is not an .xlsx workbook', code: 'xlsform_not_xlsx', params: {} };
  try {
    const sheets = (await readExcelFile(new Blob([bytes as Uint8Array<ArrayBuffer>]))) as { sheet: string; data: Cell[][] }[];
    return sheets.map((s) => ({ name: s.sheet, rows: s.data }));
  } catch (err) {
    return { error: `cannot be read as a workbook (${(err as Error).message})`, code: 'xlsform_unreadable', params: { detail: (err as Error).message } };
  }
}

export function xlsformToQuestionnaire(sheets: readonly Sheet[]): XlsformImport {
  const errors: SheetError[] = [];
  const warnings: SheetProblem[] = [];
  const find = (name: string) => sheets.find((s) => s.name.trim().toLowerCase() === name);
  const survey = find('survey');
  if (!survey) return { questionnaire: null, title: null, errors: [{ sheet: 'survey', row: 1, column: 'A', message: 'the workbook has no survey sheet', code: 'xlsform_no_survey_sheet', params: {} }], warnings };
  const surveyHeader = headerOf(survey);
  const languages = new Set([...(surveyHeader.labels.get('label')?.keys() ?? [])]);
  if (languages.size > 0 && !languages.has('en') && !languages.has('vi') && !surveyHeader.columns.has('label')) {
    warnings.push({ sheet: 'survey', row: 1, column: surveyHeader.letters(surveyHeader.labels.get('label')!.values().next().value!), message: `no English or Vietnamese labels: the ${[...languages][0]} ones are used for both` });
  }
  const typeColumn = surveyHeader.columns.get('type');
  if (typeColumn === undefined) return { questionnaire: null, title: null, errors: [{ sheet: 'survey', row: 1, column: 'A', message: 'the survey sheet has no type column', code: 'xlsform_no_type_column', params: {} }], warnings };

  const choicesSheet = find('choices');
  const choiceLists = choicesSheet ? readChoices(choicesSheet, errors, warnings) : {};
  const walk = walkSurvey(survey, typeColumn, new Set(Object.keys(choiceLists)), warnings, errors);
  resolveExpressions(survey, walk, choiceLists, warnings, errors);
  const listAt = (list: string) => {
    const column = choicesSheet ? (headerOf(choicesSheet).columns.get('list_name') ?? 0) : 0;
    const row = choicesSheet ? choicesSheet.rows.findIndex((r) => text(r[column]) === list) + 1 : 1;
    return { sheet: choicesSheet?.name ?? 'choices', row: Math.max(row, 1), column: surveyHeader.letters(column) };
  };
  useListIds(walk.root.items, choiceLists, walk.otherLists, (list, id) => warnings.push({ ...listAt(list), message: `the list ${list} is ${id} here (another list already became ${safeId(list).id})` }));

  const settings = find('settings');
  const title = settings ? bilingualReader(settings, 'form_title')(settings.rows[1] ?? []) : null;
  if (errors.length > 0) return { questionnaire: null, title, errors, warnings };

  const questionnaire = { choiceLists, items: walk.root.items };
  /** A problem of the questionnaire (`items.3.items.1.relevant`) at the row and column it came from. */
  const placeIssue = (path: readonly PropertyKey[], message: string, named: { code: string; params: ProblemParams }): SheetError => {
    if (path[0] === 'choiceLists') return { sheet: choicesSheet?.name ?? 'choices', row: 1, column: 'A', message: `list ${String(path[1])}: ${message}`, code: named.code, params: { ...named.params, list: String(path[1]) } };
    let at: unknown = { items: walk.root.items };
    let row = 1;
    let key = '';
    for (const part of path) {
      at = (at as Record<PropertyKey, unknown> | undefined)?.[part as string];
      if (at && typeof at === 'object' && walk.rowOf.has(at)) row = walk.rowOf.get(at)!;
      if (typeof part === 'string') key = part;
    }
    const column = { relevant: 'relevant', constraint: 'constraint', expression: 'calculation', id: 'name', size: 'repeat_count', choices: 'type', label: 'label', min: 'parameters', max: 'parameters' }[key] ?? 'type';
    return { sheet: survey.name, row, column: surveyHeader.letters(surveyHeader.columns.get(column) ?? typeColumn), message: `${key ? `${key}: ` : ''}${message}`, ...named };
  };
  // What the workbook says must also be a questionnaire this engine takes: ids, limits, scopes.
  const checked = questionnaireSchema.safeParse(questionnaire);
  if (!checked.success) {
    for (const issue of checked.error.issues.slice(0, 50)) errors.push(placeIssue(issue.path, issue.message, issueCode(issue)));
    return { questionnaire: null, title, errors, warnings };
  }
  return { questionnaire, title, errors, warnings };
}

/** The choices sheet, by list; a list's name that is not an id is renamed (see `useListIds`). */
function readChoices(sheet: Sheet, errors: SheetError[], warnings: SheetProblem[]): Record<string, Choice[]> {
  const lists: Record<string, Choice[]> = {};
  const { columns, letters } = headerOf(sheet);
  const label = bilingualReader(sheet, 'label');
  const list = columns.get('list_name');
  const value = columns.get('name') ?? columns.get('value');
  sheet.rows.slice(1).forEach((row: readonly Cell[], i) => {
    const listName = list === undefined ? '' : text(row[list]);
    if (!listName) return;
    const name = value === undefined ? '' : text(row[value]);
    if (!name) return void errors.push({ sheet: sheet.name, row: i + 2, column: letters(value ?? 0), message: 'a choice needs a name', code: 'xlsform_choice_needs_name', params: {} });
    const choices = (lists[listName] ??= []);
    if (choices.some((c) => c.value === name)) return void warnings.push({ sheet: sheet.name, row: i + 2, column: letters(value ?? 0), message: `${name} is already a choice of ${listName}: this row is left out` });
    choices.push({ value: name.slice(0, 200), label: label(row) ?? { vi: name, en: name } });
  });
  return lists;
}

/** Lists named as ids (`yes-no` → `yes_no`), only the lists questions use, and "other" added where `or_other` asks for it. */
function useListIds(items: readonly Record<string, unknown>[], lists: Record<string, Choice[]>, otherLists: ReadonlySet<string>, renamed: (list: string, id: string) => void): void {
  const used = new Map<string, string>();
  const taken = new Set<string>();
  /** Two list names can become one id (`yes-no` and `yes_no`): the later one is numbered. */
  const idFor = (name: string) => {
    const base = safeId(name).id;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 60)}_${n}`;
    if (id !== base) renamed(name, id);
    taken.add(id);
    return id;
  };
  const visit = (nodes: readonly Record<string, unknown>[]) => {
    for (const node of nodes) {
      if (Array.isArray(node.items)) visit(node.items as Record<string, unknown>[]);
      if (typeof node.choices !== 'string' || !lists[node.choices]) continue;
      const name = node.choices;
      if (!used.has(name)) used.set(name, idFor(name));
      node.choices = used.get(name);
    }
  };
  visit(items);
  const byId: Record<string, Choice[]> = {};
  for (const [name, id] of used) {
    const choices = lists[name]!;
    byId[id] = otherLists.has(name) && !choices.some((c) => c.value === 'other') ? [...choices, { value: 'other', label: { vi: 'Khác', en: 'Other' } }] : choices;
  }
  for (const key of Object.keys(lists)) delete lists[key];
  Object.assign(lists, byId);
}
