import fc from 'fast-check';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../domain/survey/definition.js';
import { readWorkbook } from '../domain/survey/xlsform.js';
import { ROLES } from '../domain/users.js';
import { smallXlsform } from './helpers/household-roster.js';
import { registeredRoutes } from './helpers/http.js';
import { definitionArbitrary } from './helpers/questionnaire-arbitrary.js';
import { buildScene, taskOf, type Scene } from './helpers/scene.js';
import { startTestSystem, type TestSystem } from './helpers/system.js';

type Caller = 'manager' | 'sup.hanoi' | 'enum.hanoi' | 'auditor';
interface Req {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** A body sent as it is, with its own content type in `headers`. */
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
}

let system: TestSystem;
let scene: Scene;
/** A Hà Nội cycle whose tasks are submitted, reviewed and reassigned at random; another to steer at random. */
let cycleId: string;
let steeredId: string;
const tokens = {} as Record<Caller, string>;
const RUNS = 100;

/** Holds the app to its contract for anything a client sends: never a 5xx, and a refusal is problem details. */
async function answersWithout5xx(caller: Caller | null, req: Req): Promise<void> {
  const res = await system.app.inject({
    method: req.method ?? 'POST',
    url: req.url,
    headers: { ...(caller ? { authorization: `Bearer ${tokens[caller]}` } : {}), ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
    ...(req.body === undefined ? {} : { payload: JSON.stringify(req.body) }),
    ...(req.raw === undefined ? {} : { payload: req.raw }),
  });
  const seen = `${res.statusCode} ${res.body.slice(0, 500)}`;
  expect(res.statusCode < 500, seen).toBe(true);
  if (res.statusCode >= 400) expect(String(res.headers['content-type']), seen).toContain('application/problem+json');
}

const check = <T>(arbitrary: fc.Arbitrary<T>, caller: Caller | null, request: (value: T) => Req, numRuns = RUNS) =>
  fc.assert(
    fc.asyncProperty(arbitrary, (value) => answersWithout5xx(caller, request(value))),
    { numRuns },
  );

const NASTY = ["' OR 1=1 --", '../../etc/passwd', '<script>alert(1)</script>', '${7*7}', '\u0000', '__proto__', 'constructor', '😀\u202e'];
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...NASTY));
const wild = fc.oneof(text, fc.jsonValue());
const near = <T>(valid: readonly T[]) => fc.oneof(fc.constantFrom(...valid), text);
/** A path parameter: one of the real ones, or anything. */
const param = (...valid: string[]) => near(valid).map(encodeURIComponent);
/** Mostly a valid value, now and then anything. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: wild, weight: 1 });
/** An object of the route's shape, now and then (one in ten) with a field dropped or an unknown one added. */
const shaped = (model: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(model), fc.nat({ max: 19 }), fc.constantFrom(...Object.keys(model))).map(([value, roll, key]) => {
    if (roll === 0) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
    return roll === 1 ? { ...value, unknownField: true } : value;
  });
/** A body: any JSON at all, or (three times as often) something close to what the route takes. */
const body = (close: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: close, weight: 3 });
const future = fc.date({ min: new Date(Date.now() + 86_400_000), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const isoDate = fc.oneof(
  { arbitrary: future, weight: 4 },
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-13-01', '2099-12-31', '+275760-09-13T00:00:00.000Z', '2030-01-01T00:00:00+25:00', '2099-01-01T00:00:00.123456789Z'),
  text,
);
const label = fc.constant({ vi: 'Nhãn', en: 'Label' });
/** Expressions over `members` (integer) and `note` (text): valid, wrong, and some that make evaluators trip. */
const CEL = [
  'members <= 3',
  'members / 0 == 1',
  'size(note) > 2',
  'note.size() > 2',
  'has(members)',
  '[1, 2].all(x, x > members)',
  'members in [1, 2]',
  'note.matches("[")',
  'note.matches("(a+)+$")',
  'int(note) > 1',
  'members > 9223372036854775807',
  'members * 9223372036854775807 > 0',
  'double(members) / 0.0 > 1.0',
  'note + 1 == "a"',
  'timestamp(note) > timestamp("2026-01-01T00:00:00Z")',
  'duration(note) > duration("1s")',
  '((((((((((members))))))))))',
  'members',
  '1 +',
  'unknown_field > 1',
];
const expression = fc.oneof(fc.constantFrom(...CEL), fc.tuple(fc.constantFrom(...CEL), fc.constantFrom(' && ', ' || ', ' == ', ' ? 1 : '), fc.constantFrom(...CEL)).map((p) => p.join('')), text);
const extraField = fc.oneof(
  fc.record({ id: fc.constantFrom('count_a', 'amount'), type: fc.constantFrom('integer', 'decimal'), min: fc.integer({ min: -10, max: 0 }), max: fc.integer({ min: 0, max: 1e9 }), label }),
  fc.record({ id: fc.constantFrom('pick'), type: fc.constant('choice'), choices: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }), label }),
  fc.record({ id: fc.constantFrom('day', 'flag', 'remark'), type: fc.constantFrom(...FIELD_TYPES), required: fc.boolean(), label }),
);
const survey = shaped({
  code: mostly(fc.stringMatching(/^FZ[A-Z0-9_]{4,12}$/)),
  title: label,
  kind: mostly(fc.constantFrom('census', 'sample_survey', 'reporting')),
  unitType: mostly(fc.constant('fuzz_type')),
  fields: fc.tuple(fc.array(extraField, { maxLength: 2 })).map(([extra]) => [
    { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số', en: 'Members' } },
    { id: 'note', type: 'text', label: { vi: 'Ghi chú', en: 'Note' } },
    ...extra,
  ]),
  checks: fc.uniqueArray(fc.record({ id: fc.constantFrom('c1', 'c2', 'c3'), expression, severity: fc.constantFrom('block', 'warn'), message: label }), { maxLength: 3, selector: (c) => c.id }),
  reviewLevels: mostly(fc.constantFrom(['commune'], ['province'], ['commune', 'province'], ['commune', 'province', 'country'], ['province', 'commune'])),
  outputs: fc.uniqueArray(fc.record({ id: fc.constantFrom('o1', 'o2'), aggregate: fc.constantFrom('count', 'sum', 'mean'), field: fc.constantFrom('members', 'note'), by: fc.constantFrom('country', 'province', 'commune') }), { maxLength: 2, selector: (o) => o.id }),
  minCellSize: mostly(fc.integer({ min: 1, max: 1000 })),
});

beforeAll(async () => {
  system = await startTestSystem({ writeRateLimit: 100_000 });
  const apis = await Promise.all((['manager', 'sup.hanoi', 'enum.hanoi', 'auditor'] as const).map(async (u) => [u, await system.login(u)] as const));
  for (const [u, api] of apis) tokens[u] = api.token;
  scene = await buildScene(system, apis[0]![1]);
  [cycleId, steeredId] = await Promise.all([scene.launch(['01']), scene.launch(['01002'])]);
});

afterAll(async () => {
  await scene?.cleanUp();
  await system?.stop();
});

const tasks = () => scene.units.hanoi.map((unit) => taskOf(cycleId, unit));

describe('arbitrary input to every write route never gets a 5xx', () => {
  it('has a property below for every write route the app registers', () => {
    const fuzzed = ['POST /api/auth/login', 'POST /api/surveys', 'POST /api/surveys/import/xlsform', 'POST /api/surveys/:id/versions', 'POST /api/cycles/:id/upgrade', 'POST /api/surveys/:id/schedule/pause', 'POST /api/surveys/:id/schedule/resume', 'DELETE /api/surveys/:id/schedule', 'POST /api/units/import', 'POST /api/users', 'PATCH /api/users/:id', 'POST /api/cycles', 'POST /api/cycles/:id/deadline', 'POST /api/cycles/:id/close', 'POST /api/cycles/:id/publish', 'POST /api/cycles/:id/cancel', 'POST /api/tasks/:id/submit', 'POST /api/tasks/:id/review', 'POST /api/tasks/:id/reassign', 'POST /api/audit/replay', 'PUT /api/tasks/:id/draft', 'POST /api/auth/refresh', 'DELETE /api/users/:id/devices/:deviceId', 'POST /api/tasks/:id/late-submissions', 'POST /api/tasks/:id/late-submissions/:lateId/accept', 'POST /api/auth/enrol', 'POST /api/units/enrolment-codes'];
    expect(registeredRoutes(system.app).filter((route) => !route.startsWith('GET ')).sort()).toEqual(fuzzed.sort());
  });

  it('POST /api/auth/login', () => check(body(shaped({ username: mostly(fc.constantFrom('manager', 'enum.hanoi', 'nobody')), password: mostly(fc.constantFrom('demo', 'wrong')) })), null, (b) => ({ url: '/api/auth/login', body: b })));

  it('POST /api/surveys', () => check(body(survey), 'manager', (b) => ({ url: '/api/surveys', body: b })));

  // No code made up here opens an account: each is refused alike, or the body is refused first.
  it('POST /api/auth/enrol', () =>
    check(
      body(shaped({ code: mostly(fc.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)), username: mostly(fc.stringMatching(/^fz[a-z0-9._-]{4,20}$/)), password: mostly(fc.string({ minLength: 8, maxLength: 40 })), email: mostly(fc.emailAddress()) })),
      null,
      (b) => ({ url: '/api/auth/enrol', body: b }),
    ));

  it('POST /api/units/enrolment-codes', () =>
    check(
      fc.oneof(
        body(shaped({ unitIds: fc.array(mostly(fc.constantFrom(...scene.units.hanoi, 'NOSUCH')), { maxLength: 3 }), expiresInDays: mostly(fc.integer({ min: 1, max: 366 })) })),
        body(shaped({ unitType: mostly(fc.constantFrom(scene.unitType, 'fuzz_type')), areaCodes: fc.array(mostly(fc.constantFrom('01', '79', '01001')), { maxLength: 3 }) })),
      ),
      'sup.hanoi',
      (b) => ({ url: '/api/units/enrolment-codes', body: b }),
    ));

  it.each(['pause', 'resume'])('POST /api/surveys/:id/schedule/%s', (action) =>
    check(fc.tuple(param(scene.scheduled), fc.oneof(body(shaped({ note: mostly(text) })), fc.constant(undefined))), 'manager', ([id, b]) => ({ url: `/api/surveys/${id}/schedule/${action}`, body: b })),
  );

  it('DELETE /api/surveys/:id/schedule', () => check(param(scene.scheduled, 'LFS'), 'manager', (id) => ({ method: 'DELETE', url: `/api/surveys/${id}/schedule` })));

  it('POST /api/units/import (JSON)', () => {
    const unit = shaped({
      id: mostly(fc.stringMatching(/^FZ[A-Za-z0-9_-]{1,20}$/)),
      type: mostly(fc.constant('fuzz_type')),
      areaCode: mostly(fc.constantFrom('01001', '79001', '00000', '01')),
      name: mostly(fc.string({ minLength: 1, maxLength: 300 })),
      enumerator: mostly(fc.constantFrom('enum.hanoi', 'sup.hanoi', 'enum.hcm')),
    });
    return check(body(fc.array(fc.oneof(unit, fc.jsonValue()), { maxLength: 5 })), 'manager', (b) => ({ url: '/api/units/import', body: b }));
  });

  it('POST /api/units/import (CSV)', () => {
    const cell = fc.oneof(text, fc.constantFrom('"', '""', ',', '\n', '\r\n', 'fuzz_type', '01001'));
    const csv = fc.tuple(fc.oneof(fc.constant('id,type,areaCode,name,enumerator'), text), fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 5 }));
    return check(csv, 'manager', ([header, rows]) => ({ url: '/api/units/import', headers: { 'content-type': 'text/csv' }, raw: `${header}\n${rows.map((r) => r.join(',')).join('\n')}` }));
  });

  it('POST /api/users', () =>
    check(
      body(shaped({ username: mostly(fc.stringMatching(/^fz[a-z0-9._-]{4,20}$/)), password: mostly(fc.string({ minLength: 8, maxLength: 40 })), role: mostly(fc.constantFrom(...ROLES)), areaCodes: fc.array(mostly(fc.constantFrom('01', '79', 'VN', '01001')), { maxLength: 3 }), unitIds: fc.option(fc.array(mostly(fc.constantFrom(...scene.units.hanoi, 'NOSUCH')), { maxLength: 3 }), { nil: undefined }) })),
      'manager',
      (b) => ({ url: '/api/users', body: b }),
    ));

  it('PATCH /api/users/:id', () =>
    check(
      fc.tuple(param(scene.account), body(fc.record({ role: mostly(fc.constantFrom(...ROLES)), areaCodes: fc.array(mostly(fc.constantFrom('01', '79', 'VN')), { maxLength: 3 }), disabled: mostly(fc.boolean()), password: mostly(fc.string({ minLength: 8, maxLength: 40 })) }, { requiredKeys: [] }))),
      'manager',
      ([id, b]) => ({ method: 'PATCH', url: `/api/users/${id}`, body: b }),
    ));

  it('POST /api/cycles', () =>
    check(
      body(shaped({ survey: mostly(fc.constant(scene.survey)), period: mostly(fc.constantFrom('fz-one', 'fz-two')), areaCodes: mostly(fc.constant(['01002'])), collectionDeadline: isoDate, autoPublish: mostly(fc.boolean()) })),
      'manager',
      (b) => ({ url: '/api/cycles', body: b }),
    ));

  // Deadlines first, while the cycle collects; then the moves that end collection.
  it('POST /api/cycles/:id/deadline', () =>
    check(fc.tuple(param(steeredId), body(shaped({ collectionDeadline: isoDate }))), 'manager', ([id, b]) => ({ url: `/api/cycles/${id}/deadline`, body: b })));

  it('POST /api/surveys (version 2)', () =>
    check(body(definitionArbitrary({ maxRosterDepth: 2 }).map((d) => ({ ...d, code: 'FZV2', title: { vi: 'x', en: 'x' }, kind: 'census', unitType: 'fuzz_type', reviewLevels: ['commune'] }))), 'manager', (b) => ({ url: '/api/surveys', body: b }), 30));

  it('POST /api/surveys/:id/versions', () =>
    check(
      fc.tuple(param(scene.survey), body(definitionArbitrary({ maxRosterDepth: 2 }).map((d) => ({ ...d, code: scene.survey, title: { vi: 'x', en: 'x' }, kind: 'sample_survey', unitType: scene.unitType, reviewLevels: ['commune', 'province'] })))),
      'manager',
      ([id, b]) => ({ url: `/api/surveys/${id}/versions`, body: b }),
      30,
    ));

  it('POST /api/surveys/import/xlsform', async () => {
    // A real workbook with bytes changed, cut short, or none of it at all.
    const workbook = Buffer.from(await smallXlsform());
    const damaged = fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: workbook.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }).map((edits) => {
        const copy = Buffer.from(workbook);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      }),
      fc.nat({ max: workbook.length }).map((n) => workbook.subarray(0, n)),
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
    );
    const query = fc.record({ code: param('XFUZZ', 'xf'), kind: near(['census', 'reporting']), reviewLevels: near(['commune', 'commune,province', 'province,commune']), dryRun: near(['true']) });
    await check(fc.tuple(damaged, query), 'manager', ([raw, q]) => ({
      url: `/api/surveys/import/xlsform?code=${q.code}&kind=${encodeURIComponent(q.kind)}&reviewLevels=${encodeURIComponent(q.reviewLevels)}&dryRun=${encodeURIComponent(q.dryRun)}`,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      raw,
    }), 40);
  });

  it('POST /api/cycles/:id/upgrade', () => check(fc.tuple(param(steeredId), fc.oneof(fc.constant({}), fc.constant(undefined), wild)), 'manager', ([id, b]) => ({ url: `/api/cycles/${id}/upgrade`, body: b }), 20));

  it.each(['close', 'publish', 'cancel'])('POST /api/cycles/:id/%s', (action) =>
    check(fc.tuple(param(steeredId), fc.oneof(body(shaped({ reason: mostly(fc.string({ maxLength: 500 })) })), fc.constant({}), fc.constant(undefined))), 'manager', ([id, b]) => ({ url: `/api/cycles/${id}/${action}`, body: b })),
  );

  it('POST /api/tasks/:id/submit', () => {
    const data = shaped({ members: mostly(fc.oneof(fc.integer({ min: -2, max: 35 }), fc.double(), fc.constant(null))), note: mostly(fc.oneof(fc.string(), fc.constant(''))) });
    const key = fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/), text.filter((s) => /^[\x20-\x7e]*$/.test(s))), { nil: undefined });
    return check(fc.tuple(param(...tasks()), key, body(shaped({ data: mostly(data) }))), 'enum.hanoi', ([id, k, b]) => ({
      url: `/api/tasks/${id}/submit`,
      body: b,
      headers: k === undefined ? undefined : { 'idempotency-key': k },
    }));
  });

  it('POST /api/tasks/:id/submit with the form.xlsx', async () => {
    // The task's own form with anything in its answer cells, now and then its bytes damaged.
    const [id] = tasks();
    const form = await system.app.inject({ url: `/api/tasks/${id}/form.xlsx`, headers: { authorization: `Bearer ${tokens['enum.hanoi']}` } });
    const sheets = await readWorkbook(new Uint8Array(form.rawPayload));
    if ('error' in sheets) throw new Error(sheets.error);
    const cell = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }));
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: 3 }), cell), { maxLength: 4 }), fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: damage, weight: 1 }), async (cells, edits) => {
        const data = sheets.map((sheet) => ({ sheet: sheet.name, data: sheet.rows.map((row) => [...row]), dateFormat: 'yyyy-mm-dd' }));
        for (const [row, value] of cells) (data[0]!.data[row] ??= [])[3] = value;
        const raw = Buffer.from(await writeExcelFile(data).toBuffer());
        for (const [at, byte] of edits) raw[at % raw.length] = byte;
        await answersWithout5xx('enum.hanoi', { url: `/api/tasks/${id}/submit`, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, raw });
      }),
      { numRuns: 40 },
    );
  });

  it('POST /api/tasks/:id/review', () =>
    check(
      fc.tuple(param(...tasks()), body(shaped({ decision: mostly(fc.constantFrom('approve', 'reject')), level: mostly(fc.constantFrom('commune', 'province', 'country')), comment: mostly(fc.oneof(fc.string(), fc.constant(''))) }))),
      'sup.hanoi',
      ([id, b]) => ({ url: `/api/tasks/${id}/review`, body: b }),
    ));

  it('POST /api/tasks/:id/reassign', () =>
    check(fc.tuple(param(...tasks()), body(shaped({ enumerator: mostly(fc.constantFrom('enum.hanoi', scene.enumerator2, 'enum.hcm', 'sup.hanoi', 'auditor')) }))), 'manager', ([id, b]) => ({
      url: `/api/tasks/${id}/reassign`,
      body: b,
    })));

  it('PUT /api/tasks/:id/draft', () =>
    check(fc.tuple(param(...tasks()), body(shaped({ data: mostly(fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue())), savedAt: mostly(isoDate) }))), 'enum.hanoi', ([id, b]) => ({
      method: 'PUT',
      url: `/api/tasks/${id}/draft`,
      body: b,
    })));

  // Most keys are fresh, so most calls record a late submission: fewer runs.
  it('POST /api/tasks/:id/late-submissions', () =>
    check(
      fc.tuple(
        param(...tasks()),
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/), fc.stringMatching(/^[!-~]{0,60}$/)),
        body(shaped({ data: mostly(fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue())), submittedAt: mostly(isoDate), refusedWith: mostly(fc.constantFrom('task.not_found', null)), explanations: mostly(fc.dictionary(fc.string({ maxLength: 20 }), fc.string())) })),
      ),
      'enum.hanoi',
      ([id, key, b]) => ({ url: `/api/tasks/${id}/late-submissions`, body: b, headers: { 'idempotency-key': key } }),
      30,
    ));

  it('POST /api/tasks/:id/late-submissions/:lateId/accept', () =>
    check(fc.tuple(param(...tasks()), param('no-such-late', 'late-12345678')), 'sup.hanoi', ([id, late]) => ({ url: `/api/tasks/${id}/late-submissions/${late}/accept` }), 30));

  it('POST /api/auth/refresh', () => check(body(shaped({ refreshToken: mostly(fc.oneof(text, fc.stringMatching(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/))) })), null, (b) => ({ url: '/api/auth/refresh', body: b })));

  it('DELETE /api/users/:id/devices/:deviceId', () =>
    check(fc.tuple(param('enum.hanoi', 'nobody.here'), param('fuzz-phone-0001', 'short')), 'manager', ([id, device]) => ({ method: 'DELETE', url: `/api/users/${id}/devices/${device}` })));

  // Each accepted call rebuilds every read model: a few runs.
  it('POST /api/audit/replay', () => check(fc.jsonValue(), 'auditor', (b) => ({ url: '/api/audit/replay', body: b }), 10));
});

describe('arbitrary path parameters, query strings and tokens on the reads never get a 5xx', () => {
  const query = (keys: string[], values: string[]) =>
    fc.dictionary(near(keys), fc.oneof(near(values), fc.integer().map(String)), { maxKeys: 4 }).map((q) => new URLSearchParams(q).toString());
  const READS: [string, Caller, () => fc.Arbitrary<string>][] = [
    ['/api/areas', 'enum.hanoi', () => query(['parent'], ['01', '79', 'VN', '01001']).map((q) => `/api/areas?${q}`)],
    ['/api/areas/:code', 'enum.hanoi', () => param('01', '79001', 'VN').map((code) => `/api/areas/${code}`)],
    ['/api/surveys', 'enum.hanoi', () => query(['limit', 'cursor'], ['1', '0', '1001', 'eyJ4IjoxfQ']).map((q) => `/api/surveys?${q}`)],
    ['/api/cycles', 'sup.hanoi', () => query(['limit', 'cursor'], ['1', 'eyJsYXVuY2hlZEF0IjoxfQ']).map((q) => `/api/cycles?${q}`)],
    [
      '/api/cycles/:id/tasks',
      'sup.hanoi',
      () =>
        fc
          .tuple(param(cycleId), query(['status', 'areaCode', 'overdue', 'enumerator', 'limit', 'cursor'], ['assigned', 'in_review', '01', '01001', 'true', 'enum.hanoi', '2']))
          .map(([id, q]) => `/api/cycles/${id}/tasks?${q}`),
    ],
    ['/api/cycles/:id/progress', 'sup.hanoi', () => fc.tuple(param(cycleId), query(['level', 'parent'], ['province', 'commune', '01', 'VN', '01001'])).map(([id, q]) => `/api/cycles/${id}/progress?${q}`)],
    ['/api/cycles/:id/timeline', 'sup.hanoi', () => fc.tuple(param(cycleId), query(['bucket'], ['hour', 'day'])).map(([id, q]) => `/api/cycles/${id}/timeline?${q}`)],
    ['/api/cycles/:id/results', 'enum.hanoi', () => fc.tuple(param(cycleId), query(['format'], ['json', 'csv'])).map(([id, q]) => `/api/cycles/${id}/results?${q}`)],
    ['/api/cycles/:id/responses', 'manager', () => fc.tuple(param(cycleId), query(['format', 'status'], ['csv', 'ndjson', 'all', 'approved'])).map(([id, q]) => `/api/cycles/${id}/responses?${q}`)],
    ['/api/tasks/:id', 'enum.hanoi', () => param(...tasks()).map((id) => `/api/tasks/${id}`)],
    ['/api/tasks/:id/form.xlsx', 'enum.hanoi', () => fc.tuple(param(...tasks()), query(['lang'], ['vi', 'en'])).map(([id, q]) => `/api/tasks/${id}/form.xlsx?${q}`)],
    ['/api/audit/events', 'manager', () => query(['after', 'type', 'stream', 'limit'], ['0', '-1', '1e309', 'TaskAssigned', 'task-', 'cycle-']).map((q) => `/api/audit/events?${q}`)],
    [
      '/api/audit/streams/:stream/state',
      'manager',
      () => fc.tuple(param(`cycle-${cycleId}`, `task-${tasks()[0]}`, 'survey-LFS', 'user-manager'), query(['revision', 'at'], ['0', '3', '2026-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])).map(([s, q]) => `/api/audit/streams/${s}/state?${q}`),
    ],
    ['/api/audit/streams/:stream', 'manager', () => fc.tuple(param(`cycle-${cycleId}`, 'seals'), query(['from', 'limit'], ['0', '5'])).map(([s, q]) => `/api/audit/streams/${s}?${q}`)],
    ['/api/users', 'manager', () => query(['role', 'areaCode', 'limit', 'cursor'], ['enumerator', '01', 'VN', '79001']).map((q) => `/api/users?${q}`)],
  ];

  it.each(READS)('GET %s', (_route, caller, url) => check(url(), caller, (u) => ({ method: 'GET', url: u })));

  it('GET /api/me with any Authorization header', () => {
    const segment = fc.base64String({ maxLength: 40 }).map((b) => b.replace(/=+$/, ''));
    const header = fc.oneof(
      text.map((t) => `Bearer ${t}`),
      fc.tuple(segment, segment, segment).map((parts) => `Bearer ${parts.join('.')}`),
      fc.constant(`Bearer ${tokens['enum.hanoi'].split('.').slice(0, 2).join('.')}.`),
      text,
    );
    return fc.assert(
      fc.asyncProperty(header.filter((h) => /^[\x20-\x7e]*$/.test(h)), async (authorization) => {
        const res = await system.app.inject({ url: '/api/me', headers: { authorization } });
        expect(res.statusCode, res.body).toBe(401);
      }),
      { numRuns: 200 },
    );
  });
});
