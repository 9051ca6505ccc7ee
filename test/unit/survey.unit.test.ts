import { describe, expect, it } from 'vitest';
import { checkExpressionProblems, runChecks } from '../../domain/survey/checks.js';
import { surveyDefinitionSchema, type SurveyDefinition, type SurveyInput } from '../../domain/survey/definition.js';
import { LFS_DEMO } from '../../domain/survey/demo.js';
import { validateResponse } from '../../domain/survey/response.js';

const LFS = surveyDefinitionSchema.parse(LFS_DEMO);
const label = { vi: 'nhãn', en: 'label' };

/** Paths of the issues zod reports for a definition, as `a.0.b`. */
function issuePaths(input: unknown): string[] {
  const result = surveyDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}

const withFields = (...extra: SurveyInput['fields']): SurveyInput => ({ ...LFS_DEMO, fields: [...LFS_DEMO.fields, ...extra] });

describe('surveyDefinitionSchema', () => {
  it('parses LFS_DEMO, filling defaults', () => {
    expect(LFS.code).toBe('LFS');
    expect(LFS.reviewLevels).toEqual(['commune', 'province']);
    expect(LFS.fields.map((f) => f.id)).toEqual(['members', 'employed', 'unemployed', 'sector', 'income', 'interviewed_on']);
    expect(LFS.fields.find((f) => f.id === 'sector')?.required).toBe(false);
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
    ['an unknown field key', { ...LFS_DEMO, fields: [...LFS_DEMO.fields, { id: 'note', type: 'text', label, hint: 'x' }] }, ['fields.6']],
    ['a lower-case code', { ...LFS_DEMO, code: 'lfs' }, ['code']],
    ['a one-letter code', { ...LFS_DEMO, code: 'L' }, ['code']],
    ['a duplicate check id', { ...LFS_DEMO, checks: [LFS_DEMO.checks![0]!, LFS_DEMO.checks![0]!] }, ['checks.1.id']],
    ['a field id with a dash', withFields({ id: 'bad-id', type: 'text', label }), ['fields.6.id']],
  ])('refuses %s at the right path', (_, input, paths) => {
    expect(issuePaths(input)).toEqual(paths);
  });

  it('names the unknown key', () => {
    const result = surveyDefinitionSchema.safeParse({ ...LFS_DEMO, owner: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['owner'] });
  });
});

describe('checkExpressionProblems', () => {
  const withCheck = (expression: string): SurveyDefinition => ({
    ...LFS,
    checks: [...LFS.checks, { id: 'extra', expression, severity: 'block', message: label }],
  });

  it('finds nothing wrong in LFS_DEMO', () => {
    expect(checkExpressionProblems(LFS)).toEqual([]);
  });

  it('flags a syntax error at the check’s path', () => {
    const problems = checkExpressionProblems(withCheck('employed <= '));
    expect(problems.map((p) => p.path)).toEqual(['checks.3.expression']);
    expect(problems[0]?.message).toMatch(/not a valid CEL expression/);
  });

  it('flags an unknown name', () => {
    const problems = checkExpressionProblems(withCheck('househld_size >= members'));
    expect(problems).toEqual([{ path: 'checks.3.expression', message: 'uses "househld_size", not a field of this survey' }]);
  });

  // The sample bindings make `members >= 0` true, so the right-hand side is never evaluated.
  it.each(['members >= 0 || househld_size > 1', 'members > 1000 && househld_size > 1'])(
    'flags an unknown name even where evaluation short-circuits: %s',
    (expression) => {
      expect(checkExpressionProblems(withCheck(expression)).map((p) => p.path)).toEqual(['checks.3.expression']);
    },
  );
});

describe('validateResponse', () => {
  const ok = { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 12.5, interviewed_on: '2026-11-03' };
  const paths = (survey: SurveyDefinition, data: Record<string, unknown>) => validateResponse(survey, data).map((e) => e.path);

  it('accepts a complete, valid response, and one without its optional fields', () => {
    expect(validateResponse(LFS, ok)).toEqual([]);
    expect(validateResponse(LFS, { members: 4, employed: 2, unemployed: 1 })).toEqual([]);
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
    expect(validateResponse(LFS, { ...ok, ...change })).toEqual([{ path: `data.${field}`, message }]);
  });

  it('refuses a calendar date that does not exist (30 February)', () => {
    expect(paths(LFS, { ...ok, interviewed_on: '2026-02-30' })).toEqual(['data.interviewed_on']);
  });

  it('requires required fields, counting null and empty text as missing', () => {
    expect(validateResponse(LFS, { employed: null, unemployed: '' })).toEqual([
      { path: 'data.members', message: 'is required' },
      { path: 'data.employed', message: 'is required' },
      { path: 'data.unemployed', message: 'is required' },
    ]);
  });

  it('refuses a field the survey does not have', () => {
    expect(validateResponse(LFS, { ...ok, pets: 2 })).toEqual([{ path: 'data.pets', message: 'is not a field of this survey' }]);
  });

  it('checks booleans and text length', () => {
    const survey = surveyDefinitionSchema.parse({
      ...LFS_DEMO,
      fields: [
        { id: 'owns_home', type: 'boolean', required: true, label },
        { id: 'note', type: 'text', maxLength: 5, label },
      ],
      checks: [],
      outputs: [],
    });
    expect(validateResponse(survey, { owns_home: false, note: 'abc' })).toEqual([]);
    expect(validateResponse(survey, { owns_home: 'yes', note: 'abcdef' })).toEqual([
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
