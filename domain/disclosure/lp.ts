/**
 * The linear programs of disclosure control, as the solver keeps them: built once per group
 * of linked cells, then solved again and again with other costs and bounds, each solve
 * starting from the last one's basis (a warm start), which is what makes thousands of them
 * cheap. `highs.ts` implements it with HiGHS.
 */

/** A row: Σ coefficient × column between `lower` and `upper`. */
export interface Row {
  readonly columns: readonly number[];
  readonly coefficients: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

export interface ProgramData {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly cost: readonly number[];
  readonly rows: readonly Row[];
}

export type Outcome = { readonly status: 'optimal'; readonly objective: number } | { readonly status: 'unbounded' | 'infeasible' };

export interface LinearProgram {
  setCosts(columns: readonly number[], costs: readonly number[]): void;
  setBounds(columns: readonly number[], lower: readonly number[], upper: readonly number[]): void;
  solve(sense: 'minimize' | 'maximize'): Outcome;
  /** Each column's value at the last optimum. */
  values(): ArrayLike<number>;
  /** Frees the solver's memory: call it once done. */
  dispose(): void;
}

export interface Solver {
  program(data: ProgramData): LinearProgram;
}

/** Runs `use` on a program built from `data`, and frees it after. */
export function withProgram<T>(solver: Solver, data: ProgramData, use: (program: LinearProgram) => T): T {
  const program = solver.program(data);
  try {
    return use(program);
  } finally {
    program.dispose();
  }
}
