import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, freeTemporalPort } from './helpers/ports.js';
import { lfsHousehold } from './helpers/lfs.js';

const dataDir = mkdtempSync(join(tmpdir(), 'survey-ops-start-'));
let child: ChildProcess | null = null;

/** Runs `npm start`'s program as a user would, and waits for its URLs. */
async function start(env: Record<string, string>): Promise<{ output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so that a failed test takes its dev server and mail catcher down with it.
    detached: true,
  });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (proc.exitCode !== null) throw new Error(`npm start exited ${proc.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { output: () => output };
}

async function stop(): Promise<number | null> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return proc?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGINT');
  const code = await exited;
  child = null;
  return code;
}

afterAll(async () => {
  if (child && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('brings up Temporal, the mail catcher, worker, projector, API and UI; stops on Ctrl-C; resumes the running cycle on the next start', async () => {
    const port = String(await freePort());
    const temporalPort = await freeTemporalPort();
    const mailPorts = { smtp: await freePort(), ui: await freePort() };
    const env = { PORT: port, TEMPORAL_PORT: String(temporalPort), MAILPIT_SMTP_PORT: String(mailPorts.smtp), MAILPIT_UI_PORT: String(mailPorts.ui), SMTP_URL: '' };
    const base = `http://127.0.0.1:${port}`;
    const first = await start(env);
    expect(first.output()).toContain(`${base}/docs`);
    expect(first.output()).toContain(`http://127.0.0.1:${temporalPort + 1000}`);
    // The mail catcher, its inbox printed with the other URLs.
    expect(first.output()).toContain(`Mail:         http://127.0.0.1:${mailPorts.ui}/`);
    expect((await fetch(`http://127.0.0.1:${mailPorts.ui}/api/v1/messages`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/docs/json`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${temporalPort + 1000}/`)).status).toBe(200);

    const login = async (username: string) =>
      ((await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) })).json()) as { token: string }).token;
    const managerToken = await login('manager');
    const call = async (token: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const launched = await call(managerToken, '/api/cycles', { survey: 'LFS', period: '2026-11', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    expect(launched.status).toBe(202);
    const id = launched.body.id as string;
    for (let i = 0; i < 100 && (await call(managerToken, `/api/cycles/${id}`)).body.status !== 'collecting'; i++) await new Promise((r) => setTimeout(r, 200));

    const listed = execFileSync(inject('temporalCli'), ['workflow', 'list', '--address', `127.0.0.1:${temporalPort}`, '--query', `CycleId="${id}"`], { encoding: 'utf8' });
    expect(listed).toContain(`cycle/${id}`);
    expect(listed).toContain(`task/${id}.HH0100101`);

    expect(await stop()).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${mailPorts.ui}/`)).rejects.toThrow();

    await start(env);
    const cycle = await call(managerToken, `/api/cycles/${id}`);
    expect(cycle.body).toMatchObject({ status: 'collecting', total: 5 });
    const enumToken = await login('enum.hanoi');
    const sent = await call(enumToken, `/api/tasks/${id}.HH0100101/submit`, { data: lfsHousehold({ members: 3, employed: 1, unemployed: 0 }) });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'in_review', reviewLevel: 'commune' });
    expect(await stop()).toBe(0);
  }, 400_000);
});
