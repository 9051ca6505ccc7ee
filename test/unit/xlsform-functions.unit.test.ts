import { celEnv, celFunc, CelScalar, isCelError, listType, parse, plan, type CelInput } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { EXTRA_FUNCTIONS } from '../../domain/survey/expression-functions.js';
import { toJson } from '../../domain/survey/expressions.js';
import { translateExpression, type TranslationContext } from '../../domain/survey/xlsform-expression.js';
import { contextOf } from '../helpers/xlsform-context.js';

/** The translations that call the functions of expression-functions.ts, evaluated with them and a fixed today(). */

const env = celEnv({
  funcs: [
    celFunc('has', [CelScalar.DYN], CelScalar.BOOL, (value) => value !== null),
    celFunc('today', [], CelScalar.STRING, () => '2026-03-01'),
    celFunc('round', [CelScalar.DOUBLE, CelScalar.INT], CelScalar.DOUBLE, (x, places) => Math.round(x * 10 ** Number(places)) / 10 ** Number(places)),
    celFunc('sum', [listType(CelScalar.DYN)], CelScalar.DYN, (list) => [...list].reduce<number>((a, b) => a + Number(b), 0)),
    ...EXTRA_FUNCTIONS,
  ],
});

const base = contextOf({
  integers: ['age', 'members'],
  multiple: ['signs'],
  rosters: ['persons'],
  others: ['slope', 'dob', 'died', 'pname', 'sex', 'animals'],
  rosterOf: { pname: 'persons' },
});
const context: TranslationContext = {
  ...base,
  dates: new Set(['dob', 'died']),
  choiceLabels: new Map([['sex', new Map([['1', 'Male'], ['2', 'Female']])]]),
};

function translated(source: string, self?: string): string {
  const result = translateExpression(source, self === undefined ? context : { ...context, self });
  if (!('cel' in result)) throw new Error(`${source} was refused: ${result.error}`);
  return result.cel;
}

const run = (cel: string, bindings: Record<string, CelInput>) => {
  const value = plan(env, parse(cel))(bindings);
  return isCelError(value) ? undefined : toJson(value);
};

describe('translateExpression: functions beyond CEL, as the form means them', () => {
  it.each<[string, string | undefined, Record<string, CelInput>, unknown]>([
    ['round(15 div (sqrt(cos(atan(${slope} div 100)))),2)', undefined, { slope: 100 }, 17.84],
    ['pow(${slope}, 0.5)', undefined, { slope: 81 }, 9],
    ['pow(${age}, 2)', undefined, { age: 12n }, 144],
    ['today() - ${dob}', undefined, { dob: '2026-02-27' }, 2],
    ['difference-in-months(${dob}, today())', undefined, { dob: '2025-03-02' }, 11],
    ['difference-in-months(${dob}, today())', undefined, { dob: '2025-03-01' }, 12],
    ['. <= now() and difference-in-months(., today()) < 1', 'died', { died: '2026-02-15' }, true],
    ['. <= now()', 'died', { died: '2999-01-01' }, false],
    ["join(', ', ${pname})", undefined, { persons: [{ pname: 'Lan' }, {}, { pname: 'Minh' }] }, 'Lan, Minh'],
    ["join(' ', ${signs})", undefined, { signs: ['fever', 'cough'] }, 'fever cough'],
    ['count-selected(${animals})', undefined, { animals: 'cattle goats' }, 2],
    ["jr:choice-name(${sex}, '${sex}')", undefined, { sex: '2' }, 'Female'],
    ['indexed-repeat(${pname}, ${persons}, 2)', undefined, { persons: [{ pname: 'Lan' }, { pname: 'Minh' }] }, 'Minh'],
  ])('%s', (source, self, bindings, expected) => {
    const cel = translated(source, self);
    const value = run(cel, bindings);
    if (typeof expected === 'number') expect(value as number, cel).toBeCloseTo(expected, 10);
    else expect(value, cel).toEqual(expected);
  });

  it('refuses what it cannot look up or join', () => {
    expect(translateExpression("jr:choice-name(${pname}, 'pname')", { ...context, enclosing: ['persons'] })).toMatchObject({ error: 'jr:choice-name() takes a select_one whose choices are in the choices sheet' });
    expect(translateExpression("join(', ', ${age})", context)).toMatchObject({ error: 'join() takes a select_multiple or an item in a roster' });
    expect(translateExpression('difference-in-months(${signs}, today())', context)).toMatchObject({ error: 'difference-in-months() takes dates' });
  });
});
