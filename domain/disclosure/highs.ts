import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import type { Solve } from './intervals.js';

// The package's types describe its CommonJS build, whose export is the loader itself.
const loadHighs = createRequire(import.meta.url)('highs') as () => Promise<Highs>;

/**
 * HiGHS, the LP and MIP solver of the University of Edinburgh, compiled to WebAssembly: one
 * runtime per process, loaded on first use. Each call solves one model in a fresh solver.
 */
let runtime: Promise<Highs> | null = null;

export async function highsSolver(): Promise<Solve> {
  runtime ??= loadHighs();
  const highs = await runtime;
  return (lp, options) => {
    const result = highs.solve(lp);
    if (result.Status === 'Optimal') {
      const values = options?.values ? new Map(Object.entries(result.Columns).map(([name, column]) => [name, column.Primal])) : undefined;
      return { status: 'optimal', objective: result.ObjectiveValue, ...(values ? { values } : {}) };
    }
    if (result.Status === 'Unbounded') return { status: 'unbounded', objective: Number.NaN };
    if (result.Status === 'Infeasible') return { status: 'infeasible', objective: Number.NaN };
    throw new Error(`HiGHS could not solve the model: ${result.Status}`);
  };
}
