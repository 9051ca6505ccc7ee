import { auth, signIn, signOut } from './session.svelte';
import { isSession, type Session } from './types';

/** One field-level problem of a 400: `path` such as `body.data.members`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed call: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly title = '',
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export function authHeaders(): Record<string, string> {
  const token = auth.session?.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** A 401 on a call that carried a token means the session is over. */
export function handleUnauthorized(): void {
  if (auth.session) signOut();
}

/** The error a problem-details body describes (or the status alone when the body says nothing). */
export function apiError(status: number, statusText: string, body: unknown): ApiError {
  let detail = '';
  let title = statusText;
  let errors: FieldProblem[] = [];
  if (typeof body === 'object' && body !== null) {
    if ('detail' in body && typeof body.detail === 'string') detail = body.detail;
    if ('title' in body && typeof body.title === 'string') title = body.title;
    if ('errors' in body && Array.isArray(body.errors)) errors = body.errors.filter(isFieldProblem);
  }
  return new ApiError(status, detail, title, errors);
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

function isFieldProblem(value: unknown): value is FieldProblem {
  return typeof value === 'object' && value !== null && 'path' in value && typeof value.path === 'string' && 'message' in value && typeof value.message === 'string';
}

export async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders, ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '');
  }
  if (res.status === 401 && headers.Authorization) handleUnauthorized();
  if (!res.ok) throw await problem(res);
  return res.json();
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

export async function login(username: string, password: string): Promise<Session> {
  const session: unknown = await api.post('/api/auth/login', { username, password });
  if (!isSession(session)) throw new ApiError(502, '');
  signIn(session);
  return session;
}
