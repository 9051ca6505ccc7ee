import { readdirSync, readFileSync } from 'node:fs';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../domain/survey/evaluate.js';
import { questionnaireSchema, type Roster } from '../../domain/survey/questionnaire.js';
import { readWorkbook, xlsformToQuestionnaire, type Sheet } from '../../domain/survey/xlsform.js';

type Row = (string | number | null)[];

/** An `.xlsx` written by a spreadsheet library, then read back as a form would be uploaded. */
async function workbook(survey: Row[], choices: Row[], settings: Row[] = [['form_title'], ['Household']]): Promise<Uint8Array> {
  const sheets: Parameters<typeof writeExcelFile>[0] = [
    { sheet: 'survey', data: survey },
    { sheet: 'choices', data: choices },
    { sheet: 'settings', data: settings },
  ];
  return new Uint8Array(await writeExcelFile(sheets).toBuffer());
}

async function imported(bytes: Uint8Array) {
  const sheets = await readWorkbook(bytes);
  if ('error' in sheets) throw new Error(sheets.error);
  return xlsformToQuestionnaire(sheets);
}

const HEADER: Row = ['type', 'name', 'label::English (en)', 'label::Tiếng Việt (vi)', 'required', 'relevant', 'constraint', 'constraint_message::English (en)', 'calculation', 'repeat_count'];
const HOUSEHOLD: Row[] = [
  HEADER,
  ['start', 'start', null, null, null, null, null, null, null, null],
  ['begin group', 'household', 'Household', 'Hộ', null, null, null, null, null, null],
  ['integer', 'members', 'Members', 'Số nhân khẩu', 'yes', null, '. >= 1 and . <= 30', 'Between 1 and 30', null, null],
  ['geopoint', 'location', 'Location', 'Vị trí', null, null, null, null, null, null],
  ['end group', null, null, null, null, null, null, null, null, null],
  ['begin repeat', 'persons', 'Persons', 'Nhân khẩu', null, null, null, null, null, '${members}'],
  ['text', 'name', 'Name', 'Họ tên', 'yes', null, null, null, null, null],
  ['select_one sex', 'sex', 'Sex', 'Giới tính', 'yes', null, null, null, null, null],
  ['integer', 'age', 'Age', 'Tuổi', 'yes', null, '. <= 120', 'At most 120', null, null],
  ['select_one yes_no', 'worked', 'Worked in the last 7 days', 'Có làm việc 7 ngày qua', 'yes', '${age} >= 15', null, null, null, null],
  ['decimal', 'hours', 'Hours', 'Số giờ', null, "${worked} = 'yes'", '. <= 112', 'At most 112 hours', null, null],
  ['select_multiple lang', 'languages', 'Languages', 'Ngôn ngữ', null, null, null, null, null, null],
  ['end repeat', null, null, null, null, null, null, null, null, null],
  ['calculate', 'workers', null, null, null, null, null, null, "count(${persons}) - count-selected(${languages_all})", null],
  ['select_multiple lang', 'languages_all', 'Languages spoken at home', 'Ngôn ngữ trong hộ', null, "count(${persons}) > 0", null, null, null, null],
  ['note', 'thanks', 'Thank you', 'Cảm ơn', null, null, null, null, null, null],
];
const CHOICES: Row[] = [
  ['list_name', 'name', 'label::English (en)', 'label::Tiếng Việt (vi)'],
  ['sex', '1', 'Male', 'Nam'],
  ['sex', '2', 'Female', 'Nữ'],
  ['yes_no', 'yes', 'Yes', 'Có'],
  ['yes_no', 'no', 'No', 'Không'],
  ['lang', 'vi', 'Vietnamese', 'Tiếng Việt'],
  ['lang', 'en', 'English', 'Tiếng Anh'],
];

describe('XLSForm import', () => {
  it('reads groups as sections, repeats as rosters sized by their count, choices as lists, both languages', async () => {
    const result = await imported(await workbook(HOUSEHOLD, CHOICES));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ sheet: 'survey', row: 2, column: 'A', message: 'start is filled in by the device in ODK: here a datetime item, not required' }]);
    const questionnaire = questionnaireSchema.parse(result.questionnaire);
    expect(result.title).toEqual({ vi: 'Household', en: 'Household' });
    expect(questionnaire.items.map((i) => [i.type, i.id])).toEqual([
      ['datetime', 'start'],
      ['section', 'household'],
      ['roster', 'persons'],
      ['calculate', 'workers'],
      ['select_multiple', 'languages_all'],
      ['note', 'thanks'],
    ]);
    const persons = questionnaire.items[2] as Roster;
    expect(persons.size).toBe('members');
    expect(persons.label).toEqual({ vi: 'Nhân khẩu', en: 'Persons' });
    expect(questionnaire.choiceLists.sex).toEqual([
      { value: '1', label: { vi: 'Nam', en: 'Male' } },
      { value: '2', label: { vi: 'Nữ', en: 'Female' } },
    ]);

    // The form takes a valid household and refuses an invalid one, by the same evaluator.
    const valid = evaluateResponse(questionnaire, {
      members: 2,
      persons: [
        { name: 'Lan', sex: '2', age: 34, worked: 'yes', hours: 40, languages: ['vi'] },
        { name: 'Minh', sex: '1', age: 9 },
      ],
      languages_all: ['vi', 'en'],
    });
    expect(valid.errors).toEqual([]);
    expect(valid.data.workers).toBe(0);
    const invalid = evaluateResponse(questionnaire, { members: 31, persons: [{ name: 'Lan', sex: '3', age: 34, worked: 'yes', hours: 200 }] });
    // A refused member count says nothing of the roster's size: no second error follows from it.
    expect(invalid.errors.map((e) => `${e.path}: ${e.message}`).sort()).toEqual([
      'members: Between 1 and 30',
      'persons[1].hours: At most 112 hours',
      'persons[1].sex: must be one of 1, 2',
    ]);
  });

  it('refuses what it cannot take, naming the sheet, the row and the column', async () => {
    const bad = [
      HEADER,
      ['integer', 'age', 'Age', 'Tuổi', null, null, null, null, null, null],
      ['text', 'note1', 'Note', 'Ghi chú', null, "pulldata('preload', 'x', 'y', ${age})", null, null, null, null],
      ['select_one missing', 'choice', 'Choice', 'Chọn', null, null, null, null, null, null],
      ['begin repeat', 'open', 'Open', 'Mở', null, null, null, null, null, null],
      ['frobnicate', 'odd', 'Odd', 'Lạ', null, null, null, null, null, null],
    ];
    const result = await imported(await workbook(bad, CHOICES));
    expect(result.questionnaire).toBeNull();
    expect(result.errors).toEqual([
      { sheet: 'survey', row: 6, column: 'A', message: 'unknown type "frobnicate"', code: 'xlsform_unknown_type', params: { xlsformType: 'frobnicate' } },
      { sheet: 'survey', row: 5, column: 'A', message: 'begin repeat open is never ended', code: 'xlsform_never_ended', params: { kind: 'repeat', id: 'open' } },
      { sheet: 'survey', row: 3, column: 'F', message: expect.stringMatching(/^relevant "pulldata\(.*\)": unsupported function pulldata\(\)/), code: 'xlsform_expression', params: expect.objectContaining({ columnName: 'relevant', detail: expect.stringMatching(/^unsupported function pulldata\(\)/) }) },
    ]);
  });

  it('names the row and column of a problem the questionnaire finds after translation', async () => {
    const tooLong = [HEADER, ['integer', 'n', 'N', 'N', null, null, null, null, null, null], ['text', 't', 'T', 'T', null, `\${n} > ${'9'.repeat(30)}`, null, null, null, null]];
    const result = await imported(await workbook(tooLong, CHOICES));
    expect(result.errors).toEqual([{ sheet: 'survey', row: 3, column: 'F', message: expect.stringMatching(/^relevant ".*": the number 9+ is too large$/), code: 'xlsform_expression', params: expect.objectContaining({ detail: expect.stringMatching(/^the number 9+ is too large$/) }) }]);
  });

  it('takes a select whose list is not in the workbook (an external file) as a text question, saying so', async () => {
    const unknownList = [HEADER, ['select_one missing', 'choice', 'Choice', 'Chọn', null, null, null, null, null, null]];
    const result = await imported(await workbook(unknownList, CHOICES));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ sheet: 'survey', row: 2, column: 'A', message: 'select_one missing: the choices are not in the choices sheet (an external file), so choice is answered as text' }]);
    expect(questionnaireSchema.parse(result.questionnaire).items).toEqual([expect.objectContaining({ id: 'choice', type: 'text' })]);
  });

  it('takes names with - and . as ids with _, and typographic quotes as plain ones, saying so', async () => {
    const form = [
      HEADER,
      ['integer', 'hh-size', 'Household size', 'Số người', null, null, null, null, null, null],
      ['select_one yes_no', 'has.land', 'Has land', 'Có đất', null, '${hh-size} > 0', null, null, null, null],
      ['decimal', 'land', 'Land (ha)', 'Diện tích', null, '${has.land} = ‘yes’', null, null, null, null],
      ['text', 'hh_size', 'Clash', 'Trùng', null, null, null, null, null, null],
    ];
    const result = await imported(await workbook(form, CHOICES));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual({ sheet: 'survey', row: 5, column: 'B', message: 'hh_size is hh_size_2 here (another name already became that id)' });
    expect(questionnaireSchema.parse(result.questionnaire).items.map((i) => i.id)).toEqual(['hh_size', 'has_land', 'land', 'hh_size_2']);
    const fine = await imported(await workbook(form.slice(0, 4), CHOICES));
    expect(fine.errors).toEqual([]);
    expect(fine.warnings).toEqual([
      { sheet: 'survey', row: 2, column: 'B', message: 'hh-size is hh_size here (ids take a letter, then letters, digits and _)' },
      { sheet: 'survey', row: 3, column: 'B', message: 'has.land is has_land here (ids take a letter, then letters, digits and _)' },
      { sheet: 'survey', row: 4, column: 'F', message: 'typographic quotes are read as plain ones' },
    ]);
    const questionnaire = questionnaireSchema.parse(fine.questionnaire);
    expect(questionnaire.items.map((i) => [i.id, i.relevant ?? null])).toEqual([
      ['hh_size', null],
      ['has_land', 'hh_size > 0'],
      ['land', "has_land == 'yes'"],
    ]);
    expect(evaluateResponse(questionnaire, { hh_size: 0, has_land: 'yes', land: 2 }).data).toEqual({ hh_size: 0 });
  });

  it('gives two lists whose names become one id an id each, saying so', async () => {
    const form = [HEADER, ['select_one yes-no', 'a', 'A', 'A', null, null, null, null, null, null], ['select_one yes_no', 'b', 'B', 'B', null, null, null, null, null, null]];
    const choices = [...CHOICES, ['yes-no', 'y', 'Y', 'Có'], ['yes-no', 'n', 'N', 'Không']];
    const result = await imported(await workbook(form, choices));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ sheet: 'choices', row: 4, column: 'A', message: 'the list yes_no is yes_no_2 here (another list already became yes_no)' }]);
    const questionnaire = questionnaireSchema.parse(result.questionnaire);
    expect(questionnaire.items.map((i) => [i.id, 'choices' in i ? i.choices : null])).toEqual([['a', 'yes_no'], ['b', 'yes_no_2']]);
    expect(questionnaire.choiceLists.yes_no!.map((c) => c.value)).toEqual(['y', 'n']);
    expect(questionnaire.choiceLists.yes_no_2!.map((c) => c.value)).toEqual(['yes', 'no']);
  });

  it('keeps a roster emptied by a left-out calculation when another expression counts its rows', async () => {
    const form = [
      HEADER,
      ['integer', 'visits', 'Visits', 'Số lần', null, null, null, null, null, null],
      ['begin repeat', 'visit', 'Visit', 'Lần', null, null, null, null, null, '${visits}'],
      ['calculate', 'visit_name', null, null, null, null, null, null, "pulldata('visits', 'name', 'id', position(..))", null],
      ['end repeat', null, null, null, null, null, null, null, null, null],
      ['calculate', 'visit_count', null, null, null, null, null, null, 'count(${visit})', null],
    ];
    const result = await imported(await workbook(form, CHOICES));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual({ sheet: 'survey', row: 3, column: 'A', message: 'the repeat visit has no questions left, but other expressions count its rows: it keeps a note, visit_row, on each row' });
    const questionnaire = questionnaireSchema.parse(result.questionnaire);
    expect((questionnaire.items[1] as Roster).items).toEqual([expect.objectContaining({ id: 'visit_row', type: 'note' })]);
    expect(evaluateResponse(questionnaire, { visits: 2, visit: [{}, {}] }).data.visit_count).toBe(2);
  });

  it('refuses a file that is not a workbook, or too large, as an error, never an exception', async () => {
    expect(await readWorkbook(new TextEncoder().encode('type,name\ninteger,age\n'))).toEqual({ error: 'is not an .xlsx workbook', code: 'xlsform_not_xlsx', params: {} });
    expect(await readWorkbook(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]))).toMatchObject({ error: expect.stringMatching(/^cannot be read as a workbook/) });
    expect(await readWorkbook(new Uint8Array(11 * 1024 * 1024))).toEqual({ error: 'is larger than 10 MB', code: 'xlsform_too_large', params: { max: 10 } });
    expect(xlsformToQuestionnaire([{ name: 'Sheet1', rows: [] } satisfies Sheet]).errors).toEqual([{ sheet: 'survey', row: 1, column: 'A', message: 'the workbook has no survey sheet', code: 'xlsform_no_survey_sheet', params: {} }]);
  });

  // Twelve real forms from public repositories (test/fixtures/xlsforms/SOURCES.md). Each is
  // read without an exception; what is refused is named by sheet, row and column.
  const fixtures = readdirSync('test/fixtures/xlsforms').filter((f) => f.endsWith('.xlsx'));
  it.each(fixtures)('reads %s, naming every refusal by sheet, row and column', async (file) => {
    const result = await imported(new Uint8Array(readFileSync(`test/fixtures/xlsforms/${file}`)));
    for (const problem of [...result.errors, ...result.warnings]) {
      expect(problem.sheet).toMatch(/^(survey|choices|settings)$/i);
      expect(problem.row).toBeGreaterThanOrEqual(1);
      expect(problem.column).toMatch(/^[A-Z]{1,3}$/);
      expect(problem.message.length).toBeGreaterThan(5);
    }
    if (result.questionnaire) expect(questionnaireSchema.safeParse(result.questionnaire).success).toBe(true);
    else expect(result.errors.length).toBeGreaterThan(0);
  });
});
