import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import type { ApiDeps } from '../api/deps.js';
import { createLogger } from '../api/logging.js';
import { eventually, launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });

let system: TestSystem;
let manager: Api;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  manager = await system.login('manager');
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await system?.stop();
});

/** A second app over the running system's dependencies, with the production logger writing into `lines`. */
async function appWithLog(extra: Partial<ApiDeps> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ production: true, level: 'info' }, { write: (line: string) => void lines.push(line) });
  const app = await buildApp({ ...system.app.deps, ...extra }, { logger });
  apps.push(app);
  return { app, logger, lines };
}

const userBody = (username: string, password = 'long-enough-1') => ({ username, password, role: 'enumerator', areaCodes: ['01'] });

/** One sample of the Prometheus text format, matched on its name and its exact label set. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const same = Object.keys(got).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => got[k] === v);
    if (same) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (app: FastifyInstance = system.app) => {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

describe('request and correlation ids', () => {
  it('generates a request id when the client sends none, and uses it as the correlation id', async () => {
    const res = await manager.get('/api/me');
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.headers['x-correlation-id']).toBe(res.headers['x-request-id']);
    const other = await manager.get('/api/me');
    expect(other.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it("keeps a client's sane ids, and the events a request causes carry its correlation id", async () => {
    const both = await manager.post('/api/users', userBody('obs.both'), { 'x-request-id': 'req-7.a:b', 'x-correlation-id': 'corr.batch-42' });
    expect(both.statusCode, both.body).toBe(201);
    expect(both.headers['x-request-id']).toBe('req-7.a:b');
    expect(both.headers['x-correlation-id']).toBe('corr.batch-42');
    expect((await system.store.readStream('user-obs.both')).map((e) => e.metadata.correlationId)).toEqual(['corr.batch-42']);

    const requestOnly = await manager.post('/api/users', userBody('obs.request'), { 'x-request-id': 'req-8' });
    expect(requestOnly.headers['x-correlation-id']).toBe('req-8');
    expect((await system.store.readStream('user-obs.request')).map((e) => e.metadata.correlationId)).toEqual(['req-8']);
  });

  it('replaces ids that are not short tokens, on every kind of answer', async () => {
    for (const [url, bad] of [
      ['/api/me', 'a'.repeat(101)],
      ['/api/me', 'two words'],
      ['/no/such/route', '<script>'],
    ] as const) {
      const res = await system.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${manager.token}`, 'x-request-id': bad, 'x-correlation-id': bad } });
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.headers['x-correlation-id']).toBe(res.headers['x-request-id']);
    }
  });
});

describe('log lines', () => {
  it('carry the request id and the correlation id on every line of a request', async () => {
    const { app, lines } = await appWithLog();
    const headers = { authorization: `Bearer ${manager.token}`, 'x-request-id': 'req.log-1', 'x-correlation-id': 'corr.log-1' };
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/api/cycles/no-such-cycle', headers: { ...headers, 'x-request-id': 'req.log-2' } });
    expect(refused.statusCode).toBe(404);
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string; correlationId?: string });
    const ofRequest = (id: string) => entries.filter((e) => e.requestId === id);
    expect(ofRequest('req.log-1').map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
    expect(ofRequest('req.log-2').map((e) => e.msg)).toEqual(['incoming request', 'request refused', 'request completed']);
    for (const entry of [...ofRequest('req.log-1'), ...ofRequest('req.log-2')]) expect(entry.correlationId).toBe('corr.log-1');
  });

  it('never hold a bearer token or a password', async () => {
    const { app, logger, lines } = await appWithLog();
    const password = 'Obs-Secret-Pass-123';
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${manager.token}` }, payload: userBody('obs.secret', password) });
    expect(created.statusCode, created.body).toBe(201);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'obs.secret', password } });
    const token = login.json<{ token: string }>().token;
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'obs.secret', password: 'Wrong-Pass-456' } });
    await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    // What a careless log call might pass one day.
    logger.info({ req: { headers: { authorization: `Bearer ${token}`, cookie: 'sid=cookie-secret' } }, password, body: { password: 'Wrong-Pass-456' } }, 'probe');

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(6);
    for (const secret of [password, 'Wrong-Pass-456', token, manager.token, 'cookie-secret']) expect(text).not.toContain(secret);
    expect(JSON.parse(lines.find((l) => l.includes('"probe"'))!)).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      password: '[redacted]',
      body: { password: '[redacted]' },
    });
  });
});

describe('GET /metrics', () => {
  it('times requests by method, route pattern and status, never by URL', async () => {
    await manager.get('/api/me');
    await manager.get('/api/tasks/OBS-NO-SUCH.HH999');
    const text = await scrape();
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/me', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/tasks/:id', status_code: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/me', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { le: '+Inf', method: 'GET', route: '/api/me', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('OBS-NO-SUCH');
  });

  it('counts tasks, overdue tasks, cycles and workflow outcomes from the read models', async () => {
    const enumHanoi = await system.login('enum.hanoi');
    // The demo frame has 20 households in Hà Nội (01).
    const cycle = await launchCycle(manager, { survey: 'LFS', period: 'obs-metrics', areaCodes: ['01'], collectionDeadline: inAMonth() });
    const [first] = (await enumHanoi.get(`/api/cycles/${cycle.id}/tasks?limit=1`)).json<{ items: { id: string }[] }>().items;
    expect((await enumHanoi.post(`/api/tasks/${first!.id}/submit`, { data: good })).json()).toMatchObject({ status: 'in_review' });
    // Overdue needs a due date to pass, which a live cycle would take too long for: a task of no workflow gets its events directly.
    const metadata = { actor: 'system', correlationId: 'test', causationId: null, workflowId: null, at: new Date().toISOString() };
    const dueAt = '2026-01-01T00:00:00.000Z';
    await system.store.append(
      'task-obs-synthetic.U1',
      [
        { type: 'TaskAssigned', data: { taskId: 'obs-synthetic.U1', cycleId: 'obs-synthetic', surveyId: 'LFS', unitId: 'U1', areaCode: '01001', enumerator: 'enum.hanoi', reviewLevels: ['commune'], dueAt, version: 1 }, metadata },
        { type: 'TaskOverdue', data: { enumerator: 'enum.hanoi', dueAt, alerted: [] }, metadata },
      ],
      { expected: 'no_stream' },
    );
    await system.projector.settle();

    let text = await scrape();
    expect(sample(text, 'survey_tasks', { status: 'assigned' })).toBe(20);
    expect(sample(text, 'survey_tasks', { status: 'in_review' })).toBe(1);
    expect(sample(text, 'survey_tasks', { status: 'cancelled' })).toBe(0);
    expect(sample(text, 'survey_tasks_overdue')).toBe(1);
    expect(sample(text, 'survey_cycles', { status: 'collecting' })).toBe(1);
    expect(sample(text, 'survey_workflow_outcomes_total', { workflow: 'task', outcome: 'cancelled' })).toBe(0);
    expect(sample(text, 'survey_workflow_outcomes_total', { workflow: 'cycle', outcome: 'cancelled' })).toBe(0);
    expect(text).toMatch(/^# TYPE survey_workflow_outcomes_total counter$/m);

    expect((await manager.post(`/api/cycles/${cycle.id}/cancel`, {})).statusCode).toBe(200);
    text = await eventually(scrape, (t) => sample(t, 'survey_cycles', { status: 'cancelled' }) === 1);
    expect(sample(text, 'survey_tasks', { status: 'cancelled' })).toBe(20);
    expect(sample(text, 'survey_tasks', { status: 'assigned' })).toBe(1);
    expect(sample(text, 'survey_cycles', { status: 'cancelled' })).toBe(1);
    expect(sample(text, 'survey_cycles', { status: 'collecting' })).toBe(0);
    expect(sample(text, 'survey_workflow_outcomes_total', { workflow: 'task', outcome: 'cancelled' })).toBe(20);
    expect(sample(text, 'survey_workflow_outcomes_total', { workflow: 'task', outcome: 'approved' })).toBe(0);
    expect(sample(text, 'survey_workflow_outcomes_total', { workflow: 'cycle', outcome: 'cancelled' })).toBe(1);
    expect(text).not.toContain('enum.hanoi');
  });

  it('reports the projector lag in events and in seconds', async () => {
    // Workflows and the sealer may append between two reads: wait for a quiet moment.
    const text = await eventually(scrape, (t) => sample(t, 'projector_lag_events') === 0 && sample(t, 'projector_lag_seconds') === 0);
    expect(text).toMatch(/^# TYPE projector_lag_seconds gauge$/m);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const { app } = await appWithLog({ metricsToken: 'scrape-token-1' });
    for (const authorization of [undefined, 'Bearer wrong-token', 'scrape-token-1']) {
      const res = await app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-1' } });
    expect(res.statusCode).toBe(200);
    expect(sample(res.body, 'survey_tasks_overdue')).toBeTypeOf('number');
  });
});
