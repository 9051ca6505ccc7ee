import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver } from '../../domain/disclosure/highs.js';
import { protectTables } from '../../domain/disclosure/protect.js';
import type { Solver } from '../../domain/disclosure/lp.js';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, type ApprovedResponse } from '../../domain/results/tables.js';
import { eventSchemas } from '../../domain/schemas.js';
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
    const { tables, audit } = protectTables(SURVEY, revealed, geo, solver);
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
    const { tables, audit } = protectTables(SURVEY, computeTables(SURVEY, spread, geo, 3, { reveal: true }), geo, solver);
    expect(audit.filter((c) => c.reason === 'secondary')).toEqual([]);
    // Hồ Chí Minh's one household is hidden in both tables; nothing links the two to anything published.
    expect(tables.find((t) => t.id === 'households')!.rows.find((r) => r.areaCode === '79')).toMatchObject({ value: null, suppressed: true });
  });
});

describe('a mean by commune beside its province', () => {
  // Readers can rebuild a mean's sum from its units: Hà Nội's mean times 12 households, less the communes' sums, is the third's.
  const MEANS = parseDefinition({
    ...SURVEY,
    outputs: [
      { id: 'households_by_commune', aggregate: 'count', by: 'commune' },
      { id: 'mean_income', aggregate: 'mean', field: 'income', by: 'province' },
      { id: 'mean_income_by_commune', aggregate: 'mean', field: 'income', by: 'commune' },
    ],
  });
  // The third commune's 1,000 dominates it: the two others under 10 % of it.
  const INCOMES: ApprovedResponse[] = [
    ...Array.from({ length: 5 }, () => ({ areaCode: '01001', data: { income: 100 } })),
    ...Array.from({ length: 4 }, () => ({ areaCode: '01002', data: { income: 110 } })),
    ...[1000, 20, 10].map((income) => ({ areaCode: '01003', data: { income } })),
  ];

  it('hides a second mean, so that the dominated one cannot be rebuilt, and audits it as a mean', () => {
    const revealed = computeTables(MEANS, INCOMES, geo, 3, { reveal: true });
    expect(revealed.find((t) => t.id === 'mean_income_by_commune')!.rows.map((r) => r.suppressed)).toEqual([false, false, true]);
    const { tables, audit } = protectTables(MEANS, revealed, geo, solver);
    const hidden = [...tables.find((t) => t.id === 'mean_income')!.rows, ...tables.find((t) => t.id === 'mean_income_by_commune')!.rows].filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const dominated = audit.find((c) => c.table === 'mean_income_by_commune' && c.areaCode === '01003')!;
    expect(dominated).toMatchObject({ reason: 'primary', value: 343.333333 });
    // The p % rule at 10 %: the reader's interval reaches 34.33 on each side of the mean.
    expect(dominated.protection).toBeCloseTo(34.333, 2);
    // Incomes cannot go below 0, and readers know it from the questionnaire.
    expect(dominated.min).not.toBeNull();
    expect(dominated.value - (dominated.min ?? -Infinity)).toBeGreaterThanOrEqual(dominated.protection - 1e-6);
    expect(dominated.max === null || dominated.max - dominated.value >= dominated.protection - 1e-6).toBe(true);
  });
});

describe('a sum of a field that may be below 0', () => {
  // Profits can be losses: a reader knows no lower limit for a hidden sum, and the audit records none.
  const PROFITS = parseDefinition({
    ...SURVEY,
    items: [{ id: 'profit', type: 'decimal', label }],
    outputs: [
      { id: 'profit', aggregate: 'sum', field: 'profit', by: 'province' },
      { id: 'profit_by_commune', aggregate: 'sum', field: 'profit', by: 'commune' },
    ],
  });
  const RESULTS: ApprovedResponse[] = [
    ...[120, 80, 95].map((profit) => ({ areaCode: '01001', data: { profit } })),
    ...[60, -40, 75].map((profit) => ({ areaCode: '01002', data: { profit } })),
    ...[900, 5, 3].map((profit) => ({ areaCode: '01003', data: { profit } })),
  ];

  it('audits a hidden sum with no lower limit, in a shape the log takes', () => {
    const revealed = computeTables(PROFITS, RESULTS, geo, 3, { reveal: true });
    const { audit, tables } = protectTables(PROFITS, revealed, geo, solver);
    expect(audit.find((c) => c.areaCode === '01003')).toMatchObject({ reason: 'primary', min: null, max: null });
    expect(audit.filter((c) => c.reason === 'secondary')).toHaveLength(1);
    const data = { version: 1, publishedAt: new Date().toISOString(), tables, approved: RESULTS.length, disclosurePolicy: 4, audit };
    expect(() => eventSchemas.assertShape('ResultsPublished', JSON.parse(JSON.stringify(data)))).not.toThrow();
  });
});
