import type { QuestionType } from './questionnaire.js';
import { NameTable } from './xlsform-names.js';
import { bilingualReader, headerOf, text, type Cell, type Sheet, type SheetError, type SheetProblem } from './xlsform-sheet.js';

/**
 * The survey sheet's rows as nested items (groups as sections, repeats as rosters), with
 * every expression cell kept to be translated once all items are known: expressions may
 * name items further down.
 */

export type Node = Record<string, unknown>;
export type ContainerNode = Node & { items: Node[] };

/** An expression cell waiting for translation, with where it is evaluated. */
export interface Pending {
  readonly target: Node;
  readonly key: 'relevant' | 'constraint' | 'expression' | 'size';
  readonly source: string;
  readonly row: number;
  readonly column: string;
  /** The item it belongs to (its id), for `.`. */
  readonly self?: string;
  /** The context node's place (names from the top). */
  readonly here: readonly string[];
  /** The rosters it runs in, innermost first (ids). */
  readonly enclosing: readonly string[];
}

export interface SurveyWalk {
  readonly root: ContainerNode;
  readonly pending: Pending[];
  readonly names: NameTable;
  /** Each item's type by id (`roster` for a roster, `section` for a section). */
  readonly kinds: Map<string, QuestionType | 'roster' | 'section'>;
  /** The roster holding each item and inner roster, by id. */
  readonly rosterOf: Map<string, string>;
  /** The container's list each item sits in, so an item can be left out after translation. */
  readonly parentOf: Map<Node, ContainerNode>;
  readonly rowOf: WeakMap<object, number>;
  /** Names the import leaves out, with why. */
  readonly leftOut: Map<string, string>;
  /** select_one/select_multiple lists that take `or_other`. */
  readonly otherLists: Set<string>;
}

/** Device-filled metadata: what each becomes. */
const METADATA: Record<string, QuestionType | 'today' | null> = {
  start: 'datetime', end: 'datetime', today: 'today', deviceid: 'text', subscriberid: 'text', simserial: 'text', phonenumber: 'text', username: 'text', email: 'text', caseid: 'text', 'start-geopoint': 'geopoint',
  audit: null, 'text audit': null, comments: null, speed: null, 'background-audio': null, sensor_statistic: null, sensor_stream: null, hidden: 'text', 'xml-external': null, 'csv-external': null, 'background-geopoint': null,
};
const FILES = new Set(['rank', 'calculate_here', 'phone-call-log', 'phone-call-duration']);
/** Questions whose value is text in ODK's data: a file's name, or a trace's points. */
const AS_TEXT = new Set(['image', 'audio', 'video', 'file', 'signature', 'geotrace', 'geoshape']);
const EXTERNAL_SELECTS = new Set(['select_one_from_file', 'select_multiple_from_file', 'select_one_external', 'select_multiple_external']);
const TYPES: Record<string, QuestionType> = {
  integer: 'integer', int: 'integer', decimal: 'decimal', text: 'text', string: 'text', barcode: 'text', date: 'date', time: 'time', datetime: 'datetime', geopoint: 'geopoint', gps: 'geopoint',
  note: 'note', calculate: 'calculate', acknowledge: 'boolean', trigger: 'boolean', select_one: 'select_one', select_multiple: 'select_multiple', range: 'decimal',
};

export function walkSurvey(survey: Sheet, typeColumn: number, listNames: ReadonlySet<string>, warnings: SheetProblem[], errors: SheetError[]): SurveyWalk {
  const { columns, letters } = headerOf(survey);
  const col = (name: string) => columns.get(name);
  const cell = (row: readonly Cell[], name: string) => {
    const at = col(name);
    return at === undefined ? '' : text(row[at]);
  };
  const label = bilingualReader(survey, 'label');
  const hint = bilingualReader(survey, 'hint');
  const constraintMessage = bilingualReader(survey, 'constraint_message');
  type Container = { type: 'section' | 'roster'; name: string; row: number; item: ContainerNode };
  const root: Container = { type: 'section', name: '', row: 1, item: { items: [] } };
  const stack: Container[] = [root];
  const walk: SurveyWalk = { root: root.item, pending: [], names: new NameTable(), kinds: new Map(), rosterOf: new Map(), parentOf: new Map(), rowOf: new WeakMap(), leftOut: new Map(), otherLists: new Set() };

  survey.rows.slice(1).forEach((row, i) => {
    const rowNumber = i + 2;
    const where = (column: string) => ({ sheet: survey.name, row: rowNumber, column: letters(col(column) ?? typeColumn) });
    const rawType = text(row[typeColumn]).replace(/\s+/g, ' ');
    const name = cell(row, 'name');
    if (!rawType) {
      if (name) errors.push({ ...where('type'), message: `${name} has no type`, code: 'xlsform_no_type', params: { name } });
      return;
    }
    const lower = rawType.toLowerCase();
    const [word = '', rest = ''] = lower.replace(/^(begin|end)_(group|repeat)\b/, '$1 $2').split(' ', 2);
    const top = stack[stack.length - 1]!;
    const places = stack.slice(1).map((c) => c.name);
    const rosters = stack.filter((c) => c.type === 'roster').map((c) => String(c.item.id)).reverse();
    const container = top === root ? undefined : String(top.item.id);
    const allocate = (itemName: string) => {
      const named = walk.names.allocate(itemName, [...places, itemName], container);
      if (named.renamed) warnings.push({ ...where('name'), message: `${itemName} is ${named.id} here (${named.renamed})` });
      return named.id;
    };
    const expression = (target: Node, key: Pending['key'], column: string, context: { self?: string; here: readonly string[]; enclosing: readonly string[] }) => {
      const source = cell(row, column);
      if (source) walk.pending.push({ target, key, source, row: rowNumber, column, ...context });
    };
    const place = (item: Node, id: string, kind: QuestionType | 'roster' | 'section') => {
      walk.kinds.set(id, kind);
      if (rosters[0] !== undefined) walk.rosterOf.set(id, rosters[0]);
      walk.rowOf.set(item, rowNumber);
      walk.parentOf.set(item, top.item);
      top.item.items.push(item);
    };

    if (word === 'begin' && (rest === 'group' || rest === 'repeat')) {
      if (!name) return void errors.push({ ...where('name'), message: `a ${rest} needs a name`, code: 'xlsform_needs_name', params: { kind: rest } });
      const id = allocate(name);
      const item: ContainerNode = { type: rest === 'group' ? 'section' : 'roster', id, label: label(row) ?? { vi: name, en: name }, items: [] };
      // A group's or a repeat's relevance runs where it is: a roster is asked, or not, as a whole.
      expression(item, 'relevant', 'relevant', { here: [...places, name], enclosing: rosters });
      if (rest === 'repeat') expression(item, 'size', 'repeat_count', { here: [...places, name], enclosing: rosters });
      place(item, id, rest === 'group' ? 'section' : 'roster');
      stack.push({ type: item.type as 'section' | 'roster', name, row: rowNumber, item });
      return;
    }
    if (word === 'end' && (rest === 'group' || rest === 'repeat')) {
      const want = rest === 'group' ? 'section' : 'roster';
      if (top === root || top.type !== want) return void errors.push({ ...where('type'), message: `end ${rest} without its begin ${rest}`, code: 'xlsform_end_without_begin', params: { kind: rest } });
      stack.pop();
      return;
    }
    if (Object.hasOwn(METADATA, word) || Object.hasOwn(METADATA, lower) || word.startsWith('uri:')) {
      const kind = METADATA[lower] ?? METADATA[word] ?? (word.startsWith('uri:') ? 'text' : null);
      if (!name) return;
      if (kind === null) {
        walk.leftOut.set(name, `${rawType} is recorded by the device`);
        return void warnings.push({ ...where('type'), message: `${rawType} is recorded by the device; this engine does not: ${name} is left out` });
      }
      const id = allocate(name);
      const item: Node = kind === 'today' ? { id, type: 'calculate', expression: 'today()' } : { id, type: kind, label: { vi: name, en: name } };
      place(item, id, kind === 'today' ? 'calculate' : kind);
      return void warnings.push({ ...where('type'), message: kind === 'today' ? `${rawType}: the date of the interview, calculated as today()` : `${rawType} is filled in by the device in ODK: here a ${kind} item, not required` });
    }
    if (FILES.has(word)) {
      if (name) walk.leftOut.set(name, `${rawType} questions are not taken`);
      return void warnings.push({ ...where('type'), message: `${rawType} questions are not taken (no files, traces or rankings): ${name || 'this row'} is left out` });
    }
    const list = /^select_(one|multiple)$/.test(word) ? (rawType.split(' ')[1] ?? '') : '';
    const external = EXTERNAL_SELECTS.has(word) || AS_TEXT.has(word) || (list !== '' && !listNames.has(list));
    const type = external ? 'text' : TYPES[word];
    if (!type) return void errors.push({ ...where('type'), message: `unknown type "${rawType}"`, code: 'xlsform_unknown_type', params: { xlsformType: rawType } });
    if (!name) return void errors.push({ ...where('name'), message: 'a question needs a name', code: 'xlsform_question_needs_name', params: {} });
    const id = allocate(name);
    const item: Node = { id, type };
    if (type !== 'calculate') item.label = label(row) ?? { vi: name, en: name };
    const itemHint = hint(row);
    if (itemHint && type !== 'calculate') item.hint = itemHint;
    const required = cell(row, 'required').toLowerCase();
    if (['yes', 'true', 'true()', '1'].includes(required) && type !== 'note' && type !== 'calculate') item.required = true;
    if (external) warnings.push({ ...where('type'), message: AS_TEXT.has(word) ? `${word}: this engine keeps no files or traces, so ${name} is answered as text (ODK stores a file's name)` : `${rawType}: the choices are not in the choices sheet (an external file), so ${name} is answered as text` });
    if (type === 'select_one' || type === 'select_multiple') {
      if (!list) return void errors.push({ ...where('type'), message: `${word} needs the name of a choice list`, code: 'xlsform_needs_list', params: { xlsformType: word } });
      item.choices = list;
      if (/\bor_other\b/.test(lower)) {
        walk.otherLists.add(list);
        warnings.push({ ...where('type'), message: 'or_other: the choice "other" is offered; the "other" text is not asked' });
      }
      if (cell(row, 'choice_filter')) warnings.push({ ...where('choice_filter'), message: 'choice_filter is not applied: every choice is offered' });
    }
    if (word === 'range') {
      const parameters = Object.fromEntries([...cell(row, 'parameters').matchAll(/(\w+)\s*=\s*(-?[\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
      if (parameters.start !== undefined) item.min = Math.min(parameters.start, parameters.end ?? parameters.start);
      if (parameters.end !== undefined) item.max = Math.max(parameters.end, parameters.start ?? parameters.end);
      if (Number.isInteger(parameters.step ?? 1) && Number.isInteger(parameters.start ?? 0)) item.type = 'integer';
    }
    const context = { self: id, here: [...places, name], enclosing: rosters };
    if (type === 'calculate') {
      if (!cell(row, 'calculation')) {
        walk.leftOut.set(name, 'it has no calculation');
        return void warnings.push({ ...where('calculation'), message: `${name} has no calculation: left out` });
      }
      expression(item, 'expression', 'calculation', context);
    } else {
      expression(item, 'relevant', 'relevant', context);
      if (type !== 'note') {
        expression(item, 'constraint', 'constraint', context);
        const message = constraintMessage(row);
        if (message && cell(row, 'constraint')) item.constraintMessage = message;
      }
    }
    place(item, id, item.type as QuestionType);
  });
  for (const open of stack.slice(1)) errors.push({ sheet: survey.name, row: open.row, column: letters(typeColumn), message: `begin ${open.type === 'section' ? 'group' : 'repeat'} ${String(open.item.id)} is never ended`, code: 'xlsform_never_ended', params: { kind: open.type === 'section' ? 'group' : 'repeat', id: String(open.item.id) } });
  return walk;
}
