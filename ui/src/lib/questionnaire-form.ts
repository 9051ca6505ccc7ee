import type { CheckResult, Evaluation, ItemState } from '../../../domain/survey/evaluate.js';
import { levelItems, type Bilingual, type Item } from '../../../domain/survey/questionnaire.js';
import { explanationKey, fieldId, topId } from './answers';

/**
 * The form's steps and its list of what stops a submission: pure functions of the
 * questionnaire, the evaluator's result and the explanations, so they are tested without a DOM.
 */

/** What the form hands over when nothing stops a submission. */
export interface Submission {
  /** What the server will store: `evaluateResponse(questionnaire, answers).data`. */
  readonly data: Record<string, unknown>;
  /** Explanations of the warn checks failing now, by `id@row` or `id`. */
  readonly explanations: Record<string, string>;
  readonly evaluation: Evaluation;
}

/** One page of the form: a top-level section, or a run of top-level items outside sections. */
export interface Step {
  readonly key: string;
  /** The section's label, or a run of loose items' first roster's; `null` for a run without one (titled "General"). */
  readonly label: Bilingual | null;
  readonly items: readonly Item[];
}

export function buildSteps(items: readonly Item[]): Step[] {
  const steps: Step[] = [];
  let loose: Item[] = [];
  const flush = () => {
    if (loose.length === 0) return;
    const roster = loose.find((item) => item.type === 'roster');
    steps.push({ key: `loose-${loose[0]?.id}`, label: roster ? roster.label : null, items: loose });
    loose = [];
  };
  for (const item of items) {
    if (item.type !== 'section') {
      loose.push(item);
      continue;
    }
    flush();
    steps.push({ key: item.id, label: item.label, items: item.items });
  }
  flush();
  return steps;
}

/** Which step holds each answer id of the top level (sections are flattened in answers, so `members` → the household step). */
export function stepOfIds(steps: readonly Step[]): Map<string, number> {
  const map = new Map<string, number>();
  steps.forEach((step, index) => {
    for (const item of levelItems(step.items)) map.set(item.id, index);
  });
  return map;
}

/**
 * Whether a group of items is asked: the evaluator gives no state for a section, but every
 * item in a section that is not relevant is itself not relevant; notes and calculates count.
 */
export function anyRelevant(items: readonly Item[], prefix: string, states: Pick<ReadonlyMap<string, ItemState>, 'get'>): boolean {
  return levelItems(items).some((item) => states.get(`${prefix}${item.id}`)?.relevant !== false);
}

/**
 * The explanation rule: a warn check that FAILED (its expression was false) must be answered
 * before submission by a non-blank text in `explanations` under its key (`id@row` for a
 * scoped check, the bare id otherwise); confirming fills in a standard sentence. A check
 * that was merely skipped (an item it reads is empty) needs nothing: it is not a finding.
 */
export const needsExplanation = (result: CheckResult): boolean => result.severity === 'warn' && result.outcome === 'failed';

export const isExplained = (result: CheckResult, explanations: Readonly<Record<string, string>>): boolean =>
  (explanations[explanationKey(result)] ?? '').trim() !== '';

/** The explanations sent with a response: those of warn checks failing now, nothing stale. */
export function explanationsToSend(evaluation: Evaluation, explanations: Readonly<Record<string, string>>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const result of evaluation.warnings) {
    const key = explanationKey(result);
    if (needsExplanation(result) && isExplained(result, explanations)) sent[key] = (explanations[key] ?? '').trim();
  }
  return sent;
}

/** Check results the form shows: block failures, and warn failures (a skipped check is not shown). */
export const shownChecks = (evaluation: Evaluation): CheckResult[] => [...evaluation.failed, ...evaluation.warnings.filter(needsExplanation)];

/** One thing that stops a submission: the element to focus and the answer id that places it on a step (`null` when shown on every step). */
export interface OpenProblem {
  readonly target: string;
  readonly topId: string | null;
  /** The answer path (or row, or '' for the whole form) whose touch lets it show. */
  readonly at: string;
}

/** A problem whose element is named only when asked: the form counts its problems on every keystroke, and takes focus to one only on a submission. */
class Problem implements OpenProblem {
  constructor(
    private readonly place: string,
    readonly topId: string | null,
    readonly at: string,
  ) {}
  get target(): string {
    return fieldId(this.place);
  }
}

/** Every problem in document order: refused answers, failed block checks, warn failures not explained. */
export function openProblems(evaluation: Evaluation, explanations: Readonly<Record<string, string>>): OpenProblem[] {
  const problems: OpenProblem[] = evaluation.errors.map((error) => new Problem(error.path, topId(error.path), error.path));
  for (const result of shownChecks(evaluation)) {
    if (result.severity === 'warn' && isExplained(result, explanations)) continue;
    problems.push(new Problem(checkPlace(result), result.row === undefined ? null : topId(result.row), result.row ?? ''));
  }
  return problems;
}

const checkPlace = (result: CheckResult): string => `check:${explanationKey(result)}`;

/** The element a check's problem takes focus to: its explanation box for a warning, its message for a block. */
export const checkTarget = (result: CheckResult): string => fieldId(checkPlace(result));

/**
 * The scoped check results by row (`persons[2]`), the unscoped ones under ''; with `rows`, every
 * one of them and '' have an entry, empty when nothing is shown there. Published so, a row's
 * checks are read from an entry that exists: a reactive map wakes the readers of a missing
 * entry whenever any entry changes, which with 200 rows is 200 rows woken.
 */
export function checksByRow(results: readonly CheckResult[], rows: Iterable<string> = []): Map<string, CheckResult[]> {
  const map = new Map<string, CheckResult[]>([['', []]]);
  for (const row of rows) map.set(row, []);
  for (const result of results) {
    const row = result.row ?? '';
    map.set(row, [...(map.get(row) ?? []), result]);
  }
  return map;
}

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Makes every roster with a `size` have that many rows, at every level: rows are added empty
 * (or given back from `dropped`, with what was typed in them, when a size goes down and up
 * again) and cut from the end. A size that is blank or not a usable count leaves the rows as
 * they are, so clearing the number to type another does not wipe the roster.
 */
export function syncRosterRows(items: readonly Item[], level: Row, dropped: WeakMap<object, Map<string, Row[]>>, outer: readonly Row[] = []): void {
  const scopes = [level, ...outer];
  for (const item of levelItems(items)) {
    if (item.type !== 'roster') continue;
    if (item.size !== undefined) {
      const sizeId = item.size;
      const size = scopes.find((scope) => sizeId in scope)?.[sizeId];
      const current = level[item.id];
      if (typeof size === 'number' && Number.isInteger(size) && size >= 0 && (Array.isArray(current) ? current.length : 0) !== Math.min(size, item.maxRows)) {
        if (!Array.isArray(level[item.id])) level[item.id] = [];
        const rows = level[item.id] as Row[];
        const target = Math.min(size, item.maxRows);
        const kept = dropped.get(level) ?? new Map<string, Row[]>();
        dropped.set(level, kept);
        const spare = kept.get(item.id) ?? [];
        if (rows.length > target) spare.unshift(...rows.splice(target));
        while (rows.length < target) rows.push(spare.shift() ?? {});
        kept.set(item.id, spare);
      }
    }
    const rows = level[item.id];
    if (Array.isArray(rows)) for (const row of rows) if (isRow(row)) syncRosterRows(item.items, row, dropped, scopes);
  }
}

/** Two item states that show the same: a calculation's value compared as JSON (lists and points are new objects every time). */
export const sameState = (a: ItemState, b: ItemState): boolean =>
  a === b || (a.relevant === b.relevant && a.problem === b.problem && (Object.is(a.value, b.value) || JSON.stringify(a.value) === JSON.stringify(b.value)));

/** Two lists of check results that show the same. */
export const sameChecks = (a: readonly CheckResult[], b: readonly CheckResult[]): boolean =>
  a.length === b.length && a.every((r, i) => b[i] !== undefined && explanationKey(r) === explanationKey(b[i]) && r.severity === b[i].severity && r.message === b[i].message);

/**
 * Brings `target` to `next`, writing only the entries that changed: with a reactive map, a
 * keystroke then wakes only the fields whose state it changed, not every field of the form.
 */
export function syncEntries<T>(target: Map<string, T>, next: ReadonlyMap<string, T>, same: (a: T, b: T) => boolean): void {
  for (const [key, value] of next) {
    const old = target.get(key);
    if (old === undefined || !same(old, value)) target.set(key, value);
  }
  // Every key of `next` is in `target` now: only a larger target has keys to drop.
  if (target.size > next.size) for (const key of target.keys()) if (!next.has(key)) target.delete(key);
}

const ASKED: ItemState = Object.freeze({ relevant: true });

/**
 * What each field shows: the evaluator's item states, with the problems it finds on a roster
 * itself (its row count) added to the roster's state, and each problem only once `shows` lets
 * it show. A field then reads only its own state: touching one field (which lets its problems
 * show) changes the state of that field alone, not what every field with a problem reads.
 */
export function shownStates(evaluation: Evaluation, shows: (path: string) => boolean): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  evaluation.states.forEach((state, path) => {
    const hidden = state.problem !== undefined && !shows(path);
    states.set(path, !hidden ? state : state.value === undefined && state.relevant ? ASKED : { relevant: state.relevant, value: state.value });
  });
  for (const error of evaluation.errors) {
    const state = states.get(error.path);
    if (state && state.problem === undefined && evaluation.states.get(error.path)?.problem === undefined && shows(error.path)) states.set(error.path, { ...state, problem: error.message });
  }
  return states;
}

/** The rows of the response (`persons[2]`, `plots[1].crops[3]`), as the paths of the items in them name them. */
export function rowsOf(paths: Iterable<string>): Set<string> {
  const rows = new Set<string>();
  let last = '';
  for (const path of paths) {
    // A row's items come one after the other: its name is cut out once, not once per item.
    if (last !== '' && path.startsWith(last) && path[last.length] === '.' && path.indexOf('.', last.length + 1) < 0) continue;
    const end = path.lastIndexOf('].');
    if (end >= 0) rows.add((last = path.slice(0, end + 1)));
  }
  return rows;
}
