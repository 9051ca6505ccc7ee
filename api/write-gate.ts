import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Writes through the API, held for a moment while a backup snapshots the data folder.
 *
 * A write that goes through a workflow update appends its events, then Temporal records the
 * update: between the two, the log is ahead of Temporal's state, and a snapshot of both
 * taken then would restore a workflow that never saw its own events. Holding new writes and
 * letting those in flight finish closes that window; what workflows do on their own (timers,
 * signals, activities) is recorded by Temporal before it acts, and done again, with the same
 * event ids, from a copy that lacks its end.
 */
export class WriteGate {
  #inFlight = 0;
  #open: Promise<void> | null = null;
  #release: (() => void) | null = null;
  #drained: (() => void) | null = null;

  async enter(): Promise<void> {
    while (this.#open) await this.#open;
    this.#inFlight++;
  }

  leave(): void {
    this.#inFlight--;
    if (this.#inFlight === 0) this.#drained?.();
  }

  /** Holds new writes and resolves once none is in flight. */
  async pause(): Promise<void> {
    this.#open ??= new Promise((resolve) => (this.#release = resolve));
    if (this.#inFlight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    this.#drained = null;
  }

  resume(): void {
    this.#open = null;
    this.#release?.();
    this.#release = null;
  }

  get paused(): boolean {
    return this.#open !== null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every write under /api/ passes the gate, and leaves it once answered. */
export function gateWrites(app: FastifyInstance, gate: WriteGate): void {
  const entered = new WeakSet<object>();
  app.addHook('onRequest', async (request) => {
    if (!WRITES.has(request.method) || !request.url.startsWith('/api/')) return;
    await gate.enter();
    entered.add(request);
  });
  const leave = async (request: object) => {
    if (entered.delete(request)) gate.leave();
  };
  app.addHook('onResponse', leave);
  app.addHook('onRequestAbort', leave);
}

/** The files by which `npm run backup` asks the server in the same data folder to hold its writes, and the server answers. */
export const PAUSE_REQUEST = 'backup.pause';
export const PAUSED = 'backup.paused';
/** A backup that has not let go after this long is taken to have died: writes go on. */
const LONGEST_PAUSE_MS = 120_000;

/** Watches the data folder for a backup's request to pause; returns a function that stops watching. */
export function answerPauseRequests(dataDir: string, gate: WriteGate, pollMs = 100): () => void {
  let since = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const requested = existsSync(join(dataDir, PAUSE_REQUEST));
      if (requested && !gate.paused) {
        await gate.pause();
        since = Date.now();
        writeFileSync(join(dataDir, PAUSED), `${process.pid}\n`);
      } else if (gate.paused && (!requested || Date.now() - since > LONGEST_PAUSE_MS)) {
        rmSync(join(dataDir, PAUSED), { force: true });
        if (requested) rmSync(join(dataDir, PAUSE_REQUEST), { force: true });
        gate.resume();
      }
    })().finally(() => (busy = false));
  }, pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (gate.paused) gate.resume();
    rmSync(join(dataDir, PAUSED), { force: true });
  };
}
