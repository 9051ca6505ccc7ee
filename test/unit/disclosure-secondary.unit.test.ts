import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver } from '../../domain/disclosure/highs.js';
import { attackerIntervals, isProtected, type LinkedCell, type Relation } from '../../domain/disclosure/intervals.js';
import { linkTables, type RawTable } from '../../domain/disclosure/links.js';
import type { Solver } from '../../domain/disclosure/lp.js';
import { secondarySuppression } from '../../domain/disclosure/secondary.js';
import { demoGeography } from '../../domain/geography/geography.js';
import type { OutputDefinition } from '../../domain/survey/definition.js';

let solver: Solver;
beforeAll(async () => {
  solver = await highsSolver();
});

const count = (id: string, value: number, suppressed = false): LinkedCell => ({ id, value, suppressed, lower: 0, upper: Infinity });
const byCount = { protection: () => 3, weight: () => 1 };

describe('secondary suppression', () => {
  it('hides a second commune beside the one under 3, so that 9 − 5 − 3 no longer gives it away', () => {
    const cells = [count('HN', 9), count('HN1', 5), count('HN2', 3), count('HN3', 1, true)];
    const result = secondarySuppression({ cells, relations: [{ total: 'HN', parts: ['HN1', 'HN2', 'HN3'] }], ...byCount }, solver);
    // Hiding HN2 (3) lets HN3 be 0 to 4: 1 below, 3 above. The cheapest single cell that does.
    expect(result.secondary).toHaveLength(1);
    expect(result.suppressed.has('HN3')).toBe(true);
    const interval = result.intervals.get('HN3')!;
    expect(interval.max - 1).toBeGreaterThanOrEqual(3);
    expect(interval.min).toBe(0);
  });

  it('hides the province total too when its communes are too small to carry the move', () => {
    // HN1 (1) and HN2 (2) are both under 3: moving HN1 up by 3 needs more than HN2 can give, so HN moves, and with it HCM or VN.
    const cells = [count('HN', 3), count('HN1', 1, true), count('HN2', 2, true), count('VN', 10), count('HCM', 7)];
    const relations: Relation[] = [
      { total: 'HN', parts: ['HN1', 'HN2'] },
      { total: 'VN', parts: ['HN', 'HCM'] },
    ];
    const result = secondarySuppression({ cells, relations, ...byCount }, solver);
    expect(result.secondary).toContain('HN');
    expect(result.secondary).toHaveLength(2);
    for (const cell of cells.filter((c) => c.suppressed)) expect(isProtected(cell, result.intervals.get(cell.id)!, 3)).toBe(true);
  });

  it('protects a cell of a category split and its area rows across the hierarchy', () => {
    const cells = [
      count('HN', 12), count('HN.f', 6), count('HN.m', 6),
      count('HN1', 7), count('HN1.f', 2, true), count('HN1.m', 5),
      count('HN2', 5), count('HN2.f', 4), count('HN2.m', 1, true),
    ];
    const relations: Relation[] = [
      { total: 'HN', parts: ['HN1', 'HN2'] },
      { total: 'HN.f', parts: ['HN1.f', 'HN2.f'] },
      { total: 'HN.m', parts: ['HN1.m', 'HN2.m'] },
      { total: 'HN', parts: ['HN.f', 'HN.m'] },
      { total: 'HN1', parts: ['HN1.f', 'HN1.m'] },
      { total: 'HN2', parts: ['HN2.f', 'HN2.m'] },
    ];
    const result = secondarySuppression({ cells, relations, ...byCount }, solver);
    for (const id of ['HN1.f', 'HN2.m']) expect(isProtected(cells.find((c) => c.id === id)!, result.intervals.get(id)!, 3)).toBe(true);
  });

  it('hides nothing more when no primary cell can be recovered', () => {
    const cells = [count('A', 2, true), count('B', 7)];
    const result = secondarySuppression({ cells, relations: [], ...byCount }, solver);
    expect(result.secondary).toEqual([]);
  });
});

describe('random two-level tables', () => {
  it('leave every primary cell protected, and every secondary cell moved by some protection', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(12), { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 4 }),
        (provinces) => {
          const cells: LinkedCell[] = [];
          const relations: Relation[] = [];
          const provinceIds: string[] = [];
          provinces.forEach((communes, p) => {
            const ids = communes.map((value, c) => {
              cells.push(count(`P${p}C${c}`, value, value > 0 && value < 3));
              return `P${p}C${c}`;
            });
            const total = communes.reduce((a, b) => a + b, 0);
            cells.push(count(`P${p}`, total, total > 0 && total < 3));
            relations.push({ total: `P${p}`, parts: ids });
            provinceIds.push(`P${p}`);
          });
          cells.push(count('VN', cells.filter((c) => /^P\d+$/.test(c.id)).reduce((a, c) => a + c.value, 0)));
          relations.push({ total: 'VN', parts: provinceIds });
          const result = secondarySuppression({ cells, relations, ...byCount }, solver);
          for (const cell of cells.filter((c) => c.suppressed)) expect(isProtected(cell, result.intervals.get(cell.id)!, 3)).toBe(true);
          // Nothing is hidden without a primary cell to protect.
          if (!cells.some((c) => c.suppressed)) expect(result.secondary).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('random tables of a country, its provinces and communes, split by a category', () => {
  const geo = demoGeography();
  const communes = ['01', '79'].flatMap((p) => geo.children(p).slice(0, 4).map((a) => a.code));
  const output = (id: string, by: OutputDefinition['by'], crossBy?: string): OutputDefinition => ({ id, aggregate: 'count', by, ...(crossBy ? { crossBy } : {}) });
  const rows = (counts: ReadonlyMap<string, number>) => [...counts].filter(([, n]) => n > 0).map(([key, value]) => {
    const [areaCode, category] = key.split('|') as [string, string | undefined];
    return { areaCode, value, units: value, ...(category ? { category } : {}) };
  });

  it('leave every primary cell protected, worked whole or part by part, and hide nothing outside a group with a primary cell', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: communes.length, maxLength: communes.length }), fc.boolean(), (sizes, byParts) => {
        const tables: RawTable[] = [];
        const levels = ['country', 'province', 'commune'] as const;
        for (const by of levels) {
          for (const split of [undefined, 'sex']) {
            const counts = new Map<string, number>();
            sizes.forEach(([men, women], i) => {
              const area = geo.ancestorAt(communes[i]!, by)!.code;
              const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
              if (split) add(`${area}|1`, men), add(`${area}|2`, women);
              else add(area, men + women);
            });
            tables.push({ output: output(`${by}${split ? '_sex' : ''}`, by, split), rows: rows(counts) });
          }
        }
        const { cells, relations, unpublished } = linkTables(tables, geo);
        const marked = cells.map((c) => ({ ...c, suppressed: unpublished.has(c.id) || (c.value > 0 && c.value < 3) }));
        const protection = (c: LinkedCell) => (unpublished.has(c.id) ? 0 : 3);
        const result = secondarySuppression({ cells: marked, relations, protection, weight: (c) => c.value + 1, partsAbove: byParts ? 0 : undefined }, solver);
        const hidden = marked.map((c) => ({ ...c, suppressed: result.suppressed.has(c.id) }));
        const intervals = attackerIntervals(hidden, relations, solver);
        for (const cell of marked.filter((c) => c.suppressed)) expect(isProtected(cell, intervals.get(cell.id)!, protection(cell))).toBe(true);
        // A secondary cell is linked, through relations, to a primary cell it protects.
        const primaries = marked.filter((c) => c.suppressed && protection(c) > 0).map((c) => c.id);
        const reach = new Set(primaries);
        for (let grew = true; grew; ) {
          grew = false;
          for (const r of relations) {
            const ids = [r.total, ...r.parts];
            if (ids.some((id) => reach.has(id)) && ids.some((id) => !reach.has(id))) (ids.forEach((id) => reach.add(id)), (grew = true));
          }
        }
        for (const id of result.secondary) expect(reach.has(id)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
