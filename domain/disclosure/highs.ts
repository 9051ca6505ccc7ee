import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import type { LinearProgram, Outcome, ProgramData, Solver } from './lp.js';

// The package's types describe its CommonJS build, whose export is the loader itself.
const loadHighs = createRequire(import.meta.url)('highs') as () => Promise<Highs>;

/**
 * HiGHS, the LP and MIP solver of the University of Edinburgh, compiled to WebAssembly: one
 * runtime per process, loaded on first use. Each program is one persistent HiGHS model, so
 * a solve after a change of costs or bounds starts from the previous basis.
 */
let runtime: Promise<Highs> | null = null;

export async function highsSolver(): Promise<Solver> {
  runtime ??= loadHighs();
  const highs = await runtime;
  const finite = (value: number) => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);
  return {
    program(data: ProgramData): LinearProgram {
      const starts = [0];
      const indices: number[] = [];
      const values: number[] = [];
      for (const row of data.rows) {
        indices.push(...row.columns);
        values.push(...row.coefficients);
        starts.push(indices.length);
      }
      const model = highs.createModel({
        numCols: data.cost.length,
        numRows: data.rows.length,
        colCost: data.cost,
        colLower: data.lower.map(finite),
        colUpper: data.upper.map(finite),
        rowLower: data.rows.map((row) => finite(row.lower)),
        rowUpper: data.rows.map((row) => finite(row.upper)),
        matrix: { format: 'csr', numRows: data.rows.length, numCols: data.cost.length, starts, indices, values },
      });
      // Small programs solved many times: the simplex from the last basis, without presolve, which would set it aside.
      model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });
      return {
        setCosts: (columns, costs) => void model.changeColsCost({ kind: 'set', indices: columns }, costs),
        setBounds: (columns, lower, upper) => void model.changeColsBounds({ kind: 'set', indices: columns }, lower.map(finite), upper.map(finite)),
        solve(sense): Outcome {
          model.changeObjectiveSense(sense === 'minimize' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
          const status = model.run().modelStatus;
          const { modelStatus } = highs.constants;
          if (status === modelStatus.optimal) return { status: 'optimal', objective: model.getObjectiveValue() };
          if (status === modelStatus.unbounded) return { status: 'unbounded' };
          if (status === modelStatus.infeasible) return { status: 'infeasible' };
          throw new Error(`HiGHS could not solve the program: model status ${status}`);
        },
        values: () => model.getSolution().colValue,
        dispose: () => model.dispose(),
      };
    },
  };
}
