import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { startSystem, type System } from '../../bin/system.js';
import type { RetryPolicy } from '../../domain/task/notifications.js';

export interface TestSystem extends System {
  readonly dataDir: string;
  readonly taskQueue: string;
  login(username: string, password?: string): Promise<Api>;
  stop(): Promise<void>;
}

export interface Api {
  readonly token: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
}

export interface TestSystemOptions {
  demoSeed?: boolean;
  worker?: boolean;
  dataDir?: string;
  taskQueue?: string;
  writeRateLimit?: number;
  enrolRateLimit?: number;
  /**
   * Sends mail: true through the run's Mailpit, or a mail server of the test's own. Off unless
   * asked, so that tasks elsewhere write to nobody. Waits between attempts are shortened.
   */
  smtp?: boolean | { smtpUrl: string; retry?: Partial<RetryPolicy> };
}

/** The waits between a notice's attempts in tests: a second, doubling to four. */
export const TEST_RETRY: Partial<RetryPolicy> = { firstRetryMs: 1000, maxRetryMs: 4000 };

/** A whole system on the run's Temporal server, with its own data folder and task queue (or `dataDir` and `taskQueue`, to start again on them). */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'survey-ops-test-'));
  const taskQueue = options.taskQueue ?? `test-${randomBytes(4).toString('hex')}`;
  const system = await startSystem({
    dataDir,
    temporalAddress: inject('temporalAddress'),
    namespace: 'default',
    taskQueue,
    worker: options.worker ?? true,
    authSecret: randomBytes(32).toString('hex'),
    demoSeed: options.demoSeed ?? true,
    logger: false,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    loginRateLimit: 1000,
    enrolRateLimit: options.enrolRateLimit ?? 1000,
    // Tests write at machine speed: a high limit unless a test asks for its own.
    writeRateLimit: options.writeRateLimit ?? 100_000,
    mail: !options.smtp
      ? null
      : {
          smtpUrl: options.smtp === true ? inject('smtpUrl') : options.smtp.smtpUrl,
          from: 'Thống kê thử <no-reply@survey-ops.test>',
          publicUrl: 'http://survey-ops.test',
          retry: (options.smtp !== true && options.smtp.retry) || TEST_RETRY,
        },
  });
  const { app } = system;
  const api = (token: string): Api => ({
    token,
    get: (url) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    post: (url, body, headers = {}) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers: { authorization: `Bearer ${token}` }, payload: body as object }),
  });
  return {
    ...system,
    dataDir,
    taskQueue,
    async login(username, password = 'demo') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return api(res.json<{ token: string }>().token);
    },
    async stop() {
      await system.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Listens on a free loopback port (for clients that need a real socket: SSE, fetch); returns the base URL. */
export async function listen(system: TestSystem): Promise<string> {
  await system.app.listen({ port: 0, host: '127.0.0.1' });
  const address = system.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** Polls `read` until `done` holds, or fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

export interface CycleOverview {
  id: string;
  status: string;
  collectionDeadline: string;
  total: number;
  overdue: number;
  counts: Record<string, number>;
  cancellation: { reason: string; by: string; at: string } | null;
}

/** Launches a cycle as `manager` and waits until it collects with every task's assignment in the read models. */
export async function launchCycle(manager: Api, body: Record<string, unknown>): Promise<CycleOverview> {
  const res = await manager.post('/api/cycles', body);
  if (res.statusCode !== 202) throw new Error(`launch: ${res.statusCode} ${res.body}`);
  const { id } = res.json<{ id: string }>();
  return eventually(
    async () => (await manager.get(`/api/cycles/${id}`)).json<CycleOverview>(),
    (c) => c.status !== 'launching' && Object.values(c.counts).reduce((a, b) => a + b, 0) === c.total,
  );
}
