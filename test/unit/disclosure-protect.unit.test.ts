import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver } from '../../domain/disclosure/highs.js';
import { protectTables } from '../../domain/disclosure/protect.js';
import type { Solve } from '../../domain/disclosure/intervals.js';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, type ApprovedResponse } from '../../domain/results/tables.js';
import { parseDefinition } from '../../domain/survey/definition.js';

const geo = demoGeography();
const label = { vi: 'nhãn', en: 'label' };
let solve: Solve;
beforeAll(async () => {
  solve = await highsSolver();
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
    { id: 'mean_income', aggregate: 'mean', field: 'income', by: 'province' },
  ],
  minCellSize: 3,
});

// The publication: Hà Nội 9 households, its communes 5, 3 and 1.
const RESPONSES: ApprovedResponse[] = [
  ...Array.from({ length: 5 }, () => ({ areaCode: '01001', data: { income: 100 } })),
  ...Array.from({ length: 3 }, () => ({ areaCode: '01002', data: { income: 110 } })),
  { areaCode: '01003', data: { income: 90 } },
];

describe('protecting a publication', () => {
  it('hides the smaller commune beside the lone one, keeps the province total, and audits both', () => {
    const revealed = computeTables(SURVEY, RESPONSES, geo, 3, { reveal: true });
    const { tables, audit } = protectTables(SURVEY, revealed, geo, solve);
    const communes = tables.find((t) => t.id === 'households_by_commune')!.rows.map((r) => [r.areaCode, r.value, r.suppressed]);
    expect(communes).toEqual([
      ['01001', 5, false],
      ['01002', null, true],
      ['01003', null, true],
    ]);
    expect(tables.find((t) => t.id === 'households')!.rows[0]).toMatchObject({ value: 9, suppressed: false });
    expect(audit).toEqual([
      { table: 'households_by_commune', areaCode: '01002', reason: 'secondary', value: 3, min: 0, max: 4, protection: 0 },
      { table: 'households_by_commune', areaCode: '01003', reason: 'primary', value: 1, min: 0, max: 4, protection: 3 },
    ]);
    // A mean is not a sum of anything published: it stands as the primary rules leave it.
    expect(tables.find((t) => t.id === 'mean_income')!.rows[0]).toMatchObject({ suppressed: false, value: 102.222222 });
  });

  it('hides nothing more than the primary rules when no hidden cell can be recovered', () => {
    const spread = RESPONSES.map((r) => (r.areaCode === '01003' ? { ...r, areaCode: '79001' } : r));
    const { tables, audit } = protectTables(SURVEY, computeTables(SURVEY, spread, geo, 3, { reveal: true }), geo, solve);
    expect(audit.filter((c) => c.reason === 'secondary')).toEqual([]);
    // Hồ Chí Minh's one household is hidden in both tables; nothing links the two to anything published.
    expect(tables.find((t) => t.id === 'households')!.rows.find((r) => r.areaCode === '79')).toMatchObject({ value: null, suppressed: true });
  });
});
