import { beforeAll, describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import { highsSolver } from '../../domain/disclosure/highs.js';
import { attackerIntervals, isProtected } from '../../domain/disclosure/intervals.js';
import type { Solver } from '../../domain/disclosure/lp.js';
import { cellId, linkTables, type RawTable } from '../../domain/disclosure/links.js';
import { secondarySuppression } from '../../domain/disclosure/secondary.js';
import type { OutputDefinition } from '../../domain/survey/definition.js';

const geo = demoGeography();
let solver: Solver;
beforeAll(async () => {
  solver = await highsSolver();
});

const output = (id: string, by: OutputDefinition['by'], more: Partial<OutputDefinition> = {}): OutputDefinition => ({ id, aggregate: 'count', by, ...more });
const counted = (areaCode: string, value: number, category?: string) => ({ areaCode, value, units: value, ...(category === undefined ? {} : { category }) });

// The publication the issue read: Hà Nội 9 households, its communes 5, 3 and 1.
const HOUSEHOLDS: RawTable = { output: output('households', 'province'), rows: [counted('01', 9), counted('79', 7)] };
const BY_COMMUNE: RawTable = {
  output: output('households_by_commune', 'commune'),
  rows: [counted('01001', 5), counted('01002', 3), counted('01003', 1), counted('79001', 4), counted('79002', 3)],
};

describe('the relations between a cycle’s tables', () => {
  it('makes a province the sum of its communes for the same measure', () => {
    const { relations } = linkTables([HOUSEHOLDS, BY_COMMUNE], geo);
    expect(relations).toContainEqual({ total: cellId('households', '01'), parts: ['01001', '01002', '01003'].map((c) => cellId('households_by_commune', c)), level: 1 });
    expect(relations).toHaveLength(2);
  });

  it('links nothing across different measures or filters', () => {
    const employed: RawTable = { output: output('employed', 'commune', { of: 'persons', where: 'worked' }), rows: [counted('01001', 2)] };
    const income: RawTable = { output: output('income', 'province', { aggregate: 'mean', field: 'income' }), rows: [{ areaCode: '01', value: 310.5, units: 9 }] };
    expect(linkTables([HOUSEHOLDS, employed, income], geo).relations).toEqual([]);
  });

  it('takes a mean as the sum a reader rebuilds from its units, tied to the sum of the same field, within its rounding', () => {
    const mean = (id: string, by: OutputDefinition['by']) => output(id, by, { aggregate: 'mean', field: 'income' });
    const province: RawTable = { output: mean('income', 'province'), rows: [{ areaCode: '01', value: 310.5, units: 4 }] };
    const communes: RawTable = { output: mean('income_by_commune', 'commune'), rows: [{ areaCode: '01001', value: 300, units: 3 }, { areaCode: '01002', value: 342, units: 1 }] };
    const total: RawTable = { output: output('total_income', 'province', { aggregate: 'sum', field: 'income' }), rows: [{ areaCode: '01', value: 1242, units: 4 }] };
    const { cells, relations, scale } = linkTables([total, province, communes], geo);
    expect(cells.find((c) => c.id === cellId('income', '01'))?.value).toBe(1242);
    expect(scale.get(cellId('income_by_commune', '01001'))).toBe(3);
    expect(relations).toHaveLength(2);
    expect(relations).toContainEqual(expect.objectContaining({ total: cellId('total_income', '01'), parts: [cellId('income', '01')] }));
    const hierarchy = relations.find((r) => r.parts.length === 2)!;
    expect(hierarchy).toMatchObject({ total: cellId('total_income', '01'), parts: [cellId('income_by_commune', '01001'), cellId('income_by_commune', '01002')] });
    // Each mean is known to 6 decimals: times its units, on each side of the relation.
    expect(hierarchy.tolerance).toBeGreaterThan(2 * 5e-7 * (3 + 1));
    expect(hierarchy.tolerance).toBeLessThan(1e-4);
  });

  it('makes an area the sum of its categories and of what no category holds', () => {
    const persons: RawTable = { output: output('persons', 'province', { of: 'persons' }), rows: [counted('01', 20)] };
    const bySex: RawTable = { output: output('persons_by_sex', 'province', { of: 'persons', crossBy: 'sex' }), rows: [counted('01', 11, '1'), counted('01', 8, '2')] };
    const { relations, cells, unpublished } = linkTables([persons, bySex], geo);
    const rest = [...unpublished][0]!;
    expect(relations).toEqual([{ total: cellId('persons', '01'), parts: [cellId('persons_by_sex', '01', '1'), cellId('persons_by_sex', '01', '2'), rest], level: 1 }]);
    // One person answered no sex: a reader cannot tell which category they would fall in.
    expect(cells.find((c) => c.id === rest)?.value).toBe(1);
  });
});

describe('the issue’s commune, from its tables to its protection', () => {
  it('is recovered from primary suppression alone, and protected once secondary cells are hidden', () => {
    const { cells, relations, unpublished } = linkTables([HOUSEHOLDS, BY_COMMUNE], geo);
    const marked = cells.map((cell) => ({ ...cell, suppressed: unpublished.has(cell.id) || cell.value < 3 }));
    const hidden = cellId('households_by_commune', '01003');
    const alone = attackerIntervals(marked, relations, solver).get(hidden)!;
    expect(alone).toEqual({ min: 1, max: 1 });

    const protection = (cell: { id: string }) => (unpublished.has(cell.id) ? 0 : 3);
    const result = secondarySuppression({ cells: marked, relations, protection, weight: () => 1 }, solver);
    expect(result.secondary.length).toBeGreaterThan(0);
    expect(isProtected(marked.find((c) => c.id === hidden)!, result.intervals.get(hidden)!, 3)).toBe(true);
  });
});
