import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerPauseRequestsInPostgres, pauseReplicas } from '../api/write-gate-postgres.js';
import { WriteGate } from '../api/write-gate.js';
import { freePortFor } from '../bin/ports.js';
import { startPostgres, type Postgres } from '../bin/postgres.js';

/** The backup's pause, asked of replicas through the database they share (api/write-gate-postgres.ts). */
let server: Postgres;
let dir: string;
let control: pg.Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'survey-ops-pgpause-'));
  server = await startPostgres({ dir, port: await freePortFor() });
  control = new pg.Client({ connectionString: server.url });
  await control.connect();
}, 120_000);

afterAll(async () => {
  await control?.end();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A write through the gate that takes `ms`; resolves with the time it got in. */
async function write(gate: WriteGate, ms = 0): Promise<number> {
  await gate.enter();
  const at = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  gate.leave();
  return at;
}

describe('the pause of every replica on one PostgreSQL log', () => {
  it('holds new writes on every replica once each has finished those in flight, and lets them go on resume', async () => {
    const gates = [new WriteGate(), new WriteGate()];
    const stops = await Promise.all(gates.map((gate) => answerPauseRequestsInPostgres(server.url, gate)));
    try {
      let finished = false;
      const inFlight = write(gates[0]!, 400).then(() => (finished = true));
      await new Promise((r) => setTimeout(r, 50));
      const paused = await pauseReplicas(control);
      expect(paused.replicas).toBe(2);
      // The write in flight finished before the pause was granted.
      expect(finished).toBe(true);
      await inFlight;
      expect(gates.every((gate) => gate.paused)).toBe(true);
      let held = true;
      const later = write(gates[1]!).then(() => (held = false));
      await new Promise((r) => setTimeout(r, 300));
      expect(held).toBe(true);
      await paused.resume();
      await later;
      // Each replica sees the request gone at its next look, a tenth of a second apart at most.
      await expect.poll(() => gates.some((gate) => gate.paused), { timeout: 5_000 }).toBe(false);
    } finally {
      for (const stop of stops) await stop();
    }
  });

  it('holds the writes of a replica that starts during the pause before it serves any', async () => {
    const first = new WriteGate();
    const stopFirst = await answerPauseRequestsInPostgres(server.url, first);
    const paused = await pauseReplicas(control);
    const late = new WriteGate();
    const stopLate = await answerPauseRequestsInPostgres(server.url, late);
    try {
      expect(late.paused).toBe(true);
      await paused.resume();
      await expect.poll(() => late.paused, { timeout: 5_000 }).toBe(false);
    } finally {
      await stopLate();
      await stopFirst();
    }
  });

  it('withdraws its request and copies nothing when a live replica does not answer', async () => {
    // A replica seen a moment ago that never looks for requests (its process hangs).
    await control.query(`INSERT INTO ops_replicas (id, seen_at) VALUES ('stuck', now())`);
    try {
      await expect(pauseReplicas(control, 1_000)).rejects.toThrow(/1 replica\(s\) did not hold their writes for the backup \(stuck\)/);
      expect((await control.query('SELECT count(*)::int AS n FROM ops_pause')).rows[0].n).toBe(0);
    } finally {
      await control.query(`DELETE FROM ops_replicas WHERE id = 'stuck'`);
    }
  });
});
