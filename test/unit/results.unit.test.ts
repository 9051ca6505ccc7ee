import { describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import { computeTables, type ApprovedResponse, type ResultTable } from '../../domain/results/tables.js';
import { parseDefinition, surveyDefinitionInput } from '../../domain/survey/definition.js';
import { LFS_DEMO } from '../../domain/survey/demo.js';
import { evaluateResponse } from '../../domain/survey/evaluate.js';
import { lfsHousehold } from '../helpers/lfs.js';

const geo = demoGeography();
const label = { vi: 'nhãn', en: 'label' };
/** A flat household survey, as version 1 wrote them: counts per household, no roster. */
const LFS = parseDefinition({
  code: 'LFSF',
  title: label,
  kind: 'sample_survey',
  unitType: 'household',
  reviewLevels: ['commune'],
  items: [
    { id: 'members', type: 'integer', required: true, min: 1, max: 30, label },
    { id: 'employed', type: 'integer', required: true, min: 0, max: 30, label },
    { id: 'unemployed', type: 'integer', required: true, min: 0, max: 30, label },
    { id: 'income', type: 'decimal', min: 0, max: 10000, label },
  ],
  outputs: [
    { id: 'households', aggregate: 'count', by: 'province' },
    { id: 'employed', aggregate: 'sum', field: 'employed', by: 'province' },
    { id: 'mean_income', aggregate: 'mean', field: 'income', by: 'province' },
    { id: 'households_by_commune', aggregate: 'count', by: 'commune' },
  ],
  minCellSize: 3,
});

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

describe('computeTables over a roster', () => {
  const PERSONS = parseDefinition({
    code: 'LFSR',
    title: label,
    kind: 'sample_survey',
    unitType: 'household',
    reviewLevels: ['commune'],
    minCellSize: 2,
    choiceLists: { sex: [{ value: '1', label: { vi: 'Nam', en: 'Male' } }, { value: '2', label: { vi: 'Nữ', en: 'Female' } }] },
    items: [
      { id: 'members', type: 'integer', required: true, min: 1, max: 30, label },
      {
        type: 'roster', id: 'persons', size: 'members', label, items: [
          { id: 'sex', type: 'select_one', choices: 'sex', required: true, label },
          { id: 'age', type: 'integer', required: true, min: 0, max: 120, label },
          { id: 'worked', type: 'boolean', relevant: 'age >= 15', label },
          { id: 'hours', type: 'decimal', relevant: 'has(worked) && worked', label },
        ],
      },
    ],
    outputs: [
      { id: 'persons_by_sex', aggregate: 'count', of: 'persons', by: 'province', crossBy: 'sex' },
      { id: 'employed_by_sex', aggregate: 'count', of: 'persons', where: 'has(worked) && worked', by: 'province', crossBy: 'sex' },
      { id: 'employment_rate', aggregate: 'ratio', of: 'persons', numerator: 'has(worked) && worked', denominator: 'age >= 15', by: 'province' },
      { id: 'mean_hours', aggregate: 'mean', of: 'persons', field: 'hours', by: 'province' },
      { id: 'households', aggregate: 'count', by: 'province' },
    ],
  });
  const person = (sex: '1' | '2', age: number, worked?: boolean, hours?: number) => ({ sex, age, ...(worked === undefined ? {} : { worked }), ...(hours === undefined ? {} : { hours }) });
  const HOUSEHOLDS: ApprovedResponse[] = [
    { areaCode: '01001', data: { members: 3, persons: [person('1', 40, true, 40), person('2', 38, false), person('2', 8)] } },
    { areaCode: '01002', data: { members: 2, persons: [person('1', 70, false), person('2', 30, true, 50)] } },
    { areaCode: '79001', data: { members: 1, persons: [person('1', 25, true, 45)] } },
  ];
  const tables = computeTables(PERSONS, HOUSEHOLDS, geo);
  const rows = (id: string) => byId(tables, id).rows.map((r) => [r.areaCode, r.category, r.value, r.units, r.suppressed]);

  it('counts the rows of the roster, one row per area and choice in the choice list’s order', () => {
    expect(byId(tables, 'persons_by_sex')).toMatchObject({ of: 'persons', crossBy: 'sex' });
    expect(rows('persons_by_sex')).toEqual([
      ['01', '1', 2, 2, false],
      ['01', '2', 3, 3, false],
      ['79', '1', null, 1, true],
    ]);
  });

  it('filters with where, and suppresses a cell by the rows it counts', () => {
    expect(rows('employed_by_sex')).toEqual([
      ['01', '1', null, 1, true],
      ['01', '2', null, 1, true],
      ['79', '1', null, 1, true],
    ]);
  });

  it('divides the numerator by the denominator over the rows the denominator counts', () => {
    // Hà Nội: 4 people aged 15 or more, 2 of them worked.
    expect(rows('employment_rate')).toEqual([
      ['01', undefined, 0.5, 4, false],
      ['79', undefined, null, 1, true],
    ]);
  });

  it('averages a roster item over the rows that have it, and still counts households', () => {
    // Under the first disclosure policy (minimum cell size alone), two workers make a cell.
    expect(computeTables(PERSONS, HOUSEHOLDS, geo, 1).find((t) => t.id === 'mean_hours')!.rows.map((r) => [r.areaCode, r.value, r.units, r.suppressed])).toEqual([
      ['01', 45, 2, false],
      ['79', null, 1, true],
    ]);
    // Today the p % rule hides it too: each of the two could work out the other's hours from the mean.
    expect(rows('mean_hours')).toEqual([
      ['01', undefined, null, 2, true],
      ['79', undefined, null, 1, true],
    ]);
    expect(rows('households')).toEqual([
      ['01', undefined, 2, 2, false],
      ['79', undefined, null, 1, true],
    ]);
  });

  it('refuses outputs that name what the questionnaire has not, at their paths', () => {
    const refused = (output: Record<string, unknown>) => {
      const result = surveyDefinitionInput.safeParse({ ...PERSONS, outputs: [output] });
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(refused({ id: 'x', aggregate: 'count', of: 'members', by: 'province' })).toEqual(['outputs.0.of']);
    expect(refused({ id: 'x', aggregate: 'count', of: 'persons', crossBy: 'age', by: 'province' })).toEqual(['outputs.0.crossBy']);
    expect(refused({ id: 'x', aggregate: 'count', crossBy: 'sex', by: 'province' })).toEqual(['outputs.0.crossBy']);
    expect(refused({ id: 'x', aggregate: 'count', of: 'persons', where: 'salary > 1', by: 'province' })).toEqual(['outputs.0.where']);
    expect(refused({ id: 'x', aggregate: 'ratio', of: 'persons', numerator: 'worked', by: 'province' })).toEqual(['outputs.0.denominator']);
    expect(refused({ id: 'x', aggregate: 'sum', of: 'persons', field: 'sex', by: 'province' })).toEqual(['outputs.0.field']);
  });
});

describe('the demo labour force survey', () => {
  const DEMO = parseDefinition(LFS_DEMO);
  const approved = (areaCode: string, household: Record<string, unknown>): ApprovedResponse => {
    const { data, errors, failed } = evaluateResponse(DEMO, household);
    expect([...errors, ...failed]).toEqual([]);
    return { areaCode, data };
  };
  // Hà Nội: three households of 4 (2 at work, 1 looking, 1 child), 3 (1 at work, the spouse at home, 1 child) and 5 (3 at work, 1 looking, 1 child).
  const HOUSEHOLDS = [
    approved('01001', lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 })),
    approved('01001', lfsHousehold({ members: 3, employed: 1, income: 12 })),
    approved('01002', lfsHousehold({ members: 5, employed: 3, unemployed: 1, income: 40 })),
  ];
  const tables = computeTables(DEMO, HOUSEHOLDS, geo);
  const rows = (id: string) => byId(tables, id).rows.map((r) => [r.areaCode, r.category, r.value, r.suppressed]);

  it('stores the employed and unemployed members it calculates', () => {
    expect(HOUSEHOLDS.map((h) => [h.data.employed, h.data.unemployed])).toEqual([
      [2, 1],
      [1, 0],
      [3, 1],
    ]);
  });

  it('counts persons and workers by sex, and the rates over the roster', () => {
    expect(rows('persons_by_sex')).toEqual([
      ['01', '1', 7, false],
      ['01', '2', 5, false],
    ]);
    // 4 men and 2 women at work: the women's cell is under the minimum of 3.
    expect(rows('employed_by_sex')).toEqual([
      ['01', '1', 4, false],
      ['01', '2', null, true],
    ]);
    // 6 at work of 9 aged 15 or more (the spouse in the second household neither works nor looks); 2 looking of 8 in the labour force.
    expect(rows('employment_rate')).toEqual([['01', undefined, 0.666667, false]]);
    expect(rows('unemployment_rate')).toEqual([['01', undefined, 0.25, false]]);
    expect(rows('mean_income')).toEqual([['01', undefined, 24, false]]);
  });
});
