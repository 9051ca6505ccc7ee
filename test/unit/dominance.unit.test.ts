import { describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, dominated, type ApprovedResponse } from '../../domain/results/tables.js';
import { parseDefinition, surveyDefinitionInput } from '../../domain/survey/definition.js';

const geo = demoGeography();
const label = { vi: 'nhãn', en: 'label' };

/** Households with an income; three outputs over it, the last with a rule of its own. */
const SURVEY = parseDefinition({
  code: 'INC',
  title: label,
  kind: 'sample_survey',
  unitType: 'household',
  reviewLevels: ['commune'],
  items: [{ id: 'income', type: 'decimal', min: 0, max: 100000, label }],
  outputs: [
    { id: 'mean_income', aggregate: 'mean', field: 'income', by: 'province' },
    { id: 'total_income', aggregate: 'sum', field: 'income', by: 'province' },
    { id: 'total_income_nk', aggregate: 'sum', field: 'income', by: 'province', dominance: { rule: 'nk', n: 1, k: 95 } },
    { id: 'households', aggregate: 'count', by: 'province' },
  ],
  minCellSize: 3,
});

const earning = (areaCode: string, income: number): ApprovedResponse => ({ areaCode, data: { income } });
// Hà Nội: one household earns 90 % of the three's income. Hồ Chí Minh: three alike.
const RESPONSES = [earning('01001', 900), earning('01002', 50), earning('01003', 50), earning('79001', 300), earning('79002', 320), earning('79003', 280)];

const cell = (tables: ReturnType<typeof computeTables>, table: string, area: string) => tables.find((t) => t.id === table)!.rows.find((r) => r.areaCode === area)!;

describe('dominance rules', () => {
  it('the p % rule: the others together under p % of the largest', () => {
    expect(dominated({ rule: 'p_percent', p: 10 }, [90, 5], 100)).toBe(true);
    expect(dominated({ rule: 'p_percent', p: 10 }, [40, 30], 100)).toBe(false);
    // One contributor alone is always dominated; nothing at all is not.
    expect(dominated({ rule: 'p_percent', p: 10 }, [7], 7)).toBe(true);
    expect(dominated({ rule: 'p_percent', p: 10 }, [0, 0], 0)).toBe(false);
  });

  it('the (n, k) rule: the n largest over k % of the total', () => {
    expect(dominated({ rule: 'nk', n: 2, k: 85 }, [60, 30], 100)).toBe(true);
    expect(dominated({ rule: 'nk', n: 2, k: 85 }, [40, 30], 100)).toBe(false);
  });

  it('hides a mean over three households when one of them earns 90 %, and keeps one over three alike', () => {
    const tables = computeTables(SURVEY, RESPONSES, geo);
    expect(cell(tables, 'mean_income', '01')).toMatchObject({ suppressed: true, value: null, units: 3 });
    expect(cell(tables, 'total_income', '01')).toMatchObject({ suppressed: true, value: null });
    expect(cell(tables, 'mean_income', '79')).toMatchObject({ suppressed: false, value: 300 });
    // A count has no dominance: three households are three households.
    expect(cell(tables, 'households', '01')).toMatchObject({ suppressed: false, value: 3 });
  });

  it('applies the rule an output names instead of the default', () => {
    // 900 of 1,000 is 90 %, under the 95 % this output allows.
    expect(cell(computeTables(SURVEY, RESPONSES, geo), 'total_income_nk', '01')).toMatchObject({ suppressed: false, value: 1000 });
  });

  it('is not applied to results published under the first policy, so that they reproduce as they were', () => {
    expect(cell(computeTables(SURVEY, RESPONSES, geo, 1), 'mean_income', '01')).toMatchObject({ suppressed: false, value: 333.333333 });
  });

  it('is refused on a count, naming the output', () => {
    const parsed = surveyDefinitionInput.safeParse({
      code: 'BAD',
      title: label,
      kind: 'sample_survey',
      unitType: 'household',
      reviewLevels: ['commune'],
      items: [{ id: 'income', type: 'decimal', label }],
      outputs: [{ id: 'n', aggregate: 'count', by: 'province', dominance: { rule: 'p_percent', p: 10 } }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(expect.objectContaining({ path: ['outputs', 0, 'dominance'], params: expect.objectContaining({ code: 'count_takes_no_dominance' }) }));
  });
});
