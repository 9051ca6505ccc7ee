import type { CelInput } from '@bufbuild/cel';
import type { FieldError } from '../errors.js';
import { evaluate, toJson, type Bindings } from './expressions.js';
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

type Typed = { json: unknown; cel: CelInput } | { problem: string } | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists: a round trip refuses 30 February. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A raw answer as the item's type: what is stored and what expressions see, or what is wrong with it. */
export function typedAnswer(question: Question, value: unknown, lists: Questionnaire['choiceLists']): Typed {
  if (isEmpty(value)) return null;
  const number = (integer: boolean): Typed => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return { problem: integer ? 'must be a whole number' : 'must be a number' };
    if (question.min !== undefined && value < question.min) return { problem: `must be at least ${question.min}` };
    if (question.max !== undefined && value > question.max) return { problem: `must be at most ${question.max}` };
    return { json: value, cel: integer ? BigInt(value) : value };
  };
  const text = (ok: (v: string) => boolean, problem: string): Typed => (typeof value === 'string' && ok(value) ? { json: value, cel: value } : { problem });
  switch (question.type) {
    case 'integer':
      return number(true);
    case 'decimal':
      return number(false);
    case 'text': {
      const max = question.maxLength ?? 2000;
      return text((v) => v.length <= max, typeof value === 'string' ? `must be at most ${max} characters` : 'must be text');
    }
    case 'select_one': {
      const values = choicesOf(question, lists).map((c) => c.value);
      return text((v) => values.includes(v), `must be one of ${values.slice(0, 20).join(', ')}${values.length > 20 ? ', …' : ''}`);
    }
    case 'select_multiple': {
      const values = new Set(choicesOf(question, lists).map((c) => c.value));
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && values.has(v))) return { problem: 'must be a list of its choices' };
      if (new Set(value).size !== value.length) return { problem: 'must not repeat a choice' };
      return { json: value, cel: value as string[] };
    }
    case 'date':
      return text(isCalendarDate, 'must be a date YYYY-MM-DD');
    case 'time':
      return text((v) => TIME.test(v), 'must be a time HH:MM or HH:MM:SS');
    case 'datetime':
      return text((v) => DATETIME.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date and time with its offset, like 2026-12-06T09:30:00+07:00');
    case 'boolean':
      return typeof value === 'boolean' ? { json: value, cel: value } : { problem: 'must be true or false' };
    case 'geopoint': {
      const point = value as Record<string, unknown>;
      const ok =
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(point).every((k) => k === 'lat' || k === 'lon' || k === 'accuracy') &&
        typeof point.lat === 'number' && point.lat >= -90 && point.lat <= 90 &&
        typeof point.lon === 'number' && point.lon >= -180 && point.lon <= 180 &&
        (point.accuracy === undefined || (typeof point.accuracy === 'number' && point.accuracy >= 0 && Number.isFinite(point.accuracy)));
      if (!ok) return { problem: 'must be a point {lat, lon, accuracy?} in degrees (and metres)' };
      const json = { lat: point.lat as number, lon: point.lon as number, ...(point.accuracy === undefined ? {} : { accuracy: point.accuracy as number }) };
      return { json, cel: json };
    }
    case 'note':
      return { problem: 'is a note: it takes no answer' };
    case 'calculate':
      // Calculated here, whatever was sent.
      return null;
    default: {
      const unknown: never = question.type;
      return { problem: `has an unknown type ${String(unknown)}` };
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A roster's rows as expressions first see them: typed answers only, nothing checked yet. */
function typedRows(roster: Roster, rows: unknown, lists: Questionnaire['choiceLists']): Record<string, CelInput>[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => {
    const map: Record<string, CelInput> = {};
    if (!isRecord(row)) return map;
    for (const item of levelItems(roster.items)) {
      if (isRoster(item)) map[item.id] = typedRows(item, row[item.id], lists);
      else {
        const typed = typedAnswer(item, row[item.id], lists);
        if (typed && 'cel' in typed) map[item.id] = typed.cel;
      }
    }
    return map;
  });
}

const levelIds = new WeakMap<readonly Item[], ReadonlySet<string>>();

/** A level's ids, worked out once per level rather than once per row. */
function idsOf(level: readonly (Question | Roster)[]): ReadonlySet<string> {
  let ids = levelIds.get(level);
  if (!ids) {
    ids = new Set(level.map((i) => i.id));
    levelIds.set(level, ids);
  }
  return ids;
}

export function evaluateResponse(questionnaire: Questionnaire, answers: Record<string, unknown>): Evaluation {
  const errors: FieldError[] = [];
  const failed: CheckResult[] = [];
  const warnings: CheckResult[] = [];
  const states = new Map<string, ItemState>();
  const lists = questionnaire.choiceLists;
  let rows = 0;

  const runCheck = (check: CheckDefinition, bindings: Bindings, row?: string) => {
    const value = evaluate(check.expression, bindings);
    const base = { id: check.id, severity: check.severity, message: check.message, ...(row === undefined ? {} : { row }) };
    if (typeof value !== 'boolean') warnings.push({ ...base, outcome: 'skipped' });
    else if (!value) (check.severity === 'block' ? failed : warnings).push({ ...base, outcome: 'failed' });
  };

  /** One level (the top, or a roster row): what is stored of it, and the map its enclosing level sees. */
  const walkLevel = (items: readonly Item[], raw: Record<string, unknown>, outer: Bindings, prefix: string, row: number | null): { stored: Record<string, unknown>; map: Record<string, CelInput>; bindings: Bindings } => {
    const level = levelItems(items);
    const known = idsOf(level);
    for (const key of Object.keys(raw)) if (!known.has(key)) errors.push({ path: `${prefix}${key}`, message: 'is not an item of this survey' });

    const typed = new Map<string, Typed>();
    const bindings: Bindings = { ...outer, ...(row === null ? {} : { _row: BigInt(row) }) };
    for (const item of level) {
      if (isRoster(item)) bindings[item.id] = typedRows(item, raw[item.id], lists);
      else {
        const answer = typedAnswer(item, raw[item.id], lists);
        typed.set(item.id, answer);
        bindings[item.id] = answer && 'cel' in answer ? answer.cel : null;
      }
    }

    const stored: Record<string, unknown> = {};
    const map: Record<string, CelInput> = {};
    const visit = (item: Item, asked: boolean) => {
      const relevant = asked && (item.relevant === undefined || evaluate(item.relevant, bindings) === true);
      const path = `${prefix}${item.id}`;
      if (item.type === 'section') {
        for (const inner of item.items) visit(inner, relevant);
        return;
      }
      if (isRoster(item)) {
        states.set(path, { relevant });
        if (!relevant) return void (bindings[item.id] = []);
        walkRoster(item, raw[item.id], bindings, path, stored, map);
        return;
      }
      const question = item;
      if (!relevant) {
        bindings[question.id] = null;
        states.set(path, { relevant: false });
        return;
      }
      if (question.type === 'calculate') {
        const value = evaluate(question.expression ?? 'null', bindings);
        const json = toJson(value);
        bindings[question.id] = value === undefined || json === null ? null : (value as CelInput);
        if (json !== null) {
          stored[question.id] = json;
          map[question.id] = value as CelInput;
        }
        states.set(path, { relevant: true, value: json });
        return;
      }
      const answer = typed.get(question.id) ?? null;
      let problem: string | undefined;
      if (answer && 'problem' in answer) problem = answer.problem;
      else if (!answer && question.required) problem = 'is required';
      else if (answer && question.constraint !== undefined && evaluate(question.constraint, bindings) === false) {
        problem = question.constraintMessage?.en ?? 'does not meet its constraint';
      }
      if (problem) {
        errors.push({ path, message: problem });
        bindings[question.id] = null;
      } else if (answer && 'json' in answer) {
        stored[question.id] = answer.json;
        map[question.id] = answer.cel;
      }
      states.set(path, { relevant: true, ...(problem ? { problem } : {}) });
    };
    for (const item of items) visit(item, true);
    return { stored, map, bindings };
  };

  const walkRoster = (roster: Roster, value: unknown, bindings: Bindings, path: string, stored: Record<string, unknown>, map: Record<string, CelInput>) => {
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      errors.push({ path, message: 'must be a list of rows' });
      bindings[roster.id] = [];
      return;
    }
    const given = (value ?? []) as unknown[];
    const size = roster.size === undefined ? null : bindings[roster.size];
    if (typeof size === 'bigint' && BigInt(given.length) !== size) errors.push({ path, message: `must have ${size} rows, as ${roster.size} says; it has ${given.length}` });
    if (given.length > roster.maxRows) errors.push({ path, message: `must have at most ${roster.maxRows} rows` });
    rows += given.length;
    if (rows > LIMITS.rowsPerResponse) {
      errors.push({ path, message: `takes the response over ${LIMITS.rowsPerResponse} roster rows` });
      bindings[roster.id] = [];
      return;
    }
    const storedRows: Record<string, unknown>[] = [];
    const maps: Record<string, CelInput>[] = [];
    given.forEach((rowValue, i) => {
      const rowPath = `${path}[${i + 1}]`;
      if (!isRecord(rowValue)) {
        errors.push({ path: rowPath, message: 'must be an object of answers' });
        return;
      }
      const walked = walkLevel(roster.items, rowValue, bindings, `${rowPath}.`, i + 1);
      storedRows.push(walked.stored);
      maps.push(walked.map);
      for (const check of questionnaire.checks) if (check.scope === roster.id) runCheck(check, walked.bindings, rowPath);
    });
    bindings[roster.id] = maps;
    stored[roster.id] = storedRows;
    map[roster.id] = maps;
  };

  const top = walkLevel(questionnaire.items, answers, {}, '', null);
  for (const check of questionnaire.checks) if (check.scope === undefined) runCheck(check, top.bindings);
  return { data: top.stored, errors, failed, warnings, states };
}
