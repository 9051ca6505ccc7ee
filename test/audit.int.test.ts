import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logLines } from '../api/routes/audit.js';
import type { ReadAllOptions } from '../eventstore/port.js';
import { eventually, launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

type LoggedEvent = {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; correlationId: string; at: string };
};
type StateAnswer = { stream: string; kind: string; revision: number; at: string; state: Record<string, unknown> };
type Cell = { value: number | null; suppressed: boolean; units: number };
type Reproduction = {
  version: number;
  identical: boolean;
  approved: { published: number; reproduced: number };
  tables: { id: string; cells: number; differences: { areaCode: string; published: Cell | null; reproduced: Cell | null }[] }[];
};
type Replay = {
  position: number;
  identical: boolean;
  models: { name: string; rows: number; differenceCount: number; differences: { table: string; key: Record<string, unknown>; live: Record<string, unknown> | null; rebuilt: Record<string, unknown> | null }[] }[];
};

let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let auditor: Api;
/** A published cycle over one commune of Hà Nội. */
let cycleId: string;
/** Its task that was submitted, rejected, resubmitted and approved. */
let taskId: string;

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });

async function ok(request: Promise<{ statusCode: number; body: string }>): Promise<void> {
  const res = await request;
  expect(res.statusCode, res.body).toBe(200);
}

const streamOf = async (api: Api, stream: string) => (await api.get(`/api/audit/streams/${stream}?limit=1000`)).json<{ events: LoggedEvent[] }>().events;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor, auditor] = await Promise.all([system.login('manager'), system.login('enum.hanoi'), system.login('sup.hanoi'), system.login('auditor')]);

  // Five households: one approved after a rejection, two approved at once, two never answered.
  const cycle = await launchCycle(manager, { survey: 'LFS', period: '2027-03', areaCodes: ['01001'], collectionDeadline: inAMonth() });
  cycleId = cycle.id;
  const tasks = (await manager.get(`/api/cycles/${cycleId}/tasks?limit=100`)).json<{ items: { id: string }[] }>().items;
  expect(tasks).toHaveLength(5);
  const submit = (id: string, data: Record<string, unknown>) => ok(enumerator.post(`/api/tasks/${id}/submit`, { data }));
  const review = (id: string, decision: 'approve' | 'reject', level: string, comment = '') => ok(supervisor.post(`/api/tasks/${id}/review`, { decision, level, comment }));
  taskId = tasks[0]!.id;
  await submit(taskId, good);
  await review(taskId, 'reject', 'commune', 'Kiểm tra lại số nhân khẩu');
  await submit(taskId, lfsHousehold({ members: 5, employed: 2, unemployed: 1, income: 20 }));
  for (const task of tasks.slice(0, 3)) {
    if (task.id !== taskId) await submit(task.id, good);
    await review(task.id, 'approve', 'commune');
    await review(task.id, 'approve', 'province');
  }
  await ok(manager.post(`/api/cycles/${cycleId}/close`, {}));
  await ok(manager.post(`/api/cycles/${cycleId}/publish`, {}));
  await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<{ status: string }>(), (c) => c.status === 'published');
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /api/audit/streams/:stream/state', () => {
  const stateOf = (stream: string, query: string, api = auditor) => api.get(`/api/audit/streams/${stream}/state?${query}`);

  it('rebuilds a task at a past revision with the evolve its workflow uses', async () => {
    const events = await streamOf(auditor, `task-${taskId}`);
    const rejected = events.findIndex((e) => e.type === 'TaskRejected');
    expect(rejected).toBeGreaterThan(0);

    const atRejection = await stateOf(`task-${taskId}`, `revision=${rejected}`);
    expect(atRejection.statusCode, atRejection.body).toBe(200);
    expect(atRejection.json()).toMatchObject({
      stream: `task-${taskId}`,
      kind: 'task',
      revision: rejected,
      at: events[rejected]!.metadata.at,
      state: { status: 'rejected', submissions: 1, response: { members: 4 }, trail: [{ decision: 'reject', comment: 'Kiểm tra lại số nhân khẩu' }] },
    });
    const before = (await stateOf(`task-${taskId}`, `revision=${rejected - 1}`)).json<StateAnswer>();
    expect(before.state).toMatchObject({ status: 'in_review', trail: [] });
    const now = (await stateOf(`task-${taskId}`, `revision=${events.length - 1}`)).json<StateAnswer>();
    expect(now.state).toMatchObject({ status: 'approved', submissions: 2, response: { members: 5 } });
  });

  it('rebuilds a task as recorded by a time, whatever the offset the time is written in', async () => {
    const events = await streamOf(auditor, `task-${taskId}`);
    const rejected = events.findIndex((e) => e.type === 'TaskRejected');
    const when = Date.parse(events[rejected]!.metadata.at);

    const exact = (await stateOf(`task-${taskId}`, `at=${events[rejected]!.metadata.at}`)).json<StateAnswer>();
    expect(exact).toMatchObject({ revision: rejected, state: { status: 'rejected' } });
    // The same instant in Vietnam time (UTC+7).
    const local = `${new Date(when + 7 * 3600_000).toISOString().slice(0, -1)}+07:00`;
    const inHanoi = await stateOf(`task-${taskId}`, `at=${encodeURIComponent(local)}`);
    expect(inHanoi.statusCode, inHanoi.body).toBe(200);
    expect(inHanoi.json<StateAnswer>().revision).toBe(rejected);
    const justBefore = (await stateOf(`task-${taskId}`, `at=${new Date(when - 1).toISOString()}`)).json<StateAnswer>();
    expect(justBefore.revision).toBeLessThan(rejected);
    expect(justBefore.state.status).toBe('in_review');
    const later = (await stateOf(`task-${taskId}`, `at=${inAMonth()}`)).json<StateAnswer>();
    expect(later).toMatchObject({ revision: events.length - 1, state: { status: 'approved' } });
  });

  it('rebuilds cycles and surveys with their own evolve', async () => {
    expect((await stateOf(`cycle-${cycleId}`, 'revision=0')).json()).toMatchObject({ kind: 'cycle', revision: 0, state: { status: 'launching', id: cycleId } });
    expect((await stateOf(`cycle-${cycleId}`, `at=${inAMonth()}`)).json()).toMatchObject({ state: { status: 'published', resultVersion: 1 } });
    expect((await stateOf('survey-LFS', 'revision=0')).json()).toMatchObject({ kind: 'survey', state: { id: 'LFS', definition: { code: 'LFS' } } });
  });

  it('gives the newest state with no point, and the earlier point when both a revision and a time are given', async () => {
    const events = await streamOf(auditor, `task-${taskId}`);
    const rejected = events.findIndex((e) => e.type === 'TaskRejected');
    expect((await stateOf(`task-${taskId}`, '')).json()).toMatchObject({ revision: events.length - 1, state: { status: 'approved' } });
    // The revision comes first.
    expect((await stateOf(`task-${taskId}`, `revision=${rejected}&at=${inAMonth()}`)).json()).toMatchObject({ revision: rejected, state: { status: 'rejected' } });
    // The time comes first.
    const atRejection = encodeURIComponent(events[rejected]!.metadata.at);
    expect((await stateOf(`task-${taskId}`, `revision=${events.length - 1}&at=${atRejection}`)).json()).toMatchObject({ revision: rejected });
  });

  it('refuses a time that is not one, and streams that are not a survey, cycle or task', async () => {
    const paths = async (stream: string, query: string) => {
      const res = await stateOf(stream, query);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    };
    expect(await paths(`task-${taskId}`, 'at=yesterday')).toEqual(['querystring.at']);
    expect(await paths(`task-${taskId}`, 'revision=-1')).toEqual(['querystring.revision']);
    expect(await paths('user-auditor', 'revision=0')).toEqual(['params.stream']);
    expect(await paths('seals', '')).toEqual(['params.stream']);
  });

  it('answers 404 for an unknown stream, a revision past the newest, a time before the first event', async () => {
    const events = await streamOf(auditor, `task-${taskId}`);
    expect((await stateOf(`task-${cycleId}.nobody`, 'revision=0')).statusCode).toBe(404);
    expect((await stateOf(`task-${taskId}`, `revision=${events.length}`)).statusCode).toBe(404);
    const first = Date.parse(events[0]!.metadata.at);
    expect((await stateOf(`task-${taskId}`, `at=${new Date(first - 1).toISOString()}`)).statusCode).toBe(404);
  });
});

describe('POST /api/audit/replay', () => {
  const replay = async () => {
    const res = await auditor.post('/api/audit/replay');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Replay>();
  };
  const replayFiles = () => readdirSync(system.dataDir).filter((f) => f.startsWith('replay-'));

  it('rebuilds every read model beside the live ones, finds them identical and cleans up', async () => {
    const published = (await streamOf(auditor, `cycle-${cycleId}`)).find((e) => e.type === 'ResultsPublished')!;
    const report = await replay();
    expect(report.identical).toBe(true);
    expect(report.position).toBeGreaterThanOrEqual(published.position);
    expect(report.models.map((m) => m.name)).toEqual(expect.arrayContaining(['surveys', 'frame_units', 'users', 'cycles', 'tasks', 'results']));
    expect(report.models.find((m) => m.name === 'tasks')!.rows).toBeGreaterThanOrEqual(5);
    expect(report.models.every((m) => m.differenceCount === 0 && m.differences.length === 0)).toBe(true);
    expect(replayFiles()).toEqual([]);
  });

  it('names a row changed and a row removed behind the projector’s back, without showing password hashes', async () => {
    const db = new Database(join(system.dataDir, 'read.db'));
    const progress = db.prepare<[string], Record<string, unknown>>("SELECT * FROM progress WHERE cycle_id = ? AND status = 'approved'").get(cycleId)!;
    const { password_hash: hash } = db.prepare<[], { password_hash: string }>("SELECT password_hash FROM users WHERE id = 'enum.hanoi'").get()!;
    try {
      db.prepare("UPDATE frame_units SET name = 'tampered' WHERE id = 'HH0100101'").run();
      db.prepare("DELETE FROM progress WHERE cycle_id = ? AND status = 'approved'").run(cycleId);
      db.prepare("UPDATE users SET password_hash = 'tampered' WHERE id = 'enum.hanoi'").run();
      const report = await replay();
      expect(report.identical).toBe(false);
      const model = (name: string) => report.models.find((m) => m.name === name)!;
      expect(model('frame_units')).toMatchObject({ differenceCount: 1, differences: [{ table: 'frame_units', key: { id: 'HH0100101' }, live: { name: 'tampered' }, rebuilt: { name: 'Hộ Trần Văn Hùng' } }] });
      expect(model('tasks')).toMatchObject({ differenceCount: 1, differences: [{ table: 'progress', live: null, rebuilt: { cycle_id: cycleId, status: 'approved', n: 3 } }] });
      expect(model('users').differences).toEqual([
        { table: 'users', key: { id: 'enum.hanoi' }, live: expect.objectContaining({ password_hash: '[redacted]' }), rebuilt: expect.objectContaining({ password_hash: '[redacted]' }) },
      ]);
      expect(model('cycles').differenceCount).toBe(0);
    } finally {
      db.prepare("UPDATE frame_units SET name = 'Hộ Trần Văn Hùng' WHERE id = 'HH0100101'").run();
      db.prepare('INSERT INTO progress (cycle_id, province_code, commune_code, area_code, status, n) VALUES (@cycle_id, @province_code, @commune_code, @area_code, @status, @n)').run(progress);
      db.prepare("UPDATE users SET password_hash = ? WHERE id = 'enum.hanoi'").run(hash);
      db.close();
    }
    expect((await replay()).identical).toBe(true);
    expect(replayFiles()).toEqual([]);
  });
});

describe('GET /api/audit/export', () => {
  const lines = (body: string) => body.trimEnd().split('\n').map((line) => JSON.parse(line) as LoggedEvent);

  it('streams the log as NDJSON, one redacted event per line, as /api/audit/events lists it', async () => {
    const res = await auditor.get('/api/audit/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const exported = lines(res.body);
    const last = exported[exported.length - 1]!.position;
    const listed = (await auditor.get('/api/audit/events?limit=1000')).json<{ items: LoggedEvent[] }>().items.filter((e) => e.position <= last);
    expect(exported).toEqual(listed);
    const users = exported.filter((e) => e.stream.startsWith('user-'));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((e) => e.data.passwordHash === '[redacted]')).toBe(true);
  });

  it('filters by type, stream prefix and position', async () => {
    expect(lines((await auditor.get('/api/audit/export?type=TaskRejected')).body).map((e) => e.stream)).toEqual([`task-${taskId}`]);
    const ofCycle = lines((await auditor.get(`/api/audit/export?stream=task-${cycleId}.`)).body);
    const listed = (await auditor.get(`/api/audit/events?stream=task-${cycleId}.&limit=1000`)).json<{ items: LoggedEvent[] }>().items;
    expect(ofCycle.map((e) => e.id)).toEqual(listed.map((e) => e.id));
    const after = ofCycle[3]!.position;
    expect(lines((await auditor.get(`/api/audit/export?stream=task-${cycleId}.&after=${after}`)).body).map((e) => e.id)).toEqual(ofCycle.slice(4).map((e) => e.id));
    expect((await auditor.get('/api/audit/export?type=not-a-type')).statusCode).toBe(400);
  });

  it('reads the log a page at a time, only as fast as the lines are taken', async () => {
    const through = await system.store.headPosition();
    const collect = async (pageSize: number) => {
      let text = '';
      for await (const chunk of logLines(system.store, { after: 0, through, filter: {}, pageSize })) text += chunk;
      return text;
    };
    const whole = await collect(100_000);
    expect(lines(whole)).toHaveLength((await system.store.readAll({ maxCount: 100_000 })).filter((e) => e.position <= through).length);
    expect(await collect(7)).toBe(whole);

    let reads = 0;
    const counted = {
      readAll: (options: ReadAllOptions) => {
        reads++;
        return system.store.readAll(options);
      },
    };
    const pages = logLines(counted, { after: 0, through, filter: {}, pageSize: 7 });
    const first = await pages.next();
    expect(lines(first.value as string)).toHaveLength(7);
    expect(reads).toBe(1);
    await pages.return(undefined);
  });
});

describe('auditors’ reads are recorded', () => {
  const read = (url: string, requestId: string) =>
    system.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auditor.token}`, 'x-request-id': requestId } });

  it('appends an AuditorRead with the method, url and status, the actor and the correlation id', async () => {
    expect((await read(`/api/audit/streams/task-${taskId}?limit=5`, 'audit-test-read-ok')).statusCode).toBe(200);
    expect((await read(`/api/audit/streams/task-${cycleId}.nobody`, 'audit-test-read-missing')).statusCode).toBe(404);
    expect((await read(`/api/cycles/${cycleId}/results/reproduce`, 'audit-test-read-reproduce')).statusCode).toBe(200);
    const trail = await streamOf(manager, 'audit-reads-auditor');
    const byRequest = (id: string) => trail.find((e) => e.metadata.correlationId === id);
    expect(byRequest('audit-test-read-ok')).toMatchObject({ type: 'AuditorRead', data: { method: 'GET', url: `/api/audit/streams/task-${taskId}?limit=5`, status: 200 }, metadata: { actor: 'auditor' } });
    expect(byRequest('audit-test-read-missing')).toMatchObject({ data: { status: 404 } });
    expect(byRequest('audit-test-read-reproduce')).toMatchObject({ data: { url: `/api/cycles/${cycleId}/results/reproduce`, status: 200 } });
    // A manager reading the log is not an inspection of the office.
    expect((await manager.get('/api/audit/streams/audit-reads-manager')).statusCode).toBe(404);
  });

  it('keeps the trail in the log: listed, sealed and verified with the rest', async () => {
    const listed = (await manager.get('/api/audit/events?type=AuditorRead&limit=1000')).json<{ items: LoggedEvent[] }>().items;
    expect(listed.length).toBeGreaterThan(5);
    expect(new Set(listed.map((e) => e.stream))).toEqual(new Set(['audit-reads-auditor']));
    // The system seals every few seconds; until the first seal there is no seals stream (404).
    await eventually(
      async () => (await manager.get('/api/audit/streams/seals?limit=1000')).json<{ events?: { data: { heads: { stream: string }[] } }[] }>().events ?? [],
      (seals) => seals.some((s) => s.data.heads.some((h) => h.stream === 'audit-reads-auditor')),
    );
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ valid: true, problems: [] });
  });

  it('refuses a read it cannot record, and serves it again once it can', async () => {
    const append = system.store.append.bind(system.store);
    const failing = vi.spyOn(system.store, 'append').mockImplementation((stream, events, options) =>
      stream.startsWith('audit-reads-') ? Promise.reject(new Error('disk full')) : append(stream, events, options),
    );
    try {
      for (const url of ['/api/audit/export', `/api/audit/streams/task-${taskId}`, `/api/cycles/${cycleId}/results/reproduce`]) {
        const res = await auditor.get(url);
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).not.toContain(taskId);
      }
      expect((await manager.get(`/api/audit/streams/task-${taskId}`)).statusCode).toBe(200);
    } finally {
      failing.mockRestore();
    }
    expect((await auditor.get(`/api/audit/streams/task-${taskId}`)).statusCode).toBe(200);
  });
});

describe('who may use the auditors’ routes', () => {
  const routes = () => [
    { method: 'GET' as const, url: `/api/audit/streams/task-${taskId}/state?revision=0` },
    { method: 'GET' as const, url: '/api/audit/export' },
    { method: 'GET' as const, url: `/api/cycles/${cycleId}/results/reproduce` },
    { method: 'POST' as const, url: '/api/audit/replay' },
  ];

  it('refuses supervisors and enumerators (403) and callers without a token (401)', async () => {
    for (const { method, url } of routes()) {
      for (const api of [supervisor, enumerator]) {
        const res = await (method === 'GET' ? api.get(url) : api.post(url));
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await system.app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('lets a manager read state and the export, but not replay or reproduce', async () => {
    const [state, exported, reproduce] = routes();
    expect((await manager.get(state!.url)).statusCode).toBe(200);
    expect((await manager.get(exported!.url)).statusCode).toBe(200);
    expect((await manager.get(reproduce!.url)).statusCode).toBe(403);
    expect((await manager.post('/api/audit/replay')).statusCode).toBe(403);
  });
});

describe('the auditors’ routes in the OpenAPI document', () => {
  it('documents each with the audit tag, bearer security and the export as NDJSON', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode, res.body).toBe(200);
    type Operation = { tags: string[]; security: unknown[]; parameters?: { name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> };
    const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();
    const operations = [
      ['/api/audit/streams/{stream}/state', 'get'],
      ['/api/audit/replay', 'post'],
      ['/api/audit/export', 'get'],
      ['/api/cycles/{id}/results/reproduce', 'get'],
    ] as const;
    for (const [path, method] of operations) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toMatchObject({ tags: expect.arrayContaining(['audit']), security: [{ bearer: [] }] });
    }
    expect(doc.paths['/api/audit/streams/{stream}/state']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['stream', 'revision', 'at']));
    expect(Object.keys(doc.paths['/api/audit/export']!.get!.responses['200']!.content!)).toEqual(['application/x-ndjson']);
  });
});

// Last: these alter the log file itself, after which the log no longer verifies.
describe('GET /api/cycles/:id/results/reproduce', () => {
  const reproduce = (id: string) => auditor.get(`/api/cycles/${id}/results/reproduce`);

  it('recomputes the published tables from the log alone and finds them identical', async () => {
    const res = await reproduce(cycleId);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<Reproduction>();
    expect(result).toMatchObject({ version: 1, identical: true, approved: { published: 3, reproduced: 3 } });
    // One cell per output for Hà Nội; two (men and women) where the output is by sex and both are found.
    expect(result.tables.map((t) => [t.id, t.cells])).toEqual([
      ['households', 1],
      ['persons_by_sex', 2],
      ['employed_by_sex', 2],
      ['unemployed_by_sex', 1],
      ['employment_rate', 1],
      ['unemployment_rate', 1],
      ['mean_hours', 2],
      ['mean_income', 1],
      ['households_by_commune', 1],
    ]);
    expect(result.tables.every((t) => t.differences.length === 0)).toBe(true);
  });

  it('answers 404 for a cycle with no published result', async () => {
    const collecting = await launchCycle(manager, { survey: 'LFS', period: '2027-04', areaCodes: ['01002'], collectionDeadline: inAMonth() });
    expect((await reproduce(collecting.id)).statusCode).toBe(404);
    expect((await reproduce('no-such-cycle')).statusCode).toBe(404);
    expect((await auditor.get(`/api/cycles/${cycleId}/results/reproduce?version=2`)).statusCode).toBe(404);
  });

  it('names the cell of a ResultsPublished event altered in the event store file', async () => {
    const events = new Database(join(system.dataDir, 'events.db'));
    try {
      events
        .prepare("UPDATE events SET data = json_set(data, '$.tables[0].rows[0].value', 300) WHERE stream = ? AND type = 'ResultsPublished'")
        .run(`cycle-${cycleId}`);
    } finally {
      events.close();
    }
    const result = (await reproduce(cycleId)).json<Reproduction>();
    expect(result.identical).toBe(false);
    expect(result.tables[0]).toEqual({
      id: 'households',
      cells: 1,
      differences: [{ areaCode: '01', published: { value: 300, suppressed: false, units: 3 }, reproduced: { value: 3, suppressed: false, units: 3 } }],
    });
    expect(result.tables.slice(1).every((t) => t.differences.length === 0)).toBe(true);
    expect((await auditor.get(`/api/audit/streams/cycle-${cycleId}/verify`)).json()).toMatchObject({ valid: false });
  });
});
