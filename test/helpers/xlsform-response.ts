import { evaluateResponse, type Questionnaire } from '../../domain/survey/evaluate.js';
import { choicesOf, isRoster, levelItems, type Item, type Question, type Roster } from '../../domain/survey/questionnaire.js';

/**
 * Responses made from a questionnaire alone, for tests of forms nobody wrote by hand: a valid
 * one found item by item (each relevant question gets the first candidate value the
 * evaluator accepts, rosters get as many rows as their size says), and invalid ones made
 * from it by breaking one answer.
 */

type Answers = Record<string, unknown>;

const NUMBERS = [1, 2, 0, 3, 5, 10, 15, 18, 20, 25, 30, 40, 50, 60, 100, 200, 1000, -1, 0.5];

/** Values worth trying for a question, most ordinary first. */
export function candidates(question: Question, lists: Questionnaire['choiceLists']): unknown[] {
  // Values the constraint names, and their neighbours, are likely to satisfy it.
  const constraint = question.constraint ?? '';
  const numbers = [...constraint.matchAll(/(?<![\w.'])-?\d+(\.\d+)?(?![\w'-])/g)].flatMap((m) => [Number(m[0]), Number(m[0]) + 1, Number(m[0]) - 1]);
  const dates = [...constraint.matchAll(/'(\d{4}-\d{2}-\d{2})'/g)].flatMap((m) => {
    const next = new Date(Date.parse(`${m[1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return [m[1]!, next];
  });
  const inRange = (values: number[]) => {
    const bounded = [question.min, question.max].filter((v): v is number => v !== undefined);
    return [...values, ...bounded].filter((v) => (question.min === undefined || v >= question.min) && (question.max === undefined || v <= question.max));
  };
  switch (question.type) {
    case 'integer':
      return inRange([...NUMBERS, ...numbers].filter(Number.isInteger));
    case 'decimal':
      return inRange([...NUMBERS, ...numbers]);
    case 'text':
      return ['Lan', 'a', '0912345678', '1', 'yes', 'other', 'Nguyen Van An'];
    case 'select_one':
      return choicesOf(question, lists).map((c) => c.value);
    case 'select_multiple':
      return choicesOf(question, lists).map((c) => [c.value]);
    case 'date':
      return ['2000-01-15', '2025-06-01', '1980-03-10', '2026-01-01', ...dates, ...recentDates()];
    case 'time':
      return ['09:30', '14:00'];
    case 'datetime':
      return ['2026-01-05T09:30:00+07:00', ...dates.map((d) => `${d}T09:30:00+07:00`)];
    case 'boolean':
      return [true, false];
    case 'geopoint':
      return [{ lat: 21.03, lon: 105.85 }];
    case 'calculate':
    case 'note':
      return [];
  }
}

/** Today and a week ago in the office's time zone (UTC+7), for constraints such as "within the last month". */
const recentDates = () => [0, 7].map((days) => new Date(Date.now() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10));

const errorsAt = (questionnaire: Questionnaire, answers: Answers, path: string) => evaluateResponse(questionnaire, answers).errors.filter((e) => e.path === path);

/** A response the evaluator accepts: every relevant question answered where some candidate fits. */
export function validResponse(questionnaire: Questionnaire): Answers {
  const answers: Answers = {};
  // A question can become relevant through an answer further down: a few passes settle it.
  for (let pass = 0; pass < 3; pass++) fillLevel(questionnaire, answers, questionnaire.items, answers, '');
  return answers;
}

function fillLevel(questionnaire: Questionnaire, answers: Answers, items: readonly Item[], level: Answers, prefix: string): void {
  for (const item of levelItems(items)) {
    const path = `${prefix}${item.id}`;
    if (evaluateResponse(questionnaire, answers).states.get(path)?.relevant === false) continue;
    if (isRoster(item)) fillRoster(questionnaire, answers, item, level, path);
    else fillQuestion(questionnaire, answers, item, level, path);
  }
}

function fillQuestion(questionnaire: Questionnaire, answers: Answers, question: Question, level: Answers, path: string): void {
  if (level[question.id] !== undefined && errorsAt(questionnaire, answers, path).length === 0) return;
  for (const value of candidates(question, questionnaire.choiceLists)) {
    level[question.id] = value;
    if (errorsAt(questionnaire, answers, path).length === 0) return;
  }
  delete level[question.id];
}

function fillRoster(questionnaire: Questionnaire, answers: Answers, roster: Roster, level: Answers, path: string): void {
  const size = roster.size === undefined ? 1 : level[roster.size];
  const count = typeof size === 'number' ? Math.min(size, roster.maxRows) : 1;
  const given = Array.isArray(level[roster.id]) ? (level[roster.id] as Answers[]) : [];
  const rows: Answers[] = Array.from({ length: count }, (_, i) => given[i] ?? {});
  level[roster.id] = rows;
  rows.forEach((row, i) => fillLevel(questionnaire, answers, roster.items, row, `${path}[${i + 1}].`));
}

/** Every answered question of a response with its path, in document order. */
export function answeredPaths(questionnaire: Questionnaire, answers: Answers): { path: string; question: Question; level: Answers }[] {
  const found: { path: string; question: Question; level: Answers }[] = [];
  const visit = (items: readonly Item[], level: Answers, prefix: string) => {
    for (const item of levelItems(items)) {
      const value = level[item.id];
      if (isRoster(item)) (Array.isArray(value) ? (value as Answers[]) : []).forEach((row, i) => visit(item.items, row, `${prefix}${item.id}[${i + 1}].`));
      else if (value !== undefined) found.push({ path: `${prefix}${item.id}`, question: item, level });
    }
  };
  visit(questionnaire.items, answers, '');
  return found;
}

/** A value of the wrong type for a question. */
export function wrongValue(question: Question): unknown {
  switch (question.type) {
    case 'integer':
      return 1.5;
    case 'decimal':
    case 'boolean':
      return 'not a number';
    case 'select_multiple':
      return ['not-a-choice'];
    case 'geopoint':
      return { lat: 200, lon: 0 };
    default:
      return 12345;
  }
}

/**
 * The response with one answer broken, so that the evaluator must refuse it at that path: a
 * required question emptied where that is refused, else an answer of the wrong type.
 */
export function invalidResponse(questionnaire: Questionnaire, valid: Answers): { answers: Answers; path: string; message: RegExp } {
  const breakings: { required: boolean; index: number }[] = [];
  const paths = answeredPaths(questionnaire, valid);
  paths.forEach((p, index) => p.question.required && breakings.push({ required: true, index }));
  paths.forEach((_, index) => breakings.push({ required: false, index }));
  for (const { required, index } of breakings) {
    const answers = structuredClone(valid);
    const { path, question, level } = answeredPaths(questionnaire, answers)[index]!;
    if (required) delete level[question.id];
    else level[question.id] = wrongValue(question);
    const message = required ? /^is required$/ : /./;
    if (evaluateResponse(questionnaire, answers).errors.some((e) => e.path === path && message.test(e.message))) return { answers, path, message };
  }
  throw new Error('no answer of the valid response can be broken');
}
