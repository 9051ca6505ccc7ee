import { describe, expect, it } from 'vitest';
import type { ProblemParams } from '../../domain/errors.js';
import { surveyDefinitionInput } from '../../domain/survey/definition.js';
import { evaluateResponse, typedAnswer } from '../../domain/survey/evaluate.js';
import { asFieldError, readFormSheets } from '../../domain/survey/form-sheet-read.js';
import { issueCode, questionnaireSchema, type Question } from '../../domain/survey/questionnaire.js';
import { readWorkbook, xlsformToQuestionnaire, type Sheet } from '../../domain/survey/xlsform.js';
import { enDefinitionProblems } from '../../ui/src/i18n/definition-problems.en.js';
import { viDefinitionProblems } from '../../ui/src/i18n/definition-problems.vi.js';
import { enProblems } from '../../ui/src/i18n/problems.en.js';
import { viProblems } from '../../ui/src/i18n/problems.vi.js';

/**
 * Every problem a survey definition, an XLSForm workbook or a response can have reaches the
 * UI by its code and values: each code must have words in both catalogues, and the words
 * may only ask for values the problem carries.
 */

interface Found {
  readonly code: string;
  readonly params: ProblemParams;
  /** Where it came from, for a failure to name. */
  readonly from: string;
}

const l = (text: string) => ({ vi: text, en: text });
const q = (id: string, type: string, more: Record<string, unknown> = {}) => ({ id, type, label: l(id), ...more });
const HEAD = { code: 'EST', title: l('Establishments'), kind: 'reporting', unitType: 'enterprise', reviewLevels: ['commune'] };
const placeholders = (words: string) => new Set([...words.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => q(`${prefix}${i}`, 'integer'));

/** Definitions each broken in one or a few ways the validators name. */
const DEFINITIONS: Record<string, Record<string, unknown>> = {
  'legacy choice fields': { fields: [{ id: 'a', type: 'choice', label: l('A') }, { id: 'b', type: 'integer', choices: ['x'], label: l('B') }] },
  'items and fields': { items: [q('a', 'integer')], fields: [{ id: 'b', type: 'integer', label: l('B') }] },
  'neither items nor fields': {},
  'ids and review levels': {
    reviewLevels: ['province', 'commune'],
    items: [q('a', 'integer'), q('a', 'integer'), q('size', 'integer')],
    checks: [
      { id: 'c', expression: 'a > 0', severity: 'block', message: l('c') },
      { id: 'c', expression: 'a >', severity: 'warn', message: l('c') },
      { id: 'd', expression: 'nobody > 0', severity: 'warn', message: l('d'), scope: 'a' },
    ],
  },
  'too many items': { items: [{ type: 'section', id: 's1', label: l('S1'), items: many(2600, 'x') }, { type: 'section', id: 's2', label: l('S2'), items: many(2600, 'y') }] },
  'rosters': {
    items: [
      q('n', 'decimal'),
      { type: 'roster', id: 'r1', label: l('R1'), size: 'n', items: [q('m', 'integer'), { type: 'roster', id: 'r2', label: l('R2'), items: [{ type: 'roster', id: 'r3', label: l('R3'), items: [{ type: 'roster', id: 'r4', label: l('R4'), items: [{ type: 'roster', id: 'r5', label: l('R5'), items: [q('deep', 'text')] }] }] }] }] },
      { type: 'roster', id: 'wide', label: l('Wide'), size: 'm', items: [{ type: 'section', id: 'w1', label: l('W1'), items: many(101, 'w') }, { type: 'section', id: 'w2', label: l('W2'), items: many(101, 'v') }] },
    ],
  },
  'questions': {
    choiceLists: { yn: [{ value: 'y', label: l('Yes') }, { value: 'y', label: l('Yes again') }] },
    items: [
      q('s', 'select_one'),
      q('t', 'text', { choices: 'yn' }),
      q('u', 'select_multiple', { choices: 'nowhere' }),
      q('v', 'text', { min: 1 }),
      q('w', 'integer', { min: 5, max: 1 }),
      { id: 'calc', type: 'calculate' },
      q('x', 'integer', { expression: '1' }),
      { id: 'unlabelled', type: 'integer' },
      { id: 'hello', type: 'note', label: l('Hello'), required: true },
      { id: 'loop1', type: 'calculate', expression: 'loop2 + 1' },
      { id: 'loop2', type: 'calculate', expression: 'loop1 + 1' },
    ],
  },
  'outputs': {
    items: [q('a', 'integer'), q('txt', 'text'), { type: 'roster', id: 'r', label: l('R'), items: [q('b', 'integer')] }],
    outputs: [
      { id: 'o1', aggregate: 'count', of: 'a', by: 'province' },
      { id: 'o2', aggregate: 'ratio', field: 'a', by: 'province' },
      { id: 'o3', aggregate: 'count', numerator: 'a', field: 'a', where: 'a >', by: 'province', dominance: { rule: 'nk', n: 2, k: 85 } },
      { id: 'o4', aggregate: 'sum', where: 'ghost > 1', by: 'province' },
      { id: 'o5', aggregate: 'mean', field: 'ghost', crossBy: 'a', by: 'province' },
      { id: 'o5', aggregate: 'sum', field: 'txt', crossBy: 'a', of: 'r', by: 'province' },
    ],
  },
};

function definitionProblems(): Found[] {
  return Object.entries(DEFINITIONS).flatMap(([name, broken]) => {
    const parsed = surveyDefinitionInput.safeParse({ ...HEAD, ...broken });
    if (parsed.success) throw new Error(`${name} was taken`);
    return parsed.error.issues.map((issue) => ({ ...issueCode(issue), from: `${name}: ${issue.path.join('.')} ${issue.message}` }));
  });
}

function responseProblems(): Found[] {
  const questionnaire = questionnaireSchema.parse({
    choiceLists: { yn: [{ value: 'y', label: l('Yes') }, { value: 'n', label: l('No') }] },
    items: [
      q('whole', 'integer', { required: true, min: 1, max: 9 }),
      q('amount', 'decimal'),
      q('words', 'text', { maxLength: 3 }),
      q('one', 'select_one', { choices: 'yn' }),
      q('some', 'select_multiple', { choices: 'yn' }),
      q('day', 'date'),
      q('at', 'time'),
      q('when', 'datetime'),
      q('yes', 'boolean'),
      q('where', 'geopoint'),
      { id: 'hello', type: 'note', label: l('Hello') },
      q('kept', 'integer', { constraint: 'kept > 10', constraintMessage: { vi: 'Phải lớn hơn 10', en: 'Must be over 10' } }),
      q('plain', 'integer', { constraint: 'plain > 10' }),
      q('count', 'integer'),
      { type: 'roster', id: 'sized', label: l('Sized'), size: 'count', maxRows: 2, items: [q('inner', 'integer')] },
      { type: 'roster', id: 'big', label: l('Big'), maxRows: 80_000, items: [q('n', 'integer')] },
    ],
  });
  const answers = (given: Record<string, unknown>) => evaluateResponse(questionnaire, given).errors.map((e) => ({ code: e.code ?? '', params: e.params ?? {}, from: `${e.path} ${e.message}` }));
  const wrongType = typedAnswer({ id: 'odd', type: 'vector' } as unknown as Question, 1, {});
  return [
    ...answers({ whole: 1.5, amount: 'x', words: 'long', one: 'z', some: ['y', 'y'], day: '2026-02-30', at: '25:00', when: 'soon', yes: 'yes', where: { lat: 100 }, hello: 'hi', kept: 1, plain: 1, stray: 1, count: 1, sized: [{}, {}, {}] }),
    ...answers({ whole: 0, words: 7, some: 'y', count: 1, sized: 'rows' }),
    ...answers({ whole: 10, count: 1, sized: [5] }),
    ...answers({ whole: 1, big: Array.from({ length: 80_001 }, () => ({})) }),
    ...answers({}),
    ...(wrongType && 'code' in wrongType ? [{ code: wrongType.code, params: wrongType.params, from: wrongType.problem }] : []),
  ];
}

/** A workbook's sheets as read; `survey` rows after the header type, name, label, relevant, calculation. */
const workbook = (rows: (string | null)[][], choices: (string | null)[][] = [['list_name', 'name', 'label']]): Sheet[] => [
  { name: 'survey', rows: [['type', 'name', 'label', 'relevant', 'calculation'], ...rows] },
  { name: 'choices', rows: choices },
];

async function xlsformProblems(): Promise<Found[]> {
  const read = (name: string, sheets: Sheet[]) =>
    xlsformToQuestionnaire(sheets).errors.map((e) => ({ code: e.code, params: { ...e.params, sheet: e.sheet, row: e.row, column: e.column }, from: `${name}: ${e.message}` }));
  const files = await Promise.all([new TextEncoder().encode('type,name'), new Uint8Array([0x50, 0x4b, 1, 2, 3]), new Uint8Array(11 * 1024 * 1024)].map((bytes) => readWorkbook(bytes)));
  return [
    ...files.flatMap((file) => ('error' in file ? [{ code: file.code, params: file.params, from: file.error }] : [])),
    ...read('no survey sheet', [{ name: 'other', rows: [] }]),
    ...read('no type column', [{ name: 'survey', rows: [['name', 'label']] }]),
    ...read('rows', workbook([
      [null, 'lonely', 'Lonely', null, null],
      ['begin group', null, 'Nameless', null, null],
      ['end repeat', null, null, null, null],
      ['frobnicate', 'odd', 'Odd', null, null],
      ['integer', null, 'No name', null, null],
      ['select_one', 'pick', 'Pick', null, null],
      ['integer', 'age', 'Age', "pulldata('x', 'y', 'z', 'w') > 1", null],
      ['calculate', 'me', null, null, '${me} + 1'],
      ['text', 'reader', 'Reader', '${me} > 0', null],
      ['begin repeat', 'open', 'Open', null, null],
    ], [['list_name', 'name', 'label'], ['yn', null, 'Nameless choice']])),
    ...read('the questionnaire', workbook([['calculate', 'a', null, null, '${b} + 1'], ['calculate', 'b', null, null, '${a} + 1'], ['integer', 'c', 'C', '${a} > 0', null]])),
  ];
}

/** A task's form.xlsx sent back wrong in each way its reader names: another task or version, sheets, columns, rows and roster rows. */
function formSheetProblems(): Found[] {
  const questionnaire = questionnaireSchema.parse({
    items: [q('a', 'integer'), { type: 'roster', id: 'r', label: l('R'), items: [q('b', 'integer'), { type: 'roster', id: 'inner', label: l('I'), items: [q('c', 'integer')] }] }],
  });
  const identity = { task: 'T.1', survey: 'T', version: 1 };
  const meta = (task = 'T.1', version = 1): Sheet => ({ name: 'meta', rows: [['task', task], ['survey', 'T'], ['version', version]] });
  const form: Sheet = { name: 'form', rows: [['name', 'answer'], ['a', 1], [null, 2], ['zz', 3], ['a', 4]] };
  const read = (name: string, sheets: Sheet[]) =>
    readFormSheets(sheets, questionnaire, identity).errors.map(asFieldError).map((e) => ({ code: e.code!, params: e.params!, from: `${name}: ${e.path} ${e.message}` }));
  return [
    ...read('no meta', [form]),
    ...read('another task', [meta('T.2'), form]),
    ...read('another version', [meta('T.1', 2), form]),
    ...read('no form', [meta()]),
    ...read('no answer column', [meta(), { name: 'form', rows: [['name']] }]),
    ...read('rows', [
      meta(),
      form,
      { name: 'r', rows: [['_row', 'b', 'x'], ['one', 1], [1, 2], [1, 3]] },
    ]),
    ...read('no such row', [meta(), form, { name: 'r', rows: [['_row', 'b'], [1, 1]] }, { name: 'inner', rows: [['_row', 'c'], ['5.1', 1]] }]),
    ...read('no _row', [meta(), form, { name: 'r', rows: [['_row', 'b'], [1, 1]] }, { name: 'inner', rows: [['c'], [1]] }]),
  ];
}

describe('the words of definition, workbook and response problems', () => {
  it('has every code the validators give in both catalogues, asking only for values the problem carries', async () => {
    const found = [...definitionProblems(), ...responseProblems(), ...(await xlsformProblems()), ...formSheetProblems()];
    const vi: Record<string, string> = viProblems;
    const en: Record<string, string> = enProblems;
    for (const { code, params, from } of found) {
      const key = `field.${code}`;
      expect(vi[key], `${key} (${from}) has Vietnamese words`).toBeTypeOf('string');
      expect(en[key], `${key} (${from}) has English words`).toBeTypeOf('string');
      for (const words of [vi[key]!, en[key]!]) for (const name of placeholders(words)) expect(Object.keys(params), `${key} (${from}) asks for {${name}}`).toContain(name);
    }
    // Each word of the new catalogue is one some broken input reaches: none is dead, none untested.
    const reached = new Set(found.map((f) => `field.${f.code}`));
    const unreached = Object.keys(viDefinitionProblems).filter((key) => key !== 'field.xlsform_at' && !reached.has(key));
    expect(unreached).toEqual([]);
  }, 60_000);

  it('asks for the same values in Vietnamese and English, but for the language of a form’s own message', () => {
    for (const [key, words] of Object.entries(viDefinitionProblems)) {
      if (key === 'field.constraint_message') continue;
      expect([...placeholders(enDefinitionProblems[key as keyof typeof viDefinitionProblems])].sort(), key).toEqual([...placeholders(words)].sort());
    }
    expect(placeholders(viDefinitionProblems['field.constraint_message'])).toEqual(new Set(['vi']));
    expect(placeholders(enDefinitionProblems['field.constraint_message'])).toEqual(new Set(['en']));
    expect(placeholders(viDefinitionProblems['field.xlsform_at'])).toEqual(new Set(['sheet', 'row', 'column', 'problem']));
  });
});
