import readExcelFile from 'read-excel-file/universal';
import { questionnaireSchema, type Bilingual, type Choice, type QuestionType } from './questionnaire.js';
import { translateExpression, type TranslationContext } from './xlsform-expression.js';

/**
 * An XLSForm workbook (the `survey`, `choices` and `settings` sheets) read as a version-2
 * questionnaire. What it cannot take is a problem naming the sheet, the row (as the
 * spreadsheet numbers it) and the column; what it takes differently, or leaves out, is a
 * warning in the same form.
 */

export interface SheetProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export interface XlsformImport {
  /** The questionnaire part of a definition (`items`, `choiceLists`), checked; null when there are errors. */
  readonly questionnaire: { choiceLists: Record<string, Choice[]>; items: unknown[] } | null;
  /** The settings sheet's `form_title`, if any. */
  readonly title: Bilingual | null;
  readonly errors: SheetProblem[];
  readonly warnings: SheetProblem[];
}

/** The largest workbook read: XLSForms of thousands of rows are well under it. */
export const XLSFORM_MAX_BYTES = 10 * 1024 * 1024;

type Cell = string | number | boolean | Date | null;
export interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** The sheets of an `.xlsx`; a file that is not one is an error, not an exception. */
export async function readWorkbook(bytes: Uint8Array): Promise<Sheet[] | { error: string }> {
  if (bytes.byteLength > XLSFORM_MAX_BYTES) return { error: `is larger than ${XLSFORM_MAX_BYTES / 1024 / 1024} MB` };
  // An .xlsx is a zip: it starts with "PK".
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { error: 'is not an .xlsx workbook' };
  try {
    const sheets = (await readExcelFile(new Blob([bytes as Uint8Array<ArrayBuffer>]))) as { sheet: string; data: Cell[][] }[];
    return sheets.map((s) => ({ name: s.sheet, rows: s.data }));
  } catch (err) {
    return { error: `cannot be read as a workbook (${(err as Error).message})` };
  }
}

const METADATA = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'caseid', 'audit', 'comments', 'speed', 'start-geopoint', 'background-audio', 'sensor_statistic', 'sensor_stream', 'hidden', 'xml-external', 'csv-external']);
const FILES = new Set(['image', 'audio', 'video', 'file', 'signature', 'geotrace', 'geoshape', 'rank', 'select_one_from_file', 'select_multiple_from_file', 'select_one_external', 'calculate_here']);
const TYPES: Record<string, QuestionType> = {
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  text: 'text',
  string: 'text',
  barcode: 'text',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  geopoint: 'geopoint',
  gps: 'geopoint',
  note: 'note',
  calculate: 'calculate',
  acknowledge: 'boolean',
  trigger: 'boolean',
  select_one: 'select_one',
  select_multiple: 'select_multiple',
  range: 'decimal',
};

/** A language column's language: `English (en)` → en, `Vietnamese` → vi, anything else by its code or name. */
function languageOf(name: string): string {
  const code = /\(([A-Za-z-]+)\)\s*$/.exec(name)?.[1]?.toLowerCase();
  if (code) return code.split('-')[0]!;
  const plain = name.trim().toLowerCase();
  return { english: 'en', vietnamese: 'vi', 'tiếng việt': 'vi' }[plain] ?? plain;
}

/** A sheet's header: each column's name (lower case, `label:en` read as `label::en`) by index. */
function headerOf(sheet: Sheet): { columns: Map<string, number>; labels: Map<string, Map<string, number>>; letters: (i: number) => string } {
  const columns = new Map<string, number>();
  const labels = new Map<string, Map<string, number>>();
  (sheet.rows[0] ?? []).forEach((cell, i) => {
    const name = String(cell ?? '').trim();
    if (!name) return;
    const [base = '', language] = name.split(/::?/, 2);
    const key = base.trim().toLowerCase();
    if (language !== undefined) {
      if (!labels.has(key)) labels.set(key, new Map());
      labels.get(key)!.set(languageOf(language), i);
    } else columns.set(key === 'relevance' ? 'relevant' : key, i);
  });
  const letters = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letters(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
  return { columns, labels, letters };
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim());

export function xlsformToQuestionnaire(sheets: readonly Sheet[]): XlsformImport {
  const errors: SheetProblem[] = [];
  const warnings: SheetProblem[] = [];
  const find = (name: string) => sheets.find((s) => s.name.trim().toLowerCase() === name);
  const survey = find('survey');
  if (!survey) return { questionnaire: null, title: null, errors: [{ sheet: 'survey', row: 1, column: 'A', message: 'the workbook has no survey sheet' }], warnings };

  // Labels in Vietnamese and English: each from its own column when there is one, else the
  // default `label`, else the other language, else the form's first language.
  const bilingualReader = (sheet: Sheet, column: string) => {
    const { columns, labels } = headerOf(sheet);
    const byLanguage = labels.get(column) ?? new Map<string, number>();
    const plain = columns.get(column);
    const first = [...byLanguage.values()][0];
    const pick = (language: string, other: string) => byLanguage.get(language) ?? plain ?? byLanguage.get(other) ?? first;
    const vi = pick('vi', 'en');
    const en = pick('en', 'vi');
    return (row: readonly Cell[]): Bilingual | null => {
      const v = vi === undefined ? '' : text(row[vi]);
      const e = en === undefined ? '' : text(row[en]);
      return v || e ? { vi: v || e, en: e || v } : null;
    };
  };
  const surveyHeader = headerOf(survey);
  const languages = new Set([...surveyHeader.labels.get('label')?.keys() ?? []]);
  if (languages.size > 0 && !languages.has('en') && !languages.has('vi') && !surveyHeader.columns.has('label')) {
    warnings.push({ sheet: 'survey', row: 1, column: surveyHeader.letters(surveyHeader.labels.get('label')!.values().next().value!), message: `no English or Vietnamese labels: the ${[...languages][0]} ones are used for both` });
  }

  // Choices, by list.
  const choiceLists: Record<string, Choice[]> = {};
  const choicesSheet = find('choices');
  if (choicesSheet) {
    const { columns, letters } = headerOf(choicesSheet);
    const label = bilingualReader(choicesSheet, 'label');
    const list = columns.get('list_name') ?? columns.get('list name');
    const value = columns.get('name') ?? columns.get('value');
    choicesSheet.rows.slice(1).forEach((row, i) => {
      const listName = list === undefined ? '' : text(row[list]);
      if (!listName) return;
      const name = value === undefined ? '' : text(row[value]);
      if (!name) return void errors.push({ sheet: choicesSheet.name, row: i + 2, column: letters(value ?? 0), message: 'a choice needs a name' });
      (choiceLists[listName] ??= []).push({ value: name, label: label(row) ?? { vi: name, en: name } });
    });
  }

  // Items, nested by the begin/end rows.
  const { columns, letters } = surveyHeader;
  const col = (name: string) => columns.get(name);
  const cell = (row: readonly Cell[], name: string) => {
    const at = col(name);
    return at === undefined ? '' : text(row[at]);
  };
  const label = bilingualReader(survey, 'label');
  const hint = bilingualReader(survey, 'hint');
  const constraintMessage = bilingualReader(survey, 'constraint_message');
  type Container = { type: 'section' | 'roster'; row: number; item: Record<string, unknown> & { items: Record<string, unknown>[] } };
  const root: Container = { type: 'section', row: 1, item: { items: [] } };
  const stack: Container[] = [root];
  const typeColumn = col('type');
  if (typeColumn === undefined) return { questionnaire: null, title: null, errors: [{ sheet: 'survey', row: 1, column: 'A', message: 'the survey sheet has no type column' }], warnings };

  /** Expressions wait until every item is known: they may name items further down. */
  const pending: { target: Record<string, unknown>; key: string; source: string; self?: string; row: number; column: string }[] = [];
  const expression = (target: Record<string, unknown>, key: string, row: readonly Cell[], rowNumber: number, column: string, self?: string) => {
    const source = cell(row, column);
    if (source) pending.push({ target, key, source, row: rowNumber, column, ...(self ? { self } : {}) });
  };
  const kinds = new Map<string, QuestionType | 'roster'>();
  const rowOf = new WeakMap<object, number>();
  // XLSForm names may hold `-` and `.`; the questionnaire's ids (and CEL's names) may not.
  const idOf = new Map<string, string>();
  const nameOfId = new Map<string, string>();
  const idFor = (name: string, where: Omit<SheetProblem, 'message'>): string | null => {
    const id = name.replace(/[-.]/g, '_');
    const taken = nameOfId.get(id);
    if (taken !== undefined && taken !== name) {
      errors.push({ ...where, message: `${name} and ${taken} both become ${id}` });
      return null;
    }
    nameOfId.set(id, name);
    if (id !== name && !idOf.has(name)) {
      idOf.set(name, id);
      warnings.push({ ...where, message: `${name} is ${id} here (ids take letters, digits and _)` });
    }
    return id;
  };
  const rosterOf = new Map<string, string>();

  survey.rows.slice(1).forEach((row, i) => {
    const rowNumber = i + 2;
    const where = (column: string) => ({ sheet: survey.name, row: rowNumber, column: letters(col(column) ?? 0) });
    const rawType = text(row[typeColumn]).replace(/\s+/g, ' ');
    const name = cell(row, 'name');
    if (!rawType) {
      if (name) errors.push({ ...where('type'), message: `${name} has no type` });
      return;
    }
    const [word = '', rest = ''] = rawType.toLowerCase().replace(/^(begin|end)_(group|repeat)$/, '$1 $2').split(' ', 2);
    const top = stack[stack.length - 1]!;
    if (word === 'begin' && (rest === 'group' || rest === 'repeat')) {
      if (!name) return void errors.push({ ...where('name'), message: `a ${rest} needs a name` });
      const id = idFor(name, where('name'));
      if (id === null) return;
      const item: Container['item'] = { type: rest === 'group' ? 'section' : 'roster', id, label: label(row) ?? { vi: name, en: name }, items: [] };
      expression(item, 'relevant', row, rowNumber, 'relevant');
      if (rest === 'repeat') {
        const count = cell(row, 'repeat_count');
        const size = /^\$\{(\w+)\}$/.exec(count)?.[1];
        if (size) item.size = size.replace(/[-.]/g, '_');
        else if (/^\d+$/.test(count)) {
          item.maxRows = Number(count);
          warnings.push({ ...where('repeat_count'), message: `a fixed count of ${count}: rows are added up to ${count}` });
        } else if (count) warnings.push({ ...where('repeat_count'), message: 'a count that is not one item: rows are added freely' });
        kinds.set(name, 'roster');
      }
      rowOf.set(item, rowNumber);
      top.item.items.push(item);
      stack.push({ type: item.type as 'section' | 'roster', row: rowNumber, item });
      return;
    }
    if (word === 'end' && (rest === 'group' || rest === 'repeat')) {
      const want = rest === 'group' ? 'section' : 'roster';
      if (top === root || top.type !== want) return void errors.push({ ...where('type'), message: `end ${rest} without its begin ${rest}` });
      if (top.item.items.length === 0) {
        warnings.push({ sheet: survey.name, row: top.row, column: letters(typeColumn), message: `the ${rest} ${String(top.item.id)} has no questions: left out` });
        stack[stack.length - 2]!.item.items.pop();
      }
      stack.pop();
      return;
    }
    if (METADATA.has(word) || word.startsWith('uri:')) return void warnings.push({ ...where('type'), message: `${rawType} is filled in by a device; this engine records who answered and when itself: left out` });
    if (FILES.has(word)) return void warnings.push({ ...where('type'), message: `${rawType} questions are not taken (no files, traces or external lists): ${name || 'this row'} is left out` });
    const type = TYPES[word];
    if (!type) return void errors.push({ ...where('type'), message: `unknown type "${rawType}"` });
    if (!name) return void errors.push({ ...where('name'), message: 'a question needs a name' });
    const id = idFor(name, where('name'));
    if (id === null) return;
    const item: Record<string, unknown> = { id, type };
    const itemLabel = label(row);
    if (type !== 'calculate') item.label = itemLabel ?? { vi: name, en: name };
    const itemHint = hint(row);
    if (itemHint) item.hint = itemHint;
    const required = cell(row, 'required').toLowerCase();
    if (['yes', 'true', 'true()', '1'].includes(required) && type !== 'note' && type !== 'calculate') item.required = true;
    if (type === 'select_one' || type === 'select_multiple') {
      const list = rest.trim().split(' ')[0] ?? '';
      if (!list) return void errors.push({ ...where('type'), message: `${word} needs the name of a choice list` });
      item.choices = list;
      if (/\bor_other\b/.test(rawType)) warnings.push({ ...where('type'), message: 'or_other: the "other" text is not asked' });
      if (cell(row, 'choice_filter')) warnings.push({ ...where('choice_filter'), message: 'choice_filter is not applied: every choice is offered' });
    }
    if (word === 'range') {
      const parameters = Object.fromEntries([...cell(row, 'parameters').matchAll(/(\w+)\s*=\s*(-?[\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
      if (parameters.start !== undefined) item.min = Math.min(parameters.start, parameters.end ?? parameters.start);
      if (parameters.end !== undefined) item.max = Math.max(parameters.end, parameters.start ?? parameters.end);
      if (Number.isInteger(parameters.step ?? 1) && Number.isInteger(parameters.start ?? 0)) item.type = 'integer';
    }
    if (type === 'calculate') expression(item, 'expression', row, rowNumber, 'calculation', name);
    else {
      expression(item, 'relevant', row, rowNumber, 'relevant', name);
      if (type !== 'note') {
        expression(item, 'constraint', row, rowNumber, 'constraint', name);
        const message = constraintMessage(row);
        if (message && cell(row, 'constraint')) item.constraintMessage = message;
      }
    }
    if (type === 'calculate' && !cell(row, 'calculation')) return void warnings.push({ ...where('calculation'), message: `${name} has no calculation: left out` });
    kinds.set(name, item.type as QuestionType);
    const roster = [...stack].reverse().find((c) => c.type === 'roster');
    if (roster) rosterOf.set(name, nameOfId.get(String(roster.item.id)) ?? String(roster.item.id));
    rowOf.set(item, rowNumber);
    top.item.items.push(item);
  });
  for (const open of stack.slice(1)) errors.push({ sheet: survey.name, row: open.row, column: letters(typeColumn), message: `begin ${open.type === 'section' ? 'group' : 'repeat'} ${String(open.item.id)} is never ended` });

  const context: TranslationContext = {
    names: new Set(kinds.keys()),
    multiple: new Set([...kinds].filter(([, t]) => t === 'select_multiple').map(([n]) => n)),
    integers: new Set([...kinds].filter(([, t]) => t === 'integer').map(([n]) => n)),
    rosters: new Set([...kinds].filter(([, t]) => t === 'roster').map(([n]) => n)),
    rosterOf,
    idOf,
  };
  for (const { target, key, source: written, self, row, column } of pending) {
    // Word processors turn quotes into typographic ones; XLSForm means the plain ones.
    const source = written.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
    if (source !== written) warnings.push({ sheet: survey.name, row, column: letters(col(column) ?? 0), message: 'typographic quotes are read as plain ones' });
    const translated = translateExpression(source, { ...context, ...(self ? { self } : {}) });
    if ('cel' in translated) target[key] = translated.cel;
    else errors.push({ sheet: survey.name, row, column: letters(col(column) ?? 0), message: `${column} "${source}": ${translated.error}` });
  }

  const settings = find('settings');
  const title = settings ? bilingualReader(settings, 'form_title')(settings.rows[1] ?? []) : null;
  if (errors.length > 0) return { questionnaire: null, title, errors, warnings };

  const questionnaire = { choiceLists, items: root.item.items };
  /** A problem of the questionnaire (`items.3.items.1.relevant`) at the row and column it came from. */
  const placeIssue = (path: readonly PropertyKey[], message: string): SheetProblem => {
    if (path[0] === 'choiceLists') return { sheet: choicesSheet?.name ?? 'choices', row: 1, column: 'A', message: `list ${String(path[1])}: ${message}` };
    let at: unknown = { items: root.item.items };
    let row = 1;
    let key = '';
    for (const part of path) {
      at = (at as Record<PropertyKey, unknown> | undefined)?.[part as string];
      if (at && typeof at === 'object' && rowOf.has(at)) row = rowOf.get(at)!;
      if (typeof part === 'string') key = part;
    }
    const column = { relevant: 'relevant', constraint: 'constraint', expression: 'calculation', id: 'name', size: 'repeat_count', choices: 'type', label: 'label', min: 'parameters', max: 'parameters' }[key] ?? 'type';
    return { sheet: survey.name, row, column: letters(col(column) ?? typeColumn), message: `${key ? `${key}: ` : ''}${message}` };
  };
  // What the workbook says must also be a questionnaire this engine takes: ids, limits, scopes.
  const checked = questionnaireSchema.safeParse(questionnaire);
  if (!checked.success) {
    for (const issue of checked.error.issues.slice(0, 50)) errors.push(placeIssue(issue.path, issue.message));
    return { questionnaire: null, title, errors, warnings };
  }
  return { questionnaire, title, errors, warnings };
}
