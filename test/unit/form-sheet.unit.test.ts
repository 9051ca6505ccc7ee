import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../domain/survey/evaluate.js';
import { cellAnswer } from '../../domain/survey/form-sheet-cells.js';
import { cellName, placeOf, readFormSheets } from '../../domain/survey/form-sheet-read.js';
import { formSheets, formWorkbook, rosterSheets, type FormIdentity } from '../../domain/survey/form-sheet.js';
import { questionnaireSchema, type Question } from '../../domain/survey/questionnaire.js';
import { readWorkbook, type Sheet } from '../../domain/survey/xlsform.js';
import type { Cell } from '../../domain/survey/xlsform-sheet.js';

/** A task's form as a workbook and back (domain/survey/form-sheet.ts, form-sheet-read.ts). */

const l = (vi: string, en: string) => ({ vi, en });
const q = (id: string, type: string, more: Record<string, unknown> = {}) => ({ id, type, label: l(`${id} (vi)`, `${id} (en)`), ...more });

/** An enterprise's monthly report: every type of question, a note and a calculation, and a roster of plots with a roster of visits in each. */
const DEFINITION = questionnaireSchema.parse({
  choiceLists: {
    yn: [{ value: '1', label: l('Có', 'Yes') }, { value: '2', label: l('Không', 'No') }],
    crops: [{ value: 'rice', label: l('Lúa', 'Rice') }, { value: 'maize', label: l('Ngô', 'Maize') }, { value: 'cassava', label: l('Sắn', 'Cassava') }],
  },
  items: [
    { type: 'section', id: 'firm', label: l('Doanh nghiệp', 'Enterprise'), items: [
      q('intro', 'note'),
      q('turnover', 'decimal', { required: true, min: 0, hint: l('triệu đồng', 'million VND') }),
      q('staff', 'integer', { min: 0 }),
      q('exporter', 'select_one', { choices: 'yn' }),
      q('crops', 'select_multiple', { choices: 'crops' }),
      q('opened', 'date'),
      q('opens_at', 'time'),
      q('reported_at', 'datetime'),
      q('online', 'boolean'),
      q('where', 'geopoint'),
      q('remarks', 'text'),
    ] },
    { type: 'roster', id: 'plots', label: l('Thửa', 'Plots'), items: [
      q('area', 'decimal', { required: true }),
      q('crop', 'select_one', { choices: 'crops' }),
      { type: 'roster', id: 'visits', label: l('Lần thăm', 'Visits'), items: [q('visited_on', 'date'), q('hours', 'integer')] },
    ] },
    { id: 'plot_count', type: 'calculate', expression: 'plots.size()' },
  ],
});

const ANSWERS = {
  turnover: 1250.5,
  staff: 12,
  exporter: '1',
  crops: ['rice', 'cassava'],
  opened: '2019-03-15',
  opens_at: '07:30',
  reported_at: '2026-09-30T16:45:00+07:00',
  online: true,
  where: { lat: 21.0285, lon: 105.8542, accuracy: 12 },
  remarks: 'Tháng 9',
  plots: [
    { area: 2.5, crop: 'rice', visits: [{ visited_on: '2026-09-01', hours: 3 }, { visited_on: '2026-09-15', hours: 2 }] },
    { area: 1, crop: 'maize', visits: [] },
  ],
};

const ID: FormIdentity = { task: 'DN_THANG-2026-09.E1', survey: 'DN_THANG', version: 2 };
const question = (id: string) => [...DEFINITION.items.flatMap((i) => ('items' in i ? i.items : [i]))].find((i) => i.id === id) as Question;

async function throughWorkbook(sheets: readonly Sheet[]): Promise<Sheet[]> {
  const read = await readWorkbook(await formWorkbook(sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }))));
  if ('error' in read) throw new Error(read.error);
  return read;
}

/** The form's sheets (in English) with some cells changed, `{ 'form!D2': 'abc' }`, and some sheets left out. */
function edited(changes: Record<string, Cell>, without: string[] = []): Sheet[] {
  const sheets = formSheets(DEFINITION, ANSWERS, ID, 'en').filter((s) => !without.includes(s.name)).map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
  for (const [ref, value] of Object.entries(changes)) {
    const [, name, letter, row] = /^(\w+)!([A-Z])(\d+)$/.exec(ref)!;
    const rows = sheets.find((s) => s.name === name)!.rows;
    while (rows.length < Number(row)) rows.push([]);
    rows[Number(row) - 1]![letter!.charCodeAt(0) - 65] = value;
  }
  return sheets;
}

describe('a task’s form written as a workbook', () => {
  const sheets = formSheets(DEFINITION, ANSWERS, ID, 'vi');
  const sheet = (name: string) => sheets.find((s) => s.name === name)!.rows;

  it('has a row per question to answer, with its label, type, answer, choices, hint and whether it is required; no note, no calculation', () => {
    expect(sheets.map((s) => s.name)).toEqual(['form', 'plots', 'visits', 'choices', 'meta']);
    const form = sheet('form');
    expect(form[0]).toEqual(['name', 'question', 'type', 'answer', 'choices', 'hint', 'required']);
    expect(form.slice(1).map((row) => row[0])).toEqual(['turnover', 'staff', 'exporter', 'crops', 'opened', 'opens_at', 'reported_at', 'online', 'where', 'remarks']);
    expect(form[1]).toEqual(['turnover', 'turnover (vi)', 'decimal', 1250.5, null, 'triệu đồng', 'yes']);
    expect(form[3]).toEqual(['exporter', 'exporter (vi)', 'select_one', '1', '1 = Có; 2 = Không', null, null]);
    // Several choices as XLSForm writes them, a date as a date, a point as ODK does.
    expect(form[4]![3]).toBe('rice cassava');
    expect(form[5]![3]).toEqual(new Date('2019-03-15T00:00:00Z'));
    expect(form[9]![3]).toBe('21.0285 105.8542 0 12');
    expect(formSheets(DEFINITION, ANSWERS, ID, 'en').find((s) => s.name === 'form')!.rows[3]).toEqual(['exporter', 'exporter (en)', 'select_one', '1', '1 = Yes; 2 = No', null, null]);
  });

  it('has a sheet per roster: ids, labels, then a numbered row per row of the roster, those inside a roster’s row numbered after it', () => {
    expect(sheet('plots')).toEqual([
      ['_row', 'area', 'crop'],
      ['Dòng', 'area (vi)', 'crop (vi)'],
      [1, 2.5, 'rice'],
      [2, 1, 'maize'],
    ]);
    expect(sheet('visits').slice(2)).toEqual([
      ['1.1', new Date('2026-09-01T00:00:00Z'), 3],
      ['1.2', new Date('2026-09-15T00:00:00Z'), 2],
    ]);
  });

  it('lists the choices, and says in meta which task and version it is the form of', () => {
    expect(sheet('choices')).toContainEqual(['crop', 'cassava', 'Sắn']);
    expect(sheet('meta').slice(0, 3)).toEqual([['task', ID.task], ['survey', 'DN_THANG'], ['version', 2]]);
  });

  it('names a roster’s sheet so that Excel takes it: not a sheet of the form, at most 31 characters', () => {
    const long = `r${'x'.repeat(40)}`;
    const rosters = questionnaireSchema.parse({ items: [{ type: 'roster', id: 'meta', label: l('M', 'M'), items: [q('a', 'integer')] }, { type: 'roster', id: long, label: l('L', 'L'), items: [q('b', 'integer')] }] }).items;
    expect(rosterSheets(rosters).map((s) => s.name)).toEqual(['meta_2', long.slice(0, 31)]);
  });
});

describe('a filled form read back', () => {
  it('gives the answers it was written with, through Excel’s file format, in either language', async () => {
    for (const language of ['vi', 'en'] as const) {
      const read = readFormSheets(await throughWorkbook(formSheets(DEFINITION, ANSWERS, ID, language)), DEFINITION, ID);
      expect(read.errors).toEqual([]);
      expect(read.data).toEqual(ANSWERS);
    }
  });

  it('gives an empty form back as no answers and rosters without rows', async () => {
    const read = readFormSheets(await throughWorkbook(formSheets(DEFINITION, {}, ID, 'vi')), DEFINITION, ID);
    expect(read).toMatchObject({ errors: [], data: { plots: [] } });
    expect(Object.keys(read.data)).toEqual(['plots']);
  });

  it('takes rows added to a roster without a number and without the row of labels', () => {
    const sheets = edited({}).map((s) => (s.name === 'plots' ? { ...s, rows: [s.rows[0]!, [null, 3, 'rice'], [null, null, null], [7, 4, 'maize'], [null, 5, 'Ngô']] } : s.name === 'visits' ? { ...s, rows: [s.rows[0]!, ['7.1', '2026-09-02', 1]] } : s));
    const read = readFormSheets(sheets, DEFINITION, ID);
    expect(read.errors).toEqual([]);
    expect(read.data.plots).toEqual([{ area: 3, crop: 'rice', visits: [] }, { area: 4, crop: 'maize', visits: [{ visited_on: '2026-09-02', hours: 1 }] }, { area: 5, crop: 'maize', visits: [] }]);
  });

  it.each<[string, Cell, unknown]>([
    ['turnover', '1 250.5', 1250.5],
    ['staff', '12', 12],
    ['exporter', 1, '1'],
    ['exporter', 'yes', '1'],
    ['exporter', 'Không', '2'],
    ['crops', 'rice, cassava', ['rice', 'cassava']],
    ['opened', new Date('2019-03-15T00:00:00Z'), '2019-03-15'],
    ['opened', '15/3/2019', '2019-03-15'],
    ['opened', 43539, '2019-03-15'],
    ['opens_at', new Date('1899-12-30T07:30:00Z'), '07:30'],
    ['opens_at', 0.3125, '07:30'],
    ['reported_at', new Date('2026-09-30T16:45:00Z'), '2026-09-30T16:45:00+07:00'],
    ['online', 'có', true],
    ['online', 'FALSE', false],
    ['online', 0, false],
    ['where', '21.0285 105.8542', { lat: 21.0285, lon: 105.8542 }],
    ['remarks', 2026, '2026'],
  ])('reads %s typed as %j as %j', (id, cell, value) => {
    expect(cellAnswer(question(id), cell, DEFINITION.choiceLists)).toEqual({ value });
  });

  it('leaves ranges to the questionnaire’s checks, and names the cell of each answer they refuse', () => {
    const read = readFormSheets(edited({ 'form!D2': null, 'form!D3': -4, 'plots!B4': null }), DEFINITION, ID);
    expect(read.errors).toEqual([]);
    const refused = evaluateResponse(DEFINITION, read.data).errors.map((e) => [e.path, e.code, cellName(placeOf(read.places, e.path)!)]);
    expect(refused).toEqual([
      ['turnover', 'required', 'form!D2'],
      ['staff', 'below_min', 'form!D3'],
      ['plots[2].area', 'required', 'plots!B4'],
    ]);
  });
});

describe('a workbook that does not fit the form', () => {
  it.each<[string, Sheet[], [string, string][]]>([
    ['no meta sheet', edited({}, ['meta']), [['meta!A1', 'form_sheet_no_meta']]],
    ['the form of another task', edited({ 'meta!B1': 'DN_THANG-2026-09.E2' }), [['meta!B1', 'form_sheet_other_task']]],
    ['an older version of the form', edited({ 'meta!B3': 1 }), [['meta!B3', 'form_sheet_other_version']]],
    ['no form sheet', edited({}, ['form']), [['form!A1', 'form_sheet_no_form_sheet']]],
    ['no answer column', edited({ 'form!D1': 'reply' }), [['form!A1', 'form_sheet_no_column']]],
    ['an answer without its question', edited({ 'form!D12': 5 }), [['form!A12', 'form_sheet_answer_without_name']]],
    ['a name that is not a question of the form', edited({ 'form!A12': 'profit', 'form!D12': 5 }), [['form!A12', 'form_sheet_unknown_question']]],
    ['a calculation, which takes no answer', edited({ 'form!A12': 'plot_count', 'form!D12': 5 }), [['form!A12', 'form_sheet_unknown_question']]],
    ['a question answered twice', edited({ 'form!A12': 'staff', 'form!D12': 3 }), [['form!A12', 'form_sheet_repeated_question']]],
    ['a word for a number', edited({ 'form!D2': 'abc' }), [['form!D2', 'not_number']]],
    ['a fraction for a whole number', edited({ 'form!D3': 2.5 }), [['form!D3', 'not_integer']]],
    ['a choice not in the list', edited({ 'form!D4': '3' }), [['form!D4', 'not_a_choice']]],
    ['one of several choices not in the list', edited({ 'form!D5': 'rice wheat' }), [['form!D5', 'not_a_choice']]],
    ['a day that does not exist', edited({ 'form!D6': '31/02/2019' }), [['form!D6', 'not_date']]],
    ['a date no calendar has, as a damaged file may hold', edited({ 'form!D6': new Date(Number.NaN), 'form!A12': new Date(Number.NaN), 'form!D12': 1 }), [['form!D6', 'not_date'], ['form!A12', 'form_sheet_unknown_question']]],
    ['an hour that does not exist', edited({ 'form!D7': '25:00' }), [['form!D7', 'not_time']]],
    ['a time without its offset', edited({ 'form!D8': '2026-09-30 16:45' }), [['form!D8', 'not_datetime']]],
    ['neither yes nor no', edited({ 'form!D9': 'maybe' }), [['form!D9', 'not_boolean']]],
    ['a place name for a point', edited({ 'form!D10': 'Hà Nội' }), [['form!D10', 'not_geopoint']]],
    ['a roster column that is not its question', edited({ 'plots!D1': 'yield' }), [['plots!D1', 'form_sheet_unknown_column']]],
    ['a roster row numbered with a word', edited({ 'plots!A3': 'first' }), [['plots!A3', 'form_sheet_row_label']]],
    ['a roster row given twice', edited({ 'plots!A4': 1 }), [['plots!A4', 'form_sheet_repeated_row']]],
    ['a row inside a roster row that does not exist', edited({ 'visits!A3': '7.1' }), [['visits!A3', 'form_sheet_no_parent_row']]],
    ['a row inside a roster without its number', edited({ 'visits!A3': null }), [['visits!A3', 'form_sheet_row_label']]],
    ['a roster inside a roster without its _row column', edited({ 'visits!A1': 'row' }), [['visits!A1', 'form_sheet_unknown_column'], ['visits!A1', 'form_sheet_no_column']]],
  ])('refuses %s, naming the cell', (_label, sheets, expected) => {
    const read = readFormSheets(sheets, DEFINITION, ID);
    expect(read.errors.map((e) => [cellName(e), e.code])).toEqual(expected);
  });

  it('says what the cell holds and which question it answers', () => {
    const [error] = readFormSheets(edited({ 'form!D2': 'abc' }), DEFINITION, ID).errors;
    expect(error).toMatchObject({ message: '"abc" is not an answer to turnover: it must be a number', params: { question: 'turnover', value: 'abc' } });
  });
});
