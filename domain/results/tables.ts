import type { Geography } from '../geography/geography.js';
import type { OutputDefinition, SurveyDefinition } from '../survey/definition.js';
import type { ResponseData } from '../survey/response.js';

export interface ResultRow {
  readonly areaCode: string;
  readonly areaName: string;
  readonly value: number | null;
  /** Units that contributed to the cell; the cell is suppressed when under the survey's minimum. */
  readonly units: number;
  readonly suppressed: boolean;
}

export interface ResultTable {
  readonly id: string;
  readonly aggregate: OutputDefinition['aggregate'];
  readonly field: string | null;
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

function table(output: OutputDefinition, survey: SurveyDefinition, responses: readonly ApprovedResponse[], geo: Geography): ResultTable {
  const cells = new Map<string, { units: number; sum: number }>();
  for (const response of responses) {
    const area = geo.ancestorAt(response.areaCode, output.by);
    if (!area) continue;
    const raw = output.field ? response.data[output.field] : 1;
    if (typeof raw !== 'number') continue;
    const cell = cells.get(area.code) ?? { units: 0, sum: 0 };
    cell.units += 1;
    cell.sum += raw;
    cells.set(area.code, cell);
  }
  const rows = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([areaCode, cell]): ResultRow => {
      const suppressed = cell.units < survey.minCellSize;
      const value = output.aggregate === 'count' ? cell.units : output.aggregate === 'sum' ? cell.sum : cell.sum / cell.units;
      return {
        areaCode,
        areaName: geo.get(areaCode)?.name ?? areaCode,
        value: suppressed ? null : round(value),
        units: cell.units,
        suppressed,
      };
    });
  return { id: output.id, aggregate: output.aggregate, field: output.field ?? null, by: output.by, rows };
}

/** The survey's output tables over approved responses, with small cells suppressed. */
export function computeTables(survey: SurveyDefinition, responses: readonly ApprovedResponse[], geo: Geography): ResultTable[] {
  return survey.outputs.map((output) => table(output, survey, responses, geo));
}
