import { describe, expect, it } from 'vitest';
import { runChecks } from '../../domain/survey/checks.js';
import { surveyDefinitionInput, surveyDefinitionSchema, toDefinition, upcastDefinition, type SurveyDefinition, type SurveyInput } from '../../domain/survey/definition.js';
import { validateResponse } from '../../domain/survey/response.js';

/** The demo survey as version 1 wrote it: flat fields, a choice with its values as labels. */
const LFS_DEMO: SurveyInput = {
  code: 'LFS',
  title: { vi: 'Điều tra lao động việc làm', en: 'Labour force survey' },
  kind: 'sample_survey',
  unitType: 'household',
  fields: [
    { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số nhân khẩu', en: 'Household members' } },
    { id: 'employed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người có việc làm', en: 'Employed members' } },
    { id: 'unemployed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người thất nghiệp', en: 'Unemployed members' } },
    { id: 'sector', type: 'choice', choices: ['agriculture', 'industry', 'services'], label: { vi: 'Ngành chính', en: 'Main sector' } },
    { id: 'income', type: 'decimal', min: 0, max: 10000, label: { vi: 'Thu nhập tháng (triệu đồng)', en: 'Monthly income (million VND)' } },
    { id: 'interviewed_on', type: 'date', label: { vi: 'Ngày phỏng vấn', en: 'Interview date' } },
  ],
  checks: [
    { id: 'employed_le_members', expression: 'employed <= members', severity: 'block', message: { vi: 'Số người có việc làm vượt số nhân khẩu', en: 'More employed than members' } },
    { id: 'labour_force_le_members', expression: 'employed + unemployed <= members', severity: 'block', message: { vi: 'Số người có việc làm và thất nghiệp vượt số nhân khẩu', en: 'Employed and unemployed exceed members' } },
    { id: 'income_plausible', expression: 'income <= 500.0 * double(members)', severity: 'warn', message: { vi: 'Thu nhập bình quân đầu người rất cao, cần kiểm tra', en: 'Very high income per member: please check' } },
  ],
  reviewLevels: ['commune', 'province'],
  outputs: [
    { id: 'households', aggregate: 'count', by: 'province' },
    { id: 'employed', aggregate: 'sum', field: 'employed', by: 'province' },
  ],
  minCellSize: 3,
};
const LFS = toDefinition(surveyDefinitionInput.parse(LFS_DEMO));
const label = { vi: 'nhãn', en: 'label' };

/** Paths of the issues zod reports for a definition, as `a.0.b`. */
function issuePaths(input: unknown): string[] {
  const result = surveyDefinitionInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}

const withFields = (...extra: NonNullable<SurveyInput['fields']>): SurveyInput => ({ ...LFS_DEMO, fields: [...LFS_DEMO.fields!, ...extra] });

describe('surveyDefinitionSchema', () => {
  it('parses LFS_DEMO, filling defaults', () => {
    expect(LFS.code).toBe('LFS');
    expect(LFS.reviewLevels).toEqual(['commune', 'province']);
    expect(LFS.items.map((f) => f.id)).toEqual(['members', 'employed', 'unemployed', 'sector', 'income', 'interviewed_on']);
    expect(LFS.items.find((f) => f.id === 'sector')).toMatchObject({ type: 'select_one', required: false, choices: [{ value: 'agriculture', label: { vi: 'agriculture', en: 'agriculture' } }, { value: 'industry' }, { value: 'services' }] });
    expect(LFS.minCellSize).toBe(3);
  });

  it.each<[string, unknown, string[]]>([
    ['duplicate field id', withFields({ id: 'members', type: 'integer', label }), ['fields.6.id']],
    ['choice without choices', withFields({ id: 'tenure', type: 'choice', label }), ['fields.6.choices']],
    ['choices on a text field', withFields({ id: 'note', type: 'text', choices: ['a'], label }), ['fields.6.choices']],
    ['min above max', withFields({ id: 'rooms', type: 'integer', min: 5, max: 2, label }), ['fields.6.max']],
    ['a range on a text field', withFields({ id: 'note', type: 'text', min: 1, label }), ['fields.6.min']],
    ['sum without a field', { ...LFS_DEMO, outputs: [{ id: 'total', aggregate: 'sum', by: 'province' }] }, ['outputs.0.field']],
    [
      'an output on a text field',
      { ...withFields({ id: 'note', type: 'text', label }), outputs: [{ id: 'n', aggregate: 'mean', field: 'note', by: 'commune' }] },
      ['outputs.0.field'],
    ],
    ['an output on an unknown field', { ...LFS_DEMO, outputs: [{ id: 'n', aggregate: 'sum', field: 'nope', by: 'country' }] }, ['outputs.0.field']],
    ['review levels top-down', { ...LFS_DEMO, reviewLevels: ['province', 'commune'] }, ['reviewLevels.1']],
    ['a review level repeated', { ...LFS_DEMO, reviewLevels: ['commune', 'commune'] }, ['reviewLevels.1']],
    ['an unknown top-level key', { ...LFS_DEMO, owner: 'x' }, ['']],
    ['an unknown field key', { ...LFS_DEMO, fields: [...LFS_DEMO.fields!, { id: 'note', type: 'text', label, hint: 'x' }] }, ['fields.6']],
    ['both items and fields', { ...LFS_DEMO, items: [{ id: 'x', type: 'text', label }] }, ['fields']],
    ['neither items nor fields', { ...LFS_DEMO, fields: undefined }, ['items', 'fields']],
    ['a lower-case code', { ...LFS_DEMO, code: 'lfs' }, ['code']],
    ['a one-letter code', { ...LFS_DEMO, code: 'L' }, ['code']],
    ['a duplicate check id', { ...LFS_DEMO, checks: [LFS_DEMO.checks![0]!, LFS_DEMO.checks![0]!] }, ['checks.1.id']],
    ['a field id with a dash', withFields({ id: 'bad-id', type: 'text', label }), ['fields.6.id']],
  ])('refuses %s at the right path', (_, input, paths) => {
    expect(issuePaths(input)).toEqual(paths);
  });

  it('names the unknown key', () => {
    const result = surveyDefinitionInput.safeParse({ ...LFS_DEMO, owner: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['owner'] });
  });
});

describe('the expressions of a definition', () => {
  const withCheck = (expression: string): SurveyInput => ({
    ...LFS_DEMO,
    checks: [...LFS_DEMO.checks!, { id: 'extra', expression, severity: 'block', message: label }],
  });
  const problems = (input: SurveyInput) => {
    const result = surveyDefinitionInput.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('finds nothing wrong in LFS_DEMO', () => {
    expect(problems(LFS_DEMO)).toEqual([]);
  });

  it('flags a syntax error at the check’s path', () => {
    const found = problems(withCheck('employed <= '));
    expect(found.map((p) => p.path)).toEqual(['checks.3.expression']);
    expect(found[0]?.message).toMatch(/not a valid CEL expression/);
  });

  it('flags an unknown name', () => {
    expect(problems(withCheck('househld_size >= members'))).toEqual([{ path: 'checks.3.expression', message: 'uses "househld_size", not an item it can see' }]);
  });

  it.each(['members >= 0 || househld_size > 1', 'members > 1000 && househld_size > 1'])('flags an unknown name wherever evaluation would short-circuit: %s', (expression) => {
    expect(problems(withCheck(expression)).map((p) => p.path)).toEqual(['checks.3.expression']);
  });
});

describe('a version-1 definition as stored', () => {
  it('reads as version 2: fields become items, choices become select_one with inline choices', () => {
    const v1 = { ...LFS_DEMO, checks: [], outputs: [], minCellSize: 1 };
    const upcast = surveyDefinitionSchema.parse(upcastDefinition(v1 as unknown as Record<string, unknown>));
    expect(upcast).toEqual({ ...LFS, checks: [], outputs: [], minCellSize: 1 });
  });

  it('leaves a version-2 definition as it is', () => {
    expect(upcastDefinition(LFS as unknown as Record<string, unknown>)).toBe(LFS);
  });
});

describe('validateResponse', () => {
  const ok = { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 12.5, interviewed_on: '2026-11-03' };
  const paths = (survey: SurveyDefinition, data: Record<string, unknown>) => validateResponse(survey, data).errors.map((e) => e.path);
  const errors = (survey: SurveyDefinition, data: Record<string, unknown>) => validateResponse(survey, data).errors.map(({ path, message }) => ({ path, message }));

  it('accepts a complete, valid response, and one without its optional fields', () => {
    expect(errors(LFS, ok)).toEqual([]);
    expect(errors(LFS, { members: 4, employed: 2, unemployed: 1 })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['integer given text', { members: 'four' }, 'must be a whole number'],
    ['integer given a fraction', { members: 2.5 }, 'must be a whole number'],
    ['integer below min', { members: 0 }, 'must be at least 1'],
    ['integer above max', { members: 31 }, 'must be at most 30'],
    ['decimal given text', { income: '12' }, 'must be a number'],
    ['decimal above max', { income: 10000.5 }, 'must be at most 10000'],
    ['choice not among the choices', { sector: 'mining' }, 'must be one of agriculture, industry, services'],
    ['date in another format', { interviewed_on: '03/11/2026' }, 'must be a date YYYY-MM-DD'],
    ['date that is no date', { interviewed_on: '2026-13-01' }, 'must be a date YYYY-MM-DD'],
  ])('refuses %s', (_, change, message) => {
    const [field] = Object.keys(change);
    expect(errors(LFS, { ...ok, ...change })).toEqual([{ path: `data.${field}`, message }]);
  });

  it('refuses a calendar date that does not exist (30 February)', () => {
    expect(paths(LFS, { ...ok, interviewed_on: '2026-02-30' })).toEqual(['data.interviewed_on']);
  });

  it('requires required fields, counting null and empty text as missing', () => {
    expect(errors(LFS, { employed: null, unemployed: '' })).toEqual([
      { path: 'data.members', message: 'is required' },
      { path: 'data.employed', message: 'is required' },
      { path: 'data.unemployed', message: 'is required' },
    ]);
  });

  it('refuses a field the survey does not have', () => {
    expect(errors(LFS, { ...ok, pets: 2 })).toEqual([{ path: 'data.pets', message: 'is not an item of this survey' }]);
  });

  it('checks booleans and text length', () => {
    const survey = toDefinition(surveyDefinitionInput.parse({
      ...LFS_DEMO,
      fields: [
        { id: 'owns_home', type: 'boolean', required: true, label },
        { id: 'note', type: 'text', maxLength: 5, label },
      ],
      checks: [],
      outputs: [],
    }));
    expect(errors(survey, { owns_home: false, note: 'abc' })).toEqual([]);
    expect(errors(survey, { owns_home: 'yes', note: 'abcdef' })).toEqual([
      { path: 'data.owns_home', message: 'must be true or false' },
      { path: 'data.note', message: 'must be at most 5 characters' },
    ]);
    expect(paths(survey, { owns_home: 1 })).toEqual(['data.owns_home']);
  });
});

describe('runChecks on LFS_DEMO', () => {
  const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

  it('a consistent response passes every check', () => {
    expect(runChecks(LFS, { members: 4, employed: 2, unemployed: 1, income: 30 })).toEqual({ failed: [], warnings: [] });
  });

  it('more employed than members fails both block checks', () => {
    const outcome = runChecks(LFS, { members: 2, employed: 3, unemployed: 0, income: 30 });
    expect(ids(outcome.failed)).toEqual(['employed_le_members', 'labour_force_le_members']);
    expect(outcome.failed[0]).toMatchObject({ severity: 'block', outcome: 'failed', message: { en: 'More employed than members' } });
    expect(outcome.warnings).toEqual([]);
  });

  it('employed plus unemployed above members fails only the labour force check', () => {
    expect(ids(runChecks(LFS, { members: 4, employed: 2, unemployed: 3, income: 30 }).failed)).toEqual(['labour_force_le_members']);
  });

  it('a very high income is a warning, not a failure', () => {
    const outcome = runChecks(LFS, { members: 2, employed: 1, unemployed: 0, income: 5000 });
    expect(outcome.failed).toEqual([]);
    expect(outcome.warnings).toEqual([{ id: 'income_plausible', severity: 'warn', message: LFS.checks[2]!.message, outcome: 'failed' }]);
  });

  it('a check reading an empty optional field is skipped, as a warning', () => {
    const outcome = runChecks(LFS, { members: 2, employed: 1, unemployed: 0 });
    expect(outcome.failed).toEqual([]);
    expect(outcome.warnings).toEqual([{ id: 'income_plausible', severity: 'warn', message: LFS.checks[2]!.message, outcome: 'skipped' }]);
  });
});
