import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../domain/survey/evaluate.js';
import { questionnaireSchema } from '../../domain/survey/questionnaire.js';

const l = (text: string) => ({ vi: text, en: text });

/** A household with a person roster sized by `members`, as the questionnaire spec draws it. */
const HOUSEHOLD = {
  choiceLists: {
    sex: [
      { value: '1', label: { vi: 'Nam', en: 'Male' } },
      { value: '2', label: { vi: 'Nữ', en: 'Female' } },
    ],
    relation: [
      { value: '1', label: l('Head') },
      { value: '2', label: l('Spouse') },
      { value: '3', label: l('Child') },
    ],
  },
  items: [
    {
      type: 'section',
      id: 'household',
      label: l('Household'),
      items: [
        { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: l('Members') },
        { id: 'location', type: 'geopoint', label: l('Location') },
        { id: 'visited', type: 'date', label: l('Visited on') },
      ],
    },
    {
      type: 'roster',
      id: 'persons',
      size: 'members',
      maxRows: 30,
      label: l('Persons'),
      items: [
        { id: 'name', type: 'text', required: true, label: l('Name') },
        { id: 'relation', type: 'select_one', choices: 'relation', required: true, label: l('Relation') },
        { id: 'sex', type: 'select_one', choices: 'sex', required: true, label: l('Sex') },
        { id: 'age', type: 'integer', min: 0, max: 120, required: true, label: l('Age') },
        { id: 'worked', type: 'boolean', relevant: 'age >= 15', required: true, label: l('Worked') },
        { id: 'hours', type: 'decimal', relevant: 'worked', constraint: 'hours <= 112.0', constraintMessage: l('At most 112 hours'), label: l('Hours') },
        { id: 'languages', type: 'select_multiple', choices: [{ value: 'vi', label: l('Vietnamese') }, { value: 'en', label: l('English') }], label: l('Languages') },
        { id: 'adult', type: 'calculate', expression: 'age >= 18' },
      ],
    },
    { id: 'employed', type: 'calculate', expression: 'persons.filter(p, has(p.worked) && p.worked).size()' },
    { id: 'thanks', type: 'note', label: l('Thank you') },
  ],
  checks: [
    { id: 'one_head', expression: "persons.filter(p, p.relation == '1').size() == 1", severity: 'block', message: l('Exactly one head') },
    { id: 'child_not_working', scope: 'persons', expression: '!(age < 10 && has(worked) && worked)', severity: 'warn', message: l('A child who works') },
    { id: 'head_adult', scope: 'persons', expression: "relation != '1' || age >= 15", severity: 'block', message: l('The head is at least 15') },
  ],
};

const household = questionnaireSchema.parse(HOUSEHOLD);
const person = (over: Record<string, unknown> = {}) => ({ name: 'An', relation: '3', sex: '1', age: 30, worked: true, hours: 40, ...over });

describe('a questionnaire with a roster', () => {
  it('stores relevant answers and calculations, and drops what is not asked', () => {
    const result = evaluateResponse(household, {
      members: 3,
      location: { lat: 21.03, lon: 105.85 },
      persons: [person({ relation: '1' }), person({ age: 8, worked: true, hours: 3 }), person({ age: 40, worked: false, hours: 10 })],
    });
    expect(result.errors).toEqual([]);
    expect(result.failed).toEqual([]);
    // The child is not asked whether she worked; a person who did not work is not asked the hours.
    expect(result.data.persons).toEqual([
      { name: 'An', relation: '1', sex: '1', age: 30, worked: true, hours: 40, adult: true },
      { name: 'An', relation: '3', sex: '1', age: 8, adult: false },
      { name: 'An', relation: '3', sex: '1', age: 40, worked: false, adult: true },
    ]);
    expect(result.data.employed).toBe(1);
    expect(result.states.get('persons[2].worked')).toEqual({ relevant: false });
    expect(result.states.get('persons[3].hours')).toEqual({ relevant: false });
    expect(result.states.get('employed')).toEqual({ relevant: true, value: 1 });
  });

  it('names each problem by its path, rows counted from 1', () => {
    const result = evaluateResponse(household, {
      members: 2,
      persons: [person({ relation: '1', sex: '9' }), person({ age: 130, name: '' })],
      stray: 1,
    });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'stray', message: 'is not an item of this survey', code: 'not_an_item', params: {} },
        { path: 'persons[1].sex', message: 'must be one of 1, 2', code: 'not_a_choice', params: { choices: '1, 2' } },
        { path: 'persons[2].age', message: 'must be at most 120', code: 'above_max', params: { max: 120 } },
        { path: 'persons[2].name', message: 'is required', code: 'required', params: {} },
      ]),
    );
    expect(result.errors).toHaveLength(4);
  });

  it('checks a constraint with its own message, and the required items that became relevant', () => {
    const result = evaluateResponse(household, { members: 1, persons: [person({ relation: '1', hours: 120, worked: undefined })] });
    expect(result.errors).toEqual([{ path: 'persons[1].worked', message: 'is required', code: 'required', params: {} }]);
    const hours = evaluateResponse(household, { members: 1, persons: [person({ relation: '1', hours: 120 })] });
    expect(hours.errors).toEqual([{ path: 'persons[1].hours', message: 'At most 112 hours', code: 'constraint_message', params: { vi: expect.any(String), en: 'At most 112 hours' } }]);
  });

  it('holds the roster to its size item and its maximum', () => {
    expect(evaluateResponse(household, { members: 2, persons: [person({ relation: '1' })] }).errors).toEqual([{ path: 'persons', message: 'must have 2 rows, as members says; it has 1', code: 'row_count', params: { rows: 2, size: 'members', count: 1 } }]);
    const free = questionnaireSchema.parse({ items: [{ type: 'roster', id: 'visits', maxRows: 2, label: l('Visits'), items: [{ id: 'day', type: 'date', label: l('Day') }] }] });
    expect(evaluateResponse(free, { visits: [{}, {}, {}] }).errors).toEqual([{ path: 'visits', message: 'must have at most 2 rows', code: 'too_many_rows', params: { max: 2 } }]);
    expect(evaluateResponse(free, { visits: { day: '2026-01-01' } }).errors).toEqual([{ path: 'visits', message: 'must be a list of rows', code: 'not_rows', params: {} }]);
  });

  it('runs scoped checks once per row and reports the row; whole-response checks once', () => {
    const result = evaluateResponse(household, {
      members: 3,
      persons: [person({ relation: '1', age: 12, worked: undefined, hours: undefined }), person({ relation: '1' }), person({ age: 9 })],
    });
    expect(result.errors).toEqual([]);
    expect(result.failed.map((c) => [c.id, c.row ?? null])).toEqual([
      ['head_adult', 'persons[1]'],
      ['one_head', null],
    ]);
    // age 9 is not asked whether they worked, so the warning has nothing to warn about.
    expect(result.warnings).toEqual([]);
  });

  it('types every kind of answer', () => {
    const all = questionnaireSchema.parse({
      items: [
        { id: 't', type: 'time', label: l('T') },
        { id: 'dt', type: 'datetime', label: l('DT') },
        { id: 'd', type: 'date', label: l('D') },
        { id: 'g', type: 'geopoint', label: l('G') },
        { id: 'm', type: 'select_multiple', choices: [{ value: 'a', label: l('A') }], label: l('M') },
        { id: 'n', type: 'note', label: l('N') },
      ],
    });
    const bad = evaluateResponse(all, { t: '25:00', dt: '2026-12-06T09:00:00', d: '2026-02-30', g: { lat: 91, lon: 0 }, m: ['a', 'a'], n: 'x' });
    expect(Object.fromEntries(bad.errors.map((e) => [e.path, e.message]))).toEqual({
      t: 'must be a time HH:MM or HH:MM:SS',
      dt: 'must be a date and time with its offset, like 2026-12-06T09:30:00+07:00',
      d: 'must be a date YYYY-MM-DD',
      g: 'must be a point {lat, lon, accuracy?} in degrees (and metres)',
      m: 'must not repeat a choice',
      n: 'is a note: it takes no answer',
    });
    const good = evaluateResponse(all, { t: '07:30', dt: '2026-12-06T09:00:00+07:00', d: '2024-02-29', g: { lat: 10.8, lon: 106.6, accuracy: 12 }, m: ['a'] });
    expect(good.errors).toEqual([]);
    expect(good.data).toEqual({ t: '07:30', dt: '2026-12-06T09:00:00+07:00', d: '2024-02-29', g: { lat: 10.8, lon: 106.6, accuracy: 12 }, m: ['a'] });
  });

  it('sees the enclosing levels and _row inside nested rosters', () => {
    const nested = questionnaireSchema.parse({
      items: [
        { id: 'region', type: 'text', label: l('Region') },
        {
          type: 'roster',
          id: 'plots',
          label: l('Plots'),
          items: [
            { id: 'area', type: 'decimal', label: l('Area') },
            { type: 'roster', id: 'crops', label: l('Crops'), items: [{ id: 'crop', type: 'text', relevant: "region == 'north' && _row <= 2 && area > 1.0", label: l('Crop') }] },
          ],
        },
      ],
    });
    const result = evaluateResponse(nested, { region: 'north', plots: [{ area: 2, crops: [{ crop: 'rice' }, { crop: 'maize' }, { crop: 'tea' }] }, { area: 0.5, crops: [{ crop: 'rice' }] }] });
    expect(result.errors).toEqual([]);
    expect(result.data.plots).toEqual([{ area: 2, crops: [{ crop: 'rice' }, { crop: 'maize' }, {}] }, { area: 0.5, crops: [{}] }]);
    expect(result.states.get('plots[1].crops[3].crop')).toEqual({ relevant: false });
  });
});

describe('questionnaire definitions', () => {
  const paths = (input: unknown) => {
    const result = questionnaireSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const deep = (depth: number): unknown => (depth === 0 ? { id: 'leaf', type: 'text', label: l('Leaf') } : { type: 'roster', id: `r${depth}`, label: l('R'), items: [deep(depth - 1)] });

  it('refuses what cannot be evaluated, naming the path', () => {
    expect(paths({ items: [{ id: 'a', type: 'calculate', expression: 'b + 1' }, { id: 'b', type: 'calculate', expression: 'a * 2' }] })).toEqual(['items.0.expression: calculations form a cycle: a → b → a']);
    expect(paths({ items: [{ id: 'a', type: 'integer', relevant: 'nobody > 1', label: l('A') }] })).toEqual(['items.0.relevant: uses "nobody", not an item it can see']);
    expect(paths({ items: [deep(5)] })).toEqual(['items.0.items.0.items.0.items.0.items.0: rosters nest at most 4 deep']);
    expect(paths({ items: [deep(4)] })).toEqual([]);
    expect(paths({ items: [{ id: 's', type: 'select_one', choices: 'missing', label: l('S') }] })).toEqual(['items.0.choices: no choice list "missing"']);
    expect(paths({ items: [{ id: 'x', type: 'text', label: l('X') }], checks: [{ id: 'c', scope: 'x', expression: 'true', severity: 'warn', message: l('C') }] })).toEqual(['checks.0.scope: "x" is not a roster']);
    expect(paths({ items: [{ id: 'x', type: 'text', label: l('X') }, { type: 'roster', id: 'r', label: l('R'), items: [{ id: 'y', type: 'text', relevant: 'x == y', label: l('Y') }] }, { id: 'z', type: 'text', relevant: 'y == ""', label: l('Z') }] })).toEqual([
      'items.2.relevant: uses "y", not an item it can see',
    ]);
    expect(paths({ items: [{ id: 'bad', type: 'text', relevant: 'a +', label: l('B') }] })[0]).toMatch(/^items\.0\.relevant: is not a valid CEL expression/);
  });

  it('reads a version-1 flat definition as items', () => {
    const flat = questionnaireSchema.parse({ fields: [{ id: 'sector', type: 'choice', choices: ['agriculture', 'services'], label: l('Sector') }] });
    expect(flat.items).toEqual([{ id: 'sector', type: 'select_one', required: false, choices: [{ value: 'agriculture', label: l('agriculture') }, { value: 'services', label: l('services') }], label: l('Sector') }]);
  });
});

describe('evaluation, for any response', () => {
  const answer = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 140 }), fc.double({ noNaN: true, min: -5, max: 200 }), fc.string({ maxLength: 4 }), fc.boolean(), fc.constantFrom('1', '2', '3'));
  const row = fc.record({ name: answer, relation: answer, sex: answer, age: answer, worked: answer, hours: answer }, { requiredKeys: [] });
  const response = fc.record({ members: fc.oneof(answer, fc.integer({ min: 0, max: 5 })), persons: fc.array(row, { maxLength: 5 }) }, { requiredKeys: [] });

  it('stores only what it would accept again as it is, and never stores what is not asked', () => {
    fc.assert(
      fc.property(response, (given) => {
        const first = evaluateResponse(household, given);
        const again = evaluateResponse(household, first.data);
        // What is stored is a fixpoint: evaluated again it is the same, with no new refusals.
        expect(again.data).toEqual(first.data);
        expect(again.errors.filter((e) => !first.errors.some((f) => f.path === e.path))).toEqual([]);
        for (const [path, state] of first.states) if (!state.relevant) expect(valueAt(first.data, path)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

/** The value at an answer path such as `persons[2].hours`. */
function valueAt(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const part of path.split('.')) {
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    at = (at as Record<string, unknown> | undefined)?.[name!];
    if (index !== undefined) at = (at as unknown[] | undefined)?.[Number(index) - 1];
  }
  return at;
}

