import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_PARAM_LIMIT } from '../api/app.js';
import { BAD_TOKENS, NASTY, badTokens, claimsOf, expectProblem, isClientError, quiet, registeredRoutes, signToken, writtenSince, type Answer } from './helpers/http.js';
import { buildScene, fresh, inDays, surveyBody, taskOf, type Scene } from './helpers/scene.js';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

type Caller = 'none' | 'manager' | 'sup.hanoi' | 'enum.hanoi' | 'auditor';
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface WriteRoute {
  readonly caller: Caller;
  readonly method: Method;
  /** The route's URL on the shared fixtures, or with `id` as its path parameter. */
  readonly url: (id?: string) => string;
  /** For a route that takes a JSON object: a valid one, the fields it must have, a wrongly typed value for some, and whether it may be left out. */
  readonly body?: { valid: () => Record<string, unknown>; required: readonly string[]; wrong: Record<string, unknown>; optional?: boolean };
  readonly bodyLimit?: number;
  /** What it starts goes on in workflows after the answer. */
  readonly lingers?: boolean;
  /** Headers it needs besides the caller's token. */
  readonly headers?: () => Record<string, string>;
}

let system: TestSystem;
let scene: Scene;
let cycleId: string;
/** A cycle of its own for the questionnaire's refusals: the route tests may cancel the first. */
let answerCycleId: string;
const apis = {} as Record<Exclude<Caller, 'none'>, Api>;

const MiB = 1024 * 1024;
let deviceRefresh = '';
/** Enrolment codes not used yet, one for each unit of a batch imported for them. */
const enrolmentCodes: string[] = [];
const task = () => taskOf(cycleId, scene.units.hanoi[0]!);
/** The same and sheer length, for bodies (a path parameter over ROUTER_PARAM_LIMIT characters is the router's to refuse). */
const NASTY_TEXT = [...NASTY, 'x'.repeat(5000), 'ấ'.repeat(20_000)];
const labelled = (values: readonly string[]) => values.map((s) => [JSON.stringify(s).slice(0, 40), s] as const);

const WRITES: Record<string, WriteRoute> = {
  'POST /api/auth/login': {
    caller: 'none',
    method: 'POST',
    url: () => '/api/auth/login',
    body: { valid: () => ({ username: 'enum.hanoi', password: 'demo' }), required: ['username', 'password'], wrong: { username: 42, password: ['demo'] } },
  },
  // Each valid body takes a code not used before: some nasty values are fine passwords or names, and enrol.
  'POST /api/auth/enrol': {
    caller: 'none',
    method: 'POST',
    url: () => '/api/auth/enrol',
    body: {
      valid: () => ({ code: enrolmentCodes.shift() ?? 'NONE-LEFT-0000', username: fresh('enrol.'), password: 'long enough', email: 'an@example.vn', fullName: 'Nguyễn Văn An' }),
      required: ['code', 'username', 'password', 'email'],
      wrong: { code: 42, username: 'Not Valid!', password: 'short', email: 'not an address', language: 'fr' },
    },
  },
  'POST /api/units/enrolment-codes': {
    caller: 'manager',
    method: 'POST',
    url: () => '/api/units/enrolment-codes',
    body: { valid: () => ({ unitIds: [scene.units.hanoi[0]] }), required: ['unitIds'], wrong: { unitIds: 'U1', expiresInDays: 'soon', unitType: 7 } },
  },
  'POST /api/auth/refresh': {
    caller: 'none',
    method: 'POST',
    url: () => '/api/auth/refresh',
    body: { valid: () => ({ refreshToken: deviceRefresh }), required: ['refreshToken'], wrong: { refreshToken: 42 } },
  },
  'POST /api/surveys': {
    caller: 'manager',
    method: 'POST',
    url: () => '/api/surveys',
    bodyLimit: 16 * MiB,
    body: {
      valid: () => surveyBody(fresh('BI').toUpperCase(), 'bad_input_type'),
      required: ['code', 'title', 'kind', 'unitType', 'fields', 'reviewLevels'],
      wrong: { code: 7, title: 'Khảo sát', kind: 'poll', fields: {}, reviewLevels: 'commune', minCellSize: 'three' },
    },
  },
  'POST /api/surveys/import/xlsform': {
    caller: 'manager',
    method: 'POST',
    url: () => `/api/surveys/import/xlsform?code=${fresh('XB').toUpperCase()}&dryRun=true`,
    bodyLimit: 10 * MiB,
  },
  'POST /api/surveys/:id/versions': {
    caller: 'manager',
    method: 'POST',
    url: (id = scene.survey) => `/api/surveys/${id}/versions`,
    bodyLimit: 16 * MiB,
    body: {
      valid: () => surveyBody(scene.survey, scene.unitType),
      required: ['code', 'title', 'kind', 'unitType', 'fields', 'reviewLevels'],
      wrong: { code: 7, title: 'Khảo sát', kind: 'poll', fields: {}, reviewLevels: 'commune', minCellSize: 'three' },
    },
  },
  'POST /api/cycles/:id/upgrade': { caller: 'manager', method: 'POST', url: (id = cycleId) => `/api/cycles/${id}/upgrade`, body: { valid: () => ({}), required: [], wrong: {}, optional: true } },
  'POST /api/surveys/:id/schedule/pause': {
    caller: 'manager',
    method: 'POST',
    url: (id = scene.scheduled) => `/api/surveys/${id}/schedule/pause`,
    body: { valid: () => ({ note: 'Tết' }), required: [], wrong: { note: 5 }, optional: true },
  },
  'POST /api/surveys/:id/schedule/resume': {
    caller: 'manager',
    method: 'POST',
    url: (id = scene.scheduled) => `/api/surveys/${id}/schedule/resume`,
    body: { valid: () => ({ note: 'sau Tết' }), required: [], wrong: { note: { vi: 'x' } }, optional: true },
  },
  'DELETE /api/surveys/:id/schedule': { caller: 'manager', method: 'DELETE', url: (id = scene.scheduled) => `/api/surveys/${id}/schedule` },
  'POST /api/units/import': { caller: 'manager', method: 'POST', url: () => '/api/units/import', bodyLimit: 64 * MiB },
  'DELETE /api/users/:id/devices/:deviceId': { caller: 'manager', method: 'DELETE', url: (id = 'enum.hanoi') => `/api/users/${id}/devices/bad-input-tablet` },
  'POST /api/users': {
    caller: 'manager',
    method: 'POST',
    url: () => '/api/users',
    body: {
      valid: () => ({ username: fresh('bad.'), fullName: 'Nguyễn Văn An', password: 'long enough', role: 'enumerator', areaCodes: ['01'] }),
      required: ['username', 'password', 'role', 'areaCodes'],
      wrong: { username: 5, fullName: 'x'.repeat(121), email: 'not an address', language: 'fr', password: 12345678, role: 'king', areaCodes: '01' },
    },
  },
  'PATCH /api/users/:id': {
    caller: 'manager',
    method: 'PATCH',
    url: (id = scene.account) => `/api/users/${id}`,
    body: { valid: () => ({ areaCodes: ['79'] }), required: [], wrong: { fullName: 7, email: 'lan@', language: 'de', role: 'king', areaCodes: [1], disabled: 'yes', password: 'short' } },
  },
  'POST /api/cycles': {
    caller: 'manager',
    method: 'POST',
    url: () => '/api/cycles',
    lingers: true,
    body: {
      valid: () => ({ survey: scene.survey, period: fresh('b-'), areaCodes: ['01002'], collectionDeadline: inDays(30) }),
      required: ['survey', 'period', 'collectionDeadline'],
      wrong: { survey: 1, period: 'a b', areaCodes: '01', collectionDeadline: 'tomorrow', autoPublish: 'yes' },
    },
  },
  'POST /api/cycles/:id/deadline': {
    caller: 'manager',
    method: 'POST',
    url: (id = cycleId) => `/api/cycles/${id}/deadline`,
    body: { valid: () => ({ collectionDeadline: inDays(60) }), required: ['collectionDeadline'], wrong: { collectionDeadline: 12345 } },
  },
  'POST /api/cycles/:id/close': { caller: 'manager', method: 'POST', url: (id = cycleId) => `/api/cycles/${id}/close`, body: { valid: () => ({}), required: [], wrong: {}, optional: true } },
  'POST /api/cycles/:id/cancel': {
    caller: 'manager',
    method: 'POST',
    url: (id = cycleId) => `/api/cycles/${id}/cancel`,
    lingers: true,
    body: { valid: () => ({ reason: 'a test' }), required: [], wrong: { reason: 5 }, optional: true },
  },
  'POST /api/cycles/:id/publish': { caller: 'manager', method: 'POST', url: (id = cycleId) => `/api/cycles/${id}/publish`, body: { valid: () => ({}), required: [], wrong: {}, optional: true } },
  'POST /api/tasks/:id/submit': {
    caller: 'enum.hanoi',
    method: 'POST',
    url: (id = task()) => `/api/tasks/${id}/submit`,
    body: { valid: () => ({ data: { members: 3 } }), required: ['data'], wrong: { data: 'members=3' } },
  },
  'PUT /api/tasks/:id/draft': {
    caller: 'enum.hanoi',
    method: 'PUT',
    url: (id = task()) => `/api/tasks/${id}/draft`,
    body: { valid: () => ({ data: { members: 3 }, savedAt: new Date().toISOString() }), required: ['data', 'savedAt'], wrong: { data: 'members=3', savedAt: 'tomorrow' } },
  },
  'POST /api/tasks/:id/late-submissions': {
    caller: 'enum.hanoi',
    method: 'POST',
    url: (id = task()) => `/api/tasks/${id}/late-submissions`,
    headers: () => ({ 'idempotency-key': fresh('late-') }),
    body: {
      valid: () => ({ data: { members: 3 }, submittedAt: new Date().toISOString() }),
      required: ['data', 'submittedAt'],
      wrong: { data: 'members=3', submittedAt: 'tomorrow', explanations: [], refusedWith: 5 },
    },
  },
  'POST /api/tasks/:id/late-submissions/:lateId/accept': { caller: 'sup.hanoi', method: 'POST', url: (id = task()) => `/api/tasks/${id}/late-submissions/no-such-late/accept` },
  'POST /api/tasks/:id/review': {
    caller: 'sup.hanoi',
    method: 'POST',
    url: (id = task()) => `/api/tasks/${id}/review`,
    body: { valid: () => ({ decision: 'approve', level: 'commune', comment: '' }), required: ['decision', 'level'], wrong: { decision: 'maybe', level: 2, comment: false } },
  },
  'POST /api/tasks/:id/reassign': {
    caller: 'manager',
    method: 'POST',
    url: (id = task()) => `/api/tasks/${id}/reassign`,
    body: { valid: () => ({ enumerator: scene.enumerator2 }), required: ['enumerator'], wrong: { enumerator: ['enum.hanoi'] } },
  },
  'POST /api/audit/replay': { caller: 'auditor', method: 'POST', url: () => '/api/audit/replay' },
};

function send(route: WriteRoute, options: { url?: string; payload?: string | object; headers?: Record<string, string>; token?: string | null } = {}): Promise<Answer> {
  const token = options.token !== undefined ? options.token : route.caller === 'none' ? null : apis[route.caller].token;
  return system.app.inject({
    method: route.method,
    url: options.url ?? route.url(),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...route.headers?.(), ...options.headers },
    ...(options.payload === undefined ? {} : { payload: options.payload }),
  });
}

/** Refused with a 4xx problem (naming `path` when given), and nothing stored. */
async function refused(answer: () => Promise<Answer>, status: number | ((s: number) => boolean), path?: string) {
  const before = await system.store.headPosition();
  const res = await answer();
  expectProblem(res, status, path);
  expect(await writtenSince(system.store, before)).toEqual([]);
  return res;
}

const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  system = await startTestSystem({ writeRateLimit: 10_000 });
  const [manager, supervisor, enumerator, auditor] = await Promise.all(['manager', 'sup.hanoi', 'enum.hanoi', 'auditor'].map((u) => system.login(u)));
  Object.assign(apis, { manager, 'sup.hanoi': supervisor, 'enum.hanoi': enumerator, auditor });
  scene = await buildScene(system, manager!);
  // Renewed again and again, always with this token: each use after the first is a lost answer's retry (eventstore/sessions.ts).
  const device = await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.hanoi', password: 'demo', device: { id: 'bad-input-phone', name: 'Phone' } } });
  deviceRefresh = device.json<{ refreshToken: string }>().refreshToken;
  [cycleId, answerCycleId] = await Promise.all([scene.launch(['01']), scene.launch(['01002'])]);
  const enterprises = Array.from({ length: 60 }, (_, i) => ({ id: fresh(`EN${i}-`), type: 'bad_input_enterprise', areaCode: '01001', name: `Công ty ${i}` }));
  expect((await manager!.post('/api/units/import', enterprises)).statusCode).toBe(200);
  const issued = await manager!.post('/api/units/enrolment-codes', { unitType: 'bad_input_enterprise', areaCodes: ['01001'] });
  expect(issued.statusCode, issued.body).toBe(201);
  enrolmentCodes.push(...issued.body.trim().split('\r\n').slice(1).map((line) => line.split(',')[3]!));
});

afterAll(async () => {
  await scene?.cleanUp();
  await system?.stop();
});

it('covers every write route the app registers', () => {
  const writes = registeredRoutes(system.app).filter((route) => !route.startsWith('GET '));
  expect(writes.sort()).toEqual(Object.keys(WRITES).sort());
});

for (const [name, route] of Object.entries(WRITES)) {
  describe(name, () => {
    it('refuses malformed JSON', async () => {
      await refused(() => send(route, { payload: '{"data": {"members": 3', headers: json }), 400);
    });

    it('refuses a media type it does not take', async () => {
      await refused(() => send(route, { payload: '<data members="3"/>', headers: { 'content-type': 'application/xml' } }), 415);
    });

    it(`refuses a body over ${(route.bodyLimit ?? MiB) / MiB} MiB with 413`, async () => {
      const big = JSON.stringify({ filler: 'x'.repeat(route.bodyLimit ?? MiB) });
      await refused(() => send(route, { payload: big, headers: json }), 413);
    });

    it.each(BAD_TOKENS)('refuses a %s token with 401', async (kind) => {
      if (route.caller === 'none') {
        // Login, its renewal and enrolment take no token: a bad one beside good credentials changes nothing.
        const res = await send(route, { token: badTokens(apis['enum.hanoi'].token, system.app.deps.authSecret)[kind], payload: route.body!.valid() });
        expect(res.statusCode, res.body).toBe(name === 'POST /api/auth/enrol' ? 201 : 200);
        return;
      }
      const token = badTokens(apis[route.caller].token, system.app.deps.authSecret)[kind];
      await refused(() => send(route, { token, ...(route.body ? { payload: route.body.valid() } : {}) }), 401);
    });

    if (route.caller !== 'none') {
      it('refuses a request without a token with 401', async () => {
        await refused(() => send(route, { token: null, ...(route.body ? { payload: route.body.valid() } : {}) }), 401);
      });
    }

    if (name.includes('/:')) {
      it.each(labelled(NASTY))('answers a path parameter %s with 400 or 404', async (_label, nasty) => {
        await refused(() => send(route, { url: route.url(encodeURIComponent(nasty)), ...(route.body ? { payload: route.body.valid() } : {}) }), (s) => s === 400 || s === 404);
      });
    }

    const body = route.body;
    if (!body) return;

    // JSON null is what Fastify makes of no body at all: a route whose body may be left out takes it.
    const notObjects: [string, unknown][] = [['an array', []], ['a number', 42], ['a string', 'members=3'], ...(body.optional ? [] : [['null', null] as [string, unknown]])];
    it.each(notObjects)('refuses %s for a body', async (_label, value) => {
      await refused(() => send(route, { payload: JSON.stringify(value), headers: json }), 400, 'body');
    });

    it('refuses an unknown field, naming it', async () => {
      await refused(() => send(route, { payload: { ...body.valid(), sneaky: true } }), 400, 'body.sneaky');
    });

    for (const field of body.required) {
      it(`refuses a body without ${field}, naming it`, async () => {
        const { [field]: _dropped, ...rest } = body.valid();
        await refused(() => send(route, { payload: rest }), 400, `body.${field}`);
      });
    }

    for (const [field, value] of Object.entries(body.wrong)) {
      it(`refuses ${JSON.stringify(value)} for ${field}, naming it`, async () => {
        await refused(() => send(route, { payload: { ...body.valid(), [field]: value } }), 400, `body.${field}`);
      });
    }

    it.each(labelled(NASTY_TEXT))('answers %s in every string field without a 5xx', async (_label, nasty) => {
      const valid = body.valid();
      let taken = false;
      for (const field of Object.keys(valid).filter((k) => typeof valid[k] === 'string')) {
        const res = await send(route, { payload: { ...valid, [field]: nasty } });
        expect(res.statusCode < 500, `${field}: ${res.statusCode} ${res.body}`).toBe(true);
        taken ||= res.statusCode < 300;
      }
      // Some are fine values (a cancellation's reason): let what they set off finish before the next test counts writes.
      if (taken && route.lingers) await quiet(system.store);
    });
  });
}

describe('URLs the router refuses before any route', () => {
  const urls = [
    ['a path parameter longer than the router takes', () => `/api/tasks/${'x'.repeat(ROUTER_PARAM_LIMIT + 1)}/submit`],
    ['broken percent-encoding', () => '/api/tasks/%E0%A4%A/submit'],
  ] as const;

  it.each(urls)('answers %s with a 4xx, storing nothing', async (_label, url) => {
    const before = await system.store.headPosition();
    const res = await send(WRITES['POST /api/tasks/:id/submit']!, { url: url(), payload: { data: { members: 3 } } });
    expect(isClientError(res.statusCode), res.body).toBe(true);
    expect(await writtenSince(system.store, before)).toEqual([]);
  });

  // Fastify refuses these before routing; `frameworkErrors` (api/app.ts) makes them problem details too.
  it.each(urls)('answers %s as problem details', async (_label, url) => {
    expectProblem(await send(WRITES['POST /api/tasks/:id/submit']!, { url: url(), payload: { data: { members: 3 } } }), isClientError);
  });
});

describe('tokens', () => {
  it('takes a token signed by hand with the app’s own secret, so the refusals above are the signature’s and the expiry’s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signToken({ ...claimsOf(apis.manager.token), iat: now, exp: now + 60 }, system.app.deps.authSecret);
    const res = await system.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each([['a scheme other than Bearer', `Basic ${Buffer.from('manager:demo').toString('base64')}`], ['an empty bearer', 'Bearer '], ['two tokens', 'Bearer a.b.c Bearer d.e.f']])('refuses %s with 401', async (_label, authorization) => {
    await refused(() => system.app.inject({ method: 'POST', url: '/api/cycles', headers: { authorization }, payload: WRITES['POST /api/cycles']!.body!.valid() }), 401);
  });
});

describe('POST /api/tasks/:id/submit: Idempotency-Key and the questionnaire', () => {
  const submit = WRITES['POST /api/tasks/:id/submit']!;

  it.each(labelled(['short', 'has space inside', 'k'.repeat(129), '<script>', "' OR 1=1 --", 'ключ-idempotency', '../../etc/passwd']))('refuses the Idempotency-Key %s, naming the header', async (_label, key) => {
    await refused(() => send(submit, { url: submit.url(taskOf(answerCycleId, scene.units.solo)), payload: { data: { members: 3 } }, headers: { 'idempotency-key': key } }), 400, 'headers.idempotency-key');
  });

  it.each([
    ['a word for a number', { members: 'three' }, 'body.data.members'],
    ['a fraction for a whole number', { members: 2.5 }, 'body.data.members'],
    ['a number out of range', { members: 31 }, 'body.data.members'],
    ['no required field', { note: 'vắng nhà' }, 'body.data.members'],
    ['a field the survey lacks', { members: 3, income: 10 }, 'body.data.income'],
    ['an object for a value', { members: { $gt: 0 } }, 'body.data.members'],
    ['a list for a value', { members: [3] }, 'body.data.members'],
    ['text too long', { members: 3, note: 'x'.repeat(10_001) }, 'body.data.note'],
  ])('refuses %s, naming the field', async (_label, data, path) => {
    await refused(() => send(submit, { url: submit.url(taskOf(answerCycleId, scene.units.solo)), payload: { data } }), 400, path);
  });
});

describe('POST /api/units/import: what a frame may hold', () => {
  const importing = WRITES['POST /api/units/import']!;

  it.each([['an object', { id: 'U1' }], ['a number', 42], ['null', null]])('refuses %s for the frame', async (_label, value) => {
    await refused(() => send(importing, { payload: JSON.stringify(value), headers: json }), 400, 'body');
  });

  it('refuses CSV without the needed columns, naming the header', async () => {
    await refused(() => send(importing, { payload: 'code,place\nU1,01001\n', headers: { 'content-type': 'text/csv' } }), 400, 'body.header');
  });

  it('rejects each bad line by number, naming its fields, and stores nothing when no line is good', async () => {
    const before = await system.store.headPosition();
    const lines = [
      { id: 'U1', type: 'household', areaCode: '01001', name: 'Hộ', sneaky: 1 },
      { id: "' OR 1=1 --", type: 'household', areaCode: '01001', name: 'Hộ' },
      { type: 'household', areaCode: '01001', name: 'Hộ' },
      { id: 'U4', type: 'household', areaCode: '../../etc/passwd', name: 'Hộ' },
      { id: 'U5', type: 'household', areaCode: '01001', name: 'Hộ', enumerator: 'sup.hanoi' },
      'U6,household,01001,Hộ',
    ];
    const res = await send(importing, { payload: lines });
    expect(res.statusCode, res.body).toBe(200);
    const { imported, rejected } = res.json<{ imported: number; rejected: { line: number; errors: { path: string }[] }[] }>();
    expect(imported).toBe(0);
    expect(rejected.map((r) => [r.line, r.errors.map((e) => e.path)])).toEqual([
      [1, ['sneaky']],
      [2, ['id']],
      [3, ['id']],
      [4, ['areaCode']],
      [5, ['enumerator']],
      [6, ['line']],
    ]);
    expect(await writtenSince(system.store, before)).toEqual([]);
  });

  it('takes a frame over the 1 MiB limit of other routes', async () => {
    const line = { id: 'U', type: 'household', areaCode: '00000', name: 'x'.repeat(200) };
    const frame = Array.from({ length: 6000 }, (_, i) => ({ ...line, id: `U${i}` }));
    expect(JSON.stringify(frame).length).toBeGreaterThan(MiB);
    const res = await send(importing, { payload: frame });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 0 });
  });
});
