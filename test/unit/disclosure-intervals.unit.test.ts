import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver } from '../../domain/disclosure/highs.js';
import { attackerIntervals, isProtected, type LinkedCell, type Relation } from '../../domain/disclosure/intervals.js';
import type { Solver } from '../../domain/disclosure/lp.js';

let solver: Solver;
beforeAll(async () => {
  solver = await highsSolver();
});

const count = (id: string, value: number, suppressed = false): LinkedCell => ({ id, value, suppressed, lower: 0, upper: Infinity });

describe('what a reader derives about a suppressed cell', () => {
  it('recovers a commune hidden alone beside its province total: 9 − 5 − 3 = 1', () => {
    const cells = [count('HN', 9), count('HN1', 5), count('HN2', 3), count('HN3', 1, true)];
    const relations: Relation[] = [{ total: 'HN', parts: ['HN1', 'HN2', 'HN3'] }];
    const interval = attackerIntervals(cells, relations, solver).get('HN3')!;
    expect(interval).toEqual({ min: 1, max: 1 });
    expect(isProtected(cells[3]!, interval, 3)).toBe(false);
  });

  it('cannot narrow two hidden communes below what their sum allows', () => {
    const cells = [count('HN', 9), count('HN1', 5), count('HN2', 3, true), count('HN3', 1, true)];
    const intervals = attackerIntervals(cells, [{ total: 'HN', parts: ['HN1', 'HN2', 'HN3'] }], solver);
    expect(intervals.get('HN2')).toEqual({ min: 0, max: 4 });
    expect(intervals.get('HN3')).toEqual({ min: 0, max: 4 });
    // HN3 (1) may be 0 to 4: 1 below (as far as 0 allows) and 3 above.
    expect(isProtected(cells[3]!, intervals.get('HN3')!, 3)).toBe(true);
    // HN2 (3) may be 0 to 4: only 1 above, short of a protection of 3.
    expect(isProtected(cells[2]!, intervals.get('HN2')!, 3)).toBe(false);
  });

  it('follows a cell through the hierarchy and across a category split', () => {
    // VN = HN + HCM; HN = HN1 + HN2; HN1 = women + men. Only HN1's women and men and HCM are hidden.
    const cells = [count('VN', 20), count('HN', 12), count('HCM', 8, true), count('HN1', 7), count('HN2', 5), count('HN1.f', 2, true), count('HN1.m', 5, true)];
    const relations: Relation[] = [
      { total: 'VN', parts: ['HN', 'HCM'] },
      { total: 'HN', parts: ['HN1', 'HN2'] },
      { total: 'HN1', parts: ['HN1.f', 'HN1.m'] },
    ];
    const intervals = attackerIntervals(cells, relations, solver);
    expect(intervals.get('HCM')).toEqual({ min: 8, max: 8 });
    expect(intervals.get('HN1.f')).toEqual({ min: 0, max: 7 });
    expect(intervals.get('HN1.m')).toEqual({ min: 0, max: 7 });
  });

  it('leaves a hidden cell that no relation binds as open as its bounds', () => {
    const intervals = attackerIntervals([count('A', 2, true)], [], solver);
    expect(intervals.get('A')).toEqual({ min: 0, max: Infinity });
  });

  it('takes rounded published sums within a tolerance', () => {
    const sum = (id: string, value: number, suppressed = false): LinkedCell => ({ id, value, suppressed, lower: 0, upper: Infinity });
    const cells = [sum('T', 10.000001), sum('A', 3.333333), sum('B', 6.666667, true)];
    const interval = attackerIntervals(cells, [{ total: 'T', parts: ['A', 'B'] }], solver, 1e-5).get('B')!;
    expect(interval.min).toBeCloseTo(6.666668, 4);
    expect(interval.max).toBeCloseTo(6.666668, 4);
  });

  it('refuses relations that name a cell it was not given', () => {
    expect(() => attackerIntervals([count('A', 1, true)], [{ total: 'A', parts: ['B'] }], solver)).toThrow(/unknown cell B/);
  });
});

describe('intervals of random one-level tables', () => {
  it('always hold the true value, and pin a lone hidden part to it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 2, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (values, hide) => {
        const parts = values.map((value, i) => count(`p${i}`, value, hide[i]));
        const total = count('t', values.reduce((a, b) => a + b, 0));
        const intervals = attackerIntervals([total, ...parts], [{ total: 't', parts: parts.map((p) => p.id) }], solver);
        const hidden = parts.filter((p) => p.suppressed);
        for (const cell of hidden) {
          const interval = intervals.get(cell.id)!;
          expect(interval.min).toBeLessThanOrEqual(cell.value + 1e-9);
          expect(interval.max).toBeGreaterThanOrEqual(cell.value - 1e-9);
          // With all other parts hidden too, a part may be anything from 0 to what the hidden parts hold together.
          const together = hidden.reduce((a, p) => a + p.value, 0);
          if (hidden.length === 1) expect(interval).toEqual({ min: cell.value, max: cell.value });
          else expect(interval).toEqual({ min: 0, max: together });
        }
      }),
      { numRuns: 60 },
    );
  });
});
