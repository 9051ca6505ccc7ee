import type { Geography } from '../geography/geography.js';
import type { OutputDefinition } from '../survey/definition.js';
import type { LinkedCell, Relation } from './intervals.js';

/** A table's cells before any is hidden: its true values, and how many units each counts. */
export interface RawTable {
  readonly output: OutputDefinition;
  readonly rows: readonly { readonly areaCode: string; readonly category?: string; readonly value: number; readonly units: number }[];
}

/** The cell of a table's row, by a name unique across the cycle's tables. */
export const cellId = (table: string, areaCode: string, category?: string): string => `${table}|${areaCode}|${category ?? ''}`;

/** A cell no table publishes: what an area holds beyond its categories (units without an answer to `crossBy`). */
const restId = (table: string, areaCode: string): string => `${table}|${areaCode}|*rest`;

const LEVELS = ['country', 'province', 'commune'] as const;

/**
 * The cells of a cycle's additive tables (counts and sums) and the relations a reader can use
 * between them: a table at one level is the sum of the same measure at the next level below
 * that is published (a province of its communes), and an area's row is the sum of its
 * `crossBy` categories when both are published, plus what no category holds (never published).
 * Means and ratios are not sums of anything published, and stand alone.
 *
 * The returned cells carry their true values and bounds; whether each is hidden is for the
 * caller to mark. Rows a table leaves out count nothing, and need no cell.
 */
export function linkTables(tables: readonly RawTable[], geo: Geography): { cells: Omit<LinkedCell, 'suppressed'>[]; relations: Relation[]; unpublished: Set<string> } {
  const cells: Omit<LinkedCell, 'suppressed'>[] = [];
  const relations: Relation[] = [];
  const unpublished = new Set<string>();
  const groups = new Map<string, RawTable[]>();
  for (const table of tables) {
    const { aggregate, of, where, field } = table.output;
    // A sum may be of values below 0: its cells are bounded only when counting.
    const lower = aggregate === 'count' ? 0 : -Infinity;
    for (const row of table.rows) cells.push({ id: cellId(table.output.id, row.areaCode, row.category), value: row.value, lower, upper: Infinity });
    if (aggregate !== 'count' && aggregate !== 'sum') continue;
    const key = JSON.stringify([aggregate, of ?? '', where ?? '', field ?? '']);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(table);
  }
  for (const group of groups.values()) {
    // Across levels, for tables split the same way.
    const bySplit = new Map<string, RawTable[]>();
    for (const table of group) {
      const split = table.output.crossBy ?? '';
      let list = bySplit.get(split);
      if (!list) bySplit.set(split, (list = []));
      list.push(table);
    }
    for (const split of bySplit.values()) {
      const present = LEVELS.map((level) => split.find((t) => t.output.by === level)).filter((t): t is RawTable => t !== undefined);
      for (let i = 0; i + 1 < present.length; i++) relations.push(...hierarchy(present[i]!, present[i + 1]!, geo));
    }
    // Within a level, an area and its categories.
    for (const whole of group.filter((t) => t.output.crossBy === undefined)) {
      for (const split of group.filter((t) => t.output.crossBy !== undefined && t.output.by === whole.output.by)) {
        for (const row of whole.rows) {
          const parts = split.rows.filter((r) => r.areaCode === row.areaCode);
          const rest = row.value - parts.reduce((sum, r) => sum + r.value, 0);
          const restCell = restId(split.output.id, row.areaCode);
          if (!unpublished.has(restCell)) {
            unpublished.add(restCell);
            cells.push({ id: restCell, value: rest, lower: whole.output.aggregate === 'count' ? 0 : -Infinity, upper: Infinity });
          }
          relations.push({ total: cellId(whole.output.id, row.areaCode), parts: [...parts.map((r) => cellId(split.output.id, r.areaCode, r.category)), restCell] });
        }
      }
    }
  }
  return { cells, relations, unpublished };
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
