import { z } from 'zod';
import { freeNames, parseExpression } from './expressions.js';
import { bilingual, expressionSchema, identifierSchema, isRoster, levelItems, placeItems, type Issue, type Item, type Question, type Roster } from './questionnaire.js';

export const AREA_LEVELS = ['country', 'province', 'commune'] as const;

/**
 * A result table: one cell per area at level `by` (and per category of `crossBy`), counting
 * the units of `of` (the task's unit, or a roster's rows) that pass `where`.
 */
export const outputSchema = z.strictObject({
  id: identifierSchema,
  /** The table's heading for readers ("Tỷ lệ có việc làm"); without one, the UI words what it counts. */
  label: bilingual.optional(),
  aggregate: z.enum(['count', 'sum', 'mean', 'ratio']),
  /** `sum` and `mean`: the numeric item summed, on the level of `of` or above it. */
  field: identifierSchema.optional(),
  /** A roster whose rows are the units counted; the task's unit when absent. */
  of: identifierSchema.optional(),
  /** A CEL filter over the unit (and the levels around it). */
  where: expressionSchema.optional(),
  /** A `select_one` item: one row per area and choice. */
  crossBy: identifierSchema.optional(),
  /** `ratio`: CEL expressions summed over the units, true counting 1 (`has(worked) && worked`, or an item such as `hours`). */
  numerator: expressionSchema.optional(),
  denominator: expressionSchema.optional(),
  by: z.enum(AREA_LEVELS),
  /**
   * Magnitude tables (sum, mean, ratio): a cell that one or a few units dominate is hidden.
   * `p_percent`: when the others' total is under p % of the largest, the second largest could
   * estimate the largest that closely; `nk`: when the n largest make over k % of the total.
   * Without one, a sum or a mean takes `DEFAULT_DOMINANCE`; a ratio none.
   */
  dominance: z
    .discriminatedUnion('rule', [
      z.strictObject({ rule: z.literal('p_percent'), p: z.number().gt(0).max(100) }),
      z.strictObject({ rule: z.literal('nk'), n: z.number().int().min(1).max(10), k: z.number().gt(0).max(100) }),
    ])
    .optional(),
});

export type Output = z.output<typeof outputSchema>;
export type Dominance = NonNullable<Output['dominance']>;

/** The p % rule at 10 %, as statistics offices commonly set it for business and income tables. */
export const DEFAULT_DOMINANCE: Dominance = { rule: 'p_percent', p: 10 };

/** The questions an output over `of` sees, by id: the top level's, and each roster's down to `of`. */
export function outputScope(items: readonly Item[], of: string | undefined): Map<string, Question | Roster> | null {
  const scope = new Map<string, Question | Roster>(levelItems(items).map((i) => [i.id, i]));
  if (of === undefined) return scope;
  const roster = placeItems(items).find((p) => p.item.id === of && isRoster(p.item));
  if (!roster) return null;
  for (const level of [...roster.rosters, roster.item as Roster]) for (const inner of levelItems(level.items)) scope.set(inner.id, inner);
  return scope;
}

/** Outputs that name what exists and can be counted: rosters, numeric fields, select items, expressions in scope. */
export function outputProblems(outputs: readonly Output[], items: readonly Item[]): Issue[] {
  const issues: Issue[] = [];
  outputs.forEach((o, i) => {
    const at = (key: string) => ['outputs', i, key];
    const scope = outputScope(items, o.of);
    if (!scope) return void issues.push({ path: at('of'), message: `"${o.of}" is not a roster`, code: 'not_a_roster', params: { id: o.of ?? '' } });
    const names = new Set([...scope.keys(), ...(o.of === undefined ? [] : ['_row'])]);
    const expression = (key: 'where' | 'numerator' | 'denominator') => {
      const text = o[key];
      if (text === undefined) return;
      const parsed = parseExpression(text);
      if ('error' in parsed) return void issues.push({ path: at(key), message: `is not a valid CEL expression: ${parsed.error}`, code: 'invalid_expression', params: { detail: parsed.error } });
      const unknown = [...freeNames(parsed.expr)].filter((n) => !names.has(n));
      if (unknown.length > 0) issues.push({ path: at(key), message: `uses ${unknown.map((n) => `"${n}"`).join(', ')}, not an item it can see`, code: 'unknown_names', params: { names: unknown.join(', ') } });
    };
    expression('where');
    expression('numerator');
    expression('denominator');
    if (o.aggregate === 'ratio') {
      if (o.numerator === undefined) issues.push({ path: at('numerator'), message: 'a ratio needs a numerator', code: 'ratio_needs_numerator', params: {} });
      if (o.denominator === undefined) issues.push({ path: at('denominator'), message: 'a ratio needs a denominator', code: 'ratio_needs_denominator', params: {} });
      if (o.field !== undefined) issues.push({ path: at('field'), message: 'a ratio takes a numerator and a denominator, not a field', code: 'ratio_takes_no_field', params: {} });
    } else if (o.numerator !== undefined || o.denominator !== undefined) {
      issues.push({ path: at(o.numerator !== undefined ? 'numerator' : 'denominator'), message: 'only a ratio has a numerator and a denominator', code: 'only_ratio_has_terms', params: {} });
    }
    if ((o.aggregate === 'sum' || o.aggregate === 'mean') && o.field === undefined) issues.push({ path: at('field'), message: `a ${o.aggregate} needs a field`, code: 'aggregate_needs_field', params: { aggregate: o.aggregate } });
    if (o.aggregate === 'count' && o.dominance !== undefined) issues.push({ path: at('dominance'), message: 'a count has no dominance rule: its cells are protected by minCellSize', code: 'count_takes_no_dominance', params: {} });
    if (o.aggregate === 'count' && o.field !== undefined) issues.push({ path: at('field'), message: 'a count takes no field', code: 'count_takes_no_field', params: {} });
    if (o.field !== undefined) {
      const field = scope.get(o.field);
      if (!field) issues.push({ path: at('field'), message: `unknown field "${o.field}"`, code: 'unknown_output_field', params: { field: o.field } });
      else if (field.type !== 'integer' && field.type !== 'decimal' && field.type !== 'calculate') issues.push({ path: at('field'), message: `"${o.field}" is not numeric`, code: 'not_numeric', params: { field: o.field } });
    }
    if (o.crossBy !== undefined) {
      const by = scope.get(o.crossBy);
      if (!by || by.type !== 'select_one') issues.push({ path: at('crossBy'), message: `"${o.crossBy}" is not a select_one item ${o.of ? `of ${o.of} or above it` : 'of the unit'}`, ...(o.of ? { code: 'cross_by_not_select', params: { crossBy: o.crossBy, of: o.of } } : { code: 'cross_by_not_select_unit', params: { crossBy: o.crossBy } }) });
    }
  });
  return issues;
}
