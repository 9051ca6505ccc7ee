import createClient from 'openapi-fetch';
import type { paths } from './api-schema';
import { auth, hasRefresh, renew, sessionExpired, signIn } from './session.svelte';
import { isSession, type Body, type Session } from './types';

export type ProblemParams = Record<string, string | number>;

/** One field-level problem of a 400: `path` such as `body.data.members`; `code` says what is wrong, for the UI to word. */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: ProblemParams;
}

/** A failed call: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly title = '',
    readonly errors: FieldProblem[] = [],
    /** The refusal by its stable code (`task.enumerator_not_eligible`) and the values its words need. */
    readonly code = '',
    readonly params: ProblemParams = {},
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** Whether a call failed for want of a network (the request never reached the server), rather than being answered. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ApiError && err.status === 0;
}

export function authHeaders(): Record<string, string> {
  const token = auth.session?.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** A 401 on a call that carried a token means the session is over, unless the device renews it. */
export function handleUnauthorized(): void {
  if (!auth.session) return;
  if (hasRefresh()) void renew();
  else sessionExpired();
}

/** The error a problem-details body describes (or the status alone when the body says nothing). */
export function apiError(status: number, statusText: string, body: unknown): ApiError {
  let detail = '';
  let title = statusText;
  let errors: FieldProblem[] = [];
  let code = '';
  let params: ProblemParams = {};
  if (typeof body === 'object' && body !== null) {
    if ('detail' in body && typeof body.detail === 'string') detail = body.detail;
    if ('title' in body && typeof body.title === 'string') title = body.title;
    if ('errors' in body && Array.isArray(body.errors)) errors = body.errors.filter(isFieldProblem);
    if ('code' in body && typeof body.code === 'string') code = body.code;
    if ('params' in body && isParams(body.params)) params = body.params;
  }
  return new ApiError(status, detail, title, errors, code, params);
}

export async function problem(res: Response): Promise<ApiError> {
  let body: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = await res.json();
    } catch {
      // A body that is not JSON leaves the status to speak for itself.
    }
  }
  return apiError(res.status, res.statusText, body);
}

function isParams(value: unknown): value is ProblemParams {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return typeof value === 'object' && value !== null && 'path' in value && typeof value.path === 'string' && 'message' in value && typeof value.message === 'string';
}

/**
 * The API, typed from its OpenAPI document: a call names its path as the document does
 * (`client.GET('/api/cycles/{id}', { params: { path: { id } } })`), and its parameters, body
 * and answer are checked against that operation. `ok` turns the answer into its body or an
 * ApiError.
 */
export const client = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  // Looked up at each call rather than captured once.
  fetch: (request) => globalThis.fetch(request),
});

client.use({
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) handleUnauthorized();
    return response;
  },
});

/** The body of a successful answer, or the ApiError its problem details describe (status 0: the server could not be reached). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, '');
  }
  if (!answer.response.ok) throw apiError(answer.response.status, answer.response.statusText, answer.error);
  return answer.data as T;
}

/** Logs in; with a device, the session is kept on it for 60 days and renewed by its refresh token. */
export async function login(username: string, password: string, device?: { id: string; name: string }): Promise<Session> {
  return startSession(await ok(client.POST('/api/auth/login', { body: { username, password, ...(device ? { device } : {}) } })));
}

export type Enrolment = Body<'/api/auth/enrol', 'post'>;

/**
 * Makes a respondent's account with the code of its letter and signs it in, as a login does:
 * a 400 names the code (`body.code`) or another field, a 409 says the username is taken.
 */
export async function enrol(enrolment: Enrolment): Promise<Session> {
  return startSession(await ok(client.POST('/api/auth/enrol', { body: enrolment })));
}

/** Starts the session a login or an enrolment answered with, for as long as the server says its token lasts. */
function startSession(answer: unknown): Session {
  if (!isSession(answer)) throw new ApiError(502, '');
  const { expiresIn, refreshToken, refreshExpiresAt } = answer as { expiresIn?: unknown; refreshToken?: string; refreshExpiresAt?: string };
  const refresh = refreshToken && refreshExpiresAt ? { token: refreshToken, expiresAt: Date.parse(refreshExpiresAt) } : undefined;
  const session = { token: answer.token, user: answer.user };
  signIn(session, typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn * 1000 : undefined, refresh);
  return session;
}
