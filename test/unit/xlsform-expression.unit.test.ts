import { celEnv, celFunc, CelScalar, isCelError, listType, parse, plan, type CelInput } from '@bufbuild/cel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, toJson, type Bindings } from '../../domain/survey/expressions.js';
import { translateExpression, type Translation, type TranslationContext } from '../../domain/survey/xlsform-expression.js';
import { contextOf, type Shape } from '../helpers/xlsform-context.js';

/**
 * A household questionnaire: integers, an untyped decimal, a select_one, a select_multiple,
 * texts, a date, a boolean calculation, and a roster `persons` holding a roster `children`.
 */
const HOUSEHOLD: Shape = {
  integers: ['age', 'hours', 'members', 'income', 'cage'],
  multiple: ['langs'],
  rosters: ['persons', 'children'],
  others: ['weight', 'worked', 'comment', 'phone', 'dob', 'consent', 'pname', 'pweight'],
  rosterOf: { income: 'persons', pname: 'persons', pweight: 'persons', children: 'persons', cage: 'children' },
};


/** The CEL of a translation that must succeed, checked to parse as CEL. */
function cel(source: string, self?: string): string {
  const result = translateExpression(source, contextOf(HOUSEHOLD, self));
  if (!('cel' in result)) throw new Error(`${source} was refused: ${result.error}`);
  expect(() => parse(result.cel), result.cel).not.toThrow();
  return result.cel;
}

/** The functions translations call beyond CEL's own (see the module's doc), with today() fixed so the tests do not depend on the date. */
const withSumAndToday = celEnv({
  funcs: [
    celFunc('has', [CelScalar.DYN], CelScalar.BOOL, (value) => value !== null),
    celFunc('sum', [listType(CelScalar.DYN)], CelScalar.DYN, (list) => {
      const values = [...list];
      if (values.every((v): v is bigint => typeof v === 'bigint')) return values.reduce((a, b) => a + b, 0n);
      return values.reduce<number>((a, b) => a + Number(b), 0);
    }),
    celFunc('today', [], CelScalar.STRING, () => '2026-03-01'),
  ],
});

function evaluateWithSumAndToday(text: string, bindings: Bindings): unknown {
  const value = plan(withSumAndToday, parse(text))(bindings);
  return isCelError(value) ? undefined : toJson(value);
}

describe('translateExpression: the CEL it writes', () => {
  it.each([
    ["${age} >= 15 and ${worked} = 'yes'", undefined, "age >= 15 && worked == 'yes'"],
    ["selected(${langs}, 'en')", undefined, "'en' in langs"],
    ["selected(${worked}, 'yes')", undefined, "worked == 'yes'"],
    ['count-selected(${langs})', undefined, 'size(langs)'],
    ['count(${persons})', undefined, 'size(persons)'],
    ['count(${pname})', undefined, 'size(persons)'],
    ['sum(${income})', undefined, 'sum(persons.map(row, has(row.income), row.income))'],
    ['count-non-empty(${pweight})', undefined, 'size(persons.map(row, has(row.pweight), row.pweight))'],
    ["if(${age} > 1, 'x', 'y')", undefined, "age > 1 ? 'x' : 'y'"],
    ['. <= 112', 'hours', 'hours <= 112'],
    ['. >= 0.5', 'weight', 'double(weight) >= 0.5'],
    ["${comment} = ''", undefined, '!has(comment)'],
    ["'' != ${comment}", undefined, 'has(comment)'],
    ["${langs} = ''", undefined, '!has(langs)'],
    ['${age} + ${members}', undefined, 'age + members'],
    ['${age} * 1.5', undefined, 'double(age) * 1.5'],
    ['${age} + ${weight}', undefined, 'double(age) + double(weight)'],
    ['${age} div 2', undefined, 'double(age) / 2.0'],
    ['${age} mod 2', undefined, 'age % 2'],
    ['${weight} mod 2', undefined, 'int(double(weight)) % 2'],
    ['-${age}', undefined, '-age'],
    ['- 3 * 2', undefined, '-3 * 2'],
    ['1 - -1', undefined, '1 - -1'],
    ['(${age} + 1) * 2', undefined, '(age + 1) * 2'],
    ['${age} - (${hours} - 1)', undefined, 'age - (hours - 1)'],
    ['string-length(${comment})', undefined, 'size(string(comment))'],
    ["concat(${pname}, ' (', ${age}, ')')", 'pname', "string(pname) + ' (' + string(age) + ')'"],
    ['concat()', undefined, "''"],
    ["regex(${phone}, '^\\d{10}$')", undefined, "string(phone).matches('^\\\\d{10}$')"],
    ["contains(${comment}, 'x') or starts-with(${phone}, '09')", undefined, "string(comment).contains('x') || string(phone).startsWith('09')"],
    ['today()', undefined, 'today()'],
    ['${dob} <= today()', undefined, 'dob <= today()'],
    ["${dob} > date('2020-01-01')", undefined, "dob > '2020-01-01'"],
    ['coalesce(${weight}, 0)', undefined, 'has(weight) ? weight : 0'],
    ['coalesce(${age} + 1, 0)', undefined, 'age + 1 != null ? age + 1 : 0'],
    ['coalesce(${weight}, ${age}, 0)', undefined, 'has(weight) ? weight : has(age) ? age : 0'],
    ['int(${weight})', undefined, 'int(double(weight))'],
    ['int(${age})', undefined, 'age'],
    ['number(${age})', undefined, 'double(age)'],
    ["number(${worked} = 'yes')", undefined, "worked == 'yes' ? 1.0 : 0.0"],
    ['string(${age})', undefined, 'string(age)'],
    ['true() and not(false())', undefined, 'true && !false'],
    ['once(${age})', undefined, 'age'],
    ['not(${consent})', undefined, '!consent'],
    ["${age} = '15'", undefined, 'age == 15'],
    ["${age} != '-77'", undefined, 'age != -77'],
    ["${worked} = '1'", undefined, "worked == '1'"],
    ['${worked} = 1', undefined, 'double(worked) == 1'],
    ["${langs} = 'en'", undefined, "langs == ['en']"],
    ["${langs} != 'en fr'", undefined, "langs != ['en', 'fr']"],
    ['count-selected(${langs}) > \'1\'', undefined, 'size(langs) > 1'],
    ["selected(${langs}, -1)", undefined, "'-1' in langs"],
    ['position(..) <= 3', 'income', '_row <= 3'],
    ['index() = 1', 'cage', '_row == 1'],
    ['count(${children})', 'income', 'size(children)'],
    ['sum(${cage})', 'pname', 'sum(children.map(row, has(row.cage), row.cage))'],
    ['${age} > 1 or ${age} < 0 and ${hours} = 1', undefined, 'age > 1 || (age < 0 && hours == 1)'],
    ['(${age} > 1 or ${age} < 0) and ${hours} = 1', undefined, '(age > 1 || age < 0) && hours == 1'],
    ['${age} = ${hours} < 3', undefined, 'age == (hours < 3)'],
    ['if(${age} > 1, 1, 2.5)', undefined, 'age > 1 ? 1.0 : 2.5'],
    ['if(if(${consent}, 1, 0) > 0, ${age}, 0) + 1', undefined, '((consent ? 1 : 0) > 0 ? age : 0) + 1'],
    ['.5 + 1.', undefined, '0.5 + 1.0'],
    ["'a\\b' = \"it's\"", undefined, "'a\\\\b' == 'it\\'s'"],
  ] as const)('%s', (source, self, expected) => {
    expect(cel(source, self)).toBe(expected);
  });
});

describe('translateExpression: the CEL means what the XLSForm means', () => {
  const rows: Record<string, CelInput>[] = [{ income: 100n, pname: 'Ann' }, { pname: 'Bo' }, { income: 50n, pname: 'Cy' }];
  it.each<[string, string | undefined, Bindings, unknown]>([
    ["${age} >= 15 and ${worked} = 'yes'", undefined, { age: 20n, worked: 'yes' }, true],
    ["${age} >= 15 and ${worked} = 'yes'", undefined, { age: 12n, worked: 'yes' }, false],
    ["${age} >= 15 and ${worked} = 'yes'", undefined, { age: 20n, worked: 'no' }, false],
    ["selected(${langs}, 'en')", undefined, { langs: ['fr', 'en'] }, true],
    ["selected(${langs}, 'en')", undefined, { langs: ['fr'] }, false],
    ["not(selected(${langs}, 'en')) and count-selected(${langs}) > 1", undefined, { langs: ['fr', 'vi'] }, true],
    ["${langs} = 'en'", undefined, { langs: ['en'] }, true],
    ["${langs} = 'en'", undefined, { langs: ['en', 'fr'] }, false],
    ['count(${persons})', undefined, { persons: rows }, 3],
    ['count-non-empty(${income})', undefined, { persons: rows }, 2],
    ["if(${age} > 1, 'x', 'y')", undefined, { age: 2n }, 'x'],
    ["if(${age} > 1, 'x', 'y')", undefined, { age: 1n }, 'y'],
    ['. <= 112', 'hours', { hours: 100n }, true],
    ['. <= 112', 'hours', { hours: 113n }, false],
    ["${comment} = ''", undefined, { comment: null }, true],
    ["${comment} = ''", undefined, { comment: 'hello' }, false],
    ["${comment} != ''", undefined, { comment: 'hello' }, true],
    ["${comment} != 'hello'", undefined, { comment: null }, true],
    ['${weight} * 2', undefined, { weight: 2.5 }, 5],
    ['${age} + ${weight}', undefined, { age: 20n, weight: 2.5 }, 22.5],
    ['${age} + 1', undefined, { age: 20n }, 21],
    ['${age} div 8', undefined, { age: 20n }, 2.5],
    ['${age} mod 7', undefined, { age: 20n }, 6],
    ['-${age} + 1', undefined, { age: 20n }, -19],
    ['${weight} > 2', undefined, { weight: 2.5 }, true],
    ['${worked} = 1', undefined, { worked: '1' }, true],
    ['${worked} = 1', undefined, { worked: 'yes' }, false],
    ["${age} = '20'", undefined, { age: 20n }, true],
    ["concat(${pname}, ' (', ${age}, ')')", 'pname', { pname: 'Ann', age: 20n }, 'Ann (20)'],
    ['string-length(${phone}) = 10', undefined, { phone: '0912345678' }, true],
    ['string-length(.) = 3', 'age', { age: 120n }, true],
    ["regex(${phone}, '^0\\d{9}$')", undefined, { phone: '0912345678' }, true],
    ["regex(${phone}, '^0\\d{9}$')", undefined, { phone: '912345678' }, false],
    ["starts-with(${phone}, '09') and contains(${phone}, '345')", undefined, { phone: '0912345678' }, true],
    ['coalesce(${weight}, 0)', undefined, { weight: null }, 0],
    ['coalesce(${weight}, 0)', undefined, { weight: 3.5 }, 3.5],
    ['int(${weight})', undefined, { weight: 2.7 }, 2],
    ["number(${worked} = 'yes') + 1", undefined, { worked: 'yes' }, 2],
    ['if(${age} > 18, 1, 0.5)', undefined, { age: 20n }, 1],
    ["${dob} < '2010-01-01'", undefined, { dob: '2009-12-31' }, true],
    ['${consent} and ${age} > 10', undefined, { consent: true, age: 11n }, true],
    ['. >= 0 and position(..) <= 2', 'income', { income: 5n, _row: 2n }, true],
    ['. >= 0 and position(..) <= 2', 'income', { income: 5n, _row: 3n }, false],
    ["(((.='-77') and (${comment} !='')) or ((. !='-77') and (${comment} ='')))", 'worked', { worked: '-77', comment: 'x' }, true],
    ["(((.='-77') and (${comment} !='')) or ((. !='-77') and (${comment} ='')))", 'worked', { worked: '-77', comment: null }, false],
  ])('%s (self %s) with %o', (source, self, bindings, expected) => {
    expect(toJson(evaluate(cel(source, self), bindings))).toEqual(expected);
  });

  it('sums a roster item over the rows that have it, given the evaluator a sum()', () => {
    expect(evaluateWithSumAndToday(cel('sum(${income})'), { persons: rows })).toBe(150);
    expect(evaluateWithSumAndToday(cel('sum(${income}) div count(${persons})'), { persons: rows })).toBe(50);
    expect(evaluateWithSumAndToday(cel('sum(${pweight}) + 1'), { persons: [{ pweight: 1.5 }, { pweight: 2 }] })).toBe(4.5);
    expect(evaluateWithSumAndToday(cel('sum(${income}) > 100'), { persons: [] })).toBe(false);
    // Within a row, the roster's name still means all its rows.
    expect(evaluateWithSumAndToday(cel('. * 2 > sum(${income})', 'income'), { income: 100n, persons: rows })).toBe(true);
  });

  it('compares dates with today() as text, given the evaluator a today()', () => {
    expect(evaluateWithSumAndToday(cel('${dob} <= today()'), { dob: '2025-12-31' })).toBe(true);
    expect(evaluateWithSumAndToday(cel('${dob} <= today()'), { dob: '2026-03-02' })).toBe(false);
  });
});

describe('translateExpression: what it refuses, and where', () => {
  it.each<[string, string | undefined, Translation]>([
    ['${nope} = 1', undefined, { error: 'unknown item ${nope}', at: 0 }],
    ['1 + ${nope}', undefined, { error: 'unknown item ${nope}', at: 4 }],
    ['. > 1', undefined, { error: '. (the current item) needs the item the expression belongs to', at: 0 }],
    ['/data/age > 1', undefined, { error: 'unsupported XPath path /data/age: refer to items as ${name}', at: 0 }],
    ["selected(../worked, 'yes')", undefined, { error: 'unsupported XPath path ../worked: refer to items as ${name}', at: 9 }],
    ['age > 1', undefined, { error: 'unsupported XPath path age: refer to items as ${name}', at: 0 }],
    ["instance('towns')/towns/item[name = ${worked}]/label", undefined, { error: 'unsupported function instance(): it reads choice lists or external data', at: 0 }],
    ["pulldata('hh', 'name', 'id', ${age})", undefined, { error: 'unsupported function pulldata(): it reads an external CSV file', at: 0 }],
    ['indexed-repeat(${pname}, ${children}, 1)', undefined, { error: "indexed-repeat(): the roster is inside another roster's rows, not visible here", at: 25 }],
    ["jr:choice-name(${worked}, '${worked}')", undefined, { error: 'jr:choice-name() takes a select_one whose choices are in the choices sheet', at: 0 }],
    ['digest(${weight})', undefined, { error: 'unsupported function digest(): the expression language has no hash functions', at: 0 }],
    ['1 + frobnicate(${weight})', undefined, { error: 'unsupported function frobnicate()', at: 4 }],
    ['position(..)', undefined, { error: 'the row number is only known inside a roster', at: 0 }],
    ['position(.)', 'income', { error: 'position() is supported only as position(..), the row number', at: 0 }],
    ['${income} > 0', undefined, { error: '${income} is inside the roster ${persons}: outside it, use it in sum(), count() or count-non-empty()', at: 0 }],
    ['${persons} > 0', undefined, { error: '${persons} is a roster: use it in count()', at: 0 }],
    ['sum(${age})', undefined, { error: 'sum() takes an item inside a roster, as ${name}', at: 4 }],
    ['sum(${persons})', undefined, { error: 'sum() takes an item inside a roster, as ${name}', at: 4 }],
    ['count(${children})', undefined, { error: "count(): the roster ${children} is inside another roster's rows, not visible here", at: 6 }],
    ['count-selected(${age})', undefined, { error: 'count-selected() takes a select_multiple', at: 0 }],
    ['${langs} + 1', undefined, { error: 'a select_multiple is not a number: use count-selected()', at: 9 }],
    ['${langs} = ${worked}', undefined, { error: 'a select_multiple compared with = or != to something other than a literal: use selected() or count-selected()', at: 9 }],
    ['date(${dob})', undefined, { error: "date() takes a literal date 'YYYY-MM-DD'", at: 0 }],
    ["if(${age} > 1, 'x')", undefined, { error: 'if() takes 3 arguments, not 2', at: 0 }],
    ['not()', undefined, { error: 'not() takes 1 argument, not 0', at: 0 }],
    ['${age} | ${hours}', undefined, { error: 'the union operator | is not supported', at: 7 }],
    ['$age > 1', undefined, { error: 'XPath variables ($name) are not supported: refer to items as ${name}', at: 0 }],
    ['${last-saved#age} > 1', undefined, { error: '${last-saved#age}: last-saved references are not supported', at: 0 }],
    ["${worked} = ‘yes’", undefined, { error: 'typographic quote ‘: quote strings with \' or "', at: 12 }],
    ["${worked} = 'yes", undefined, { error: 'unterminated string', at: 12 }],
    ['${age > 1', undefined, { error: 'unterminated ${', at: 0 }],
    ['${age} == 1', undefined, { error: 'unexpected =', at: 8 }],
    ['${age} && 1', undefined, { error: 'unexpected character &', at: 7 }],
    ['(${age} > 1', undefined, { error: 'expected ) but found the end of the expression', at: 11 }],
    ['${age} >', undefined, { error: 'unexpected end of expression', at: 8 }],
    ['${age} 1', undefined, { error: 'unexpected 1', at: 7 }],
    ['99999999999999999999', undefined, { error: 'the number 99999999999999999999 is too large', at: 0 }],
    ['${in} = 1', undefined, { error: '${in} is not a valid CEL identifier', at: 0 }],
    [`${'('.repeat(101)}1${')'.repeat(101)}`, undefined, { error: 'nested more than 100 deep', at: 100 }],
    [Array(101).fill('1').join(' + '), undefined, { error: 'nested more than 100 deep', at: 398 }],
  ])('%s', (source, self, expected) => {
    const context = contextOf({ ...HOUSEHOLD, others: [...HOUSEHOLD.others, 'in'] }, self);
    expect(translateExpression(source, context)).toEqual(expected);
  });
});

describe('translateExpression: properties', () => {
  const context = contextOf(HOUSEHOLD, 'hours');
  const expectCelOrRefusal = (source: string) => {
    const result = translateExpression(source, context);
    if ('cel' in result) expect(() => parse(result.cel), `${source} → ${result.cel}`).not.toThrow();
    else expect(result.error).toEqual(expect.any(String));
  };

  const { expression } = fc.letrec<{ expression: string; leaf: string; operation: string; call: string }>((tie) => ({
    expression: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('operation'), tie('call')),
    leaf: fc.oneof(
      fc.nat(1000).map(String),
      fc.tuple(fc.nat(100), fc.nat(99)).map(([whole, part]) => `${whole}.${part}`),
      fc.constantFrom('${age}', '${hours}', '${weight}', '${worked}', '${langs}', '${comment}', '.', "'yes'", "''", "'12'"),
    ),
    operation: fc.oneof(
      fc.tuple(tie('expression'), fc.constantFrom('and', 'or', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'), tie('expression')).map(([l, op, r]) => `${l} ${op} ${r}`),
      tie('expression').map((e) => `-${e}`),
      tie('expression').map((e) => `(${e})`),
    ),
    call: fc.oneof(
      tie('expression').map((e) => `not(${e})`),
      fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      tie('expression').map((e) => `selected(\${langs}, ${e})`),
      fc.tuple(tie('expression'), tie('expression')).map(([a, b]) => `coalesce(${a}, ${b})`),
    ),
  }));

  it('never throws on expressions of the grammar, and what it translates parses as CEL', () => {
    fc.assert(fc.property(expression, expectCelOrRefusal), { numRuns: 2000 });
  });

  it('never throws on token soup or arbitrary text', () => {
    const token = fc.constantFrom('${age}', '${langs}', '${nope}', '.', '..', '/', '//', '[', ']', '(', ')', ',', '|', '@', '::', '*', '-', '+', '=', '!=', '<', '>=', 'and', 'or', 'div', 'mod', 'not', 'if', 'selected', 'sum', 'x', "'a'", '"', "'", '$', '${', '}', '1', '2.5', '.5', ' ', '‘');
    fc.assert(fc.property(fc.array(token, { maxLength: 30 }), (tokens) => expectCelOrRefusal(tokens.join(''))), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 60 }), expectCelOrRefusal), { numRuns: 1000 });
  });

  /** Integer arithmetic and logic, as XLSForm text and as the value XPath gives it. */
  type Case = { text: string; value: bigint | boolean };
  const bindings = { age: 20n, hours: 7n };
  const { term } = fc.letrec<{ term: Case; number: Case; truth: Case }>((tie) => ({
    term: fc.oneof({ depthSize: 'small' }, tie('number'), tie('truth')),
    number: fc.oneof(
      { depthSize: 'small' },
      fc.nat(20).map((n) => ({ text: String(n), value: BigInt(n) })),
      fc.constantFrom({ text: '${age}', value: bindings.age }, { text: '${hours}', value: bindings.hours }),
      fc.tuple(tie('number'), fc.constantFrom('+', '-'), tie('number')).map(([l, op, r]) => ({
        text: `(${l.text} ${op} ${r.text})`,
        value: op === '+' ? (l.value as bigint) + (r.value as bigint) : (l.value as bigint) - (r.value as bigint),
      })),
      // Multiplied by a small literal only, so no intermediate value can overflow a CEL int.
      fc.tuple(tie('number'), fc.nat(20)).map(([l, n]) => ({ text: `(${l.text} * ${n})`, value: (l.value as bigint) * BigInt(n) })),
      tie('number').map((n) => ({ text: `-${n.text}`, value: -(n.value as bigint) })),
      fc.tuple(tie('truth'), tie('number'), tie('number')).map(([c, a, b]) => ({ text: `if(${c.text}, ${a.text}, ${b.text})`, value: c.value ? a.value : b.value })),
    ),
    truth: fc.oneof(
      fc.tuple(tie('number'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), tie('number')).map(([l, op, r]) => ({ text: `${l.text} ${op} ${r.text}`, value: compare(op, l.value as bigint, r.value as bigint) })),
      fc.tuple(tie('truth'), fc.constantFrom('and', 'or'), tie('truth')).map(([l, op, r]) => ({ text: `(${l.text} ${op} ${r.text})`, value: op === 'and' ? l.value && r.value : l.value || r.value })),
      tie('truth').map((t) => ({ text: `not(${t.text})`, value: !t.value })),
    ),
  }));

  it('gives integer arithmetic and logic the value XPath gives them', () => {
    fc.assert(
      fc.property(term, ({ text, value }) => {
        expect(evaluate(cel(text, 'hours'), bindings)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

function compare(op: string, l: bigint, r: bigint): boolean {
  switch (op) {
    case '=':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

describe('what the import adds', () => {
  it('writes an XLSForm name as its questionnaire id, and rounds and trims as XLSForm does', () => {
    const context: TranslationContext = { names: new Set(['hh-size', 'w', 's']), multiple: new Set(), integers: new Set(['hh-size']), rosters: new Set(), rosterOf: new Map(), idOf: new Map([['hh-size', 'hh_size']]) };
    expect(translateExpression('${hh-size} > 2', context)).toEqual({ cel: 'hh_size > 2' });
    expect(translateExpression('round(${w}, 1)', context)).toEqual({ cel: 'round(double(w), 1)' });
    expect(evaluate('round(double(w), 1)', { w: 2.345 })).toBe(2.3);
    expect(evaluate('round(double(w), 0)', { w: 2.5 })).toBe(3);
    expect(translateExpression('trim(${s})', context)).toEqual({ cel: 'trim(string(s))' });
    expect(evaluate('trim(string(s))', { s: '  Lan ' })).toBe('Lan');
  });
});
