import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { auditReadsStream } from '../../domain/audit/events.js';
import { SEALS_STREAM } from '../../eventstore/integrity.js';
import type { EventStore } from '../../eventstore/port.js';

/** What a test reads from an answer: light-my-request's response, or one read off a stream. */
export interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  json<T = unknown>(): T;
}

export type Problem = { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT, signed by hand: the API must take only what its own secret signed and has not expired. */
export function signToken(claims: Record<string, unknown>, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

export const BAD_TOKENS = ['forged', 'expired', 'tampered', 'unsigned', 'unknownUser', 'garbage'] as const;

/** Tokens a client must not get in with, made from a real one of `token`'s user: another secret, past expiry, a changed payload, no signature, a user who does not exist, not a JWT at all. */
export function badTokens(token: string, secret: string): Record<(typeof BAD_TOKENS)[number], string> {
  const claims = claimsOf(token);
  const now = Math.floor(Date.now() / 1000);
  const [head, , signature] = token.split('.');
  return {
    forged: signToken({ ...claims, iat: now, exp: now + 3600 }, randomBytes(32).toString('hex')),
    expired: signToken({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
    tampered: `${head}.${base64url({ ...claims, sub: 'manager', role: 'manager', admin: true })}.${signature}`,
    unsigned: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: now, exp: now + 3600 })}.`,
    unknownUser: signToken({ ...claims, sub: 'nobody.here', iat: now, exp: now + 3600 }, secret),
    garbage: 'not-a-jwt',
  };
}

/**
 * Every route the app has registered, as `METHOD /path` (HEAD, which Fastify adds beside
 * each GET, left out), read from the router's own tree so that a new route shows up here.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const path: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4)) ?? [];
    path.length = at / 4;
    path.push(segment);
    for (const method of methods?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path.join('')}`);
  }
  return [...new Set(routes)].sort();
}

/** Events appended after `position`, but for auditors' recorded reads and the log's seals, which any moment may add. */
export async function writtenSince(store: EventStore, position: number): Promise<string[]> {
  const events = await store.readAll({ after: position });
  return events.filter((e) => e.stream !== SEALS_STREAM && !e.stream.startsWith(auditReadsStream(''))).map((e) => `${e.stream} ${e.type}`);
}

/** Waits until nothing but seals is being appended: the workflows a test started have done their work. */
export async function quiet(store: EventStore, forMs = 1500, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const from = await store.headPosition();
    await new Promise((r) => setTimeout(r, forMs));
    if ((await writtenSince(store, from)).length === 0) return;
    if (Date.now() > deadline) throw new Error(`the log is still moving after ${timeoutMs} ms`);
  }
}

/** A refusal as problem details; with `path`, a field problem naming it (or a part of it, as `path.0`). */
export function expectProblem(res: Answer, status: number | ((status: number) => boolean), path?: string): Problem {
  if (typeof status === 'number') expect(res.statusCode, res.body).toBe(status);
  else expect(status(res.statusCode), `${res.statusCode} ${res.body}`).toBe(true);
  expect(String(res.headers['content-type']), res.body).toContain('application/problem+json');
  const body = res.json<Problem>();
  expect(body).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (path !== undefined) expect(body.errors?.some((e) => e.path === path || e.path.startsWith(`${path}.`)), res.body).toBe(true);
  return body;
}

export const isClientError = (status: number) => status >= 400 && status < 500;

/** Strings that have broken other systems: SQL, paths, markup, templates, control characters, odd unicode. */
export const NASTY = ["' OR 1=1 --", '../../etc/passwd', '<script>alert(1)</script>', '${7*7}{{7*7}}', 'Hà Nội 😀 \u202e', '\u0000', '__proto__', ' ', '%', "'; DROP TABLE events; --", 'x'.repeat(100)];

/** Awaits an answer and expects its status; the answer, for what comes next. */
export async function created(res: Promise<Answer>, status: number): Promise<Answer> {
  const answer = await res;
  expect(answer.statusCode, answer.body).toBe(status);
  return answer;
}
