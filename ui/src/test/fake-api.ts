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

/** A reply, a function of the call giving one (at once or later), or 'network' for a connection that fails. */
export type Route = Reply | 'network' | ((call: Call) => Reply | 'network' | Response | Promise<Reply>);

function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

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

  // Called as the typed client calls it (one Request) or as fetch(url, init).
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input), 'http://ui.test');
    const method = (request?.method ?? init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(request?.headers ?? init.headers).forEach((value, key) => (headers[key] = value));
    const text = request ? await request.clone().text() : typeof init.body === 'string' ? init.body : '';
    const call: Call = {
      method,
      url: url.pathname + url.search,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: text === '' ? undefined : parsedBody(text),
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
    const reply = typeof route === 'function' ? await route(call) : route;
    if (reply === 'network') throw new TypeError('Failed to fetch');
    if (reply instanceof Response) return reply;
    return json(reply.status ?? 200, reply.body);
  });
  vi.stubGlobal('fetch', fetch);

  /**
   * XMLHttpRequest through the same routes, for uploads: the upload reports half of the
   * body sent, then waits for the route's reply (a route may return a promise to hold
   * it there), then reports all of it sent and loads.
   */
  class FakeXMLHttpRequest extends EventTarget {
    readonly upload = new EventTarget();
    status = 0;
    statusText = '';
    responseText = '';
    private method = 'GET';
    private url = '';
    private readonly headers: Record<string, string> = {};

    open(method: string, url: string) {
      this.method = method.toUpperCase();
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }

    send(body: Blob | string | null = null) {
      void (async () => {
        const text = body === null ? '' : typeof body === 'string' ? body : await body.text();
        const total = new Blob([text]).size;
        const url = new URL(this.url, 'http://ui.test');
        const call: Call = { method: this.method, url: url.pathname + url.search, path: url.pathname, query: url.searchParams, headers: this.headers, body: parsedBody(text) };
        calls.push(call);
        const progress = (loaded: number) => this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total }));
        progress(Math.floor(total / 2));
        const route = routes[`${this.method} ${url.pathname}`];
        const reply = route === undefined ? { status: 404, body: { title: 'Not found', status: 404, detail: `no route ${this.method} ${url.pathname}` } } : typeof route === 'function' ? await route(call) : route;
        if (reply === 'network' || reply instanceof Response) {
          this.dispatchEvent(new ProgressEvent('error'));
          return;
        }
        progress(total);
        this.status = reply.status ?? 200;
        this.responseText = reply.body === undefined ? '' : JSON.stringify(reply.body);
        this.dispatchEvent(new ProgressEvent('load'));
      })();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);

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
