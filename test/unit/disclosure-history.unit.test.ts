import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver } from '../../domain/disclosure/highs.js';
import type { PublicationHistory } from '../../domain/disclosure/history.js';
import { attackerIntervals, isProtected, type LinkedCell, type Relation } from '../../domain/disclosure/intervals.js';
import type { Solver } from '../../domain/disclosure/lp.js';
import { cellId, linkTables } from '../../domain/disclosure/links.js';
import { protectTables, type AuditedCell } from '../../domain/disclosure/protect.js';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, type ApprovedResponse, type ResultTable } from '../../domain/results/tables.js';
import { parseDefinition } from '../../domain/survey/definition.js';

const geo = demoGeography();
const label = { vi: 'nhãn', en: 'label' };
let solver: Solver;
beforeAll(async () => {
  solver = await highsSolver();
});

const SURVEY = parseDefinition({
  code: 'HH',
  title: label,
  kind: 'sample_survey',
  unitType: 'household',
  reviewLevels: ['commune'],
  items: [{ id: 'income', type: 'decimal', min: 0, max: 100000, label }],
  outputs: [
    { id: 'households', aggregate: 'count', by: 'province' },
    { id: 'households_by_commune', aggregate: 'count', by: 'commune' },
  ],
  minCellSize: 3,
});
const COMMUNES = geo.children('01').map((area) => area.code).slice(0, 5);

type Publication = { tables: ResultTable[]; audit: AuditedCell[] };

/** Households per commune of Hà Nội, in the order of COMMUNES. */
const households = (counts: readonly number[]): ApprovedResponse[] =>
  counts.flatMap((n, i) => Array.from({ length: n }, () => ({ areaCode: COMMUNES[i]!, data: { income: 1 } })));
const publish = (counts: readonly number[], history?: PublicationHistory): Publication =>
  protectTables(SURVEY, computeTables(SURVEY, households(counts), geo, 4, { reveal: true }), geo, solver, history);
const commune = (publication: Publication, i: number) => publication.tables.find((t) => t.id === 'households_by_commune')!.rows.find((r) => r.areaCode === COMMUNES[i]);

/**
 * The attacker this test holds both versions against, built apart from history.ts: every
 * cell of both versions, each version's relations, and a cell that kept its value known to be
 * the same in both. The primary cells of either version a reader can narrow too far.
 */
function exposedAcrossVersions(versions: readonly Publication[]): string[] {
  const cells: LinkedCell[] = [];
  const relations: Relation[] = [];
  const primary: { id: string; level: number }[] = [];
  const values = versions.map(() => new Map<string, number>());
  versions.forEach((version, n) => {
    const hidden = new Map(version.audit.map((cell) => [cellId(cell.table, cell.areaCode, cell.category), cell]));
    const raw = version.tables.map((table) => ({
      output: SURVEY.outputs.find((o) => o.id === table.id)!,
      rows: table.rows.map((r) => ({ areaCode: r.areaCode, value: r.value ?? hidden.get(cellId(table.id, r.areaCode))!.value, units: r.units })),
    }));
    const linked = linkTables(raw, geo);
    for (const cell of linked.cells) {
      const audited = hidden.get(cell.id);
      cells.push({ ...cell, id: `${n}:${cell.id}`, suppressed: audited !== undefined || linked.unpublished.has(cell.id) });
      values[n]!.set(cell.id, cell.value);
      if (audited && audited.protection > 0) primary.push({ id: `${n}:${cell.id}`, level: audited.protection });
    }
    for (const r of linked.relations) relations.push({ total: `${n}:${r.total}`, parts: r.parts.map((p) => `${n}:${p}`) });
  });
  for (let n = 1; n < versions.length; n++) {
    for (const [id, value] of values[n - 1]!) if (values[n]!.get(id) === value) relations.push({ total: `${n - 1}:${id}`, parts: [`${n}:${id}`] });
  }
  const intervals = attackerIntervals(cells, relations, solver);
  return primary.filter(({ id, level }) => !isProtected(cells.find((c) => c.id === id)!, intervals.get(id)!, level)).map(({ id }) => id);
}

describe('a corrected version', () => {
  // Version 1 hides nothing; the correction leaves 1 household in the first commune. Hiding a second commune beside it
  // would not do: readers hold every other commune from version 1, and the new total less those gives the 1.
  const first = [5, 3, 6, 3, 3];
  const corrected = [1, 3, 6, 3, 3];

  it('would give the corrected commune away, protected on its own', () => {
    const v1 = publish(first);
    expect(exposedAcrossVersions([v1, publish(corrected)])).toEqual([`1:households_by_commune|${COMMUNES[0]}|`]);
  });

  it('is protected together with what the first version published', () => {
    const v1 = publish(first);
    const v2 = publish(corrected, { versions: [v1], previousPeriod: null });
    expect(exposedAcrossVersions([v1, v2])).toEqual([]);
    // The province total is what changed, so it is what can hide the commune.
    expect(v2.tables.find((t) => t.id === 'households')!.rows[0]).toMatchObject({ suppressed: true });
  });

  it('keeps hidden what an earlier version hid, even where the correction alone would not', () => {
    const v1 = publish([5, 3, 1, 6, 4]);
    const v2 = publish([5, 3, 1, 6, 6], { versions: [v1], previousPeriod: null });
    expect(v1.audit.length).toBeGreaterThan(0);
    for (const cell of v1.audit) expect(commune(v2, COMMUNES.indexOf(cell.areaCode))).toMatchObject({ suppressed: true });
    expect(exposedAcrossVersions([v1, v2])).toEqual([]);
  });

  it('leaves no primary cell of either version narrower than its protection, for random corrections', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(7), { minLength: 5, maxLength: 5 }), fc.nat(4), fc.nat(7), (counts, at, value) => {
        const v1 = publish(counts);
        const v2 = publish(counts.map((n, i) => (i === at ? value : n)), { versions: [v1], previousPeriod: null });
        expect(exposedAcrossVersions([v1, v2])).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('the next period', () => {
  it('hides again, as a primary cell, what the previous period hid for itself, for one period only', () => {
    const april = publish([5, 3, 1, 6, 4]);
    expect(april.audit.find((c) => c.areaCode === COMMUNES[2])).toMatchObject({ reason: 'primary' });
    // In May the commune has 4 households: no longer small, but May's 4 beside April's hidden 1 is hidden again, and protected.
    const may = publish([5, 3, 4, 6, 4], { versions: [], previousPeriod: april });
    const carried = may.audit.find((c) => c.areaCode === COMMUNES[2])!;
    expect(carried).toMatchObject({ reason: 'carried', value: 4, protection: 3 });
    expect(carried.min).toBeLessThanOrEqual(1);
    expect(carried.max === null || carried.max >= 7).toBe(true);
    expect(commune(may, 2)).toMatchObject({ value: null, suppressed: true });
    // June carries nothing from May: May hid the commune only because April had.
    const june = publish([5, 3, 4, 6, 4], { versions: [], previousPeriod: may });
    expect(commune(june, 2)).toMatchObject({ value: 4, suppressed: false });
    expect(june.audit).toEqual([]);
  });

  it('carries every hidden cell of a publication made before audits were kept', () => {
    const old = publish([5, 3, 1, 6, 4]);
    const withoutAudit = { tables: old.tables };
    const next = publish([5, 3, 4, 6, 4], { versions: [], previousPeriod: withoutAudit });
    const hiddenBefore = old.tables[1]!.rows.filter((r) => r.suppressed).map((r) => r.areaCode);
    for (const area of hiddenBefore) expect(next.tables[1]!.rows.find((r) => r.areaCode === area)).toMatchObject({ suppressed: true });
  });
});
