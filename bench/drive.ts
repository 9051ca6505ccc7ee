/**
 * Drives full task lifecycles through the HTTP API of a running system, as its users would:
 * a manager imports households and launches a cycle of the demo labour force survey over
 * communes of Hà Nội; the enumerator submits each task and the supervisor approves it at
 * commune then province level. With several base URLs (the cluster's replicas) the requests
 * alternate between them, one after another.
 */
import { randomUUID } from 'node:crypto';
import { lfsHousehold } from '../test/helpers/lfs.js';

/** Communes of Hà Nội without the demo's own households (those are in 01001 to 01004). */
const COMMUNES = Array.from({ length: 122 }, (_, i) => `01${String(i + 5).padStart(3, '0')}`);
const HOUSEHOLD = lfsHousehold({ members: 4, employed: 2, unemployed: 1 });

export class Api {
  private next = 0;
  private readonly tokens = new Map<string, string>();
  constructor(readonly bases: readonly string[]) {}

  async login(...users: string[]): Promise<void> {
    for (const user of users) {
      const res = await fetch(`${this.bases[0]}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'demo' }) });
      if (!res.ok) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
      this.tokens.set(user, ((await res.json()) as { token: string }).token);
    }
  }

  /** One request to the next base URL in turn; anything but 2xx throws. */
  async call<T = unknown>(user: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const base = this.bases[this.next++ % this.bases.length];
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens.get(user)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} on ${base}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export interface Launched {
  readonly cycleId: string;
  readonly taskIds: string[];
  /** From the launch request to every task assigned, seconds. */
  readonly seconds: number;
}

/** Imports `n` households (ids `prefix` + number) and launches a cycle over their communes; answers once every task is assigned. */
export async function launchCycle(api: Api, n: number, period: string, prefix: string): Promise<Launched> {
  const units = Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(7, '0')}`, type: 'household', areaCode: COMMUNES[i % COMMUNES.length]!, name: `Hộ ${i}`, enumerator: 'enum.hanoi' }));
  for (let i = 0; i < n; i += 10_000) await api.call('manager', 'POST', '/api/units/import', units.slice(i, i + 10_000));
  const started = performance.now();
  const { id: cycleId } = await api.call<{ id: string }>('manager', 'POST', '/api/cycles', { survey: 'LFS', period, areaCodes: COMMUNES, collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  for (;;) {
    const o = await api.call<{ status: string; total: number; counts: Record<string, number> }>('manager', 'GET', `/api/cycles/${cycleId}`);
    if (o.status === 'collecting' && o.total === n && (o.counts.assigned ?? 0) === n) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { cycleId, taskIds: units.map((u) => `${cycleId}.${u.id}`), seconds: (performance.now() - started) / 1000 };
}

const submit = (api: Api, taskId: string) => api.call('enum.hanoi', 'POST', `/api/tasks/${taskId}/submit`, { data: HOUSEHOLD }, { 'idempotency-key': randomUUID() });
const approve = (api: Api, taskId: string, level: 'commune' | 'province') => api.call('sup.hanoi', 'POST', `/api/tasks/${taskId}/review`, { decision: 'approve', level });

/** Closed loop: `concurrency` clients, each taking the next task through submit and both approvals; seconds for all. */
export async function closedLoop(api: Api, taskIds: readonly string[], concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < taskIds.length) {
        const taskId = taskIds[next++]!;
        await submit(api, taskId);
        await approve(api, taskId, 'commune');
        await approve(api, taskId, 'province');
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

export interface OpenLoop {
  /** Milliseconds from each submission's scheduled time to its answer. */
  readonly submissions: number[];
  /** Milliseconds from each approval's request to its answer (both levels). */
  readonly approvals: number[];
  /** From the first scheduled arrival to the last answer, seconds. */
  readonly seconds: number;
  /** How late the driver sent submissions behind their schedule at worst, ms (its own lag, counted in the latencies). */
  readonly maxSendLag: number;
}

/**
 * Open loop: task i arrives at `i / rate` seconds whatever the system's pace; each arrival is
 * a submission, then the commune approval, then the province approval. A submission's
 * latency runs from its scheduled time, so a driver or system falling behind shows in it.
 */
export async function openLoop(api: Api, taskIds: readonly string[], rate: number): Promise<OpenLoop> {
  const submissions: number[] = [];
  const approvals: number[] = [];
  const running: Promise<void>[] = [];
  let maxSendLag = 0;
  const start = performance.now() + 100;
  for (const [i, taskId] of taskIds.entries()) {
    const at = start + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    maxSendLag = Math.max(maxSendLag, performance.now() - at);
    running.push(
      (async () => {
        await submit(api, taskId);
        submissions.push(performance.now() - at);
        for (const level of ['commune', 'province'] as const) {
          const sent = performance.now();
          await approve(api, taskId, level);
          approvals.push(performance.now() - sent);
        }
      })(),
    );
  }
  await Promise.all(running);
  return { submissions, approvals, seconds: (performance.now() - start) / 1000, maxSendLag };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
