import { attackerIntervals, isProtected, type Interval, type LinkedCell, type Relation } from './intervals.js';
import type { LinearProgram, Row, Solver } from './lp.js';

/**
 * Secondary (complementary) suppression: the cells to hide beside the primary ones so that a
 * reader cannot recompute a primary cell, nor narrow it to less than its protection level on
 * either side, from the published cells and the relations between them.
 *
 * For each primary cell and each direction, a linear program finds the cheapest way the
 * tables can move the cell by its protection level while every relation still holds: a
 * deviation on every cell, costing (almost) nothing on cells already hidden and the cell's
 * weight per unit elsewhere (Kelly, Golden and Assad's LP heuristic, as in τ-ARGUS's modular
 * method). Every published cell the move needs is hidden. Hiding more never narrows an
 * interval, so each primary cell stays protected once handled; the audit then proves it.
 *
 * One program per group of linked cells serves all its primary cells: between two of them
 * only the bounds of the cell being moved and the costs of newly hidden cells change, and
 * the solver starts from its last basis.
 */
export interface Suppression {
  /** Every hidden cell: the primary ones and those hidden to protect them. */
  readonly suppressed: ReadonlySet<string>;
  readonly secondary: readonly string[];
  /** What a reader can derive about each hidden cell, after the secondary ones are hidden. */
  readonly intervals: ReadonlyMap<string, Interval>;
}

export interface SuppressionProblem {
  /** Every cell of the linked tables; `suppressed` marks the primary ones. */
  readonly cells: readonly LinkedCell[];
  readonly relations: readonly Relation[];
  /** How far a primary cell must stay open on each side. */
  readonly protection: (cell: LinkedCell) => number;
  /** What hiding a published cell loses: 1 counts hidden cells; the value weighs hidden totals. */
  readonly weight: (cell: LinkedCell) => number;
  /** How far a published relation may be off for rounding (0 for counts). */
  readonly tolerance?: number;
  /** Above how many cells a group is worked part by part (the default suits censuses; tests lower it). */
  readonly partsAbove?: number;
}

/** What moving an already hidden cell costs: nearly nothing, so that moves go through hidden cells first. */
const HIDDEN = 1e-6;
/** A deviation smaller than this is the solver's rounding, not a move. */
const MOVED = 1e-7;
/** Groups of more cells than this are worked part by part first. */
const PARTS_ABOVE = 1000;
/** A relation without a level is of the deepest. */
const levelOf = (relation: Relation) => relation.level ?? Infinity;

export function secondarySuppression(problem: SuppressionProblem, solver: Solver): Suppression {
  const byId = new Map(problem.cells.map((cell) => [cell.id, cell]));
  for (const relation of problem.relations) {
    for (const id of [relation.total, ...relation.parts]) if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
  }
  const hidden = new Set(problem.cells.filter((cell) => cell.suppressed).map((cell) => cell.id));
  const secondary: string[] = [];
  const hide = (ids: readonly string[], programs: readonly (Moves | null)[]) => {
    for (const id of ids) {
      if (hidden.has(id)) continue;
      hidden.add(id);
      secondary.push(id);
      for (const moves of programs) moves?.hidden(id);
    }
  };
  for (const group of linkedGroups(problem.cells, problem.relations)) {
    if (group.relations.length === 0 || !group.cells.some((cell) => cell.suppressed && problem.protection(cell) > 0)) continue;
    // A large group is worked part by part below its top level (a province with its communes, not the whole country at once):
    // a part's cheapest move that leaves the top level's cells alone is the cheapest of all, and only the others need the whole group.
    const top = Math.min(...group.relations.map(levelOf));
    const parts = group.cells.length > (problem.partsAbove ?? PARTS_ABOVE) ? linkedGroups(group.cells, group.relations.filter((r) => levelOf(r) > top)) : [group];
    const boundary = new Set(parts.length > 1 ? group.relations.filter((r) => levelOf(r) === top).flatMap((r) => [r.total, ...r.parts]) : []);
    let whole: Moves | null = null;
    try {
      for (const part of parts) {
        const primaries = part.cells.filter((cell) => cell.suppressed && problem.protection(cell) > 0).sort((a, b) => a.id.localeCompare(b.id));
        if (primaries.length === 0) continue;
        const local = part === group || part.relations.length === 0 ? null : new Moves(part, hidden, problem, solver);
        try {
          for (const cell of primaries) {
            for (const direction of [1, -1] as const) {
              const need = Math.min(problem.protection(cell), direction === 1 ? cell.upper - cell.value : cell.value - cell.lower);
              if (need <= 0) continue;
              let moved = local && !boundary.has(cell.id) ? local.cheapest(cell.id, direction, need) : null;
              if (moved === null || moved.some((id) => boundary.has(id))) {
                whole ??= new Moves(group, hidden, problem, solver);
                moved = whole.cheapest(cell.id, direction, need);
              }
              if (moved === null) throw new Error(`cell ${cell.id} cannot be protected by these tables`);
              hide(moved, [local, whole]);
            }
          }
        } finally {
          local?.dispose();
        }
      }
    } finally {
      whole?.dispose();
    }
  }
  const cells = problem.cells.map((cell) => (hidden.has(cell.id) && !cell.suppressed ? { ...cell, suppressed: true } : cell));
  const intervals = attackerIntervals(cells, problem.relations, solver, problem.tolerance ?? 0);
  for (const cell of problem.cells.filter((c) => c.suppressed)) {
    if (!isProtected(cell, intervals.get(cell.id)!, problem.protection(cell))) throw new Error(`cell ${cell.id} cannot be protected by these tables`);
  }
  return { suppressed: hidden, secondary, intervals };
}

type Group = { cells: LinkedCell[]; relations: Relation[] };

/** Cells joined by relations, each group with its relations; cells in no relation stand alone. */
function linkedGroups(cells: readonly LinkedCell[], relations: readonly Relation[]): Group[] {
  const parent = new Map(cells.map((cell) => [cell.id, cell.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const relation of relations) for (const part of relation.parts) parent.set(find(part), find(relation.total));
  const groups = new Map<string, Group>();
  for (const cell of cells) {
    const root = find(cell.id);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { cells: [], relations: [] }));
    group.cells.push(cell);
  }
  for (const relation of relations) groups.get(find(relation.total))!.relations.push(relation);
  return [...groups.values()];
}

/**
 * The program of a group's moves: for each cell a move up (column 2i) and down (2i + 1),
 * within its bounds, costing its weight per unit while published; each relation holding
 * over the moves. Kept by the solver across the group's primary cells.
 */
class Moves {
  readonly #cells: readonly LinkedCell[];
  readonly #column: Map<string, number>;
  readonly #program: LinearProgram;

  constructor(group: Group, hidden: ReadonlySet<string>, problem: SuppressionProblem, solver: Solver) {
    this.#cells = group.cells;
    this.#column = new Map(group.cells.map((cell, i) => [cell.id, i]));
    const lower: number[] = [];
    const upper: number[] = [];
    const cost: number[] = [];
    for (const cell of group.cells) {
      const price = hidden.has(cell.id) ? HIDDEN : Math.max(problem.weight(cell), HIDDEN);
      lower.push(0, 0);
      upper.push(cell.upper - cell.value, cell.value - cell.lower);
      cost.push(price, price);
    }
    const rows: Row[] = group.relations.map((relation) => {
      const terms = new Map<number, number>();
      const add = (id: string, sign: number) => terms.set(this.#column.get(id)!, (terms.get(this.#column.get(id)!) ?? 0) + sign);
      add(relation.total, 1);
      for (const part of relation.parts) add(part, -1);
      const used = [...terms].filter(([, c]) => c !== 0);
      return { columns: used.flatMap(([i]) => [2 * i, 2 * i + 1]), coefficients: used.flatMap(([, c]) => [c, -c]), lower: 0, upper: 0 };
    });
    this.#program = solver.program({ lower, upper, cost, rows });
  }

  /** A cell of the group was hidden: moving it costs nearly nothing from now on. */
  hidden(id: string): void {
    const at = this.#column.get(id);
    if (at !== undefined) this.#program.setCosts([2 * at, 2 * at + 1], [HIDDEN, HIDDEN]);
  }

  /** The cells other than `id` that its cheapest move by `need` in `direction` carries along, or null when none exists. */
  cheapest(id: string, direction: 1 | -1, need: number): string[] | null {
    const at = this.#column.get(id)!;
    const cell = this.#cells[at]!;
    const columns = [2 * at, 2 * at + 1];
    this.#program.setBounds(columns, direction === 1 ? [need, 0] : [0, need], direction === 1 ? [need, 0] : [0, need]);
    const outcome = this.#program.solve('minimize');
    const moved = outcome.status === 'optimal' ? this.#program.values() : null;
    this.#program.setBounds(columns, [0, 0], [cell.upper - cell.value, cell.value - cell.lower]);
    if (!moved) return null;
    return this.#cells.filter((_, i) => i !== at && (moved[2 * i]! > MOVED || moved[2 * i + 1]! > MOVED)).map((c) => c.id);
  }

  dispose(): void {
    this.#program.dispose();
  }
}
