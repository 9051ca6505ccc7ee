/** The vocabulary of the access matrix (test/access-matrix.int.test.ts): who calls, and what each caller should get. */
import type { FastifyInstance } from 'fastify';
import type { Answer } from './http.js';

/** `resp.hanoi`: a respondent answering for a Hà Nội unit of the scene (and one of its own). */
export const USERS = ['manager', 'sup.hanoi', 'sup.hcm', 'enum.hanoi', 'enum.hcm', 'auditor', 'resp.hanoi'] as const;
export const ANONYMOUS = ['none', 'forged', 'expired'] as const;
export type User = (typeof USERS)[number];
export type Caller = User | (typeof ANONYMOUS)[number];
export const CALLERS: readonly Caller[] = [...USERS, ...ANONYMOUS];

export type Expectation = Record<Caller, number>;
export const everyone = (status: number) => Object.fromEntries(CALLERS.map((c) => [c, status])) as Expectation;
/**
 * Every signed-in member of the office gets `status` unless named; no token, a forged one or an
 * expired one gets 401. A respondent gets 403 unless named: routes are closed to them unless opened.
 */
export const signedIn = (status: number, except: Partial<Record<User, number>> = {}): Expectation => ({ ...everyone(401), ...Object.fromEntries(USERS.map((u) => [u, status])), 'resp.hanoi': 403, ...except });
/** The roles named get their status, every other user 403. */
export const only = (allowed: Partial<Record<User, number>>) => signedIn(403, allowed);
/** Any member of the office, but a Hà Nội item is invisible (404) to the Hồ Chí Minh City staff. */
export const scoped = (status: number, except: Partial<Record<User, number>> = {}) => signedIn(status, { 'sup.hcm': 404, 'enum.hcm': 404, ...except });

export interface Req {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Row {
  readonly expect: Expectation;
  /** The request on the shared fixtures: every read, and every refused write. */
  readonly request: (caller: Caller) => Req;
  /** For a route that changes state, an allowed caller's request on fixtures of its own, made after every refusal. */
  readonly write?: (caller: User) => Promise<Req>;
}

/** Sends `req` with `token`; the live stream never ends, so its answer is read only up to its status unless refused. */
export async function sendAs(app: FastifyInstance, token: string | null, req: Req): Promise<Answer> {
  const options = { method: req.method ?? 'GET', url: req.url, headers: { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(req.payload === undefined ? {} : { payload: req.payload as object }) };
  if (!req.url.startsWith('/api/live')) return app.inject(options);
  const res = await app.inject({ ...options, payloadAsStream: true });
  const stream = res.stream();
  let body = '';
  if (res.statusCode === 200) stream.destroy();
  else for await (const chunk of stream) body += String(chunk);
  return { statusCode: res.statusCode, headers: res.headers, body, json: <T>() => JSON.parse(body) as T };
}

/** A write whose allowed callers run last, on fixtures of their own. */
export const deferred = (row: Row, caller: Caller) => row.write !== undefined && (row.expect[caller] ?? 0) < 300;
