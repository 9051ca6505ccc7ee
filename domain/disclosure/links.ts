import type { Geography } from '../geography/geography.js';
import type { OutputDefinition } from '../survey/definition.js';
import type { LinkedCell, Relation } from './intervals.js';

/** A table's cells before any is hidden: their values as published, and how many units each counts. */
export interface RawTable {
  readonly output: OutputDefinition;
  /** The least a cell can be, as readers know it: 0 for counts and for sums of a field that cannot go below 0; no limit when absent otherwise. */
  readonly lower?: number;
  readonly rows: readonly { readonly areaCode: string; readonly category?: string; readonly value: number; readonly units: number }[];
}

/** The cell of a table's row, by a name unique across the cycle's tables. */
export const cellId = (table: string, areaCode: string, category?: string): string => `${table}|${areaCode}|${category ?? ''}`;

/** A cell no table publishes: what an area holds beyond its categories (units without an answer to `crossBy`). */
const restId = (table: string, areaCode: string): string => `${table}|${areaCode}|*rest`;

const LEVELS = ['country', 'province', 'commune'] as const;

/** How far a published value may be from the exact one: values are published to 6 decimals. */
const ROUNDING = 5e-7;

/**
 * The cells of a cycle's additive tables and the relations a reader can use between them.
 *
 * - A table at one level is the sum of the same measure at the next level below that is
 *   published (a province of its communes).
 * - An area's row is the sum of its `crossBy` categories when both are published, plus what
 *   no category holds (never published).
 * - A mean is a sum a reader can rebuild: the mean times its units, which a count of the same
 *   units publishes or other sources give. So a mean's cell is that sum (`scale` maps it back),
 *   linked as the sum of the same field and filter is, and tied to that sum's cell where both
 *   are published: one cannot be shown beside the other hidden.
 * - Ratios stand alone: their denominators are not published.
 *
 * Counts are exact; a sum or mean is known to a reader only to its rounding, so each relation
 * over them carries a `tolerance`. The returned cells carry their true values and bounds;
 * whether each is hidden is for the caller to mark. Rows a table leaves out count nothing.
 */
export function linkTables(
  tables: readonly RawTable[],
  geo: Geography,
): { cells: Omit<LinkedCell, 'suppressed'>[]; relations: Relation[]; unpublished: Set<string>; scale: Map<string, number> } {
  const cells: Omit<LinkedCell, 'suppressed'>[] = [];
  const relations: Relation[] = [];
  const unpublished = new Set<string>();
  const scale = new Map<string, number>();
  const imprecision = new Map<string, number>();
  const valueOf = new Map<string, number>();
  const groups = new Map<string, RawTable[]>();
  for (const table of tables) {
    const { aggregate, of, where, field } = table.output;
    // A sum may be of values below 0: its cells are bounded below only when counting, or when its field cannot go below 0.
    const lower = aggregate === 'count' ? 0 : (table.lower ?? -Infinity);
    for (const row of table.rows) {
      const id = cellId(table.output.id, row.areaCode, row.category);
      const units = aggregate === 'mean' ? row.units : 1;
      if (aggregate === 'mean') scale.set(id, units);
      valueOf.set(id, row.value * units);
      cells.push({ id, value: row.value * units, lower, upper: Infinity });
      if (aggregate !== 'count') imprecision.set(id, ROUNDING * units + 1e-12 * Math.abs(row.value * units));
    }
    if (aggregate === 'ratio') continue;
    const key = JSON.stringify([aggregate === 'count' ? 'count' : 'sum', of ?? '', where ?? '', field ?? '']);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(table);
  }
  const add = (relation: Relation, by: RawTable['output']['by']) => {
    const tolerance = [relation.total, ...relation.parts].reduce((sum, id) => sum + (imprecision.get(id) ?? 0), 0);
    relations.push({ ...relation, level: LEVELS.indexOf(by), ...(tolerance > 0 ? { tolerance: 2 * tolerance } : {}) });
  };
  for (const group of groups.values()) {
    // One table per level and split stands for the others, which are tied to it cell by cell.
    const standing = new Map<string, RawTable>();
    for (const table of group) {
      const place = `${table.output.by}\u0000${table.output.crossBy ?? ''}`;
      const first = standing.get(place);
      if (!first) {
        standing.set(place, table);
        continue;
      }
      const rows = new Map(first.rows.map((r) => [`${r.areaCode}\u0000${r.category ?? ''}`, r]));
      for (const row of table.rows) {
        const same = rows.get(`${row.areaCode}\u0000${row.category ?? ''}`);
        if (same) add({ total: cellId(first.output.id, same.areaCode, same.category), parts: [cellId(table.output.id, row.areaCode, row.category)] }, table.output.by);
      }
    }
    const tablesOf = [...standing.values()];
    // Across levels, for tables split the same way.
    for (const split of new Set(tablesOf.map((t) => t.output.crossBy ?? ''))) {
      const present = LEVELS.map((level) => tablesOf.find((t) => t.output.by === level && (t.output.crossBy ?? '') === split)).filter((t): t is RawTable => t !== undefined);
      for (let i = 0; i + 1 < present.length; i++) for (const relation of hierarchy(present[i]!, present[i + 1]!, geo)) add(relation, present[i]!.output.by);
    }
    // Within a level, an area and its categories.
    for (const whole of tablesOf.filter((t) => t.output.crossBy === undefined)) {
      for (const split of tablesOf.filter((t) => t.output.crossBy !== undefined && t.output.by === whole.output.by)) {
        const byArea = new Map<string, string[]>();
        for (const r of split.rows) {
          let ids = byArea.get(r.areaCode);
          if (!ids) byArea.set(r.areaCode, (ids = []));
          ids.push(cellId(split.output.id, r.areaCode, r.category));
        }
        for (const row of whole.rows) {
          const parts = byArea.get(row.areaCode) ?? [];
          const total = cellId(whole.output.id, row.areaCode);
          const rest = valueOf.get(total)! - parts.reduce((sum, id) => sum + valueOf.get(id)!, 0);
          const restCell = restId(split.output.id, row.areaCode);
          if (!unpublished.has(restCell)) {
            unpublished.add(restCell);
            cells.push({ id: restCell, value: rest, lower: whole.output.aggregate === 'count' ? 0 : (whole.lower ?? -Infinity), upper: Infinity });
          }
          add({ total, parts: [...parts, restCell] }, whole.output.by);
        }
      }
    }
  }
  return { cells, relations, unpublished, scale };
}
/** Each row of the upper table as the sum of the rows of the lower table inside its area (and category). */
function hierarchy(upper: RawTable, lower: RawTable, geo: Geography): Relation[] {
  const within = new Map<string, string[]>();
  for (const row of lower.rows) {
    const area = geo.ancestorAt(row.areaCode, upper.output.by)?.code;
    if (area === undefined) continue;
    const key = `${area}\u0000${row.category ?? ''}`;
    let parts = within.get(key);
    if (!parts) within.set(key, (parts = []));
    parts.push(cellId(lower.output.id, row.areaCode, row.category));
  }
  return upper.rows.map((row) => ({ total: cellId(upper.output.id, row.areaCode, row.category), parts: within.get(`${row.areaCode}\u0000${row.category ?? ''}`) ?? [] }));
}
