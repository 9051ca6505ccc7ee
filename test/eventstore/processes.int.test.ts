import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../eventstore/integrity.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-ops-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ack {
  stream: string;
  revision: number;
  position: number;
}

function writer(file: string, name: string, count: number): { child: ChildProcess; acks: Ack[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/append-worker.ts', file, name, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line) acks.push(JSON.parse(line) as Ack);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(stderr);
    resolve(code);
  }));
  return { child, acks, exited };
}

describe('several processes on one SQLite file', () => {
  it('append concurrently with no lost, doubled or misnumbered event', async () => {
    const file = join(dir, 'concurrent.db');
    new SqliteEventStore(file).close();
    const writers = ['a', 'b', 'c'].map((name) => writer(file, name, 150));
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual([0, 0, 0]);
    const store = new SqliteEventStore(file);
    const events = await store.readAll({ maxCount: 100_000 });
    expect(events).toHaveLength(3 * 150 + 3 * 30);
    expect(events.every((e, i) => i === 0 || e.position > events[i - 1]!.position)).toBe(true);
    for (const name of ['a', 'b', 'c']) expect((await store.readStream(`w-${name}`)).map((e) => e.revision)).toEqual([...Array(150).keys()]);
    expect((await store.readStream('shared')).map((e) => e.revision)).toEqual([...Array(90).keys()]);
    expect(await verifyLog(store)).toMatchObject({ valid: true, events: 540 });
    await store.close();
  });

  it('keeps every acknowledged event when a writer is killed mid-append, and stays consistent', async () => {
    const file = join(dir, 'killed.db');
    new SqliteEventStore(file).close();
    const victim = writer(file, 'victim', 100_000);
    const survivor = writer(file, 'survivor', 300);
    while (victim.acks.length < 400) await new Promise((r) => setTimeout(r, 20));
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(await survivor.exited).toBe(0);
    const store = new SqliteEventStore(file);
    for (const ack of [...victim.acks, ...survivor.acks]) {
      const [stored] = await store.readStream(ack.stream, { from: ack.revision, maxCount: 1 });
      expect(stored?.position).toBe(ack.position);
    }
    const own = await store.readStream('w-victim');
    expect(own.map((e) => e.revision)).toEqual([...Array(own.length).keys()]);
    expect(own.length).toBeGreaterThanOrEqual(victim.acks.filter((a) => a.stream === 'w-victim').length);
    expect((await verifyLog(store)).valid).toBe(true);
    // The killed writer's stream goes on where it stopped.
    expect((await store.append('w-victim', [{ type: 'Written', data: {}, metadata: { actor: 't', correlationId: 't', causationId: null, workflowId: null, at: '' } }], { expected: own.length - 1 })).nextRevision).toBe(own.length);
    await store.close();
  });
});
