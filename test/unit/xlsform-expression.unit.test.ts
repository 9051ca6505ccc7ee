import { celEnv, celFunc, CelScalar, isCelError, listType, parse, plan, type CelInput } from '@bufbuild/cel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, toJson, type Bindings } from '../../domain/survey/expressions.js';
import { translateExpression, type Translation, type TranslationContext } from '../../domain/survey/xlsform-expression.js';

/** A questionnaire's items as the translation sees them: by type, and which roster holds which. */
interface Shape {
  readonly integers: readonly string[];
  readonly multiple: readonly string[];
  readonly rosters: readonly string[];
  /** Items of other types: decimals, select_ones, texts, dates, calculations. */
  readonly others: readonly string[];
  readonly rosterOf: Readonly<Record<string, string>>;
}

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

function contextOf(shape: Shape, self?: string): TranslationContext {
  return {
    ...(self === undefined ? {} : { self }),
    names: new Set([...shape.integers, ...shape.multiple, ...shape.rosters, ...shape.others]),
    multiple: new Set(shape.multiple),
    integers: new Set(shape.integers),
    rosters: new Set(shape.rosters),
    rosterOf: new Map(Object.entries(shape.rosterOf)),
  };
}

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
    ["instance('towns')/root/item[name = ${worked}]/label", undefined, { error: 'unsupported function instance(): it reads choice lists or external data', at: 0 }],
    ["pulldata('hh', 'name', 'id', ${age})", undefined, { error: 'unsupported function pulldata(): it reads an external CSV file', at: 0 }],
    ['indexed-repeat(${pname}, ${persons}, 1)', undefined, { error: 'unsupported function indexed-repeat(): it reads another row of a roster', at: 0 }],
    ["jr:choice-name(${worked}, '${worked}')", undefined, { error: 'unsupported function jr:choice-name(): choice labels are not values', at: 0 }],
    ['sqrt(${weight})', undefined, { error: 'unsupported function sqrt()', at: 0 }],
    ['1 + sqrt(${weight})', undefined, { error: 'unsupported function sqrt()', at: 4 }],
    ['position(..)', undefined, { error: 'the row number is only known inside a roster', at: 0 }],
    ['position(.)', 'income', { error: 'position() is supported only as position(..), the row number', at: 0 }],
    ['${income} > 0', undefined, { error: '${income} is inside the roster ${persons}: outside it, use it in sum(), count() or count-non-empty()', at: 0 }],
    ['${persons} > 0', undefined, { error: '${persons} is a roster: use it in count()', at: 0 }],
    ['sum(${age})', undefined, { error: 'sum() takes an item inside a roster, as ${name}', at: 4 }],
    ['sum(${persons})', undefined, { error: 'sum() takes an item inside a roster, as ${name}', at: 4 }],
    ['count(${children})', undefined, { error: "count(): the roster ${children} is inside another roster's rows, not visible here", at: 6 }],
    ['count-selected(${worked})', undefined, { error: 'count-selected() takes a select_multiple', at: 0 }],
    ['${langs} + 1', undefined, { error: 'a select_multiple is not a number: use count-selected()', at: 9 }],
    ['${langs} = ${worked}', undefined, { error: 'a select_multiple compared with = or != to something other than a literal: use selected() or count-selected()', at: 9 }],
    ['today() - ${dob}', undefined, { error: 'dates cannot be used as numbers (no date arithmetic)', at: 8 }],
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

/**
 * The items of the fixture forms (test/fixtures/xlsforms) that the expressions below read,
 * with their types as the forms give them.
 */
const FIXTURES: Record<string, Shape> = {
  'cht-delivery-seven-languages-repeats.xlsx': { integers: [], multiple: ['pnc_visits_attended'], rosters: ['baby_repeat'], others: ['r_babies_delivered_num', 'babies_delivered_num', '__pnc_visits_num_selected', 'birth_length', 'r_referrals', '__pregnancy_uuid', 'patient_age_in_years', 'woman_death_date'], rosterOf: { 'birth_length': 'baby_repeat' } },
  'cht-large-cha-976-rows-en-fr.xlsx': { integers: ['age_months'], multiple: ['chief_complaint'], rosters: [], others: ['weight_kg', 'complaint_other', 'inputs'], rosterOf: {  } },
  'ipa-case-management-nested-repeats.xlsx': { integers: [], multiple: [], rosters: ['phonecall', 'call_contacts'], others: ['call_num', 'attempts', 'response', 'exit_group', 'stay_group_wrong', 'stay_group_noansw', 'stay_group_outserv', 'stay_group_knows', 'exit_group_exclude', 'tot_ph', 'addrepeat', 'note_contacts_repeat', 'tot_contacts', 'last_response', 'dv_doc_number', 'phone_6_calls', 'caseid', 'response_relev_oth', 'no_case', 'all_phones', 'phone_1', 'pub_update_phone_2', 'pub_update_phone_3', 'pub_update_phone_4', 'pub_update_phone_5', 'pub_update_phone_6', 'pub_update_phone_7', 'pub_update_stop_at', 'addthreshold', 'new_data_hour_5', 'all_new_data_hour'], rosterOf: { 'response': 'phonecall', 'exit_group': 'phonecall', 'stay_group_wrong': 'phonecall', 'stay_group_noansw': 'phonecall', 'stay_group_outserv': 'phonecall', 'stay_group_knows': 'phonecall', 'exit_group_exclude': 'phonecall', 'addrepeat': 'phonecall', 'note_contacts_repeat': 'call_contacts', 'last_response': 'call_contacts' } },
  'ipa-household-survey-roster.xlsx': { integers: [], multiple: ['f_hr_lead_r'], rosters: ['f_hr_rpt'], others: ['m_wk_tobacco_amt', 'f_hr_lead_osp_r', 'tmp_l_hd_rank_first_dsp', 'l_hd_rank_first', 'l_hd_rank_first_osp', 'tmp_hhm_sum', 'tmp_hr_add_r', 'o_flood_year', 'f_tc_age', 'j_land_value', 'j_land_size'], rosterOf: { 'f_hr_lead_osp_r': 'f_hr_rpt', 'f_hr_lead_r': 'f_hr_rpt', 'tmp_hr_add_r': 'f_hr_rpt' } },
  'pma-wge-female-questionnaire-en-ha-ig.xlsx': { integers: ['age_at_first_sex', 'age'], multiple: [], rosters: [], others: ['manual_date', 'aut016_dknr', 'aut016', 'current_preg_desired', 'consent_obtained', 'pregnant', 'lastq_grp'], rosterOf: {  } },
  'pma-wge-household-roster-five-languages.xlsx': { integers: ['structure', 'household', 'age'], multiple: [], rosters: ['hh_rpt'], others: ['head_check', 'relationship', 'heads', 'FRS_form_name', 'EA', 'firstname', 'respondent_firstname', 'respondent_firstname_raw', 'GPS_transfer', 'eligible', 'location'], rosterOf: { 'head_check': 'hh_rpt', 'relationship': 'hh_rpt', 'FRS_form_name': 'hh_rpt', 'firstname': 'hh_rpt', 'age': 'hh_rpt', 'GPS_transfer': 'hh_rpt', 'eligible': 'hh_rpt' } },
  'rhomis-core-household-nine-languages.xlsx': { integers: ['livestock_sold'], multiple: ['livestock_who_sells', 'crops', 'bees_honey_use', 'dairy_products', 'offfarm_incomes'], rosters: ['livestock_repeat', 'crop_repeat', 'offfarm_income_repeat'], others: ['crop_rep_grp', 'bees_honey_use_proportions', 'dairy_products_other', 'offfarm_income_name'], rosterOf: { 'livestock_who_sells': 'livestock_repeat', 'livestock_sold': 'livestock_repeat', 'crop_rep_grp': 'crop_repeat', 'bees_honey_use_proportions': 'livestock_repeat', 'bees_honey_use': 'livestock_repeat', 'dairy_products_other': 'livestock_repeat', 'dairy_products': 'livestock_repeat', 'offfarm_income_name': 'offfarm_income_repeat' } },
  'subdistrict-profiling-en-ar.xlsx': { integers: [], multiple: ['_4_8_2_restricted_items'], rosters: [], others: ['_4_8_aid_vehicles', 'community', 'governorate', 'district', 'subdistrict'], rosterOf: {  } },
  'ucl-biomass-plot-nested-repeats-en-sw.xlsx': { integers: ['slope'], multiple: [], rosters: ['subplot2', 'trees'], others: ['leader_number', 'slope_radius', 'regen_in_subplot2', 'size_constraint', 'tree_distance', 'slope_radius_inner'], rosterOf: { 'size_constraint': 'trees', 'tree_distance': 'trees' } },
  'unhcr-demo-household-roster-four-languages.xlsx': { integers: ['age'], multiple: ['resubmit_reasons'], rosters: ['hh_rpt'], others: ['num_HH_members', 'eligible', 'gender', 'usually_live', 'last_night', 'this_country', 'duplicate_warning_hhmember', 'today'], rosterOf: { 'eligible': 'hh_rpt', 'gender': 'hh_rpt', 'age': 'hh_rpt', 'usually_live': 'hh_rpt', 'last_night': 'hh_rpt' } },
  'xlsform-spec-test-all-types-en-zh.xlsx': { integers: ['a_integer'], multiple: ['select_multiple_test'], rosters: ['repeat_test'], others: ['email_note', 'address', 'a_decimal'], rosterOf: { 'select_multiple_test': 'repeat_test' } },
};

/**
 * Real expressions from the fixture forms: file, column, the item it belongs to, the
 * expression, and the translation or the refusal. Over all 1,949 expression cells of the 12
 * forms, 1,448 translate and 501 are refused (mostly `../` paths, choice-filter columns, and
 * functions reading external data, labels or other rows).
 */
const REAL: [file: string, column: string, item: string, source: string, expected: Translation][] = [
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'pnc_visits_attended', 'not(selected(.,\'none\')) or count-selected(.) < 2', { cel: '!(\'none\' in pnc_visits_attended) || size(pnc_visits_attended) < 2' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'relevant', 'r_babies_delivered_num', '${babies_delivered_num} != \'\'', { cel: 'has(babies_delivered_num)' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', '__pnc_visits_num_selected', 'if(selected(${pnc_visits_attended}, \'none\'), 0, if(selected(${pnc_visits_attended}, \'within_24_hrs\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'3_days\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'7_days\'), 1, 0) +\nif(selected(${pnc_visits_attended}, \'6_weeks\'), 1, 0))', { cel: '\'none\' in pnc_visits_attended ? 0 : (\'within_24_hrs\' in pnc_visits_attended ? 1 : 0) + (\'3_days\' in pnc_visits_attended ? 1 : 0) + (\'7_days\' in pnc_visits_attended ? 1 : 0) + (\'6_weeks\' in pnc_visits_attended ? 1 : 0)' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'birth_length', '. >= 35.6 and . <= 70', { cel: 'double(birth_length) >= 35.6 && double(birth_length) <= 70' }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'relevant', 'r_referrals', 'not(selected(../../condition/woman_outcome, \'deceased\')) or\n../../delivery_outcome/babies_alive_num > 0', { error: 'unsupported XPath path ../../condition/woman_outcome: refer to items as ${name}', at: 13 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', '__pregnancy_uuid', 'instance(\'contact-summary\')/context/pregnancy_uuid', { error: 'unsupported function instance(): it reads choice lists or external data', at: 0 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'calculation', 'patient_age_in_years', 'floor( difference-in-months( ../inputs/contact/date_of_birth, today() ) div 12 )', { error: 'unsupported function floor()', at: 0 }],
  ['cht-delivery-seven-languages-repeats.xlsx', 'constraint', 'woman_death_date', '. <= now() and difference-in-months( ., today() ) < 1', { error: 'unsupported function now(): only today() is available', at: 5 }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'constraint', 'age_months', '${age_months} >= 0 and ${age_months} <= 216', { cel: 'age_months >= 0 && age_months <= 216' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'constraint', 'weight_kg', '${weight_kg} > 0 and ${weight_kg} <= 50', { cel: 'double(weight_kg) > 0 && double(weight_kg) <= 50' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'relevant', 'complaint_other', 'selected(${chief_complaint}, \'sym_none\')', { cel: '\'sym_none\' in chief_complaint' }],
  ['cht-large-cha-976-rows-en-fr.xlsx', 'relevant', 'inputs', './source = \'user\'', { error: 'unsupported XPath path ./source: refer to items as ${name}', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'call_num', 'if(${attempts} ="", 1, ${attempts} + 1)', { cel: '!has(attempts) ? 1.0 : double(attempts) + 1.0' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'response', 'coalesce(${exit_group}, ${stay_group_wrong},${stay_group_noansw},${stay_group_outserv},${stay_group_knows},${exit_group_exclude})', { cel: 'has(exit_group) ? exit_group : has(stay_group_wrong) ? stay_group_wrong : has(stay_group_noansw) ? stay_group_noansw : has(stay_group_outserv) ? stay_group_outserv : has(stay_group_knows) ? stay_group_knows : exit_group_exclude' }],
  ['ipa-case-management-nested-repeats.xlsx', 'repeat_count', 'phonecall', 'if(count(${phonecall})<${tot_ph}, sum(${addrepeat})+1, ${tot_ph})', { cel: 'size(phonecall) < double(tot_ph) ? double(sum(phonecall.map(row, has(row.addrepeat), row.addrepeat))) + 1.0 : tot_ph' }],
  ['ipa-case-management-nested-repeats.xlsx', 'relevant', 'note_contacts_repeat', 'index()<${tot_contacts} and (not(selected(${last_response},\'1\')) and not(selected(${last_response},\'6\')))', { cel: '_row < double(tot_contacts) && (!(last_response == \'1\') && !(last_response == \'6\'))' }],
  ['ipa-case-management-nested-repeats.xlsx', 'constraint', 'dv_doc_number', '(string-length(.)=3 and regex(.,\'[0-9]{1,50}\')) or .=-888 or .=-999', { cel: '(size(string(dv_doc_number)) == 3 && string(dv_doc_number).matches(\'[0-9]{1,50}\')) || double(dv_doc_number) == -888 || double(dv_doc_number) == -999' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'phone_6_calls', 'pulldata(\'cases\', \'phone_6_calls\', \'id\', ${caseid})', { error: 'unsupported function pulldata(): it reads an external CSV file', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'response_relev_oth', 'indexed-repeat(${response}, ${phonecall}, count(${phonecall}))', { error: 'unsupported function indexed-repeat(): it reads another row of a roster', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'relevant', 'no_case', '${caseid} = null', { error: 'unsupported XPath path null: refer to items as ${name}', at: 12 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'addrepeat', 'if(${response}=1 or empty(${response}) or ${response}=6, 0, 1)', { error: 'unsupported function empty()', at: 20 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'all_phones', 'count-selected(concat(${phone_1},\' \', ${pub_update_phone_2},\' \',  ${pub_update_phone_3},\' \', ${pub_update_phone_4},\' \', ${pub_update_phone_5},\' \', ${pub_update_phone_6},\' \', ${pub_update_phone_7}))', { error: 'count-selected() takes a select_multiple', at: 0 }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'pub_update_stop_at', 'if(${call_num}=5 and ${addthreshold} = 1, int(6), int(5))', { cel: 'double(call_num) == 5 && double(addthreshold) == 1 ? 6 : 5' }],
  ['ipa-case-management-nested-repeats.xlsx', 'calculation', 'new_data_hour_5', 'item-at(\', \', ${all_new_data_hour}, 4)', { error: 'unsupported function item-at()', at: 0 }],
  ['ipa-household-survey-roster.xlsx', 'constraint', 'm_wk_tobacco_amt', '(. >= 0 and . <= 5000) or . = -999 or . = -888', { cel: '(double(m_wk_tobacco_amt) >= 0 && double(m_wk_tobacco_amt) <= 5000) || double(m_wk_tobacco_amt) == -999 || double(m_wk_tobacco_amt) == -888' }],
  ['ipa-household-survey-roster.xlsx', 'relevant', 'f_hr_lead_osp_r', 'selected(${f_hr_lead_r}, -666)', { cel: '\'-666\' in f_hr_lead_r' }],
  ['ipa-household-survey-roster.xlsx', 'calculation', 'tmp_l_hd_rank_first_dsp', 'if(${l_hd_rank_first} = -666, ${l_hd_rank_first_osp}, jr:choice-name(${l_hd_rank_first}, \'${l_hd_rank_first}\'))', { error: 'unsupported function jr:choice-name(): choice labels are not values', at: 54 }],
  ['ipa-household-survey-roster.xlsx', 'calculation', 'tmp_hhm_sum', 'sum(${tmp_hr_add_r}) + 1', { cel: 'double(sum(f_hr_rpt.map(row, has(row.tmp_hr_add_r), row.tmp_hr_add_r))) + 1.0' }],
  ['ipa-household-survey-roster.xlsx', 'choice_filter', 'o_flood_year', 'filter <= (${f_tc_age} + 1)', { error: 'unsupported XPath path filter: refer to items as ${name}', at: 0 }],
  ['ipa-household-survey-roster.xlsx', 'constraint', 'j_land_value', '. >= 0 and . <= (10000 * ${j_land_size}) or . = -999 or . = -888', { cel: '(double(j_land_value) >= 0 && double(j_land_value) <= 10000.0 * double(j_land_size)) || double(j_land_value) == -999 || double(j_land_value) == -888' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'manual_date', '. > date("2018-01-01") and . < date("2018-04-01")', { cel: 'manual_date > \'2018-01-01\' && manual_date < \'2018-04-01\'' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'aut016_dknr', '(((.=\'-77\') and (${aut016} !=\'\')) or ((. !=\'-77\') and (${aut016} =\'\')))', { cel: '(aut016_dknr == \'-77\' && has(aut016)) || (aut016_dknr != \'-77\' && !has(aut016))' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'relevant', 'current_preg_desired', '${consent_obtained} and ${pregnant}=\'yes\'', { cel: 'consent_obtained && pregnant == \'yes\'' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'constraint', 'age_at_first_sex', '(. = -88) or (. = -99) or (. = -77) or (0 <= . and . <= ${age})', { cel: 'age_at_first_sex == -88 || age_at_first_sex == -99 || age_at_first_sex == -77 || (0 <= age_at_first_sex && age_at_first_sex <= age)' }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', 'relevant', 'lastq_grp', '${consent_obtained} and ((${age_at_first_sex} !=\'-77\') and (${age_at_first_sex} !=\'-88\') and (${age_at_first_sex} !=\'-99\'))', { cel: 'consent_obtained && (age_at_first_sex != -77 && age_at_first_sex != -88 && age_at_first_sex != -99)' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'head_check', 'number(${relationship}=\'head\')', { cel: 'relationship == \'head\' ? 1.0 : 0.0' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'heads', 'sum(${head_check})', { cel: 'sum(hh_rpt.map(row, has(row.head_check), row.head_check))' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'FRS_form_name', 'concat(\'FR:\', ${EA}, \'-\', ${structure}, \'-\', ${household}, \'-\', ${firstname}, \'-\', ${age})', { cel: '\'FR:\' + string(EA) + \'-\' + string(structure) + \'-\' + string(household) + \'-\' + string(firstname) + \'-\' + string(age)' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'calculation', 'respondent_firstname', 'trim(${respondent_firstname_raw})', { cel: 'trim(string(respondent_firstname_raw))' }],
  ['pma-wge-household-roster-five-languages.xlsx', 'relevant', 'GPS_transfer', '${eligible} and ${location} != \'\'', { cel: 'eligible && has(location)' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'livestock_who_sells', '${livestock_sold} > \'0\'', { cel: 'livestock_sold > 0' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'crop_rep_grp', 'position(..) <= count-selected(${crops})', { cel: '_row <= size(crops)' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'bees_honey_use_proportions', 'count-selected(${bees_honey_use}) > \'1\'', { cel: 'size(bees_honey_use) > 1' }],
  ['rhomis-core-household-nine-languages.xlsx', 'relevant', 'dairy_products_other', '${dairy_products} = \'other\'', { cel: 'dairy_products == [\'other\']' }],
  ['rhomis-core-household-nine-languages.xlsx', 'choice_filter', 'offfarm_income_name', 'selected(${offfarm_incomes}, name) and filter!="1"', { error: 'unsupported XPath path name: refer to items as ${name}', at: 29 }],
  ['subdistrict-profiling-en-ar.xlsx', 'relevant', '_4_8_2_restricted_items', '${_4_8_aid_vehicles} = \'always\' or ${_4_8_aid_vehicles} = \'sometimes\' or ${_4_8_aid_vehicles} = \'restricted\'', { cel: '_4_8_aid_vehicles == \'always\' || _4_8_aid_vehicles == \'sometimes\' || _4_8_aid_vehicles == \'restricted\'' }],
  ['subdistrict-profiling-en-ar.xlsx', 'choice_filter', 'community', 'governorate=${governorate} and district=${district} and subdistrict=${subdistrict}', { error: 'unsupported XPath path governorate: refer to items as ${name}', at: 0 }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'constraint', 'leader_number', 'regex(.,\'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$\')', { cel: 'string(leader_number).matches(\'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$\')' }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'calculation', 'slope_radius', 'round(15 div (sqrt(cos(atan(${slope} div 100)))),2)', { error: 'unsupported function sqrt()', at: 14 }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'relevant', 'subplot2', '${regen_in_subplot2}=‘yes’', { error: 'typographic quote ‘: quote strings with \' or "', at: 21 }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'calculation', 'size_constraint', 'if(${tree_distance} > ${slope_radius_inner}, 15, 6)', { cel: 'tree_distance > slope_radius_inner ? 15 : 6' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'num_HH_members', '(count(${hh_rpt}))', { cel: 'size(hh_rpt)' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'eligible', '(${gender} = \'female\') and ((${age} >= 15) and (${age} <= 49)) and (${usually_live} = \'yes\' or ${last_night} = \'yes\')', { cel: 'gender == \'female\' && (age >= 15 && age <= 49) && (usually_live == \'yes\' || last_night == \'yes\')' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'this_country', 'Ethopia', { error: 'unsupported XPath path Ethopia: refer to items as ${name}', at: 0 }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'relevant', 'duplicate_warning_hhmember', 'selected (${resubmit_reasons}, \'new_members\')', { cel: '\'new_members\' in resubmit_reasons' }],
  ['unhcr-demo-household-roster-four-languages.xlsx', 'calculation', 'today', 'today()', { cel: 'today()' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'relevant', 'email_note', 'regex(${address}, \'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}\')', { cel: 'string(address).matches(\'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,4}\')' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'constraint', 'select_multiple_test', 'not(selected(., \'yes\') and selected (., \'no\'))', { cel: '!(\'yes\' in select_multiple_test && \'no\' in select_multiple_test)' }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', 'constraint', 'a_decimal', '. <= ${a_integer}', { cel: 'double(a_decimal) <= a_integer' }],
];

describe('translateExpression: real XLSForm expressions', () => {
  it.each(REAL)('%s %s of %s: %s', (file, _column, item, source, expected) => {
    const result = translateExpression(source, contextOf(FIXTURES[file]!, item));
    expect(result).toEqual(expected);
    if ('cel' in result) expect(() => parse(result.cel)).not.toThrow();
  });

  it('means what the form means: PMA households count their heads', () => {
    const pma = (source: string, item: string) => {
      const result = translateExpression(source, contextOf(FIXTURES['pma-wge-household-roster-five-languages.xlsx']!, item));
      return 'cel' in result ? result.cel : result.error;
    };
    const headCheck = pma("number(${relationship}='head')", 'head_check');
    const rows = ['head', 'spouse', 'head'].map((relationship) => ({ relationship, head_check: evaluate(headCheck, { relationship }) as number }));
    expect(rows.map((r) => r.head_check)).toEqual([1, 0, 1]);
    expect(evaluateWithSumAndToday(pma('sum(${head_check})', 'heads'), { hh_rpt: rows })).toBe(2);
  });
});

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
