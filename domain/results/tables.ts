import type { Geography } from '../geography/geography.js';
import type { OutputDefinition, SurveyDefinition } from '../survey/definition.js';
import { evaluate, type Bindings } from '../survey/expressions.js';
import { outputScope } from '../survey/outputs.js';
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

type Cell = { areaCode: string; category: string | undefined; units: number; sum: number; denominator: number };

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
        cell = { areaCode, category, units: 0, sum: 0, denominator: 0 };
        this.cells.set(key, cell);
      }
      cell.units += 1;
      cell.sum += counted.value;
      cell.denominator += counted.denominator;
    }
  }
}

/** The survey's output tables over approved responses, one cell per area (and `crossBy` choice), small cells suppressed. */
export function computeTables(survey: SurveyDefinition, responses: readonly ApprovedResponse[], geo: Geography): ResultTable[] {
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
        const suppressed = cell.units < survey.minCellSize;
        const value = output.aggregate === 'count' ? cell.units : output.aggregate === 'sum' ? cell.sum : cell.sum / cell.denominator;
        return {
          areaCode: cell.areaCode,
          areaName: geo.get(cell.areaCode)?.name ?? cell.areaCode,
          ...(cell.category === undefined ? {} : { category: cell.category }),
          value: suppressed ? null : round(value),
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
