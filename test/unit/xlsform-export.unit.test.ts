import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionnaireSchema, type Item } from '../../domain/survey/questionnaire.js';
import { questionnaireToXlsform, xlsformWorkbook } from '../../domain/survey/xlsform-export.js';
import { readWorkbook, xlsformToQuestionnaire } from '../../domain/survey/xlsform.js';

/** A definition written as an XLSForm and read back is the same questionnaire. */

async function readBack(bytes: Uint8Array) {
  const sheets = await readWorkbook(bytes);
  if ('error' in sheets) throw new Error(sheets.error);
  return xlsformToQuestionnaire(sheets);
}

/**
 * Expressions compared after normalizing what a round trip may change without changing the
 * meaning: how && and || chains are grouped, and a double() XPath adds where it reads a number.
 */
const normalized = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (['relevant', 'constraint', 'expression'].includes(key) && typeof v === 'string' ? v.replace(/double\(|[()]/g, '') : v)));

const FORMS = ['childrens-survey-three-level-repeats-en-sw.xlsx', 'cht-large-cha-976-rows-en-fr.xlsx', 'ipa-household-survey-roster.xlsx', 'pma-wge-household-roster-five-languages.xlsx', 'rhomis-core-household-nine-languages.xlsx', 'subdistrict-profiling-en-ar.xlsx', 'ucl-biomass-plot-nested-repeats-en-sw.xlsx', 'unhcr-demo-household-roster-four-languages.xlsx', 'xlsform-spec-test-all-types-en-zh.xlsx'];

describe('XLSForm export', () => {
  it.each(FORMS)('gives %s back as the questionnaire it imported', async (file) => {
    const first = await readBack(new Uint8Array(readFileSync(`test/fixtures/xlsforms/${file}`)));
    const questionnaire = questionnaireSchema.parse(first.questionnaire);
    const exported = questionnaireToXlsform({ title: first.title ?? { vi: file, en: file }, ...questionnaire });
    expect(exported.problems).toEqual([]);
    const second = await readBack(await xlsformWorkbook(exported));
    expect(second.errors).toEqual([]);
    expect(normalized(questionnaireSchema.parse(second.questionnaire))).toEqual(normalized(questionnaire));
  });

  const LFS = {
    title: { vi: 'Điều tra lao động việc làm', en: 'Labour force survey' },
    choiceLists: { sex: [{ value: '1', label: { vi: 'Nam', en: 'Male' } }, { value: '2', label: { vi: 'Nữ', en: 'Female' } }] },
    items: [
      { type: 'section', id: 'household', label: { vi: 'Hộ', en: 'Household' }, items: [
        { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số người', en: 'Members' } },
        { id: 'location', type: 'geopoint', label: { vi: 'Vị trí', en: 'Location' } },
      ] },
      { type: 'roster', id: 'persons', size: 'members', maxRows: 30, label: { vi: 'Nhân khẩu', en: 'Persons' }, items: [
        { id: 'name', type: 'text', required: true, label: { vi: 'Tên', en: 'Name' } },
        { id: 'sex', type: 'select_one', choices: 'sex', required: true, label: { vi: 'Giới tính', en: 'Sex' } },
        { id: 'age', type: 'integer', min: 0, max: 120, required: true, label: { vi: 'Tuổi', en: 'Age' } },
        { id: 'worked', type: 'boolean', relevant: 'age >= 15', required: true, label: { vi: 'Làm việc', en: 'Worked' } },
        { id: 'hours', type: 'decimal', relevant: 'worked', constraint: 'hours <= 112.0', constraintMessage: { vi: 'Tối đa 112', en: 'At most 112' }, label: { vi: 'Giờ', en: 'Hours' } },
      ] },
      { id: 'employed', type: 'calculate', expression: 'sum(persons.map(row, has(row.hours), row.hours))' },
    ],
    checks: [{ id: 'child_not_working', scope: 'persons', expression: '!(age < 10 && has(worked) && worked)', severity: 'warn' as const, message: { vi: 'Trẻ em làm việc', en: 'A child working' } }],
  };

  it('gives the spec example back, its check as a note shown when the check fails', async () => {
    const { title: _title, ...questionnaire } = LFS;
    const definition = questionnaireSchema.parse(questionnaire);
    const exported = questionnaireToXlsform({ ...definition, title: LFS.title });
    expect(exported.problems).toEqual([{ item: 'child_not_working', message: 'the warn check has no XLSForm equivalent: written as a note shown when it fails' }]);
    const second = await readBack(await xlsformWorkbook(exported));
    expect(second.errors).toEqual([]);
    expect(second.title).toEqual(LFS.title);
    const back = questionnaireSchema.parse(second.questionnaire);
    const persons = back.items[1] as Extract<Item, { type: 'roster' }>;
    expect(persons.items.at(-1)).toMatchObject({ id: 'check_child_not_working', type: 'note', relevant: '!(!(age < 10 && has(worked) && worked))' });
    expect(normalized({ ...back, items: [back.items[0], { ...persons, items: persons.items.slice(0, -1) }, ...back.items.slice(2)] })).toEqual(normalized({ ...definition, checks: [] }));
  });

  it('reports the dates format-date() was translated to: CEL timestamps have no XPath form', async () => {
    const first = await readBack(new Uint8Array(readFileSync('test/fixtures/xlsforms/pma-wge-female-questionnaire-en-ha-ig.xlsx')));
    const exported = questionnaireToXlsform({ title: { vi: 'PMA', en: 'PMA' }, ...questionnaireSchema.parse(first.questionnaire) });
    expect(exported.problems.map((p) => p.item)).toEqual(['birthmonth', 'birthyear', 'thismonth', 'thisyear']);
    for (const problem of exported.problems) expect(problem.message).toMatch(/the method get(Month|FullYear)\(\) has no XLSForm equivalent$/);
  });

  it('gives a roster sized by an item and capped below the default as min(${size}, cap)', () => {
    const { title: _title, checks: _checks, ...questionnaire } = LFS;
    const exported = questionnaireToXlsform({ ...questionnaireSchema.parse(questionnaire), title: LFS.title });
    expect(exported.survey.find((row) => row[1] === 'persons')?.[12]).toBe('min(${members}, 30)');
  });

  it('reports what XLSForm cannot say instead of dropping it', () => {
    const exported = questionnaireToXlsform({ title: LFS.title, choiceLists: {}, items: [{ id: 'n', type: 'integer', required: false, relevant: "[1, 2].exists(x, x > 1)" }] });
    expect(exported.problems).toEqual([{ item: 'n', message: expect.stringMatching(/^relevant "\[1, 2\]\.exists\(x, x > 1\)": /) }]);
  });
});
