import { authHeaders } from '../api';
import type { OutboxItem, Outcome, Transport } from '../outbox';
import { auth, hasRefresh, renew, sessionExpired } from '../session.svelte';

/** Statuses that say "not now" rather than "no": the item waits and is tried again. */
const TRY_AGAIN = new Set([408, 425, 429]);

/**
 * The outbox's way to the server:
 * - on time: `POST /api/tasks/:id/submit` `{data, explanations}`;
 * - late: `POST /api/tasks/:id/late-submissions` `{data, explanations, submittedAt, refusedWith}`,
 *   `refusedWith` naming the refusal that made it late;
 * both with the item's `Idempotency-Key`. An ended access token is renewed once through the
 * session (a device's refresh token); when it cannot be, the outbox waits for the next login.
 */
export const apiTransport: Transport = {
  async submit(item) {
    return attempt(`/api/tasks/${encodeURIComponent(item.taskId)}/submit`, item.key, { data: item.data, explanations: item.explanations }, (body) => statusOf(body) ?? 'received');
  },
  async submitLate(item) {
    const body = { data: item.data, explanations: item.explanations, submittedAt: item.submittedAt, refusedWith: item.reason?.code ?? null };
    return attempt(`/api/tasks/${encodeURIComponent(item.taskId)}/late-submissions`, item.key, body, (answer) => `late_${statusOf(answer) ?? 'received'}`);
  },
};

async function attempt(path: string, key: string, body: unknown, accepted: (answer: unknown) => string, renewed = false): Promise<Outcome> {
  if (!auth.session) return { kind: 'signed_out' };
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key, ...authHeaders() },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return { kind: 'unreachable', detail: err instanceof Error ? err.message : 'network' };
  }
  const answer: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const receipt = textOf(typeof answer === 'object' && answer !== null ? Reflect.get(answer, 'receipt') : undefined, 'id');
    return { kind: 'accepted', status: accepted(answer), ...(receipt ? { receipt } : {}) };
  }
  if (res.status === 401) {
    if (!renewed && hasRefresh() && (await renew())) return attempt(path, key, body, accepted, true);
    // Kept but not renewed: the device is offline again, or the server failed on its side.
    if (auth.session && hasRefresh()) return { kind: 'unreachable', detail: 'the session could not be renewed' };
    if (auth.session) sessionExpired(textOf(answer, 'code') ?? null);
    return { kind: 'signed_out' };
  }
  if (res.status >= 500 || TRY_AGAIN.has(res.status)) return { kind: 'unreachable', detail: textOf(answer, 'detail') ?? `HTTP ${res.status}` };
  const refusal = { kind: 'refused', code: textOf(answer, 'code') ?? `http.${res.status}`, detail: textOf(answer, 'detail') ?? textOf(answer, 'title') ?? `HTTP ${res.status}` } as const;
  const params = paramsOf(answer);
  return params ? { ...refusal, params } : refusal;
}

function textOf(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function paramsOf(body: unknown): Record<string, string | number> | undefined {
  const params: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'params') : undefined;
  if (typeof params !== 'object' || params === null) return undefined;
  const kept = Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

const statusOf = (body: unknown) => textOf(body, 'status');
