import { validation } from '../errors.js';
import { choicesOf, isRoster, levelItems, type Bilingual, type Choice, type Item, type Question, type QuestionType } from '../survey/questionnaire.js';

/**
 * The microdata of a survey as one table per level: the unit level (one row per task) and one
 * per roster, nested rosters included (one row per roster row). Every version of the
 * questionnaire is joined by item path: a variable is a level and an item id, and a table has
 * the union of the versions' variables, in the newest version's order, then the items only
 * older versions have. A response fills the columns its own version has; the rest stay empty.
 *
 * Columns, one convention for every file and the codebook:
 * - a question or a calculation is one column named by its id; notes are left out;
 * - a `select_multiple` is its raw answer (the chosen values, space-separated, as ODK and
 *   XLSForm tools export it) named by its id, then one 0/1 column per choice named
 *   `<id>_<value>` (the value with every character other than a letter, digit or `_` as `_`);
 * - a `geopoint` is `<id>_lat`, `<id>_lon` and `<id>_accuracy`;
 * - values are codes, never labels: a choice's value, a boolean as 1/0, numbers as JSON writes them;
 * - an item not asked (not relevant, or absent from the response's version) is an empty cell.
 * A derived name that another column already has gets `_2`, `_3`… appended.
 */

export interface QuestionnaireVersion {
  readonly version: number;
  readonly questionnaire: {
    readonly items: readonly Item[];
    readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  };
}

export interface MicrodataResponse {
  readonly taskId: string;
  readonly unitId: string;
  readonly areaCode: string;
  /** The questionnaire version the response was given against. */
  readonly version: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * `observed`: a calculation's column, numeric or not depending on what it computed; a
 * {@link Tally} records which it was.
 */
export type ColumnFormat = 'numeric' | 'character' | 'observed';

export type ColumnPart =
  | { readonly kind: 'key'; readonly key: KeyName }
  | { readonly kind: 'value' }
  | { readonly kind: 'choice'; readonly choice: Choice }
  | { readonly kind: 'lat' | 'lon' | 'accuracy' };

export interface Column {
  readonly name: string;
  readonly part: ColumnPart;
  readonly format: ColumnFormat;
}

export interface Variable {
  /** The item's id, the same in every version. */
  readonly id: string;
  /** Its definition in the newest version that has it. */
  readonly question: Question;
  /** A select's choices: the newest version's, then values only older versions offered. */
  readonly choices: readonly Choice[];
  /** The versions whose questionnaire has it, oldest first. */
  readonly versions: readonly number[];
  readonly columns: readonly Column[];
}

export type KeyName = 'taskId' | 'unitId' | 'areaCode' | 'version' | 'row';

export interface KeyColumn extends Column {
  readonly part: { readonly kind: 'key'; readonly key: KeyName };
}

export interface Level {
  /** The roster's id, or the unit level's name. */
  readonly id: string;
  readonly label: Bilingual;
  /** The enclosing level, null for the unit level. */
  readonly parent: string | null;
  /** The rosters from the top down to this level in each version that has it (empty for the unit level). */
  readonly paths: ReadonlyMap<number, readonly string[]>;
  /** `taskId`, `unitId`, `areaCode` and `version` on the unit level; `taskId` and `row` on a roster's. */
  readonly keys: readonly KeyColumn[];
  readonly variables: readonly Variable[];
  /** Every column in file order: the keys, then each variable's. */
  readonly columns: readonly Column[];
}

export interface MicrodataLayout {
  readonly unitLevel: string;
  /** The unit level first, then the rosters, each after the level that encloses it. */
  readonly levels: readonly Level[];
  /** Oldest first. */
  readonly versions: readonly number[];
}

export interface LayoutOptions {
  /** The unit level's name: the survey's unit type, say `household`. Default `unit`. */
  readonly unitLevel?: string;
  readonly unitLabel?: Bilingual;
}

const UNIT_KEYS: readonly KeyName[] = ['taskId', 'unitId', 'areaCode', 'version'];
const ROSTER_KEYS: readonly KeyName[] = ['taskId', 'row'];
const KEY_FORMAT: Record<KeyName, ColumnFormat> = { taskId: 'character', unitId: 'character', areaCode: 'character', version: 'numeric', row: 'character' };

interface Seen {
  question: Question;
  choices: Choice[];
  versions: number[];
}

interface LevelDraft {
  id: string;
  label: Bilingual;
  parent: string | null;
  paths: Map<number, readonly string[]>;
  /** In column order, and by item id. */
  order: Seen[];
  seen: Map<string, Seen>;
}

/** The levels and columns of a survey's microdata, over all its questionnaire versions. */
export function microdataLayout(versions: readonly QuestionnaireVersion[], options: LayoutOptions = {}): MicrodataLayout {
  if (versions.length === 0) throw validation('microdata needs at least one questionnaire version');
  const unitLevel = options.unitLevel ?? 'unit';
  // It names a file and the codebook's ids, as a roster's id does.
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(unitLevel)) throw validation(`the unit level's name "${unitLevel}" must be a letter followed by letters, digits or _`);
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const drafts = new Map<string, LevelDraft>();
  const draft = (id: string, label: Bilingual, parent: string | null): LevelDraft => {
    let level = drafts.get(id);
    if (!level) drafts.set(id, (level = { id, label, parent, paths: new Map(), order: [], seen: new Map() }));
    return level;
  };

  const unit = draft(unitLevel, options.unitLabel ?? { vi: 'Đơn vị', en: 'Unit' }, null);
  for (const { version, questionnaire } of newestFirst) {
    const visit = (items: readonly Item[], level: LevelDraft, path: readonly string[]) => {
      level.paths.set(version, path);
      for (const item of levelItems(items)) {
        if (isRoster(item)) {
          if (item.id === unitLevel) throw validation(`a roster is named "${unitLevel}", the unit level's name: choose another unitLevel`);
          visit(item.items, draft(item.id, item.label, level.id), [...path, item.id]);
          continue;
        }
        if (item.type === 'note') continue;
        const seen = level.seen.get(item.id);
        const choices = choicesOf(item, questionnaire.choiceLists);
        if (!seen) {
          const first: Seen = { question: item, choices: [...choices], versions: [version] };
          level.order.push(first);
          level.seen.set(item.id, first);
        } else {
          seen.versions.unshift(version);
          for (const choice of choices) if (!seen.choices.some((c) => c.value === choice.value)) seen.choices.push(choice);
        }
      }
    };
    visit(questionnaire.items, unit, []);
  }

  const ordered = orderLevels(unit, [...drafts.values()]);
  return { unitLevel, levels: ordered.map(finishLevel), versions: newestFirst.map((v) => v.version).reverse() };
}

/** Each level after its parent, siblings in the order first met (newest version first). */
function orderLevels(unit: LevelDraft, drafts: LevelDraft[]): LevelDraft[] {
  const out: LevelDraft[] = [unit];
  const place = (id: string) => {
    for (const level of drafts) {
      if (level.parent !== id) continue;
      out.push(level);
      place(level.id);
    }
  };
  place(unit.id);
  return out;
}

function finishLevel(draft: LevelDraft): Level {
  const keyNames = draft.parent === null ? UNIT_KEYS : ROSTER_KEYS;
  const taken = new Set<string>(keyNames);
  const keys: KeyColumn[] = keyNames.map((key) => ({ name: key, part: { kind: 'key', key }, format: KEY_FORMAT[key] }));
  // An item's own id names its column unless a key has it; derived names come after.
  const own = draft.order.map((seen) => claim(taken, seen.question.id));
  const variables = draft.order.map((seen, i): Variable => {
    const q = seen.question;
    const id = q.id;
    const name = own[i] ?? id;
    let columns: Column[];
    switch (q.type) {
      case 'select_multiple':
        columns = [
          { name, part: { kind: 'value' }, format: 'character' },
          ...seen.choices.map((choice): Column => ({ name: claim(taken, `${id}_${choice.value.replace(/[^A-Za-z0-9_]/g, '_')}`), part: { kind: 'choice', choice }, format: 'numeric' })),
        ];
        break;
      case 'geopoint':
        columns = (['lat', 'lon', 'accuracy'] as const).map((kind) => ({ name: claim(taken, `${id}_${kind}`), part: { kind }, format: 'numeric' }));
        break;
      default:
        columns = [{ name, part: { kind: 'value' }, format: valueFormat(q.type, seen.choices) }];
    }
    return { id, question: q, choices: seen.choices, versions: seen.versions, columns };
  });
  return {
    id: draft.id,
    label: draft.label,
    parent: draft.parent,
    paths: draft.paths,
    keys,
    variables,
    columns: [...keys, ...variables.flatMap((v) => v.columns)],
  };
}

function claim(taken: Set<string>, wanted: string): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
  taken.add(name);
  return name;
}

const NUMERIC_CODE = /^-?\d+(\.\d+)?$/;

function valueFormat(type: QuestionType, choices: readonly Choice[]): ColumnFormat {
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'boolean':
      return 'numeric';
    case 'select_one':
      return choices.length > 0 && choices.every((c) => NUMERIC_CODE.test(c.value)) ? 'numeric' : 'character';
    case 'calculate':
      return 'observed';
    default:
      return 'character';
  }
}

export function findLevel(layout: MicrodataLayout, id: string): Level | undefined {
  return layout.levels.find((level) => level.id === id);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The roster rows of one level in one response, with their paths (`2`, `2.1`). */
function* rowsAt(data: Readonly<Record<string, unknown>>, path: readonly string[], prefix = ''): Generator<[string, Readonly<Record<string, unknown>>]> {
  const [roster, ...inner] = path;
  if (roster === undefined) {
    yield [prefix, data];
    return;
  }
  const rows = data[roster];
  if (!Array.isArray(rows)) return;
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (isRecord(row)) yield* rowsAt(row, inner, prefix === '' ? `${i + 1}` : `${prefix}.${i + 1}`);
  }
}

/**
 * One response's rows on one level, each a cell per column (codes as text, empty when not
 * asked). A response of a version that lacks the level has none; one of a version this layout
 * does not know is read with the newest version's nesting.
 */
export function* levelRows(layout: MicrodataLayout, level: Level, response: MicrodataResponse): Generator<string[]> {
  const path = level.paths.get(response.version) ?? level.paths.get(layout.versions[layout.versions.length - 1]!);
  if (path === undefined) return;
  for (const [row, data] of rowsAt(response.data, path)) {
    const cells: string[] = [];
    for (const { part } of level.keys) cells.push(part.key === 'row' ? row : String(response[part.key]));
    for (const variable of level.variables) {
      const value = data[variable.id];
      for (const column of variable.columns) cells.push(cell(column.part, value));
    }
    yield cells;
  }
}

/** A value as the code written in its column. */
export function cell(part: ColumnPart, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (part.kind) {
    case 'key':
    case 'value':
      return code(value);
    case 'choice': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
      return chosen.includes(part.choice.value) ? '1' : '0';
    }
    case 'lat':
    case 'lon':
    case 'accuracy': {
      const coordinate = isRecord(value) ? value[part.kind] : undefined;
      return typeof coordinate === 'number' ? String(coordinate) : '';
    }
    default: {
      const unknown: never = part;
      throw new Error(`unknown column part ${JSON.stringify(unknown)}`);
    }
  }
}

function code(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  return JSON.stringify(value);
}

/**
 * What writing the tables found out, for the codebook: each level's number of rows, and which
 * `observed` columns held anything but numbers.
 */
export class Tally {
  readonly cases = new Map<string, number>();
  private readonly nonNumeric = new Set<string>();
  private readonly observed = new WeakMap<Level, number[]>();

  count(level: Level, cells: readonly string[]): void {
    this.cases.set(level.id, (this.cases.get(level.id) ?? 0) + 1);
    let indices = this.observed.get(level);
    if (!indices) {
      indices = level.columns.flatMap((column, i) => (column.format === 'observed' ? [i] : []));
      this.observed.set(level, indices);
    }
    for (const i of indices) {
      const text = cells[i];
      if (text !== undefined && text !== '' && !Number.isFinite(Number(text))) this.nonNumeric.add(`${level.id}\u0000${level.columns[i]!.name}`);
    }
  }

  /** A column's format as written: an `observed` column is numeric unless a cell was not a number. */
  formatOf(level: Level, column: Column): 'numeric' | 'character' {
    if (column.format !== 'observed') return column.format;
    return this.nonNumeric.has(`${level.id}\u0000${column.name}`) ? 'character' : 'numeric';
  }
}
