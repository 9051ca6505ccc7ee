import type { Geography } from '../geography/geography.js';
import type { ResultTable } from '../results/tables.js';
import type { OutputDefinition } from '../survey/definition.js';
import type { LinkedCell, Relation } from './intervals.js';
import { cellId, linkTables } from './links.js';

/**
 * What readers already hold when a publication goes out: the earlier versions of the same
 * cycle's result and the previous period's result of the same survey.
 *
 * The policy, written out in the README:
 * - Versions (a corrected result of the same period). A cell hidden in an earlier version
 *   stays hidden. A cell an earlier version published with the value it still has is known
 *   for good: it cannot serve to hide anything. And the earlier version's relations join
 *   the new one's, so the secondary cells are chosen, and the audit is made, against both
 *   versions at once: a reader who subtracts one version from the other learns nothing the
 *   audit has not counted. Readers are assumed to know which cells a correction left alone.
 * - Periods (the next cycle of the same survey). No published relation joins two periods,
 *   but a unit that dominates a cell tends to dominate it again, so a value published next to
 *   last period's hidden one would give that one away. A cell hidden for itself in the
 *   previous period is hidden again, protected as a primary cell. The carry lasts one
 *   period: a cell hidden only because it was carried is not carried further.
 */
export interface EarlierPublication {
  /** The tables as published: hidden cells without a value. */
  readonly tables: readonly ResultTable[];
  /** The publication's audit (policy 3): each hidden cell's value, reason and protection. */
  readonly audit?: readonly EarlierAuditedCell[];
}

export interface EarlierAuditedCell {
  readonly table: string;
  readonly areaCode: string;
  readonly category?: string;
  readonly reason: 'primary' | 'secondary' | 'carried';
  readonly value: number;
  readonly protection: number;
}

export interface PublicationHistory {
  /** Earlier versions of this cycle's result, oldest first. */
  readonly versions: readonly EarlierPublication[];
  readonly previousPeriod: EarlierPublication | null;
}

export const NO_HISTORY: PublicationHistory = { versions: [], previousPeriod: null };

/** The linked cells of the publication being made, before history is applied. */
export interface Linked {
  readonly cells: readonly LinkedCell[];
  readonly relations: readonly Relation[];
  /** How far each hidden cell must stay open: primary cells, and carried ones. */
  readonly protection: ReadonlyMap<string, number>;
}

/** What history adds: cells hidden because an earlier publication hid them, and the cells and relations readers hold from earlier versions. */
export interface WithHistory extends Linked {
  readonly carried: ReadonlySet<string>;
}

const auditId = (cell: EarlierAuditedCell) => cellId(cell.table, cell.areaCode, cell.category);

/**
 * Applies the policy above. `protectionOf` is the protection a cell of this publication gets
 * under its output's rule, for carried cells; `outputs` are this publication's outputs, by id.
 */
export function applyHistory(
  linked: Linked,
  history: PublicationHistory,
  outputs: ReadonlyMap<string, OutputDefinition>,
  geo: Geography,
  protectionOf: (cell: LinkedCell) => number,
): WithHistory {
  const cells = new Map(linked.cells.map((cell) => [cell.id, cell]));
  const protection = new Map(linked.protection);
  const carried = new Set<string>();
  const hide = (id: string, level: number) => {
    const cell = cells.get(id);
    if (!cell) return;
    if (!cell.suppressed) {
      cells.set(id, { ...cell, suppressed: true });
      carried.add(id);
    }
    protection.set(id, Math.max(protection.get(id) ?? 0, level));
  };

  const previous = history.previousPeriod;
  if (previous) {
    for (const id of primaryCells(previous)) {
      const cell = cells.get(id);
      if (cell) hide(id, protectionOf(cell));
    }
  }

  const relations = [...linked.relations];
  history.versions.forEach((version, n) => {
    const hidden = new Map((version.audit ?? []).map((cell) => [auditId(cell), cell]));
    for (const table of version.tables) {
      for (const row of table.rows) {
        const id = cellId(table.id, row.areaCode, row.category);
        const audited = hidden.get(id);
        if (row.suppressed) hide(id, audited && audited.protection > 0 && cells.get(id) ? protectionOf(cells.get(id)!) : 0);
      }
    }
    // Without its audit an earlier version's hidden values are unknown here: carrying its pattern is all that can be done.
    if (!version.audit) return;
    joinVersion(version, hidden, `v${n + 1}~`, { cells, relations, protection }, outputs, geo);
  });
  return { cells: [...cells.values()], relations, protection, carried };
}

/** The cells an earlier publication hid for themselves. Before audits (policy 1 and 2) every hidden cell was. */
function primaryCells(publication: EarlierPublication): string[] {
  if (publication.audit) return publication.audit.filter((cell) => cell.reason === 'primary').map(auditId);
  return publication.tables.flatMap((table) => table.rows.filter((row) => row.suppressed).map((row) => cellId(table.id, row.areaCode, row.category)));
}

/**
 * Adds an earlier version's relations, over the cells a reader holds from it. A cell whose
 * value has not changed is one unknown (or one known value) in both versions; a changed one is
 * a cell of its own, `prefix` + its id: published, a constant; hidden, an unknown that keeps
 * its protection.
 */
function joinVersion(
  version: EarlierPublication,
  hidden: ReadonlyMap<string, EarlierAuditedCell>,
  prefix: string,
  into: { cells: Map<string, LinkedCell>; relations: Relation[]; protection: Map<string, number> },
  outputs: ReadonlyMap<string, OutputDefinition>,
  geo: Geography,
): void {
  const raw = version.tables.flatMap((table) => {
    const output = outputs.get(table.id);
    if (!output) return [];
    return [{ output, rows: table.rows.map((row) => ({ areaCode: row.areaCode, ...(row.category === undefined ? {} : { category: row.category }), value: row.value ?? hidden.get(cellId(table.id, row.areaCode, row.category))?.value ?? 0, units: row.units })) }];
  });
  const earlier = linkTables(raw, geo);
  const published = new Set(version.tables.flatMap((table) => table.rows.filter((row) => !row.suppressed).map((row) => cellId(table.id, row.areaCode, row.category))));
  const rename = new Map<string, string>();
  for (const cell of earlier.cells) {
    const now = into.cells.get(cell.id);
    const known = published.has(cell.id);
    if (now && now.value === cell.value) {
      rename.set(cell.id, cell.id);
      // Published before with this value: readers know it, hidden or not now.
      if (known) {
        into.cells.set(cell.id, { ...now, suppressed: false, lower: now.value, upper: now.value });
        into.protection.delete(cell.id);
      }
      continue;
    }
    const id = prefix + cell.id;
    rename.set(cell.id, id);
    into.cells.set(id, known ? { ...cell, id, suppressed: false, lower: cell.value, upper: cell.value } : { ...cell, id, suppressed: true });
    const protection = hidden.get(cell.id)?.protection ?? 0;
    if (!known && protection > 0) into.protection.set(id, protection);
  }
  for (const relation of earlier.relations) into.relations.push({ ...relation, total: rename.get(relation.total)!, parts: relation.parts.map((part) => rename.get(part)!) });
}
