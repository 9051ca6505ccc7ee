/** The vocabulary of the access matrix (test/access-matrix.int.test.ts): who calls, and what each caller should get. */

export const USERS = ['manager', 'sup.hanoi', 'sup.hcm', 'enum.hanoi', 'enum.hcm', 'auditor'] as const;
export const ANONYMOUS = ['none', 'forged', 'expired'] as const;
export type User = (typeof USERS)[number];
export type Caller = User | (typeof ANONYMOUS)[number];
export const CALLERS: readonly Caller[] = [...USERS, ...ANONYMOUS];

export type Expectation = Record<Caller, number>;
export const everyone = (status: number) => Object.fromEntries(CALLERS.map((c) => [c, status])) as Expectation;
/** Every signed-in user gets `status` unless named; no token, a forged one or an expired one gets 401. */
export const signedIn = (status: number, except: Partial<Record<User, number>> = {}): Expectation => ({ ...everyone(401), ...Object.fromEntries(USERS.map((u) => [u, status])), ...except });
/** The roles named get their status, every other user 403. */
export const only = (allowed: Partial<Record<User, number>>) => signedIn(403, allowed);
/** Any user, but a Hà Nội item is invisible (404) to the Hồ Chí Minh City staff. */
export const scoped = (status: number) => signedIn(status, { 'sup.hcm': 404, 'enum.hcm': 404 });

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
