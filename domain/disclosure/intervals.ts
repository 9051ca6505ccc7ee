/**
 * What a reader can learn about a suppressed cell from everything published beside it: the
 * smallest and largest value the cell can take, given the published cells, the relations
 * between cells (a total is the sum of its parts) and each cell's bounds. Two linear programs
 * per suppressed cell, as in the audit step of τ-ARGUS and sdcTable, solved by an LP solver.
 */
import { withProgram, type Outcome, type ProgramData, type Row, type Solver } from './lp.js';

/** One cell of the linked tables: published, or suppressed (its value known to us, not to readers). */
export interface LinkedCell {
  readonly id: string;
  readonly value: number;
  readonly suppressed: boolean;
  /** What any reader knows a cell can be: 0 and no upper limit for counts and sums of non-negative values. */
  readonly lower: number;
  readonly upper: number;
}

/** `total` is the sum of `parts`: a province and its communes, an area and its categories. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
  /** How far the published cells may miss the relation, for rounding; the solver's `tolerance` when absent. */
  readonly tolerance?: number;
  /** How high in the area hierarchy the relation sits (0 the country, 1 a province, 2 a commune): secondary.ts works large groups level by level. */
  readonly level?: number;
}

export interface Interval {
  readonly min: number;
  readonly max: number;
}

/**
 * The interval a reader can derive for every suppressed cell. Published values may be rounded:
 * `tolerance` is how far a published relation may be off (0 for counts).
 */
export function attackerIntervals(cells: readonly LinkedCell[], relations: readonly Relation[], solver: Solver, tolerance = 0): Map<string, Interval> {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  for (const relation of relations) {
    for (const id of [relation.total, ...relation.parts]) if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
  }
  const hidden = cells.filter((cell) => cell.suppressed);
  const intervals = new Map<string, Interval>();
  for (const component of components(hidden, relations, byId)) {
    if (component.relations.length === 0) {
      // Nothing published relates to it: a reader knows only its bounds.
      for (const cell of component.cells) intervals.set(cell.id, { min: cell.lower, max: cell.upper });
      continue;
    }
    withProgram(solver, programOf(component, byId, tolerance), (program) => {
      component.cells.forEach((cell, column) => {
        program.setCosts([column], [1]);
        intervals.set(cell.id, { min: optimum(program.solve('minimize'), -Infinity, cell.id), max: optimum(program.solve('maximize'), Infinity, cell.id) });
        program.setCosts([column], [0]);
      });
    });
  }
  return intervals;
}

/** Whether a reader's interval keeps `level` on each side of the true value (as far as the cell's bounds allow below). */
export function isProtected(cell: LinkedCell, interval: Interval, level: number): boolean {
  const below = Math.min(level, cell.value - cell.lower);
  const slack = 1e-9 * Math.max(1, Math.abs(cell.value));
  return interval.min <= cell.value - below + slack && interval.max >= cell.value + level - slack;
}

type Component = { cells: LinkedCell[]; relations: Relation[] };

/** Suppressed cells joined by the relations they share: each group is one linear program. */
function components(hidden: readonly LinkedCell[], relations: readonly Relation[], byId: ReadonlyMap<string, LinkedCell>): Component[] {
  const parent = new Map(hidden.map((cell) => [cell.id, cell.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const touching: Relation[] = [];
  for (const relation of relations) {
    const unknown = [relation.total, ...relation.parts].filter((id) => byId.get(id)!.suppressed);
    if (unknown.length === 0) continue;
    touching.push(relation);
    for (const id of unknown.slice(1)) parent.set(find(id), find(unknown[0]!));
  }
  const groups = new Map<string, Component>();
  for (const cell of hidden) {
    const root = find(cell.id);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { cells: [], relations: [] }));
    group.cells.push(cell);
  }
  for (const relation of touching) {
    const first = [relation.total, ...relation.parts].find((id) => byId.get(id)!.suppressed)!;
    groups.get(find(first))!.relations.push(relation);
  }
  return [...groups.values()];
}

/** One component's program: a column per hidden cell, a row per relation with the published cells' values moved to its bounds. */
function programOf(component: Component, byId: ReadonlyMap<string, LinkedCell>, tolerance: number): ProgramData {
  const columns = new Map(component.cells.map((cell, i) => [cell.id, i]));
  const rows: Row[] = component.relations.map((relation) => {
    // total − Σ parts = 0, each published cell a constant.
    const terms = new Map<number, number>();
    let constant = 0;
    const add = (id: string, sign: number) => {
      const column = columns.get(id);
      if (column === undefined) constant += sign * byId.get(id)!.value;
      else terms.set(column, (terms.get(column) ?? 0) + sign);
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    const slack = relation.tolerance ?? tolerance;
    const used = [...terms].filter(([, coefficient]) => coefficient !== 0);
    return { columns: used.map(([column]) => column), coefficients: used.map(([, coefficient]) => coefficient), lower: -constant - slack, upper: -constant + slack };
  });
  return { lower: component.cells.map((cell) => cell.lower), upper: component.cells.map((cell) => cell.upper), cost: component.cells.map(() => 0), rows };
}

function optimum(outcome: Outcome, unbounded: number, id: string): number {
  if (outcome.status === 'optimal') return outcome.objective;
  if (outcome.status === 'unbounded') return unbounded;
  throw new Error(`the published cells around ${id} contradict each other: no value fits them`);
}
