import { celList, celMap, type CelInput, type CelList, type CelMap } from '@bufbuild/cel';
import type { ProblemParams } from '../errors.js';
import type { Questionnaire } from './evaluate.js';
import { choicesOf, isRoster, levelItems, type Choice, type Question, type Roster } from './questionnaire.js';

/**
 * Answers typed against their questions, before anything is evaluated: each value checked for
 * its type, range and choices, and turned into the CEL value expressions see. A level is typed
 * once (domain/survey/evaluate.ts walks it); a roster's rows are typed as levels of their own.
 */

/** `make(key)`, worked out once per key (a level, a choice list, a questionnaire's checks) rather than once per row. */
export function memo<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make(key)));
    return value;
  };
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const valuesOf = memo((choices: readonly Choice[]): ReadonlySet<string> => new Set(choices.map((c) => c.value)));

export type Wrong = { problem: string; code: string; params: ProblemParams }; // An answer's problem: English words, a code and values for the UI.
export const wrong = (problem: string, code: string, params: ProblemParams = {}): Wrong => ({ problem, code, params });
export type Typed = { json: unknown; cel: CelInput } | Wrong | null;

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

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A level's answers, each typed once: the walk checks them, and expressions see them before the level is walked. */
export interface TypedLevel {
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

export function typeLevel(level: readonly (Question | Roster)[], raw: Record<string, unknown>, lists: Questionnaire['choiceLists']): TypedLevel {
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
