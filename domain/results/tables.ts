import type { Geography } from '../geography/geography.js';
import type { OutputDefinition, SurveyDefinition } from '../survey/definition.js';
import { evaluate, type Bindings } from '../survey/expressions.js';
import { DEFAULT_DOMINANCE, outputScope, type Dominance } from '../survey/outputs.js';
import { choicesOf } from '../survey/questionnaire.js';
import type { ResponseData } from '../survey/response.js';
import { rosterChain, typedLevel, unitsOf } from './units.js';

export interface ResultRow {
  readonly areaCode: string;
  readonly areaName: string;
  /** The `crossBy` choice this row counts; absent in a table without `crossBy`. */
  readonly category?: string;
  readonly value: number | null;
  /** Units of the output's `of` that contributed to the cell; the cell is suppressed when under the survey's minimum. */
  readonly units: number;
  readonly suppressed: boolean;
}

export interface ResultTable {
  readonly id: string;
  readonly aggregate: OutputDefinition['aggregate'];
  readonly field: string | null;
  /** The roster counted; absent when the task's units are. */
  readonly of?: string;
  readonly crossBy?: string;
  readonly by: OutputDefinition['by'];
  readonly rows: ResultRow[];
}

export interface ApprovedResponse {
  readonly areaCode: string;
  readonly data: ResponseData;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A value as a number to add up: true counts 1, false 0; anything else does not count. */
function numeric(value: unknown): number | null {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * The disclosure rules a publication applies: 1, a minimum cell size for every table; 2, also
 * a dominance rule for magnitude tables; 3, also secondary suppression across the tables a
 * reader can add up (`domain/disclosure/protect.ts`); 4, also against what earlier versions
 * and the previous period published (`domain/disclosure/history.ts`). A publication records
 * its policy, and reproducing it applies the same one, so results published before a rule
 * existed still reproduce.
 */
export const DISCLOSURE_POLICY = 4;

type Cell = {
  areaCode: string; category: string | undefined; units: number; sum: number; denominator: number;
  /** The largest contributions, by size, and the total of all contributions' sizes: for dominance rules. */
  top: number[]; magnitude: number;
};

/**
 * The dominance rule of an output: its own, else the default for sums and means of a field.
 * A ratio's numerator is most often a count of persons (`has(worked) && worked`), which no
 * one dominates: a ratio takes a rule only when it names one.
 */
export function dominanceOf(output: OutputDefinition): Dominance | null {
  if (output.dominance) return output.dominance;
  return output.aggregate === 'sum' || output.aggregate === 'mean' ? DEFAULT_DOMINANCE : null;
}

/** How many of a cell's largest contributions a dominance rule reads. */
const kept = (rule: Dominance) => (rule.rule === 'nk' ? rule.n : 2);

/** Whether a few units dominate a cell: the p % rule or the (n, k) rule over the sizes of its contributions. */
export function dominated(rule: Dominance, top: readonly number[], magnitude: number): boolean {
  if (magnitude <= 0) return false;
  if (rule.rule === 'p_percent') {
    const [first = 0, second = 0] = top;
    return magnitude - first - second < (rule.p / 100) * first;
  }
  return top.slice(0, rule.n).reduce((a, b) => a + b, 0) > (rule.k / 100) * magnitude;
}

/** What one unit adds to its cell, or null when it does not count. */
function contribution(output: OutputDefinition, unit: Bindings): { value: number; denominator: number } | null {
  if (output.where !== undefined && evaluate(output.where, unit) !== true) return null;
  switch (output.aggregate) {
    case 'count':
      return { value: 1, denominator: 1 };
    case 'sum':
    case 'mean': {
      const value = numeric(unit[output.field!]);
      return value === null || typeof unit[output.field!] === 'boolean' ? null : { value, denominator: 1 };
    }
    case 'ratio': {
      const denominator = numeric(evaluate(output.denominator!, unit));
      if (denominator === null || denominator === 0) return null;
      return { value: numeric(evaluate(output.numerator!, unit)) ?? 0, denominator };
    }
    default: {
      const unknown: never = output.aggregate;
      return unknown;
    }
  }
}

class TableBuilder {
  readonly cells = new Map<string, Cell>();
  readonly chain;
  constructor(
    readonly output: OutputDefinition,
    survey: SurveyDefinition,
  ) {
    this.chain = output.of === undefined ? [] : (rosterChain(survey.items, output.of) ?? []);
  }

  add(areaCode: string, top: Bindings) {
    for (const unit of unitsOf(top, this.chain)) {
      const answer = this.output.crossBy === undefined ? undefined : unit[this.output.crossBy];
      // A unit without an answer to `crossBy` has no row to count in.
      if (this.output.crossBy !== undefined && typeof answer !== 'string') continue;
      const category = typeof answer === 'string' ? answer : undefined;
      const counted = contribution(this.output, unit);
      if (!counted) continue;
      const key = category === undefined ? areaCode : `${areaCode}\u0000${category}`;
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { areaCode, category, units: 0, sum: 0, denominator: 0, top: [], magnitude: 0 };
        this.cells.set(key, cell);
      }
      cell.units += 1;
      cell.sum += counted.value;
      cell.denominator += counted.denominator;
      if (this.output.aggregate !== 'count') this.remember(cell, Math.abs(counted.value));
    }
  }

  /** Keeps the largest contributions a dominance rule needs, largest first. */
  private remember(cell: Cell, size: number) {
    cell.magnitude += size;
    const at = cell.top.findIndex((other) => other < size);
    if (at === -1) cell.top.push(size);
    else cell.top.splice(at, 0, size);
    if (cell.top.length > this.keep) cell.top.pop();
  }

  private get keep(): number {
    return kept(dominanceOf(this.output) ?? DEFAULT_DOMINANCE);
  }
}

/**
 * The survey's output tables over approved responses, one cell per area (and `crossBy` choice):
 * small cells suppressed, and under policy 2 magnitude cells that a few units dominate.
 */
export function computeTables(survey: SurveyDefinition, responses: readonly ApprovedResponse[], geo: Geography, policy = DISCLOSURE_POLICY, options: { reveal?: boolean } = {}): ResultTable[] {
  const builders = survey.outputs.map((output) => new TableBuilder(output, survey));
  for (const response of responses) {
    // Each response is typed once for every output.
    const top = typedLevel(survey.items, response.data);
    for (const builder of builders) {
      const area = geo.ancestorAt(response.areaCode, builder.output.by);
      if (area) builder.add(area.code, top);
    }
  }
  return builders.map(({ output, cells }) => {
    const order = categoryOrder(survey, output);
    const rows = [...cells.values()]
      .sort((a, b) => a.areaCode.localeCompare(b.areaCode) || (order.get(a.category ?? '') ?? 0) - (order.get(b.category ?? '') ?? 0) || (a.category ?? '').localeCompare(b.category ?? ''))
      .map((cell): ResultRow => {
        const rule = policy < 2 ? null : dominanceOf(output);
        const suppressed = cell.units < survey.minCellSize || (rule !== null && dominated(rule, cell.top, cell.magnitude));
        const value = output.aggregate === 'count' ? cell.units : output.aggregate === 'sum' ? cell.sum : cell.sum / cell.denominator;
        return {
          areaCode: cell.areaCode,
          areaName: geo.get(cell.areaCode)?.name ?? cell.areaCode,
          ...(cell.category === undefined ? {} : { category: cell.category }),
          // `reveal` keeps a hidden cell's value, for secondary suppression to weigh; it is never published.
          value: suppressed && !options.reveal ? null : round(value),
          units: cell.units,
          suppressed,
        };
      });
    return {
      id: output.id,
      aggregate: output.aggregate,
      field: output.field ?? null,
      ...(output.of === undefined ? {} : { of: output.of }),
      ...(output.crossBy === undefined ? {} : { crossBy: output.crossBy }),
      by: output.by,
      rows,
    };
  });
}

/** The position of each `crossBy` choice in its list: rows follow the questionnaire's order. */
function categoryOrder(survey: SurveyDefinition, output: OutputDefinition): Map<string, number> {
  const item = output.crossBy === undefined ? undefined : outputScope(survey.items, output.of)?.get(output.crossBy);
  return new Map((item && item.type !== 'roster' ? choicesOf(item, survey.choiceLists) : []).map((c, i) => [c.value, i]));
}
