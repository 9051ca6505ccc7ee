/**
 * What a reader can learn about a suppressed cell from everything published beside it: the
 * smallest and largest value the cell can take, given the published cells, the relations
 * between cells (a total is the sum of its parts) and each cell's bounds. Two linear programs
 * per suppressed cell, as in the audit step of τ-ARGUS and sdcTable, solved by an LP solver.
 */

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
}

export interface Interval {
  readonly min: number;
  readonly max: number;
}

/** A linear program in CPLEX LP text: its status, optimum and, when asked, the value of each variable. */
export type Solve = (
  lp: string,
  options?: { readonly values?: boolean },
) => { readonly status: 'optimal' | 'unbounded' | 'infeasible'; readonly objective: number; readonly values?: ReadonlyMap<string, number> };

/**
 * The interval a reader can derive for every suppressed cell. Published values may be rounded:
 * `tolerance` is how far a published relation may be off (0 for counts).
 */
export function attackerIntervals(cells: readonly LinkedCell[], relations: readonly Relation[], solve: Solve, tolerance = 0): Map<string, Interval> {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  for (const relation of relations) {
    for (const id of [relation.total, ...relation.parts]) if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
  }
  const hidden = cells.filter((cell) => cell.suppressed);
  const intervals = new Map<string, Interval>();
  for (const component of components(hidden, relations, byId)) {
    const lp = programOf(component, byId, tolerance);
    for (const cell of component.cells) {
      const name = lp.names.get(cell.id)!;
      intervals.set(cell.id, {
        min: optimum(solve(`Minimize\n obj: ${name}\n${lp.body}`), -Infinity, cell.id),
        max: optimum(solve(`Maximize\n obj: ${name}\n${lp.body}`), Infinity, cell.id),
      });
    }
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

/** The constraints and bounds of one component, published cells moved to the right-hand side. */
function programOf(component: Component, byId: ReadonlyMap<string, LinkedCell>, tolerance: number): { names: Map<string, string>; body: string } {
  const names = new Map(component.cells.map((cell, i) => [cell.id, `x${i}`]));
  const rows: string[] = [];
  const slacks: { name: string; slack: number }[] = [];
  component.relations.forEach((relation, r) => {
    // total − Σ parts = 0, with each published cell's value as a constant.
    const terms = new Map<string, number>();
    let constant = 0;
    const add = (id: string, sign: number) => {
      const name = names.get(id);
      if (name) terms.set(name, (terms.get(name) ?? 0) + sign);
      else constant += sign * byId.get(id)!.value;
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    let expression = [...terms].filter(([, c]) => c !== 0).map(([name, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c) === 1 ? '' : `${Math.abs(c)} `}${name}`).join(' ');
    const slack = relation.tolerance ?? tolerance;
    if (slack > 0) {
      slacks.push({ name: `s${r}`, slack });
      expression += ` + s${r}`;
    }
    rows.push(` r${r}: ${expression} = ${lpNumber(-constant)}`);
  });
  const bounds = component.cells.map((cell) => {
    const name = names.get(cell.id)!;
    const lower = Number.isFinite(cell.lower) ? lpNumber(cell.lower) : '-inf';
    return Number.isFinite(cell.upper) ? ` ${lower} <= ${name} <= ${lpNumber(cell.upper)}` : ` ${name} >= ${lower}`;
  });
  for (const { name, slack } of slacks) bounds.push(` ${lpNumber(-slack)} <= ${name} <= ${lpNumber(slack)}`);
  const constraints = rows.length > 0 ? rows : [` r0: ${names.get(component.cells[0]!.id)!} >= ${lpNumber(Number.isFinite(component.cells[0]!.lower) ? component.cells[0]!.lower : -1e30)}`];
  return { names, body: `Subject To\n${constraints.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd` };
}

function optimum(result: ReturnType<Solve>, unbounded: number, id: string): number {
  if (result.status === 'optimal') return result.objective;
  if (result.status === 'unbounded') return unbounded;
  throw new Error(`the published cells around ${id} contradict each other: no value fits them`);
}

/** A number as LP text: plain decimals, never exponents the reader might misparse. */
export function lpNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(9);
}
