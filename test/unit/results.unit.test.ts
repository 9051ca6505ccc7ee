import { describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, type ApprovedResponse, type ResultTable } from '../../domain/results/tables.js';
import { surveyDefinitionSchema } from '../../domain/survey/definition.js';
import { LFS_DEMO } from '../../domain/survey/demo.js';

const geo = demoGeography();
const LFS = surveyDefinitionSchema.parse(LFS_DEMO); // minCellSize 3

const household = (areaCode: string, employed: number, income?: number): ApprovedResponse => ({
  areaCode,
  data: income === undefined ? { members: 4, employed, unemployed: 0 } : { members: 4, employed, unemployed: 0, income },
});

// Hồ Chí Minh first, so that sorting is visible: 4 households in 79 (3 in commune 79001), 3 in Hà Nội, 1 in Cần Thơ.
const RESPONSES: ApprovedResponse[] = [
  household('79001', 2, 10),
  household('79001', 3, 20),
  household('79001', 1),
  household('79002', 4, 30),
  household('01001', 1, 5),
  household('01002', 2, 6),
  household('01003', 3, 7),
  household('92001', 5, 100),
];

const byId = (tables: ResultTable[], id: string): ResultTable => {
  const found = tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const cells = (t: ResultTable) => t.rows.map((r) => [r.areaCode, r.value, r.suppressed]);

describe('computeTables', () => {
  const tables = computeTables(LFS, RESPONSES, geo);

  it('makes one table per output, in the survey’s order', () => {
    expect(tables.map((t) => [t.id, t.aggregate, t.field, t.by])).toEqual([
      ['households', 'count', null, 'province'],
      ['employed', 'sum', 'employed', 'province'],
      ['mean_income', 'mean', 'income', 'province'],
      ['households_by_commune', 'count', null, 'commune'],
    ]);
  });

  it('counts by province, sorted by area code, suppressing cells under the minimum', () => {
    expect(cells(byId(tables, 'households'))).toEqual([
      ['01', 3, false],
      ['79', 4, false],
      ['92', null, true],
    ]);
  });

  it('sums a field by province', () => {
    expect(cells(byId(tables, 'employed'))).toEqual([
      ['01', 6, false],
      ['79', 10, false],
      ['92', null, true],
    ]);
  });

  it('takes the mean over the units that answered the field', () => {
    const mean = byId(tables, 'mean_income');
    expect(cells(mean)).toEqual([
      ['01', 6, false],
      ['79', 20, false],
      ['92', null, true],
    ]);
    expect(mean.rows.map((r) => r.units)).toEqual([3, 3, 1]);
  });

  it('counts by commune, suppressing the small ones', () => {
    expect(cells(byId(tables, 'households_by_commune'))).toEqual([
      ['01001', null, true],
      ['01002', null, true],
      ['01003', null, true],
      ['79001', 3, false],
      ['79002', null, true],
      ['92001', null, true],
    ]);
  });

  it('names each area from the geography', () => {
    const rows = byId(tables, 'households').rows;
    expect(rows.map((r) => r.areaName)).toEqual(['Thành phố Hà Nội', 'Thành phố Hồ Chí Minh', 'Thành phố Cần Thơ']);
  });

  it('with a minimum cell size of 1 nothing is suppressed; means are rounded', () => {
    const survey = { ...LFS, minCellSize: 1 };
    const t = computeTables(survey, [household('01001', 1, 1), household('01001', 1, 1), household('01001', 1, 2)], geo);
    expect(byId(t, 'mean_income').rows).toEqual([{ areaCode: '01', areaName: 'Thành phố Hà Nội', value: 1.333333, units: 3, suppressed: false }]);
  });

  it('adds up to the country and skips areas the geography does not know', () => {
    const survey = { ...LFS, minCellSize: 1, outputs: [{ id: 'all', aggregate: 'count' as const, by: 'country' as const }] };
    const [all] = computeTables(survey, [...RESPONSES, household('99999', 1)], geo);
    expect(all?.rows).toEqual([{ areaCode: 'VN', areaName: 'Việt Nam', value: RESPONSES.length, units: RESPONSES.length, suppressed: false }]);
  });

  it('gives empty tables when nothing is approved', () => {
    expect(computeTables(LFS, [], geo).every((t) => t.rows.length === 0)).toBe(true);
  });
});
