import { vi } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { signIn } from '../lib/session.svelte';
import type { Role } from '../lib/types';

/** A request the page made, as the fake server saw it. */
export interface Call {
  method: string;
  /** Path with its query, e.g. `/api/cycles/C/tasks?status=rejected`. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
}

/** A reply, a function of the call giving one, or 'network' for a connection that fails. */
export type Route = Reply | 'network' | ((call: Call) => Reply | 'network' | Response);

/**
 * Replaces `fetch` with a fake server: routes are `'METHOD /path'` (without the
 * query); unknown routes answer 404. `/api/live` answers with a stream that
 * `push` writes server-sent events to.
 */
export function fakeApi(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const encoder = new TextEncoder();

  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://ui.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const call: Call = {
      method,
      url: url.pathname + url.search,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    if (url.pathname === '/api/live' && !routes[`GET /api/live`]) {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void streams.push(c) });
      init.signal?.addEventListener('abort', () => {
        try {
          body.cancel().catch(() => {});
        } catch {
          // Already closed.
        }
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) return json(404, { type: 'about:blank', title: 'Not found', status: 404, detail: `no route ${method} ${url.pathname}` });
    const reply = typeof route === 'function' ? route(call) : route;
    if (reply === 'network') throw new TypeError('Failed to fetch');
    if (reply instanceof Response) return reply;
    return json(reply.status ?? 200, reply.body);
  });
  vi.stubGlobal('fetch', fetch);

  return {
    fetch,
    calls,
    /** The calls to one route, e.g. `to('POST', '/api/tasks/T/submit')`. */
    to: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
    /** Sends a `cycle` event to every open live stream. */
    push(data: unknown) {
      for (const stream of streams) stream.enqueue(encoder.encode(`event: cycle\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}

/** Signs a demo user in, in Vietnamese unless told otherwise. */
export function signedIn(username: string, role: Role, areaCodes: string[] = ['01'], locale: 'vi' | 'en' = 'vi') {
  setLocale(locale);
  signIn({ token: `token-${username}`, user: { id: username, username, role, areaCodes } });
}
