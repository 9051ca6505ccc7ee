/**
 * What the history recorders share: a fresh dev server and system, callers by demo user,
 * polling, and saving a workflow's history in the JSON that `Worker.runReplayHistories` reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export const HISTORIES_DIR = 'test/histories';
/** `HISTORIES_TAG=<patch>` names a new set (`<name>.<tag>.json`) beside the older ones instead of replacing them. */
export const HISTORIES_TAG = process.env.HISTORIES_TAG ? `.${process.env.HISTORIES_TAG}` : '';
export const say = (line: string) => process.stdout.write(`${line}\n`);

export interface Caller {
  get(url: string): Promise<Record<string, unknown>>;
  post(url: string, body?: object): Promise<Record<string, unknown>>;
}

/** A demo user's calls through `app.inject`; any answer of 400 or more throws. */
export async function callerFor(app: FastifyInstance, username: string): Promise<Caller> {
  const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo' } })).json<{ token: string }>().token;
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  return { get: (url) => call('GET', url), post: (url, body = {}) => call('POST', url, body) };
}

export async function until(check: () => Promise<boolean>, what = 'a condition'): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Launches an LFS cycle and waits until it collects; returns its id and its task ids. */
export function launchLfs(manager: Caller, enumerator: Caller, period: string, areaCodes: string[], deadlineMs: number) {
  return launchCycle(manager, enumerator, 'LFS', period, areaCodes, deadlineMs);
}

/** Launches a cycle of `survey` and waits until it collects; its tasks' ids. */
export async function launchCycle(manager: Caller, enumerator: Caller, survey: string, period: string, areaCodes: string[], deadlineMs: number) {
  const { id } = (await manager.post('/api/cycles', { survey, period, areaCodes, collectionDeadline: new Date(Date.now() + deadlineMs).toISOString() })) as { id: string };
  await until(async () => (await manager.get(`/api/cycles/${id}`)).status === 'collecting', `${id} to collect`);
  const tasks = ((await enumerator.get(`/api/cycles/${id}/tasks`)).items as { id: string }[]).map((t) => t.id);
  return { id, tasks };
}

/** Saves one workflow's history (the CLI writes the proto JSON) as `<name><tag>.json`. */
export function saveHistory(cli: string, address: string, name: string, workflowId: string): void {
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const json = execFileSync(cli, ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  writeFileSync(join(HISTORIES_DIR, `${name}${HISTORIES_TAG}.json`), json);
  say(`recorded ${name}${HISTORIES_TAG} (${(JSON.parse(json) as { events: unknown[] }).events.length} events)`);
}
