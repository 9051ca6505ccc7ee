import { z } from 'zod';
import type { ProblemParams } from '../errors.js';
import { freeNames, parseExpression } from './expressions.js';

/**
 * A questionnaire, version 2: typed questions in sections and rosters (nested up to four
 * deep), shared choice lists, and CEL expressions for relevance, constraints, calculations
 * and checks. A flat version-1 definition (`fields`, type `choice`) reads as one with
 * `items` (see `upcastQuestionnaire`).
 */

export const LIMITS = {
  /** Rosters inside rosters. */
  rosterDepth: 4,
  /** Items on one roster level (sections are not a level). */
  itemsPerRosterLevel: 200,
  /** Items in the whole questionnaire. */
  items: 5000,
  /** Roster rows in one response, every roster and level together. */
  rowsPerResponse: 80_000,
  /** Choices in one list. */
  choicesPerList: 15_000,
  expressionLength: 2000,
} as const;

export const QUESTION_TYPES = ['integer', 'decimal', 'text', 'select_one', 'select_multiple', 'date', 'time', 'datetime', 'boolean', 'geopoint', 'calculate', 'note'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'must be a letter followed by letters, digits or _ (at most 63)')
  .refine((id) => !RESERVED.has(id), { message: 'is a reserved word of the expression language', params: { code: 'reserved_word' } });

/** Names every expression may read besides the items (domain/survey/evaluate.ts ResponseContext). */
export const CONTEXT_NAMES = ['unit', 'previous'] as const;

/** CEL's reserved words and the names the evaluator binds itself. */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while', 'has', 'size', 'int', 'uint', 'double', 'string', 'bool', 'bytes', 'list', 'map', 'type', 'dyn']);

export const bilingual = z.strictObject({
  vi: z.string().min(1).max(2000),
  en: z.string().min(1).max(2000),
});
export type Bilingual = z.infer<typeof bilingual>;

const expression = z.string().min(1).max(LIMITS.expressionLength);

export const choiceSchema = z.strictObject({ value: z.string().min(1).max(200), label: bilingual });
export type Choice = z.infer<typeof choiceSchema>;
const choiceList = z.array(choiceSchema).min(1).max(LIMITS.choicesPerList);

const questionSchema = z.strictObject({
  id: identifier,
  type: z.enum(QUESTION_TYPES),
  label: bilingual.optional(),
  hint: bilingual.optional(),
  required: z.boolean().default(false),
  relevant: expression.optional(),
  constraint: expression.optional(),
  constraintMessage: bilingual.optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  maxLength: z.number().int().positive().max(10_000).optional(),
  /** A list of `choiceLists` by name, or the choices themselves. */
  choices: z.union([identifier, choiceList]).optional(),
  /** A `calculate`'s CEL expression. */
  expression: expression.optional(),
}).meta({ id: 'QuestionnaireQuestion' });

export type Question = z.output<typeof questionSchema>;

export interface Section {
  readonly type: 'section';
  readonly id: string;
  readonly label: Bilingual;
  readonly relevant?: string | undefined;
  readonly items: readonly Item[];
}

export interface Roster {
  readonly type: 'roster';
  readonly id: string;
  readonly label: Bilingual;
  readonly relevant?: string | undefined;
  /** An integer item giving the number of rows; without it the respondent adds rows, up to `maxRows`. */
  readonly size?: string | undefined;
  readonly maxRows: number;
  readonly display?: 'table' | 'cards' | undefined;
  readonly items: readonly Item[];
}

export type Item = Question | Section | Roster;

const sectionSchema: z.ZodType<Section, unknown> = z.lazy(() =>
  z.strictObject({
    type: z.literal('section'),
    id: identifier,
    label: bilingual,
    relevant: expression.optional(),
    items: z.array(itemSchema).min(1).max(LIMITS.items),
  }),
).meta({ id: 'QuestionnaireSection' });

const rosterSchema: z.ZodType<Roster, unknown> = z.lazy(() =>
  z.strictObject({
    type: z.literal('roster'),
    id: identifier,
    label: bilingual,
    relevant: expression.optional(),
    size: identifier.optional(),
    maxRows: z.number().int().min(1).max(LIMITS.rowsPerResponse).default(100),
    display: z.enum(['table', 'cards']).optional(),
    items: z.array(itemSchema).min(1).max(LIMITS.itemsPerRosterLevel),
  }),
).meta({ id: 'QuestionnaireRoster' });

const itemSchema: z.ZodType<Item, unknown> = z.lazy(() => z.union([sectionSchema, rosterSchema, questionSchema])).meta({ id: 'QuestionnaireItem' });

export const isContainer = (item: Item): item is Section | Roster => item.type === 'section' || item.type === 'roster';
export const isRoster = (item: Item): item is Roster => item.type === 'roster';

/** A question's choices, whether given inline or by the name of a shared list. */
export function choicesOf(question: Question, lists: Readonly<Record<string, readonly Choice[]>>): readonly Choice[] {
  if (question.choices === undefined) return [];
  return typeof question.choices === 'string' ? (lists[question.choices] ?? []) : question.choices;
}

/** Every item with where it sits: its path in the definition (`items.1.items.0`) and the rosters around it, outermost first. */
export interface Placed {
  readonly item: Item;
  readonly path: (string | number)[];
  readonly rosters: readonly Roster[];
}

export function placeItems(items: readonly Item[], path: (string | number)[] = ['items'], rosters: readonly Roster[] = []): Placed[] {
  const placed: Placed[] = [];
  items.forEach((item, i) => {
    const at = [...path, i];
    placed.push({ item, path: at, rosters });
    if (isContainer(item)) placed.push(...placeItems(item.items, [...at, 'items'], isRoster(item) ? [...rosters, item] : rosters));
  });
  return placed;
}

const levels = new WeakMap<readonly Item[], (Question | Roster)[]>();

/** The questions (and rosters) answered on one level: a roster's own, or the top level's, with sections flattened. Worked out once per level. */
export function levelItems(items: readonly Item[]): (Question | Roster)[] {
  let level = levels.get(items);
  if (!level) {
    level = items.flatMap((item) => (item.type === 'section' ? levelItems(item.items) : [item as Question | Roster]));
    levels.set(items, level);
  }
  return level;
}

/** A problem of a definition: its English words, and its stable code with the values the UI words it from. */
export type Issue = { path: (string | number)[]; message: string; code: string; params: ProblemParams };

/** A zod issue by its code and plain values: a check of our own names them in `params`, zod's own by its issue code. */
export function issueCode(issue: z.core.$ZodIssue): { code: string; params: ProblemParams } {
  const own: Record<string, unknown> | undefined = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params : undefined;
  const source: Record<string, unknown> = own ?? { ...issue };
  const params: Record<string, string | number> = {};
  for (const key of own ? Object.keys(own).filter((k) => k !== 'code') : ['minimum', 'maximum', 'expected', 'format', 'origin']) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    else if (typeof value === 'bigint') params[key] = Number(value);
  }
  return { code: own ? String(own.code) : issue.code, params };
}

/** A zod issue of our own: the English words, and the code and values in `params`. */
export const customIssue = ({ path, message, code, params }: Omit<Issue, 'path'> & { path: PropertyKey[] }) => ({ code: 'custom' as const, path, message, params: { ...params, code } });

/**
 * What a definition's parts cannot say alone: ids unique across the questionnaire, choice
 * lists that exist, sizes that name an integer before the roster, the limits, every name an
 * expression reads in scope, and calculations without a cycle.
 */
export function questionnaireProblems(items: readonly Item[], choiceLists: Readonly<Record<string, readonly Choice[]>>, checks: readonly { scope?: string | undefined; expression: string }[]): Issue[] {
  const issues: Issue[] = [];
  const placed = placeItems(items);
  const byId = new Map<string, Placed>();
  for (const entry of placed) {
    if (byId.has(entry.item.id)) issues.push({ path: [...entry.path, 'id'], message: `duplicate id "${entry.item.id}"`, code: 'duplicate_id', params: { id: entry.item.id } });
    else byId.set(entry.item.id, entry);
  }
  if (placed.length > LIMITS.items) issues.push({ path: ['items'], message: `has ${placed.length} items; at most ${LIMITS.items}`, code: 'too_many_items', params: { count: placed.length, max: LIMITS.items } });

  /** Names an expression on `rosters`' level may read: the unit and its previous response, that level's and every enclosing level's items, and `_row` inside a roster. */
  const scopeOf = (rosters: readonly Roster[]): Set<string> => {
    const names = new Set<string>([...CONTEXT_NAMES, ...levelItems(items).map((i) => i.id)]);
    for (const roster of rosters) for (const inner of levelItems(roster.items)) names.add(inner.id);
    if (rosters.length > 0) names.add('_row');
    return names;
  };
  const checkExpression = (text: string | undefined, rosters: readonly Roster[], path: (string | number)[]) => {
    if (text === undefined) return;
    const parsed = parseExpression(text);
    if ('error' in parsed) return void issues.push({ path, message: `is not a valid CEL expression: ${parsed.error}`, code: 'invalid_expression', params: { detail: parsed.error } });
    const scope = scopeOf(rosters);
    const unknown = [...freeNames(parsed.expr)].filter((name) => !scope.has(name));
    if (unknown.length > 0) issues.push({ path, message: `uses ${unknown.map((n) => `"${n}"`).join(', ')}, not an item it can see`, code: 'unknown_names', params: { names: unknown.join(', ') } });
  };

  for (const { item, path, rosters } of placed) {
    checkExpression(item.relevant, rosters, [...path, 'relevant']);
    if (isRoster(item)) {
      if (rosters.length + 1 > LIMITS.rosterDepth) issues.push({ path: [...path], message: `rosters nest at most ${LIMITS.rosterDepth} deep`, code: 'roster_too_deep', params: { max: LIMITS.rosterDepth } });
      const level = levelItems(item.items);
      if (level.length > LIMITS.itemsPerRosterLevel) issues.push({ path: [...path, 'items'], message: `has ${level.length} items on its level; at most ${LIMITS.itemsPerRosterLevel}`, code: 'too_many_level_items', params: { count: level.length, max: LIMITS.itemsPerRosterLevel } });
      if (item.size !== undefined) {
        const size = byId.get(item.size);
        const visible = size && size.rosters.every((r, i) => rosters[i] === r) && size.rosters.length <= rosters.length;
        if (!size || size.item.type !== 'integer') issues.push({ path: [...path, 'size'], message: `"${item.size}" is not an integer item`, code: 'size_not_integer', params: { size: item.size } });
        else if (!visible) issues.push({ path: [...path, 'size'], message: `"${item.size}" is inside another roster`, code: 'size_in_other_roster', params: { size: item.size } });
      }
      continue;
    }
    if (item.type === 'section') continue;
    const q = item;
    const numeric = q.type === 'integer' || q.type === 'decimal';
    const select = q.type === 'select_one' || q.type === 'select_multiple';
    if (select && q.choices === undefined) issues.push({ path: [...path, 'choices'], message: `a ${q.type} needs choices`, code: 'needs_choices', params: { type: q.type } });
    if (!select && q.choices !== undefined) issues.push({ path: [...path, 'choices'], message: 'only select_one and select_multiple have choices', code: 'only_select_has_choices', params: {} });
    if (typeof q.choices === 'string' && !choiceLists[q.choices]) issues.push({ path: [...path, 'choices'], message: `no choice list "${q.choices}"`, code: 'unknown_choice_list', params: { list: q.choices } });
    if (!numeric && (q.min !== undefined || q.max !== undefined)) issues.push({ path: [...path, 'min'], message: 'only integer and decimal items have a range', code: 'only_numeric_has_range', params: {} });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) issues.push({ path: [...path, 'max'], message: 'max is below min', code: 'max_below_min', params: { min: q.min, max: q.max } });
    if (q.type === 'calculate' && q.expression === undefined) issues.push({ path: [...path, 'expression'], message: 'a calculate needs an expression', code: 'calculate_needs_expression', params: {} });
    if (q.type !== 'calculate' && q.expression !== undefined) issues.push({ path: [...path, 'expression'], message: 'only a calculate has an expression', code: 'only_calculate_has_expression', params: {} });
    if (q.type !== 'calculate' && q.type !== 'note' && !q.label) issues.push({ path: [...path, 'label'], message: 'a question needs a label', code: 'needs_label', params: {} });
    if ((q.type === 'calculate' || q.type === 'note') && (q.required || q.constraint)) issues.push({ path: [...path, q.required ? 'required' : 'constraint'], message: `a ${q.type} takes no answer`, code: 'takes_no_answer', params: { type: q.type } });
    checkExpression(q.constraint, rosters, [...path, 'constraint']);
    checkExpression(q.expression, rosters, [...path, 'expression']);
  }
  for (const [name, list] of Object.entries(choiceLists)) {
    const seen = new Set<string>();
    list.forEach((choice, i) => {
      if (seen.has(choice.value)) issues.push({ path: ['choiceLists', name, i, 'value'], message: `duplicate value "${choice.value}"`, code: 'duplicate_value', params: { value: choice.value } });
      seen.add(choice.value);
    });
  }
  checks.forEach((check, i) => {
    if (check.scope === undefined) return checkExpression(check.expression, [], ['checks', i, 'expression']);
    const scope = byId.get(check.scope);
    if (!scope || !isRoster(scope.item)) return void issues.push({ path: ['checks', i, 'scope'], message: `"${check.scope}" is not a roster`, code: 'not_a_roster', params: { id: check.scope } });
    checkExpression(check.expression, [...scope.rosters, scope.item], ['checks', i, 'expression']);
  });
  issues.push(...calculationCycles(placed));
  return issues;
}

/** Calculations that read themselves, directly or through others. */
function calculationCycles(placed: readonly Placed[]): Issue[] {
  const calculates = new Map<string, { reads: string[]; path: (string | number)[] }>();
  for (const { item, path } of placed) {
    if (item.type !== 'calculate' || item.expression === undefined) continue;
    const parsed = parseExpression(item.expression);
    calculates.set(item.id, { reads: 'error' in parsed ? [] : [...freeNames(parsed.expr)], path: [...path, 'expression'] });
  }
  const issues: Issue[] = [];
  const done = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    if (done.has(id)) return;
    const at = trail.indexOf(id);
    if (at >= 0) {
      const cycle = [...trail.slice(at), id];
      issues.push({ path: calculates.get(id)!.path, message: `calculations form a cycle: ${cycle.join(' → ')}`, code: 'calculation_cycle', params: { cycle: cycle.join(' → ') } });
      cycle.forEach((name) => done.add(name));
      return;
    }
    for (const read of calculates.get(id)?.reads ?? []) if (calculates.has(read)) visit(read, [...trail, id]);
    done.add(id);
  };
  for (const id of calculates.keys()) visit(id, []);
  return issues;
}

/** A version-1 definition's flat `fields`, as version-2 `items` (a `choice` is a `select_one` with its choices inline). */
export function upcastFields(fields: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return fields.map((field) => {
    if (field.type !== 'choice') return field;
    const choices = Array.isArray(field.choices) ? field.choices.map((value) => ({ value: String(value), label: { vi: String(value), en: String(value) } })) : field.choices;
    return { ...field, type: 'select_one', choices };
  });
}

export const checkSchema = z.strictObject({
  id: identifier,
  expression,
  severity: z.enum(['block', 'warn']),
  message: bilingual,
  /** A roster: the check runs once per row, seeing the row's items. */
  scope: identifier.optional(),
});

/** The questionnaire part of a definition: its items, shared choice lists and checks, each expression in scope. */
export const questionnaireSchema = z
  .preprocess(
    (input) => (isPlainObject(input) && Array.isArray(input.fields) && input.items === undefined ? (({ fields, ...rest }) => ({ ...rest, items: upcastFields(fields as Record<string, unknown>[]) }))(input) : input),
    z.strictObject({
      choiceLists: z.record(identifier, choiceList).default({}),
      items: z.array(itemSchema).min(1).max(LIMITS.items),
      checks: z.array(checkSchema).max(500).default([]),
    }),
  )
  .superRefine((q, ctx) => {
    for (const issue of questionnaireProblems(q.items, q.choiceLists, q.checks)) ctx.addIssue(customIssue(issue));
  });

export type QuestionnaireDefinition = z.output<typeof questionnaireSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { questionSchema, itemSchema, choiceList as choiceListSchema, identifier as identifierSchema, expression as expressionSchema };
