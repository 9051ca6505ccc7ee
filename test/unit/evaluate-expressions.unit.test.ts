import { celList, celMap, isCelList, isCelMap, type CelInput } from '@bufbuild/cel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateWithCel, type Bindings } from '../../domain/survey/expressions.js';

/** A value in a form both results can be compared by: ints and doubles kept apart, lists and maps opened. */
function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (isCelList(value)) return [...value].map(canonical);
  if (isCelMap(value)) return [...value].map(([key, item]) => [canonical(key), canonical(item)]);
  return value;
}

const INT64 = 2n ** 63n;
// Small domains, so that comparisons meet equal operands and arithmetic meets its edges often.
const int = fc.oneof({ arbitrary: fc.bigInt({ min: -3n, max: 3n }), weight: 4 }, fc.constantFrom(INT64 - 1n, -INT64, INT64 / 2n));
const double = fc.oneof(fc.constantFrom(0, -0, 1, 1.5, -2.5, 3, Number.NaN, Number.POSITIVE_INFINITY), fc.double({ min: -4, max: 4, noNaN: true }));
const text = fc.constantFrom('', 'a', 'ab', 'Ngọc', 'y');
const scalar = fc.oneof(int, double, text, fc.boolean(), fc.constant(null));
/** A roster's row as the evaluator binds it: a CEL map of some of its items. */
const row = fc.record({ f: int, g: text, h: double }, { requiredKeys: [] }).map((r) => celMap(new Map(Object.entries(r) as [string, CelInput][])));

const bindings: fc.Arbitrary<Bindings> = fc.record(
  {
    a: int,
    b: double,
    c: text,
    d: fc.boolean(),
    e: scalar,
    n: fc.constant(null),
    rows: fc.array(row, { maxLength: 4 }).map((rows) => celList(rows)),
    arr: fc.array(text, { maxLength: 3 }),
    point: fc.constant({ lat: 10.5, lon: 106.7 }),
  },
  { requiredKeys: ['a', 'b', 'c', 'd', 'rows'] },
) as fc.Arbitrary<Bindings>;

const intLiteral = int.map((v) => (v === -INT64 ? '-9223372036854775807 - 1' : String(v)));
const OTHER = ['1u', '[1, 2]', '{"k": 1}', 'b"x"', 'null', 'n', 'e', 'arr', 'point', 'missing', 'toString', '_row', "'a' in arr", 'rows[0].f', 'point.lat', 'int(b)'];
const binary = (left: fc.Arbitrary<string>, ops: string[], right: fc.Arbitrary<string>) => fc.tuple(left, fc.constantFrom(...ops), right).map(([l, op, r]) => `(${l} ${op} ${r})`);
const ROW = { f: 'r.f', h: 'r.h', g: 'r.g' };

/** Expressions over the bindings, mostly well typed (so that the fast road answers, and meets equal operands, overflow and errors), some not (so that it hands them to CEL). */
const { expr } = fc.letrec<{ int: string; dbl: string; str: string; bool: string; expr: string }>((tie) => ({
  int: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(intLiteral, fc.constantFrom('a', 'a', 'size(rows)', 'size(c)', 'sum(rows.map(r, r.f))')),
    binary(tie('int'), ['+', '-', '*', '/', '%'], tie('int')),
    tie('int').map((x) => `-(${x})`),
    fc.tuple(tie('bool'), tie('int'), tie('int')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    tie('bool').map((body) => `rows.filter(r, ${body}).size()`),
  ),
  dbl: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('b', 'b', '0.0', '1.0', '1.5', '-2.5', '3.0', '1e308', 'sum(rows.map(r, r.h))'),
    binary(tie('dbl'), ['+', '-', '*', '/'], tie('dbl')),
    tie('dbl').map((x) => `-(${x})`),
  ),
  str: fc.oneof({ depthSize: 'small' }, fc.constantFrom('c', 'c', "'a'", "''", "'y'", "'Ngọc'"), binary(tie('str'), ['+'], tie('str'))),
  bool: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('d', 'true', 'false', 'has(a)', 'has(n)', 'has(point)', 'has(rows)', 'has(r.f)', 'has(r.g)', 'has(c.f)', 'has(n.f)', `${ROW.f} > 1`, `${ROW.g} == 'a'`),
    binary(fc.oneof(tie('int'), tie('dbl')), ['==', '!=', '<', '<=', '>', '>='], fc.oneof(tie('int'), tie('dbl'))),
    binary(tie('str'), ['==', '!=', '<', '<=', '>', '>='], tie('str')),
    binary(tie('expr'), ['==', '!='], tie('expr')),
    binary(tie('bool'), ['&&', '||', '==', '<'], tie('bool')),
    tie('bool').map((x) => `!(${x})`),
    fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.tuple(fc.constantFrom('all', 'exists', 'exists_one'), tie('bool')).map(([macro, body]) => `rows.${macro}(r, ${body})`),
  ),
  expr: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: tie('bool'), weight: 4 },
    tie('int'),
    tie('dbl'),
    tie('str'),
    fc.constantFrom(...OTHER),
    binary(tie('expr'), ['+', '-', '*', '/', '%', '<', '&&', 'in'], tie('expr')),
    fc.tuple(fc.constantFrom('has', 'size', 'sum', 'string', '!', '-'), tie('expr')).map(([f, x]) => `${f}(${x})`),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `[${x}, ${y}]`),
    fc.tuple(fc.constantFrom('filter', 'map'), tie('expr')).map(([macro, body]) => `rows.${macro}(r, ${body})`),
    tie('expr').map((body) => `rows.map(r, ${body}).size()`),
  ),
}));

describe('the fast road for expressions', () => {
  it('gives what CEL gives, for any expression and any bindings', () => {
    fc.assert(
      fc.property(expr, bindings, (text, given) => {
        expect(canonical(evaluate(text, given)), text).toEqual(canonical(evaluateWithCel(text, given)));
      }),
      { numRuns: 4000 },
    );
  });

  it('keeps CEL’s rules where JavaScript’s differ', () => {
    const b = { i: 9223372036854775807n, x: 1n, y: 1.0, s: 'a', z: 0n, t: true };
    expect(evaluate('i + x', b)).toBeUndefined();
    expect(evaluate('-(i) - 2', b)).toBeUndefined();
    expect(evaluate('x / z', b)).toBeUndefined();
    expect(evaluate('x % z', b)).toBeUndefined();
    expect(evaluate('x == y', b)).toBe(true);
    expect(evaluate('x < 1.5', b)).toBe(true);
    expect(evaluate('x + y', b)).toBeUndefined();
    expect(evaluate('s == x', b)).toBe(false);
    expect(evaluate('(x / z > 0) || t', b)).toBe(true);
    expect(evaluate('t && (x / z > 0)', b)).toBeUndefined();
    expect(evaluate('-7 / 2', b)).toBe(-3n);
    expect(evaluate('-7 % 2', b)).toBe(-1n);
    expect(evaluate('unbound > 1', b)).toBeUndefined();
    expect(evaluate('has(unbound)', b)).toBeUndefined();
  });
});
