import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { EXTRA_FUNCTIONS, nowInVietnam } from '../../domain/survey/expression-functions.js';
import { toJson } from '../../domain/survey/expressions.js';

const env = celEnv({ funcs: EXTRA_FUNCTIONS });
const run = (text: string, bindings: Record<string, CelInput> = {}) => {
  const value = plan(env, parse(text))(bindings);
  return isCelError(value) ? 'error' : toJson(value);
};

describe('the functions XLSForms need beyond CEL', () => {
  it.each([
    ['sqrt(16.0)', 4],
    ['pow(2.0, 10.0)', 1024],
    ['pow(4.0, 0.5)', 2],
    ['exp(0.0)', 1],
    ['log(1.0)', 0],
    ['log10(1000.0)', 3],
    ['sin(0.0)', 0],
    ['cos(0.0)', 1],
    ['tan(0.0)', 0],
    ['asin(1.0) * 2.0', Math.PI],
    ['acos(1.0)', 0],
    ['atan(1.0) * 4.0', Math.PI],
    ["join(['a', 'b', 'c'], ', ')", 'a, b, c'],
    ["join([], ', ')", ''],
    ["size(selections(' cattle  goats '))", 2],
    ["selections('')", []],
  ])('%s is %j', (text, expected: unknown) => {
    const value = run(text);
    if (typeof expected === 'number') expect(value as number).toBeCloseTo(expected, 12);
    else expect(value).toEqual(expected);
  });

  it('refuses arguments of the wrong type rather than converting them', () => {
    expect(run('sqrt(16)')).toBe('error');
    expect(run("join('ab', ',')")).toBe('error');
  });

  it('gives now() in Vietnam time, after the same day as a date string', () => {
    expect(nowInVietnam(Date.parse('2026-03-01T20:15:30Z'))).toBe('2026-03-02T03:15:30+07:00');
    expect(run("now() > '2026-01-01'")).toBe(true);
    expect(run('now()')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  });
});
