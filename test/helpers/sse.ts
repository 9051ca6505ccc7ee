export interface Sse {
  readonly events: { event: string; data: unknown }[];
  close(): void;
}

/** Follows `/api/live` over real HTTP at `base` as `token`, collecting its events as they arrive. */
export async function followLive(base: string, token: string, query: string): Promise<Sse> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/live${query}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`GET /api/live${query}: ${res.status}`);
  const events: Sse['events'] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return { events, close: () => controller.abort() };
}
