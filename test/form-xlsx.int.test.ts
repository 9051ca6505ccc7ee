import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, type Sheet } from '../domain/survey/xlsform.js';
import type { Cell } from '../domain/survey/xlsform-sheet.js';
import { expectProblem, writtenSince } from './helpers/http.js';
import { lfsHousehold, type LfsPerson } from './helpers/lfs.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * A task's form as a spreadsheet (api/routes/form-xlsx.ts): downloaded by whoever sees the
 * task, filled in offline and sent back to the submit route, which takes it as it takes JSON
 * or refuses it naming the cells.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let system: TestSystem;
let enumerator: Api;
let tasks: string[];

const formOf = (taskId: string, api = enumerator, query = '') => api.get(`/api/tasks/${taskId}/form.xlsx${query}`);
const upload = (taskId: string, bytes: Uint8Array, key?: string, api = enumerator) =>
  api.post(`/api/tasks/${taskId}/submit`, Buffer.from(bytes), { 'content-type': XLSX, ...(key ? { 'idempotency-key': key } : {}) });

async function sheetsOf(res: { statusCode: number; rawPayload: Buffer; body: string }): Promise<Sheet[]> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const sheets = await readWorkbook(new Uint8Array(res.rawPayload));
  if ('error' in sheets) throw new Error(sheets.error);
  return sheets;
}

const rowsOf = (sheets: Sheet[], name: string) => sheets.find((s) => s.name === name)!.rows;
/** The answer cell of a question in the `form` sheet. */
const answerOf = (sheets: Sheet[], id: string) => rowsOf(sheets, 'form').find((row) => row[0] === id)![3];

/**
 * The downloaded sheets filled in as a respondent would: answers typed into the `form`
 * sheet's answer column, the household's members as rows of the `persons` sheet under its
 * header, and cells changed by their names (`{ 'persons!D3': '9' }`), written as a new workbook.
 */
async function filledIn(sheets: Sheet[], answers: Record<string, Cell>, persons: LfsPerson[], cells: Record<string, Cell> = {}): Promise<Uint8Array> {
  const copy = sheets.map((s) => ({ name: s.name, rows: s.rows.map((row) => [...row]) }));
  const form = copy.find((s) => s.name === 'form')!.rows;
  for (const row of form) if (typeof row[0] === 'string' && row[0] in answers) row[3] = answers[row[0]]!;
  const roster = copy.find((s) => s.name === 'persons')!.rows;
  const header = roster[0]!.map(String);
  roster.push(...persons.map((person, i): Cell[] => header.map((id) => (id === '_row' ? i + 1 : ((person as unknown as Record<string, Cell>)[id] ?? null)))));
  for (const [ref, value] of Object.entries(cells)) {
    const [, name, letter, row] = /^(\w+)!([A-Z])(\d+)$/.exec(ref)!;
    copy.find((s) => s.name === name)!.rows[Number(row) - 1]![letter!.charCodeAt(0) - 65] = value;
  }
  return new Uint8Array(await writeExcelFile(copy.map((s) => ({ sheet: s.name, data: s.rows, dateFormat: 'yyyy-mm-dd' }))).toBuffer());
}

beforeAll(async () => {
  system = await startTestSystem();
  const manager = await system.login('manager');
  enumerator = await system.login('enum.hanoi');
  const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-10', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  tasks = (await manager.get(`/api/cycles/${cycle.id}/tasks?limit=3&enumerator=enum.hanoi`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);
  expect(tasks).toHaveLength(3);
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /api/tasks/:id/form.xlsx', () => {
  it('is the task’s form as a workbook, with the draft’s answers, in the language asked for', async () => {
    const saved = await enumerator.put(`/api/tasks/${tasks[0]}/draft`, { data: { members: 2, income: 12.5 }, savedAt: new Date().toISOString() });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await formOf(tasks[0]!);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${tasks[0]}.xlsx"`);
    const sheets = await sheetsOf(res);
    expect(sheets.map((s) => s.name)).toEqual(['form', 'persons', 'choices', 'meta']);
    expect(rowsOf(sheets, 'form')[1]).toEqual(['members', 'Số nhân khẩu', 'integer', 2, null, 'Những người thường xuyên ăn ở chung trong hộ', 'yes']);
    expect(answerOf(sheets, 'income')).toBe(12.5);
    expect(rowsOf(sheets, 'persons')[0]).toEqual(['_row', 'name', 'relation', 'sex', 'age', 'education', 'worked', 'hours', 'occupation', 'sector', 'looking']);
    expect(rowsOf(sheets, 'meta').slice(0, 3)).toEqual([['task', tasks[0]], ['survey', 'LFS'], ['version', 1]]);
    const english = await sheetsOf(await formOf(tasks[0]!, enumerator, '?lang=en'));
    expect(rowsOf(english, 'form')[1]!.slice(0, 2)).toEqual(['members', 'Household members']);
  });

  it('is not there for someone who does not see the task', async () => {
    const other = await system.login('enum.hcm');
    expectProblem(await formOf(tasks[0]!, other), 404);
    expectProblem(await formOf(`${tasks[0]}X`), 404);
    expectProblem(await formOf(tasks[0]!, enumerator, '?lang=fr'), 400, 'querystring.lang');
  });
});

describe('POST /api/tasks/:id/submit with the form filled in', () => {
  const household = lfsHousehold({ members: 3, employed: 1, unemployed: 1 });
  const persons = household.persons as LfsPerson[];

  it('takes it as the same answers in JSON: checked, stored, answered with a receipt, once for its key', async () => {
    const sheets = await sheetsOf(await formOf(tasks[0]!));
    const bytes = await filledIn(sheets, { members: 3, income: 20, interviewed_on: '02/10/2026' }, persons);
    const key = `form-xlsx-${process.pid}-${Date.now()}`;
    const res = await upload(tasks[0]!, bytes, key);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<{ status: string; receipt: { id: string } | null }>();
    expect(answer).toMatchObject({ id: tasks[0], status: 'in_review', failed: [], receipt: { id: expect.any(String) } });
    const task = (await enumerator.get(`/api/tasks/${tasks[0]}`)).json<{ response: Record<string, unknown> }>();
    expect(task.response).toEqual({ ...household, income: 20, interviewed_on: '2026-10-02', employed: 1, unemployed: 1 });
    // The accepted submission ends the draft the form was filled from.
    expectProblem(await enumerator.get(`/api/tasks/${tasks[0]}/draft`), 404);
    const again = await upload(tasks[0]!, bytes, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ receipt: unknown }>().receipt).toEqual(answer.receipt);
    const verified = await system.app.inject({ method: 'GET', url: `/api/receipts/${encodeURIComponent(answer.receipt!.id)}` });
    expect(verified.json()).toMatchObject({ valid: true });
  });

  it('refuses a workbook that does not fit the form, naming the cells, and stores nothing', async () => {
    const sheets = await sheetsOf(await formOf(tasks[1]!));
    const cases: [string, () => Promise<Uint8Array>, string, string[]][] = [
      ['not a workbook', async () => new TextEncoder().encode('members,3'), 'task.form_sheet_invalid', ['body']],
      ['wrong types and choices', () => filledIn(sheets, { members: 'three' }, persons, { 'persons!D3': '9', 'persons!G4': 'perhaps' }), 'task.form_sheet_invalid', ['form!D2', 'persons!D3', 'persons!G4']],
      ['the form of another task', async () => filledIn(await sheetsOf(await formOf(tasks[2]!)), { members: 3 }, persons), 'task.form_sheet_invalid', ['meta!B1']],
      ['a question the form does not have', () => filledIn(sheets, { members: 3 }, persons, { 'form!A3': 'turnover' }), 'task.form_sheet_invalid', ['form!A3']],
      // The questionnaire's own checks, as for JSON, name the cells the answers came from.
      ['answers the questionnaire refuses', () => filledIn(sheets, { members: 3 }, persons, { 'persons!E3': 130, 'persons!B4': null }), 'task.response_invalid', ['persons!B4', 'persons!E3']],
    ];
    for (const [label, bytes, code, paths] of cases) {
      const before = await system.store.headPosition();
      const body = expectProblem(await upload(tasks[1]!, await bytes()), 400);
      expect(body, label).toMatchObject({ code });
      expect(body.errors!.map((e) => e.path).sort(), `${label}: ${JSON.stringify(body.errors)}`).toEqual(paths);
      expect(await writtenSince(system.store, before), label).toEqual([]);
    }
    const task = (await enumerator.get(`/api/tasks/${tasks[1]}`)).json<{ status: string; response: unknown }>();
    expect(task).toMatchObject({ status: 'assigned', response: null });
  });

  it('says what is wrong in each cell', async () => {
    const sheets = await sheetsOf(await formOf(tasks[1]!));
    const body = expectProblem(await upload(tasks[1]!, await filledIn(sheets, { members: 'three' }, persons)), 400);
    expect(body.errors).toEqual([{ path: 'form!D2', message: '"three" is not an answer to members: it must be a whole number', code: 'not_integer', params: { question: 'members', value: 'three', sheet: 'form', row: 2, column: 'D' } }]);
  });

  it('is refused for a task of someone else as the JSON is', async () => {
    const sheets = await sheetsOf(await formOf(tasks[1]!));
    const other = await system.login('enum.hcm');
    expectProblem(await upload(tasks[1]!, await filledIn(sheets, { members: 3 }, persons), undefined, other), 404);
  });
});
