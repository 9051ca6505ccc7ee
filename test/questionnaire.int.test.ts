import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsformWorkbook } from '../domain/survey/xlsform-export.js';
import { readWorkbook, xlsformToQuestionnaire } from '../domain/survey/xlsform.js';
import { householdRosterSurvey, person, smallXlsform } from './helpers/household-roster.js';
import { expectProblem } from './helpers/http.js';
import { eventually, launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Task = { id: string; status: string; areaCode: string; reviewLevel: string | null };
type Detail = Task & { response: Record<string, unknown> | null; previousResponse: Record<string, unknown> | null; explanations: Record<string, string>; version: number; failed: { id: string; row?: string }[]; warnings: { id: string; row?: string; outcome: string }[] };
type Table = { id: string; of?: string; crossBy?: string; rows: { areaCode: string; category?: string; value: number | null; suppressed: boolean }[] };

let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let auditor: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor, auditor] = await Promise.all([system.login('manager'), system.login('enum.hanoi'), system.login('sup.hanoi'), system.login('auditor')]);
});

afterAll(async () => {
  await system?.stop();
});

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const submit = (taskId: string, data: Record<string, unknown>, explanations?: Record<string, string>) =>
  enumerator.post(`/api/tasks/${taskId}/submit`, { data, ...(explanations ? { explanations } : {}) });
const detail = async (taskId: string) => (await enumerator.get(`/api/tasks/${taskId}`)).json<Detail>();

describe('a household roster through submit, review and publish, on the real system', () => {
  let cycle: CycleOverview;
  let tasks: Task[];
  const household = [person('Lan', '1', '2', 40, true, 40), person('Minh', '2', '1', 42, false), person('Bé', '3', '1', 8)];

  it('takes a version-2 definition and serves it with its items', async () => {
    const created = await manager.post('/api/surveys', householdRosterSurvey('HHROSTER'));
    expect(created.statusCode, created.body).toBe(201);
    const survey = (await enumerator.get('/api/surveys/HHROSTER')).json<{ definition: { items: { id: string; type: string }[] } }>();
    expect(survey.definition.items.map((i) => [i.id, i.type])).toEqual([['household', 'section'], ['persons', 'roster'], ['employed', 'calculate']]);
  });

  it('refuses a definition with a calculation cycle, an unknown name, a missing choice list, nothing stored', async () => {
    const base = householdRosterSurvey('HHBAD');
    const bad = {
      ...base,
      items: [...base.items, { id: 'a', type: 'calculate', expression: 'b + 1' }, { id: 'b', type: 'calculate', expression: 'a + 1' }],
      checks: [{ id: 'typo', expression: 'memberz > 0', severity: 'block', message: { vi: 'x', en: 'x' } }],
      choiceLists: { sex: base.choiceLists.sex },
    };
    const problem = expectProblem(await manager.post('/api/surveys', bad), 400);
    const paths = problem.errors?.map((e) => e.path) ?? [];
    // Each problem also carries its code and values, for the UI to word in the user's language.
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: 'body.checks.0.expression', code: 'unknown_names', params: { names: 'memberz' } }));
    expect(problem.errors).toContainEqual(expect.objectContaining({ code: 'calculation_cycle', params: { cycle: expect.stringMatching(/^(a → b → a|b → a → b)$/) } }));
    expect(paths).toContain('body.items.1.items.1.choices');
    expect(paths).toContain('body.checks.0.expression');
    expect(paths.some((p) => /^body\.items\.[34]\.expression$/.test(p))).toBe(true);
    expect((await manager.get('/api/surveys/HHBAD')).statusCode).toBe(404);
  });

  it('launches a cycle and refuses a roster whose rows disagree with its size, naming the path', async () => {
    cycle = await launchCycle(manager, { survey: 'HHROSTER', period: '2026-12', areaCodes: ['01'], collectionDeadline: inAMonth() });
    tasks = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=100`)).json<{ items: Task[] }>().items;
    expect(tasks.length).toBeGreaterThan(3);
    const problem = expectProblem(await submit(tasks[0]!.id, { members: 2, persons: household }), 400);
    expect(problem.errors).toContainEqual({ path: 'body.data.persons', message: 'must have 2 rows, as members says; it has 3', code: 'row_count', params: { rows: 2, size: 'members', count: 3 } });
    const typed = expectProblem(await submit(tasks[0]!.id, { members: 3, persons: [household[0], { ...household[1], age: 'old' }, household[2]] }), 400);
    expect(typed.errors).toEqual([{ path: 'body.data.persons[2].age', message: 'must be a whole number', code: 'not_integer', params: {} }]);
    expect((await detail(tasks[0]!.id)).status).toBe('assigned');
  });

  it('fails a block check across the roster, and drops answers to questions that do not apply', async () => {
    const noHead = household.map((p) => ({ ...p, relation: '3' }));
    const res = await submit(tasks[0]!.id, { members: 3, persons: [...noHead.slice(0, 2), { ...noHead[2], hours: 12 }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checks_failed', failed: [{ id: 'one_head' }] });
    const task = await detail(tasks[0]!.id);
    expect((task.response?.persons as Record<string, unknown>[])[2]).not.toHaveProperty('hours');
    expect(task.response).toMatchObject({ employed: 1 });
  });

  it('reports a scoped warning with its row, keeps the explanation, and the response before it', async () => {
    const working = [...household.slice(0, 2), person('Tú', '3', '1', 16, true, 10)];
    const res = await submit(tasks[0]!.id, { members: 3, persons: working }, { 'minor_working@persons[3]': 'helps in the family shop after school', stale: 'not raised' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_review', warnings: [{ id: 'minor_working', row: 'persons[3]', outcome: 'failed' }] });
    const task = await detail(tasks[0]!.id);
    expect(task.explanations).toEqual({ 'minor_working@persons[3]': 'helps in the family shop after school' });
    expect(task.version).toBe(1);
    expect((task.previousResponse?.persons as Record<string, unknown>[])[0]).toMatchObject({ relation: '3' });
  });

  it('publishes tables by sex over the roster that the auditor reproduces cell by cell', async () => {
    const second = tasks.find((t) => t.id !== tasks[0]!.id)!;
    const accepted = await submit(second.id, { members: 2, persons: [person('Hoa', '1', '2', 30, true, 50), person('Nam', '2', '1', 70, false)] });
    expect(accepted.json()).toMatchObject({ status: 'in_review' });
    for (const task of [tasks[0]!, second]) {
      const approved = await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'commune' });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    expect((await manager.post(`/api/cycles/${cycle.id}/close`, {})).statusCode).toBe(200);
    await eventually(async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<CycleOverview>(), (c) => c.status === 'closed');
    await manager.post(`/api/cycles/${cycle.id}/publish`, {});
    await eventually(async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<CycleOverview>(), (c) => c.status === 'published');
    const tables = (await supervisor.get(`/api/cycles/${cycle.id}/results`)).json<{ tables: Table[] }>().tables;
    const cells = (id: string) => tables.find((t) => t.id === id)!.rows.map((r) => [r.areaCode, r.category, r.value]);
    // Five people: women Lan and Hoa; men Minh, Nam and Tú.
    expect(cells('persons_by_sex')).toEqual([['01', '1', 3], ['01', '2', 2]]);
    // Lan, Hoa and Tú worked.
    expect(cells('employed_by_sex')).toEqual([['01', '1', 1], ['01', '2', 2]]);
    // All five are 15 or more; three worked.
    expect(cells('employment_rate')).toEqual([['01', undefined, 0.6]]);
    expect(cells('households')).toEqual([['01', undefined, 2]]);
    const reproduced = (await auditor.get(`/api/cycles/${cycle.id}/results/reproduce`)).json<{ identical: boolean }>();
    expect(reproduced.identical).toBe(true);
  });

  it('gives the microdata of the person level with its keys, and a zip with every level and a DDI codebook', async () => {
    const csv = await manager.get(`/api/cycles/${cycle.id}/responses?format=csv&level=persons`);
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...lines] = csv.body.trim().split(/\r?\n/);
    expect(header!.split(',').slice(0, 2)).toEqual(['taskId', 'row']);
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l.split(',')[1])).toEqual(['1', '2', '3', '1', '2']);
    const zip = await manager.get(`/api/cycles/${cycle.id}/responses?format=zip`);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['codebook.xml', 'household.csv', 'persons.csv', 'value-labels.csv']);
    expect(strFromU8(files['codebook.xml']!)).toContain('<codeBook');
    expectProblem(await manager.get(`/api/cycles/${cycle.id}/responses?format=csv&level=nope`), 400, 'querystring.level');
  });
});

describe('XLSForm in and out', () => {
  it('reads a workbook in a dry run without storing it, then stores it, and refuses a second with the same code', async () => {
    const bytes = Buffer.from(await smallXlsform());
    const url = '/api/surveys/import/xlsform?code=XLSHH&reviewLevels=commune,province';
    const dry = await manager.post(`${url}&dryRun=true`, bytes, { 'content-type': XLSX });
    expect(dry.statusCode, dry.body).toBe(200);
    const answer = dry.json<{ definition: { title: { en: string }; items: { id: string }[]; reviewLevels: string[] }; warnings: { sheet: string; row: number; column: string }[] }>();
    expect(answer.definition.title.en).toBe('Households');
    expect(answer.definition.reviewLevels).toEqual(['commune', 'province']);
    expect(answer.warnings.some((w) => w.sheet === 'survey' && w.row === 11)).toBe(true);
    expect((await manager.get('/api/surveys/XLSHH')).statusCode).toBe(404);
    expect((await manager.post(url, bytes, { 'content-type': XLSX })).statusCode).toBe(201);
    expect((await manager.get('/api/surveys/XLSHH')).json<{ definition: unknown }>().definition).toEqual(answer.definition);
    expect((await manager.post(url, bytes, { 'content-type': XLSX })).statusCode).toBe(409);
  });

  it('refuses what it cannot take: a corrupt file, a file too large, a spreadsheet it cannot translate, another media type; only managers', async () => {
    const url = '/api/surveys/import/xlsform?code=XLSBAD';
    const corrupt = expectProblem(await manager.post(url, Buffer.from('PK\u0003\u0004 not really a zip'), { 'content-type': XLSX }), 400, 'body');
    expect(corrupt.errors).toEqual([expect.objectContaining({ path: 'body', code: 'xlsform_unreadable', params: { detail: expect.any(String) } })]);
    const odd = Buffer.from(await xlsformWorkbook({ survey: [['type', 'name', 'label'], ['frobnicate', 'odd', 'Odd']], choices: [['list_name', 'name', 'label']], settings: [['form_title'], ['Odd']] }));
    expect(expectProblem(await manager.post(url, odd, { 'content-type': XLSX }), 400).errors).toEqual([
      { path: 'body.survey.2.A', message: 'sheet survey, row 2, column A: unknown type "frobnicate"', code: 'xlsform_unknown_type', params: { xlsformType: 'frobnicate', sheet: 'survey', row: 2, column: 'A' } },
    ]);
    expect((await manager.post(url, Buffer.alloc(11 * 1024 * 1024, 1), { 'content-type': XLSX })).statusCode).toBe(413);
    expect((await manager.post(url, 'type,name\ninteger,x', { 'content-type': 'text/csv' })).statusCode).toBe(415);
    const bytes = Buffer.from(await smallXlsform());
    expect((await enumerator.post(url, bytes, { 'content-type': XLSX })).statusCode).toBe(403);
    expect((await manager.get('/api/surveys/XLSBAD')).statusCode).toBe(404);
  });

  it('gives a survey back as a workbook that reads as the same questionnaire', async () => {
    await manager.post('/api/surveys', householdRosterSurvey('HHXLS'));
    const res = await enumerator.get('/api/surveys/HHXLS/xlsform');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const sheets = await readWorkbook(new Uint8Array(res.rawPayload));
    if ('error' in sheets) throw new Error(sheets.error);
    const back = xlsformToQuestionnaire(sheets);
    expect(back.errors).toEqual([]);
    const ids = (items: unknown[]): string[] => (items as { id: string; items?: unknown[] }[]).flatMap((i) => [i.id, ...(i.items ? ids(i.items) : [])]);
    expect(ids(back.questionnaire!.items)).toEqual(expect.arrayContaining(['members', 'location', 'persons', 'name', 'relation', 'sex', 'age', 'worked', 'hours']));
    // What XLSForm cannot say is named, never dropped in silence: checks, and a calculation over the roster.
    const json = (await enumerator.get('/api/surveys/HHXLS/xlsform?format=json')).json<{ problems: { item: string }[] }>();
    expect(json.problems.map((p) => p.item)).toEqual(expect.arrayContaining(['one_head', 'minor_working']));
    const kept = ids(back.questionnaire!.items).includes('employed');
    expect(kept || json.problems.some((p) => p.item === 'employed')).toBe(true);
  });
});

describe('a questionnaire revised during fieldwork', () => {
  it('stores a revision as the next version, moves the tasks with no accepted submission, and joins versions in the microdata', async () => {
    const v1 = householdRosterSurvey('HHVER');
    expect((await manager.post('/api/surveys', v1)).statusCode).toBe(201);
    const cycle = await launchCycle(manager, { survey: 'HHVER', period: '2026-12', areaCodes: ['01'], collectionDeadline: inAMonth() });
    const [answered, open] = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=100`)).json<{ items: Task[] }>().items;
    const household = { members: 1, persons: [person('Lan', '1', '2', 40, true, 40)] };
    expect((await submit(answered!.id, household)).json()).toMatchObject({ status: 'in_review' });

    const [section, ...rest] = v1.items as [{ items: unknown[] }, ...unknown[]];
    const v2 = { ...v1, items: [{ ...section, items: [...section.items, { id: 'phone', type: 'text', label: { vi: 'Điện thoại', en: 'Phone' } }] }, ...rest] };
    expectProblem(await manager.post('/api/surveys/HHVER/versions', { ...v2, unitType: 'enterprise' }), 400, 'body.unitType');
    expect((await enumerator.post('/api/surveys/HHVER/versions', v2)).statusCode).toBe(403);
    const revised = await manager.post('/api/surveys/HHVER/versions', v2);
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json()).toMatchObject({ version: 2 });
    expect((await enumerator.get('/api/surveys/HHVER/versions')).json<{ items: { version: number }[] }>().items.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.stringify((await enumerator.get('/api/surveys/HHVER')).json())).toContain('"phone"');
    expect((await enumerator.get('/api/surveys/HHVER/versions/1')).body).not.toContain('"phone"');

    // Before the upgrade the open task answers version 1, which has no phone.
    expectProblem(await submit(open!.id, { ...household, phone: '0912' }), 400, 'body.data.phone');
    const upgrade = await manager.post(`/api/cycles/${cycle.id}/upgrade`, {});
    expect(upgrade.statusCode, upgrade.body).toBe(200);
    expect(upgrade.json<{ version: number; upgraded: number }>()).toMatchObject({ version: 2 });
    expect(upgrade.json<{ upgraded: number }>().upgraded).toBeGreaterThan(0);
    expect((await detail(open!.id)).version).toBe(2);
    expect((await detail(answered!.id)).version).toBe(1);
    expect((await submit(open!.id, { ...household, phone: '0912' })).json()).toMatchObject({ status: 'in_review' });

    const csv = await manager.get(`/api/cycles/${cycle.id}/responses?format=csv&level=household&status=all`);
    const [header, ...lines] = csv.body.trim().split(/\r?\n/);
    const columns = header!.split(',');
    expect(columns).toEqual(expect.arrayContaining(['taskId', 'version', 'members', 'phone']));
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
    expect(rows.find((r) => r.taskId === answered!.id)).toMatchObject({ version: '1', phone: '' });
    expect(rows.find((r) => r.taskId === open!.id)).toMatchObject({ version: '2', phone: '0912' });
  });
});
