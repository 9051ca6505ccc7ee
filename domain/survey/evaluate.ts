import { celList, celMap, type CelInput, type CelMap } from '@bufbuild/cel';
import type { FieldError } from '../errors.js';
import { evaluate, freeNames, parseExpression, toJson, type Bindings } from './expressions.js';
import { isRoster, levelItems, LIMITS, type Bilingual, type Choice, type Item, type Question, type Roster } from './questionnaire.js';
import { isRecord, memo, typeLevel, wrong, type TypedLevel, type Wrong } from './typed-answers.js';

export { isCalendarDate, typedAnswer } from './typed-answers.js';

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

const idsOf = memo((level: readonly (Question | Roster)[]): ReadonlySet<string> => new Set(level.map((i) => i.id)));
const checksByScope = memo((checks: readonly CheckDefinition[]): ReadonlyMap<string, CheckDefinition[]> => {
  const found = new Map<string, CheckDefinition[]>();
  for (const check of checks) if (check.scope !== undefined) found.set(check.scope, [...(found.get(check.scope) ?? []), check]);
  return found;
});

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
