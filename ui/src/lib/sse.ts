import { authHeaders, handleUnauthorized } from './api';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Feeds text chunks in, calls `onEvent` for each complete event.
 * Implements the parts of the text/event-stream format the API uses:
 * `event:` and `data:` fields, comments, and any of the three line endings.
 */
export function createSseParser(onEvent: (e: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  function line(text: string): void {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }

  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.search(/[\r\n]/);
      if (end < 0) return;
      // A lone '\r' at the end may be the first half of '\r\n': wait for more.
      if (buffer[end] === '\r' && end === buffer.length - 1) return;
      const width = buffer[end] === '\r' && buffer[end + 1] === '\n' ? 2 : 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + width);
    }
  };
}

export interface LiveHandlers {
  onEvent: (e: SseEvent) => void;
  onConnectedChange: (connected: boolean) => void;
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Reads a server-sent event stream with fetch (EventSource cannot send the
 * bearer token), reconnecting with a growing delay. Returns a function that
 * stops it; call it when the page is left.
 */
export function connectLive(path: string, handlers: LiveHandlers): () => void {
  const controller = new AbortController();
  const { signal } = controller;

  async function readOnce(): Promise<'again' | 'stop'> {
    const res = await fetch(path, {
      headers: { Accept: 'text/event-stream', ...authHeaders() },
      cache: 'no-store',
      signal,
    });
    if (res.status === 401) {
      handleUnauthorized();
      return 'stop';
    }
    if (!res.ok || !res.body) return 'again';
    handlers.onConnectedChange(true);
    const feed = createSseParser(handlers.onEvent);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'again';
        feed(value);
      }
    } finally {
      handlers.onConnectedChange(false);
    }
  }

  void (async () => {
    let failures = 0;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        if ((await readOnce()) === 'stop') return;
      } catch {
        if (signal.aborted) return;
      }
      // A stream that stayed up a while was healthy: start the backoff over.
      failures = Date.now() - started > MAX_DELAY_MS ? 0 : failures + 1;
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.max(0, failures - 1));
      await sleep(delay * (0.75 + Math.random() * 0.5), signal);
    }
  })();

  return () => controller.abort();
}
