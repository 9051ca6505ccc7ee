import { attackerIntervals, isProtected, lpNumber, type Interval, type LinkedCell, type Relation, type Solve } from './intervals.js';

/**
 * Secondary (complementary) suppression: the cells to hide beside the primary ones so that a
 * reader cannot recompute a primary cell, nor narrow it to less than its protection level on
 * either side, from the published cells and the relations between them.
 *
 * For each primary cell and each direction, a linear program finds the cheapest way the
 * tables can move the cell by its protection level while every relation still holds: a
 * deviation on every cell, costing nothing on cells already hidden and the cell's weight per
 * unit elsewhere (Kelly, Golden and Assad's LP heuristic, as in τ-ARGUS's modular method).
 * Every published cell the move needs is hidden. Hiding more never narrows an interval, so
 * each primary cell stays protected once handled; the audit then proves it.
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
}

/** Within how many relations of a primary cell its move is looked for first, before the whole structure. */
const NEAR = 2;

export function secondarySuppression(problem: SuppressionProblem, solve: Solve): Suppression {
  const byId = new Map(problem.cells.map((cell) => [cell.id, cell]));
  const relationsOf = new Map<string, Relation[]>();
  for (const relation of problem.relations) {
    for (const id of [relation.total, ...relation.parts]) {
      if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
      let list = relationsOf.get(id);
      if (!list) relationsOf.set(id, (list = []));
      list.push(relation);
    }
  }
  const hidden = new Set(problem.cells.filter((cell) => cell.suppressed).map((cell) => cell.id));
  const secondary: string[] = [];
  const primaries = problem.cells.filter((cell) => cell.suppressed).sort((a, b) => a.id.localeCompare(b.id));
  for (const cell of primaries) {
    const level = problem.protection(cell);
    for (const direction of [1, -1] as const) {
      const need = direction === 1 ? Math.min(level, cell.upper - cell.value) : Math.min(level, cell.value - cell.lower);
      if (need <= 0) continue;
      const moved = cheapestMove(cell, direction, need, { byId, relationsOf, hidden, problem }, solve);
      for (const id of moved) {
        if (hidden.has(id)) continue;
        hidden.add(id);
        secondary.push(id);
      }
    }
  }
  const cells = problem.cells.map((cell) => (hidden.has(cell.id) && !cell.suppressed ? { ...cell, suppressed: true } : cell));
  const intervals = attackerIntervals(cells, problem.relations, solve, problem.tolerance ?? 0);
  for (const cell of primaries) {
    if (!isProtected(cell, intervals.get(cell.id)!, problem.protection(cell))) throw new Error(`cell ${cell.id} cannot be protected by these tables`);
  }
  return { suppressed: hidden, secondary, intervals };
}

type Context = {
  byId: ReadonlyMap<string, LinkedCell>;
  relationsOf: ReadonlyMap<string, Relation[]>;
  hidden: ReadonlySet<string>;
  problem: SuppressionProblem;
};

/** The published cells a move of `cell` by `need` in `direction` has to carry along, at least cost. */
function cheapestMove(cell: LinkedCell, direction: 1 | -1, need: number, context: Context, solve: Solve): string[] {
  for (const depth of [NEAR, Infinity]) {
    const relations = neighbourhood(cell.id, depth, context.relationsOf);
    const found = moveWithin(cell, direction, need, relations, context, solve);
    if (found) return found;
  }
  throw new Error(`cell ${cell.id} cannot be protected by these tables`);
}

/** The relations within `depth` steps of a cell. */
function neighbourhood(id: string, depth: number, relationsOf: ReadonlyMap<string, Relation[]>): Relation[] {
  const seen = new Set<Relation>();
  let frontier = [id];
  const reached = new Set(frontier);
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const relation of relationsOf.get(at) ?? []) {
        if (seen.has(relation)) continue;
        seen.add(relation);
        for (const other of [relation.total, ...relation.parts]) if (!reached.has(other)) reached.add(other), next.push(other);
      }
    }
    frontier = next;
  }
  return [...seen];
}

/** The cells moving in the cheapest move inside these relations (cells outside them stay put), or null if none exists. */
function moveWithin(cell: LinkedCell, direction: 1 | -1, need: number, relations: readonly Relation[], context: Context, solve: Solve): string[] | null {
  const ids = [...new Set([cell.id, ...relations.flatMap((r) => [r.total, ...r.parts])])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const objective: string[] = [];
  const bounds: string[] = [];
  for (const id of ids) {
    const c = context.byId.get(id)!;
    const i = index.get(id)!;
    // Moving a hidden cell costs (almost) nothing; a published one costs its weight per unit moved.
    const weight = context.hidden.has(id) ? 1e-6 : Math.max(context.problem.weight(c), 1e-6) / need;
    objective.push(`+ ${weight.toFixed(9)} u${i} + ${weight.toFixed(9)} d${i}`);
    const up = c.upper - c.value;
    const down = c.value - c.lower;
    bounds.push(Number.isFinite(up) ? ` 0 <= u${i} <= ${lpNumber(up)}` : ` u${i} >= 0`, Number.isFinite(down) ? ` 0 <= d${i} <= ${lpNumber(down)}` : ` d${i} >= 0`);
  }
  const p = index.get(cell.id)!;
  const rows = relations.map((relation, r) => {
    const term = (id: string, sign: number) => `${sign > 0 ? '+' : '-'} u${index.get(id)} ${sign > 0 ? '-' : '+'} d${index.get(id)}`;
    return ` r${r}: ${[term(relation.total, 1), ...relation.parts.map((part) => term(part, -1))].join(' ')} = 0`;
  });
  rows.push(direction === 1 ? ` need: u${p} - d${p} = ${lpNumber(need)}` : ` need: d${p} - u${p} = ${lpNumber(need)}`);
  const lp = `Minimize\n obj: ${objective.join(' ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd`;
  const result = solve(lp, { values: true });
  if (result.status !== 'optimal') return null;
  const values = result.values!;
  return ids.filter((id) => id !== cell.id && ((values.get(`u${index.get(id)}`) ?? 0) > 1e-7 || (values.get(`d${index.get(id)}`) ?? 0) > 1e-7));
}
