import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../domain/survey/evaluate.js';
import { questionnaireSchema } from '../../domain/survey/questionnaire.js';
import { readWorkbook, xlsformToQuestionnaire } from '../../domain/survey/xlsform.js';
import { invalidResponse, validResponse } from '../helpers/xlsform-response.js';

/**
 * The public forms of test/fixtures/xlsforms (SOURCES.md): each that imports is a
 * questionnaire the schema takes, a response generated from it is accepted, and the same
 * response with one answer broken is refused at that answer's path. The others are refused
 * for what the expression language cannot do, named by sheet, row and column.
 */

async function importFixture(file: string) {
  const sheets = await readWorkbook(new Uint8Array(readFileSync(`test/fixtures/xlsforms/${file}`)));
  if ('error' in sheets) throw new Error(sheets.error);
  return xlsformToQuestionnaire(sheets);
}

/** One warning each form must carry, showing what the import did differently. */
const IMPORTED: [file: string, warning: { row: number; column: string; message: RegExp }][] = [
  ['childrens-survey-three-level-repeats-en-sw.xlsx', { row: 10, column: 'B', message: /^name is children_name_2 here|^name is cartoons_name here/ }],
  ['cht-large-cha-976-rows-en-fr.xlsx', { row: 16, column: 'G', message: /reads itself.*left out$/ }],
  ['ipa-household-survey-roster.xlsx', { row: 20, column: 'M', message: /pulldata\(\): it reads an external CSV file; no other expression reads .* left out$/ }],
  ['pma-wge-female-questionnaire-en-ha-ig.xlsx', { row: 8, column: 'A', message: /^image: this engine keeps no files/ }],
  ['subdistrict-profiling-en-ar.xlsx', { row: 12, column: 'B', message: /^_.* is q_.* here \(ids take a letter/ }],
  ['unhcr-demo-household-roster-four-languages.xlsx', { row: 11, column: 'O', message: /^Ethopia names no item below this one/ }],
  ['cht-delivery-seven-languages-repeats.xlsx', { row: 83, column: 'U', message: /unknown item \$\{death_report\}; no other expression reads .* left out$/ }],
  ['pma-wge-household-roster-five-languages.xlsx', { row: 2, column: 'L', message: /pulldata\(\).*other expressions read your_name, so it is a text item, filled in by hand$/ }],
  ['rhomis-core-household-nine-languages.xlsx', { row: 269, column: 'AZ', message: /jr:choice-name\(\) takes a select_one whose choices are in the choices sheet; .* left out$/ }],
  ['ucl-biomass-plot-nested-repeats-en-sw.xlsx', { row: 16, column: 'A', message: /^select_one_from_file UCL_regions\.csv: the choices are not in the choices sheet/ }],
  ['xlsform-spec-test-all-types-en-zh.xlsx', { row: 55, column: 'B', message: /^false is false_ here \(it is a reserved word/ }],
];

/** Forms that need what the expression language lacks; each refusal is placed. */
const REFUSED: [file: string, message: RegExp][] = [
  ['ipa-case-management-nested-repeats.xlsx', /unsupported function decimal-date-time\(\)/],
];

describe.each(IMPORTED)('the public form %s', (file, warning) => {
  it('imports as a questionnaire the schema takes, every warning placed by sheet, row and column', async () => {
    const result = await importFixture(file);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual({ sheet: 'survey', row: warning.row, column: warning.column, message: expect.stringMatching(warning.message) });
    for (const problem of result.warnings) {
      expect(problem.sheet).toMatch(/^(survey|choices|settings)$/i);
      expect(problem.column).toMatch(/^[A-Z]{1,3}$/);
    }
    expect(questionnaireSchema.safeParse(result.questionnaire).success).toBe(true);
  });

  it('takes a valid response and refuses one with an answer broken, at its path', async () => {
    const questionnaire = questionnaireSchema.parse((await importFixture(file)).questionnaire);
    const valid = validResponse(questionnaire);
    expect(Object.keys(valid).length).toBeGreaterThan(0);
    expect(evaluateResponse(questionnaire, valid).errors).toEqual([]);
    const { answers, path, message } = invalidResponse(questionnaire, valid);
    expect(evaluateResponse(questionnaire, answers).errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });
});

describe.each(REFUSED)('the public form %s', (file, message) => {
  it('is refused for what the expression language cannot do, naming sheet, row and column', async () => {
    const result = await importFixture(file);
    expect(result.questionnaire).toBeNull();
    expect(result.errors).toContainEqual(expect.objectContaining({ sheet: 'survey', message: expect.stringMatching(message) }));
    for (const problem of result.errors) expect(problem.column).toMatch(/^[A-Z]{1,3}$/);
  });
});
