import type { ProblemParams } from '../errors.js';
import type { Questionnaire } from './evaluate.js';
import { choicesOf, type Question } from './questionnaire.js';
import { isRecord, typedAnswer } from './typed-answers.js';
import { text, type Cell } from './xlsform-sheet.js';

/**
 * One answer as a spreadsheet cell, and back: what a task's form.xlsx (form-sheet.ts) shows
 * in each answer cell, and what a cell the respondent typed in Excel or LibreOffice means
 * for its question. Reading is lenient about how a spreadsheet holds a value (a number typed
 * as text, a date cell, `có` for yes) and strict about its type: a cell that is not an
 * answer of its question's type is a problem of that cell. Ranges, required answers and
 * constraints are the questionnaire's own checks, left to `validateResponse`.
 */

/**
 * Dates with a time typed into a spreadsheet carry no time zone: they are read as Vietnam's
 * time, where the respondents are (no daylight saving time there).
 */
export const SHEET_TIME_ZONE = '+07:00';

/** The words a respondent may type for yes and no, in either language. */
const YES = new Set(['true', 'yes', 'y', '1', 'có', 'co', 'x']);
const NO = new Set(['false', 'no', 'n', '0', 'không', 'khong']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** Excel counts days from 30 December 1899. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

const isBadDate = (cell: Cell | undefined) => cell instanceof Date && Number.isNaN(cell.getTime());

/** What a cell holds, as text; a date no calendar has (a damaged file) as `Invalid Date` rather than an exception. */
export const cellText = (cell: Cell | undefined): string => (isBadDate(cell) ? String(cell) : text(cell));

/** An answer as its question's cell; a value of another shape (a draft is not checked) as plain text. */
export function answerCell(question: Question, value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (question.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(day.getTime())) return day;
  }
  if (question.type === 'geopoint' && isRecord(value) && typeof value.lat === 'number' && typeof value.lon === 'number') {
    // ODK's order: latitude, longitude, altitude, accuracy.
    return typeof value.accuracy === 'number' ? `${value.lat} ${value.lon} 0 ${value.accuracy}` : `${value.lat} ${value.lon}`;
  }
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** A cell's problem: English words, and a code with its values for the UI (the codes of typed-answers.ts). */
export interface CellProblem {
  readonly problem: string;
  readonly code: string;
  readonly params: ProblemParams;
}

/** What a cell answers: a value, nothing (an empty cell), or a problem. */
export type CellAnswer = { readonly value: unknown } | CellProblem | null;

/** The problems of an answer's type, as opposed to ranges and the like that the questionnaire's checks name. */
const TYPE_PROBLEMS = new Set(['not_number', 'not_integer', 'not_text', 'not_a_choice', 'not_choices', 'repeated_choice', 'not_date', 'not_time', 'not_datetime', 'not_boolean', 'not_geopoint']);

/** A cell read as an answer to `question`. */
export function cellAnswer(question: Question, cell: Cell | undefined, lists: Questionnaire['choiceLists']): CellAnswer {
  if (cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '')) return null;
  if (isBadDate(cell)) return { problem: 'must be a date YYYY-MM-DD', code: 'not_date', params: {} };
  const value = candidate(question, cell, lists);
  // Several choices, one of them not in the list: the choices it may be, rather than "a list of its choices".
  if (question.type === 'select_multiple' && Array.isArray(value)) {
    const values = new Set(choicesOf(question, lists).map((c) => c.value));
    if (value.some((v) => !values.has(v))) return notAChoice(question, lists);
  }
  const typed = typedAnswer(question, value, lists);
  if (typed && 'code' in typed && TYPE_PROBLEMS.has(typed.code)) return { problem: typed.problem, code: typed.code, params: typed.params };
  return { value };
}

function notAChoice(question: Question, lists: Questionnaire['choiceLists']): CellProblem {
  const values = choicesOf(question, lists).map((c) => c.value);
  const choices = `${values.slice(0, 20).join(', ')}${values.length > 20 ? ', …' : ''}`;
  return { problem: `must be one of ${choices}`, code: 'not_a_choice', params: { choices } };
}

/** The JSON value a cell stands for, as its question's type takes it; a cell that fits no reading is given as it is, for the type check to refuse. */
function candidate(question: Question, cell: Cell, lists: Questionnaire['choiceLists']): unknown {
  const words = text(cell);
  switch (question.type) {
    case 'integer':
    case 'decimal':
      return typeof cell === 'string' && NUMBER.test(words.replace(/\s/g, '')) ? Number(words.replace(/\s/g, '')) : cell;
    case 'text':
      return cell instanceof Date ? (cell.getTime() % DAY_MS === 0 ? isoDay(cell) : cell.toISOString()) : words;
    case 'select_one': {
      // A choice's name, or its label in either language as the choices column shows it.
      const choices = choicesOf(question, lists);
      if (choices.some((c) => c.value === words)) return words;
      const folded = words.toLowerCase();
      return choices.find((c) => c.label.vi.toLowerCase() === folded || c.label.en.toLowerCase() === folded)?.value ?? words;
    }
    case 'select_multiple':
      return words.split(/[\s,;]+/).filter((part) => part !== '');
    case 'date':
      return dateOf(cell, words);
    case 'time':
      return cell instanceof Date ? timeOf(cell.getTime()) : typeof cell === 'number' && cell >= 0 && cell < 1 ? timeOf(EXCEL_EPOCH + cell * DAY_MS) : words;
    case 'datetime':
      return cell instanceof Date ? `${isoDay(cell) ?? cell.toISOString().slice(0, 10)}T${timeOf(cell.getTime(), true)}${SHEET_TIME_ZONE}` : words;
    case 'boolean':
      if (typeof cell === 'boolean') return cell;
      if (YES.has(words.toLowerCase())) return true;
      if (NO.has(words.toLowerCase())) return false;
      return cell;
    case 'geopoint':
      return pointOf(words) ?? cell;
    default:
      return cell;
  }
}

/** The day of a date cell: spreadsheets hold a date as midnight of that day, which the reader gives in UTC. */
const isoDay = (date: Date): string | null => (Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10));

function dateOf(cell: Cell, words: string): unknown {
  if (cell instanceof Date) return isoDay(cell) ?? words;
  // A date cell the reader did not recognise as one: Excel's count of days.
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 && cell < 2_958_466 ? isoDay(new Date(EXCEL_EPOCH + cell * DAY_MS)) : cell;
  // The way dates are written in Vietnam: day/month/year.
  const dmy = DAY_MONTH_YEAR.exec(words);
  return dmy ? `${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}` : words;
}

/** The time of day of `ms`, as HH:MM, or HH:MM:SS when it has seconds (always with `seconds`). */
function timeOf(ms: number, seconds = false): string {
  const at = new Date(Math.round(ms / 1000) * 1000);
  const hm = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  return seconds || at.getUTCSeconds() !== 0 ? `${hm}:${pad(at.getUTCSeconds())}` : hm;
}

/** `lat lon`, or ODK's `lat lon altitude accuracy`. */
function pointOf(words: string): { lat: number; lon: number; accuracy?: number } | null {
  const parts = words.split(/[\s,;]+/).filter((p) => p !== '');
  if ((parts.length !== 2 && parts.length !== 4) || !parts.every((p) => NUMBER.test(p))) return null;
  const [lat, lon, , accuracy] = parts.map(Number) as [number, number, number?, number?];
  return accuracy === undefined ? { lat, lon } : { lat, lon, accuracy };
}
