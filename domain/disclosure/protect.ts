import type { Geography } from '../geography/geography.js';
import type { ResultRow, ResultTable } from '../results/tables.js';
import { dominanceOf } from '../results/tables.js';
import type { OutputDefinition, SurveyDefinition } from '../survey/definition.js';
import { placeItems } from '../survey/questionnaire.js';
import { applyHistory, NO_HISTORY, type PublicationHistory } from './history.js';
import type { LinkedCell } from './intervals.js';
import type { Solver } from './lp.js';
import { cellId, linkTables, type RawTable } from './links.js';
import { secondarySuppression } from './secondary.js';

/** What the audit of a publication keeps for each hidden cell: never published, for auditors. */
export interface AuditedCell {
  readonly table: string;
  readonly areaCode: string;
  readonly category?: string;
  /** Hidden for itself (`primary`), to protect another (`secondary`), or because an earlier publication hid it (`carried`, see history.ts). */
  readonly reason: 'primary' | 'secondary' | 'carried';
  readonly value: number;
  /** The smallest and largest value a reader can derive; null means no limit (a sum of a field that may be negative has none below). */
  readonly min: number | null;
  readonly max: number | null;
  /** How far the interval must reach on each side of a primary cell. */
  readonly protection: number;
}

/**
 * Primary and secondary suppression over a cycle's tables, and their audit. `tables` carry
 * every value (`computeTables` with `reveal`) and mark the primary cells; the answer hides
 * those and the secondary cells, and says for each what a reader can derive.
 *
 * Protection: a hidden count must stay open by the survey's minimum cell size; a hidden sum
 * by the rule's p % of its value (or k % for an (n, k) rule). Hiding a cell costs its size plus
 * one (τ-ARGUS's frequency cost): small cells go before the totals readers rely on.
 *
 * `history` is what readers already hold from earlier publications (history.ts): cells they
 * hid are carried, and an earlier version's cells and relations are protected against too.
 */
export function protectTables(
  survey: SurveyDefinition,
  tables: readonly ResultTable[],
  geo: Geography,
  solver: Solver,
  history: PublicationHistory = NO_HISTORY,
): { tables: ResultTable[]; audit: AuditedCell[] } {
  const outputs = new Map(survey.outputs.map((o) => [o.id, o]));
  const raw: RawTable[] = tables.map((table) => ({
    output: outputs.get(table.id)!,
    ...(readersLowerBound(survey, outputs.get(table.id)!) === 0 ? { lower: 0 } : {}),
    rows: table.rows.map((r) => ({ areaCode: r.areaCode, ...(r.category === undefined ? {} : { category: r.category }), value: r.value ?? 0, units: r.units })),
  }));
  const { cells, relations, unpublished, scale } = linkTables(raw, geo);
  const primary = new Set(tables.flatMap((t) => t.rows.filter((r) => r.suppressed).map((r) => cellId(t.id, r.areaCode, r.category))));
  const tableOf = new Map(tables.flatMap((t) => t.rows.map((r) => [cellId(t.id, r.areaCode, r.category), t] as const)));
  /** The protection a cell of this publication gets under its output's rule. */
  const protectionOf = (cell: LinkedCell): number => {
    const table = tableOf.get(cell.id);
    if (!table) return 0;
    if (table.aggregate === 'count') return survey.minCellSize;
    const rule = dominanceOf(outputs.get(table.id)!);
    const share = rule === null ? 0.1 : rule.rule === 'p_percent' ? rule.p / 100 : rule.k / 100;
    return Math.max(Math.abs(cell.value) * share, 1e-6);
  };
  const marked: LinkedCell[] = cells.map((cell) => ({ ...cell, suppressed: primary.has(cell.id) || unpublished.has(cell.id) }));
  const levels = new Map(marked.filter((cell) => primary.has(cell.id)).map((cell) => [cell.id, protectionOf(cell)]));
  const linked = applyHistory({ cells: marked, relations, protection: levels }, history, outputs, geo, protectionOf);
  const protection = (cell: LinkedCell): number => linked.protection.get(cell.id) ?? 0;
  const result = secondarySuppression({ cells: linked.cells, relations: linked.relations, protection, weight: (cell) => Math.abs(cell.value) + 1 }, solver);
  const secondary = new Set(result.secondary.filter((id) => !unpublished.has(id)));
  const reasonOf = (id: string): AuditedCell['reason'] | null =>
    primary.has(id) ? 'primary' : linked.carried.has(id) ? 'carried' : secondary.has(id) ? 'secondary' : null;
  const hide = (table: ResultTable, row: ResultRow): ResultRow =>
    reasonOf(cellId(table.id, row.areaCode, row.category)) === null ? row : { ...row, value: null, suppressed: true };
  const audit: AuditedCell[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      const id = cellId(table.id, row.areaCode, row.category);
      const reason = reasonOf(id);
      if (reason === null) continue;
      // A mean's cell is its sum (links.ts): the audit says it as a mean again.
      const per = scale.get(id) ?? 1;
      const value = row.value ?? 0;
      // A cell an earlier version published with this value has no interval: readers hold it.
      const interval = result.intervals.get(id) ?? { min: value * per, max: value * per };
      audit.push({
        table: table.id,
        areaCode: row.areaCode,
        ...(row.category === undefined ? {} : { category: row.category }),
        reason,
        value,
        min: Number.isFinite(interval.min) ? interval.min / per : null,
        max: Number.isFinite(interval.max) ? interval.max / per : null,
        protection: (linked.protection.get(id) ?? 0) / per,
      });
    }
  }
  return { tables: tables.map((table) => ({ ...table, rows: table.rows.map((row) => hide(table, row)) })), audit };
}

/** 0 when readers know a sum or mean cannot go below it: its field's questionnaire minimum is not negative. */
function readersLowerBound(survey: SurveyDefinition, output: OutputDefinition): number | undefined {
  if (output.aggregate !== 'sum' && output.aggregate !== 'mean') return undefined;
  const field = placeItems(survey.items).find((placed) => placed.item.id === output.field)?.item;
  return field && 'min' in field && typeof field.min === 'number' && field.min >= 0 ? 0 : undefined;
}
