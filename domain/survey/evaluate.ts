import { celList, celMap, type CelInput, type CelList, type CelMap } from '@bufbuild/cel';
import type { FieldError, ProblemParams } from '../errors.js';
import { evaluate, freeNames, parseExpression, toJson, type Bindings } from './expressions.js';
import { choicesOf, isRoster, levelItems, LIMITS, type Bilingual, type Choice, type Item, type Question, type Roster } from './questionnaire.js';

/**
 * One evaluator of a response against its questionnaire, for the server and the browser
 * alike: types, ranges and choices, relevance, constraints, calculations and edit checks,
 * every problem named by its path in the answers (`persons[2].age`, rows counted from 1).
 *
 * Order: a level's items are taken in document order. An expression sees the answers as
 * given, except that an item found not relevant is already removed and a calculation
 * already made; inside a roster row it also sees the enclosing levels and `_row`.
 */

export interface CheckDefinition {
  readonly id: string;
  readonly expression: string;
  readonly severity: 'block' | 'warn';
  readonly message: Bilingual;
  /** A roster: the check runs once per row of it. */
  readonly scope?: string | undefined;
}

export interface Questionnaire {
  readonly items: readonly Item[];
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  readonly checks: readonly CheckDefinition[];
}

export interface CheckResult {
  readonly id: string;
  readonly severity: 'block' | 'warn';
  readonly message: Bilingual;
  /** `failed`: the expression was false; `skipped`: it could not be evaluated (an item it reads is empty). */
  readonly outcome: 'failed' | 'skipped';
  /** The row a scoped check ran on, as `persons[2]`. */
  readonly row?: string;
}

/** What the form shows of one item: whether it is asked, its problem, and a calculation's value. */
export interface ItemState {
  readonly relevant: boolean;
  readonly problem?: string;
  readonly value?: unknown;
}

export interface Evaluation {
  /** What is stored: relevant answers and the calculations, nothing else. */
  readonly data: Record<string, unknown>;
  /** Refusals: a value of the wrong type, out of range, not a choice, missing though required, against its constraint. */
  readonly errors: FieldError[];
  /** Block-severity checks that failed. */
  readonly failed: CheckResult[];
  /** Warn-severity failures, and checks that could not run. */
  readonly warnings: CheckResult[];
  /** By answer path (`members`, `persons`, `persons[1].age`). */
  readonly states: ReadonlyMap<string, ItemState>;
}

type Wrong = { problem: string; code: string; params: ProblemParams }; // An answer's problem: English words, a code and values for the UI.
const wrong = (problem: string, code: string, params: ProblemParams = {}): Wrong => ({ problem, code, params });
type Typed = { json: unknown; cel: CelInput } | Wrong | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (no 30 February); every year of four digits is a year of the proleptic Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** `make(key)`, worked out once per key (a level, a choice list, a questionnaire's checks) rather than once per row. */
function memo<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make(key)));
    return value;
  };
}

const valuesOf = memo((choices: readonly Choice[]): ReadonlySet<string> => new Set(choices.map((c) => c.value)));
const idsOf = memo((level: readonly (Question | Roster)[]): ReadonlySet<string> => new Set(level.map((i) => i.id)));
const checksByScope = memo((checks: readonly CheckDefinition[]): ReadonlyMap<string, CheckDefinition[]> => {
  const found = new Map<string, CheckDefinition[]>();
  for (const check of checks) if (check.scope !== undefined) found.set(check.scope, [...(found.get(check.scope) ?? []), check]);
  return found;
});

function typedNumber(question: Question, value: unknown, integer: boolean): Typed {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return integer ? wrong('must be a whole number', 'not_integer') : wrong('must be a number', 'not_number');
  if (question.min !== undefined && value < question.min) return wrong(`must be at least ${question.min}`, 'below_min', { min: question.min });
  if (question.max !== undefined && value > question.max) return wrong(`must be at most ${question.max}`, 'above_max', { max: question.max });
  return { json: value, cel: integer ? BigInt(value) : value };
}

const typedText = (value: unknown, ok: boolean, problem: Wrong): Typed => (ok ? { json: value, cel: value as string } : problem);

/** A raw answer as the item's type: what is stored and what expressions see, or what is wrong with it. */
export function typedAnswer(question: Question, value: unknown, lists: Questionnaire['choiceLists']): Typed {
  if (isEmpty(value)) return null;
  const isText = typeof value === 'string';
  switch (question.type) {
    case 'integer':
    case 'decimal':
      return typedNumber(question, value, question.type === 'integer');
    case 'text': {
      const max = question.maxLength ?? 2000;
      return typedText(value, isText && (value as string).length <= max, isText ? wrong(`must be at most ${max} characters`, 'too_long', { max }) : wrong('must be text', 'not_text'));
    }
    case 'select_one': {
      const values = valuesOf(choicesOf(question, lists));
      if (isText && values.has(value as string)) return { json: value, cel: value as string };
      const choices = `${[...values].slice(0, 20).join(', ')}${values.size > 20 ? ', …' : ''}`;
      return wrong(`must be one of ${choices}`, 'not_a_choice', { choices });
    }
    case 'select_multiple': {
      const values = valuesOf(choicesOf(question, lists));
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && values.has(v))) return wrong('must be a list of its choices', 'not_choices');
      if (new Set(value).size !== value.length) return wrong('must not repeat a choice', 'repeated_choice');
      return { json: value, cel: value as string[] };
    }
    case 'date': return typedText(value, isText && isCalendarDate(value as string), wrong('must be a date YYYY-MM-DD', 'not_date'));
    case 'time': return typedText(value, isText && TIME.test(value as string), wrong('must be a time HH:MM or HH:MM:SS', 'not_time'));
    case 'datetime': return typedText(value, isText && DATETIME.test(value as string) && !Number.isNaN(Date.parse(value as string)), wrong('must be a date and time with its offset, like 2026-12-06T09:30:00+07:00', 'not_datetime'));
    case 'boolean': return typeof value === 'boolean' ? { json: value, cel: value } : wrong('must be true or false', 'not_boolean');
    case 'geopoint': return typedPoint(value);
    case 'note': return wrong('is a note: it takes no answer', 'note_takes_no_answer');
    case 'calculate': return null; // Calculated here, whatever was sent.
    default: {
      const unknown: never = question.type;
      return wrong(`has an unknown type ${String(unknown)}`, 'unknown_type', { type: String(unknown) });
    }
  }
}

function typedPoint(value: unknown): Typed {
  const point = value as Record<string, unknown>;
  const ok =
    typeof value === 'object' && !Array.isArray(value) && Object.keys(point).every((k) => k === 'lat' || k === 'lon' || k === 'accuracy') &&
    typeof point.lat === 'number' && point.lat >= -90 && point.lat <= 90 && typeof point.lon === 'number' && point.lon >= -180 && point.lon <= 180 &&
    (point.accuracy === undefined || (typeof point.accuracy === 'number' && point.accuracy >= 0 && Number.isFinite(point.accuracy)));
  if (!ok) return wrong('must be a point {lat, lon, accuracy?} in degrees (and metres)', 'not_geopoint');
  const json = { lat: point.lat as number, lon: point.lon as number, ...(point.accuracy === undefined ? {} : { accuracy: point.accuracy as number }) };
  return { json, cel: json };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A level's answers, each typed once: the walk checks them, and expressions see them before the level is walked. */
interface TypedLevel {
  readonly answers: ReadonlyMap<string, Typed>;
  readonly rosters: ReadonlyMap<string, TypedRows>;
  /** The level as its enclosing level's expressions first see it: typed answers only, nothing checked yet. */
  readonly given: CelMap;
  readonly gaps: boolean; // some question is unanswered or refused: expressions' values are remembered (valueOf)
}

interface TypedRows {
  /** One per row given; undefined where a row is not an object. */
  readonly levels: readonly (TypedLevel | undefined)[];
  readonly given: CelList;
}

// CEL's own values (rather than arrays and objects, which CEL converts again on every read).
const EMPTY_MAP = celMap(new Map());
const NO_ROWS: TypedRows = { levels: [], given: celList([]) };

function typeLevel(level: readonly (Question | Roster)[], raw: Record<string, unknown>, lists: Questionnaire['choiceLists']): TypedLevel {
  const answers = new Map<string, Typed>();
  const rosters = new Map<string, TypedRows>();
  const given = new Map<string, CelInput>();
  let gaps = false;
  for (const item of level) {
    if (isRoster(item)) {
      const rows = typeRows(item, raw[item.id], lists);
      rosters.set(item.id, rows);
      given.set(item.id, rows.given);
    } else {
      const typed = typedAnswer(item, raw[item.id], lists);
      answers.set(item.id, typed);
      if (typed && 'cel' in typed) given.set(item.id, typed.cel);
      else gaps ||= item.type !== 'calculate' && item.type !== 'note';
    }
  }
  return { answers, rosters, given: celMap(given), gaps };
}

function typeRows(roster: Roster, value: unknown, lists: Questionnaire['choiceLists']): TypedRows {
  if (!Array.isArray(value)) return NO_ROWS;
  const level = levelItems(roster.items);
  const levels = value.map((row) => (isRecord(row) ? typeLevel(level, row, lists) : undefined));
  return { levels, given: celList(levels.map((typed) => typed?.given ?? EMPTY_MAP)) };
}

const RELEVANT: ItemState = Object.freeze({ relevant: true });
const NOT_RELEVANT: ItemState = Object.freeze({ relevant: false });

/**
 * The states by path, put into a Map only when first read: the server's check of a
 * submission never reads them, and hashing a path for each of a large roster's items cost
 * it a sixth of its time. Reads behave as a Map's.
 */
class States implements ReadonlyMap<string, ItemState> {
  private pending: { paths: string[]; states: ItemState[] } | undefined = { paths: [], states: [] };
  private readonly map = new Map<string, ItemState>();
  add(path: string, state: ItemState): void {
    if (!this.pending) return void this.map.set(path, state);
    this.pending.paths.push(path);
    this.pending.states.push(state);
  }
  private read(): Map<string, ItemState> {
    const { pending } = this;
    if (pending) pending.paths.forEach((path, i) => this.map.set(path, pending.states[i]!));
    this.pending = undefined;
    return this.map;
  }
  get size() { return this.read().size; }
  get = (path: string) => this.read().get(path);
  has = (path: string) => this.read().has(path);
  forEach = (callback: (state: ItemState, path: string, map: ReadonlyMap<string, ItemState>) => void, thisArg?: unknown) => this.read().forEach((state, path) => callback.call(thisArg, state, path, this));
  entries = () => this.read().entries();
  keys = () => this.read().keys();
  values = () => this.read().values();
  [Symbol.iterator] = () => this.read().entries();
}

/** The names an expression reads; null for one whose values are not remembered (unparsable, or reading the clock). */
const reads = new Map<string, readonly string[] | null>();
function readsOf(text: string): readonly string[] | null | undefined {
  const parsed = reads.has(text) ? undefined : parseExpression(text);
  return parsed ? reads.set(text, 'expr' in parsed && !/\b(now|today)\s*\(/.test(text) ? [...freeNames(parsed.expr)] : null).get(text) : reads.get(text);
}
/** A plain value as part of a memo key (`null|`, `i15|`, `d1.5|`, `s3:abc|`); undefined for a list or a row. */
const keyOf = (v: unknown): string | undefined =>
  typeof v === 'bigint' ? `i${v}|` : typeof v === 'number' ? `d${Object.is(v, -0) ? '-0' : v}|` : typeof v === 'string' ? `s${v.length}:${v}|` : v === null || v === undefined || typeof v === 'boolean' ? `${v}|` : undefined;

/**
 * An expression's value; on a level with gaps, remembered for the evaluation by the plain values of the names it reads, which
 * alone make it: an empty answer sends an expression to CEL, whose error (an Error, with its stack) costs more than all the rest.
 */
function valueOf(run: Run, walk: Walk, text: string): unknown {
  const parts = walk.typed.gaps ? readsOf(text)?.map((name) => keyOf(walk.bindings[name])) : undefined;
  if (!parts || parts.includes(undefined)) return evaluate(text, walk.bindings);
  const values = run.memo.get(text) ?? run.memo.set(text, new Map()).get(text)!;
  const key = parts.join('');
  if (!values.has(key)) values.set(key, evaluate(text, walk.bindings));
  return values.get(key);
}

/** One evaluation under way: what it has found so far. */
interface Run {
  readonly memo: Map<string, Map<string, unknown>>;
  readonly scoped: ReadonlyMap<string, CheckDefinition[]>;
  readonly errors: FieldError[];
  readonly failed: CheckResult[];
  readonly warnings: CheckResult[];
  readonly states: States;
  rows: number;
}

/**
 * One level being walked (the top, or a roster row). Its bindings inherit the enclosing
 * level's rather than copying them: a row sees its level's names first, then the outer ones.
 */
interface Walk {
  readonly typed: TypedLevel;
  readonly raw: Record<string, unknown>;
  readonly bindings: Bindings;
  readonly prefix: string;
  /** What is stored of the level. */
  readonly stored: Record<string, unknown>;
  /** What the enclosing level's expressions see of it once it is checked. */
  readonly map: Map<string, CelInput>;
}

/**
 * What checks and the form see besides the answers: the unit's attributes in the frame as
 * `unit` (whole numbers as CEL ints, others as doubles) and its approved response of the
 * survey's previous cycle as `previous` (typed by this questionnaire's items; null when there
 * is none). An item of the same name hides either.
 */
export interface ResponseContext {
  readonly unit?: Readonly<Record<string, string | number | boolean>>;
  readonly previous?: Record<string, unknown> | null;
}

function contextBindings(questionnaire: Questionnaire, context: ResponseContext): Bindings {
  const unit = new Map<string, CelInput>();
  for (const [name, value] of Object.entries(context.unit ?? {})) unit.set(name, typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value);
  const previous = context.previous ? typeLevel(levelItems(questionnaire.items), context.previous, questionnaire.choiceLists).given : null;
  return { unit: celMap(unit), previous };
}

export function evaluateResponse(questionnaire: Questionnaire, answers: Record<string, unknown>, context: ResponseContext = {}): Evaluation {
  const run: Run = { memo: new Map(), scoped: checksByScope(questionnaire.checks), errors: [], failed: [], warnings: [], states: new States(), rows: 0 };
  const typed = typeLevel(levelItems(questionnaire.items), answers, questionnaire.choiceLists);
  const top = walkLevel(run, questionnaire.items, typed, answers, contextBindings(questionnaire, context), '', null);
  for (const check of questionnaire.checks) if (check.scope === undefined) runCheck(run, check, top);
  return { data: top.stored, errors: run.errors, failed: run.failed, warnings: run.warnings, states: run.states };
}

function runCheck(run: Run, check: CheckDefinition, walk: Walk, row?: string): void {
  const value = valueOf(run, walk, check.expression);
  if (value === true) return;
  const base = { id: check.id, severity: check.severity, message: check.message, ...(row === undefined ? {} : { row }) };
  if (typeof value !== 'boolean') run.warnings.push({ ...base, outcome: 'skipped' });
  else (check.severity === 'block' ? run.failed : run.warnings).push({ ...base, outcome: 'failed' });
}

function walkLevel(run: Run, items: readonly Item[], typed: TypedLevel, raw: Record<string, unknown>, outer: Bindings, prefix: string, row: number | null): Walk {
  const level = levelItems(items);
  const known = idsOf(level);
  for (const key of Object.keys(raw)) if (!known.has(key)) run.errors.push({ path: `${prefix}${key}`, message: 'is not an item of this survey', code: 'not_an_item', params: {} });

  const bindings: Bindings = Object.create(outer) as Bindings;
  if (row !== null) bindings._row = BigInt(row);
  for (const item of level) {
    const answer = typed.answers.get(item.id);
    bindings[item.id] = isRoster(item) ? typed.rosters.get(item.id)!.given : answer && 'cel' in answer ? answer.cel : null;
  }
  const walk: Walk = { typed, raw, bindings, prefix, stored: {}, map: new Map() };
  for (const item of items) visit(run, walk, item, true);
  return walk;
}

function visit(run: Run, walk: Walk, item: Item, asked: boolean): void {
  const { bindings } = walk;
  const relevant = asked && (item.relevant === undefined || valueOf(run, walk, item.relevant) === true);
  if (item.type === 'section') {
    for (const inner of item.items) visit(run, walk, inner, relevant);
    return;
  }
  const path = `${walk.prefix}${item.id}`;
  if (isRoster(item)) {
    run.states.add(path, relevant ? RELEVANT : NOT_RELEVANT);
    if (!relevant) bindings[item.id] = [];
    else walkRoster(run, item, walk, path);
    return;
  }
  const question = item;
  if (!relevant) {
    bindings[question.id] = null;
    run.states.add(path, NOT_RELEVANT);
    return;
  }
  if (question.type === 'calculate') {
    const value = valueOf(run, walk, question.expression ?? 'null');
    const json = toJson(value);
    bindings[question.id] = value === undefined || json === null ? null : (value as CelInput);
    if (json !== null) {
      walk.stored[question.id] = json;
      walk.map.set(question.id, value as CelInput);
    }
    run.states.add(path, { relevant: true, value: json });
    return;
  }
  const answer = walk.typed.answers.get(question.id) ?? null;
  const own = question.constraintMessage; // The form's own words: the UI shows them in the language it speaks.
  let found: Wrong | undefined;
  if (answer && 'problem' in answer) found = answer;
  else if (!answer && question.required) found = wrong('is required', 'required');
  else if (answer && question.constraint !== undefined && valueOf(run, walk, question.constraint) === false) found = own ? wrong(own.en, 'constraint_message', { vi: own.vi, en: own.en }) : wrong('does not meet its constraint', 'constraint_failed');
  if (found) {
    run.errors.push({ path, message: found.problem, code: found.code, params: found.params });
    bindings[question.id] = null;
  } else if (answer && 'json' in answer) {
    walk.stored[question.id] = answer.json;
    walk.map.set(question.id, answer.cel);
  }
  run.states.add(path, found ? { relevant: true, problem: found.problem } : RELEVANT);
}

function walkRoster(run: Run, roster: Roster, outer: Walk, path: string): void {
  const { bindings } = outer;
  const value = outer.raw[roster.id];
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    run.errors.push({ path, message: 'must be a list of rows', code: 'not_rows', params: {} });
    bindings[roster.id] = [];
    return;
  }
  const given = (value ?? []) as unknown[];
  const size = roster.size === undefined ? null : bindings[roster.size];
  if (typeof size === 'bigint' && BigInt(given.length) !== size) run.errors.push({ path, message: `must have ${size} rows, as ${roster.size} says; it has ${given.length}`, code: 'row_count', params: { rows: Number(size), size: roster.size ?? '', count: given.length } });
  if (given.length > roster.maxRows) run.errors.push({ path, message: `must have at most ${roster.maxRows} rows`, code: 'too_many_rows', params: { max: roster.maxRows } });
  run.rows += given.length;
  if (run.rows > LIMITS.rowsPerResponse) {
    run.errors.push({ path, message: `takes the response over ${LIMITS.rowsPerResponse} roster rows`, code: 'too_many_response_rows', params: { max: LIMITS.rowsPerResponse } });
    bindings[roster.id] = [];
    return;
  }
  const typed = outer.typed.rosters.get(roster.id)!;
  const checks = run.scoped.get(roster.id) ?? [];
  const storedRows: Record<string, unknown>[] = [];
  const maps: CelMap[] = [];
  given.forEach((rowValue, i) => {
    const rowPath = `${path}[${i + 1}]`;
    if (!isRecord(rowValue)) return void run.errors.push({ path: rowPath, message: 'must be an object of answers', code: 'not_a_row', params: {} });
    const row = walkLevel(run, roster.items, typed.levels[i]!, rowValue, bindings, `${rowPath}.`, i + 1);
    storedRows.push(row.stored);
    maps.push(celMap(row.map));
    for (const check of checks) runCheck(run, check, row, rowPath);
  });
  const rows = celList(maps);
  bindings[roster.id] = rows;
  outer.stored[roster.id] = storedRows;
  outer.map.set(roster.id, rows);
}
