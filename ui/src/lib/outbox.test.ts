import { describe, expect, it } from 'vitest';
import { MemoryOutboxStore, Outbox, retryDelay, type OutboxItem, type Outcome, type Transport } from './outbox';

/** A clock the test moves. */
class FakeClock {
  time = Date.parse('2026-12-07T08:00:00Z');
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

/** A server the test scripts: each call takes the next answer for its kind, and every call is noted. */
class ScriptedServer implements Transport {
  readonly calls: { kind: 'submit' | 'late'; key: string; taskId: string }[] = [];
  constructor(readonly answer: (kind: 'submit' | 'late', item: OutboxItem, call: number) => Outcome) {}
  async submit(item: OutboxItem): Promise<Outcome> {
    this.calls.push({ kind: 'submit', key: item.key, taskId: item.taskId });
    return this.answer('submit', item, this.calls.length);
  }
  async submitLate(item: OutboxItem): Promise<Outcome> {
    this.calls.push({ kind: 'late', key: item.key, taskId: item.taskId });
    return this.answer('late', item, this.calls.length);
  }
}

const accepted: Outcome = { kind: 'accepted', status: 'in_review' };
const setUp = (answer: ScriptedServer['answer']) => {
  const clock = new FakeClock();
  const server = new ScriptedServer(answer);
  const outbox = new Outbox(new MemoryOutboxStore(), server, clock);
  return { clock, server, outbox };
};
const fill = async (outbox: Outbox, tasks: string[]) => {
  for (const [i, task] of tasks.entries()) await outbox.add(task, { members: i + 1 }, {}, `key-${task}`);
};

describe('the outbox', () => {
  it('sends in the order submitted, each once, and counts what waits', async () => {
    const { server, outbox } = setUp(() => accepted);
    await fill(outbox, ['T3', 'T1', 'T2']);
    // The same submission again (a double tap) is the same item.
    await outbox.add('T3', { members: 9 }, {}, 'key-T3');
    expect(await outbox.waiting()).toBe(3);
    expect(await outbox.flush()).toEqual({ sent: 3, stopped: 'done' });
    expect(server.calls.map((c) => c.taskId)).toEqual(['T3', 'T1', 'T2']);
    expect((await outbox.items()).map((i) => [i.taskId, i.status, i.serverStatus])).toEqual([['T3', 'sent', 'in_review'], ['T1', 'sent', 'in_review'], ['T2', 'sent', 'in_review']]);
    expect(await outbox.waiting()).toBe(0);
    await outbox.flush();
    expect(server.calls).toHaveLength(3);
  });

  it('keeps each accepted submission’s receipt with it', async () => {
    const { outbox } = setUp((_kind, item) => ({ kind: 'accepted', status: 'in_review', receipt: `7-receipt-of-${item.taskId}` }));
    await fill(outbox, ['T1', 'T2']);
    await outbox.flush();
    expect((await outbox.items()).map((i) => i.receipt)).toEqual(['7-receipt-of-T1', '7-receipt-of-T2']);
  });

  it('holds the rest behind one it could not send, and tries it again, with the same key, later and later', async () => {
    let down = true;
    const { clock, server, outbox } = setUp(() => (down ? { kind: 'unreachable', detail: 'offline' } : accepted));
    await fill(outbox, ['T1', 'T2']);
    expect(await outbox.flush()).toEqual({ sent: 0, stopped: 'unreachable', retryAt: clock.time + 2_000 });
    // Not due yet: nothing is sent.
    clock.advance(1_000);
    expect(await outbox.flush()).toMatchObject({ sent: 0, stopped: 'later' });
    clock.advance(1_000);
    expect(await outbox.flush()).toEqual({ sent: 0, stopped: 'unreachable', retryAt: clock.time + 4_000 });
    expect([retryDelay(1), retryDelay(2), retryDelay(3), retryDelay(20)]).toEqual([2_000, 4_000, 8_000, 300_000]);
    down = false;
    clock.advance(4_000);
    expect(await outbox.flush()).toEqual({ sent: 2, stopped: 'done' });
    // T2 waited behind T1 the whole time; T1 went three times under one key.
    expect(server.calls.map((c) => c.taskId)).toEqual(['T1', 'T1', 'T1', 'T2']);
    expect(new Set(server.calls.filter((c) => c.taskId === 'T1').map((c) => c.key))).toEqual(new Set(['key-T1']));
  });

  it('sends one refused because the world moved on as a late submission, and keeps one refused for its answers, without holding the rest', async () => {
    const { server, outbox } = setUp((kind, item) => {
      if (kind === 'late') return { kind: 'accepted', status: 'received' };
      if (item.taskId === 'T1') return { kind: 'refused', code: 'task.not_found', detail: 'no task T1' };
      if (item.taskId === 'T2') return { kind: 'refused', code: 'task.response_invalid', detail: 'members must be at least 1' };
      return accepted;
    });
    await fill(outbox, ['T1', 'T2', 'T3']);
    expect(await outbox.flush()).toEqual({ sent: 2, stopped: 'done' });
    expect(server.calls.map((c) => `${c.kind}:${c.taskId}`)).toEqual(['submit:T1', 'late:T1', 'submit:T2', 'submit:T3']);
    const items = await outbox.items();
    expect(items.map((i) => [i.taskId, i.status])).toEqual([['T1', 'late'], ['T2', 'refused'], ['T3', 'sent']]);
    expect(items[1]!.reason).toEqual({ code: 'task.response_invalid', detail: 'members must be at least 1' });
    expect(await outbox.waiting()).toBe(0);
  });

  it('keeps a late submission it could not send, and sends it late again, not on time', async () => {
    let lateDown = true;
    const { clock, server, outbox } = setUp((kind) => (kind === 'submit' ? { kind: 'refused', code: 'task.collection_closed', detail: 'closed' } : lateDown ? { kind: 'unreachable', detail: 'offline' } : { kind: 'accepted', status: 'received' }));
    await fill(outbox, ['T1']);
    expect(await outbox.flush()).toMatchObject({ stopped: 'unreachable' });
    lateDown = false;
    clock.advance(60_000);
    expect(await outbox.flush()).toEqual({ sent: 1, stopped: 'done' });
    expect(server.calls.map((c) => c.kind)).toEqual(['submit', 'late', 'late']);
    expect((await outbox.items())[0]).toMatchObject({ status: 'late', reason: { code: 'task.collection_closed' } });
  });

  it('stops when the session has ended and goes on, in order, after the next login', async () => {
    let signedIn = false;
    const { server, outbox } = setUp(() => (signedIn ? accepted : { kind: 'signed_out' }));
    await fill(outbox, ['T1', 'T2']);
    expect(await outbox.flush()).toEqual({ sent: 0, stopped: 'signed_out' });
    expect(await outbox.waiting()).toBe(2);
    signedIn = true;
    expect(await outbox.flush()).toEqual({ sent: 2, stopped: 'done' });
    expect(server.calls.map((c) => c.taskId)).toEqual(['T1', 'T1', 'T2']);
  });

  it('tries at once what waits when the user asks, due or not', async () => {
    let down = true;
    const { clock, server, outbox } = setUp(() => (down ? { kind: 'unreachable', detail: 'offline' } : accepted));
    await fill(outbox, ['T1']);
    await outbox.flush();
    down = false;
    clock.advance(500);
    expect(await outbox.flush()).toMatchObject({ sent: 0, stopped: 'later' });
    expect(await outbox.flush({ now: true })).toEqual({ sent: 1, stopped: 'done' });
    expect(server.calls).toHaveLength(2);
  });

  it('shares one flush between callers: the online event and the timer do not send twice', async () => {
    const { server, outbox } = setUp(() => accepted);
    await fill(outbox, ['T1', 'T2']);
    const [a, b] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(a).toEqual(b);
    expect(server.calls).toHaveLength(2);
  });

  it('sends the next while the last one’s state is being written, and ends once every state is stored', async () => {
    /** A store whose writes finish only when the test lets them; it notes each write's items. */
    class SlowStore extends MemoryOutboxStore {
      readonly writes: string[][] = [];
      release: () => void = () => undefined;
      #gate = new Promise<void>((resolve) => (this.release = resolve));
      override async put(...items: OutboxItem[]): Promise<void> {
        if (items.some((item) => item.status !== 'waiting')) {
          this.writes.push(items.map((item) => item.taskId));
          await this.#gate;
        }
        await super.put(...items);
      }
    }
    const store = new SlowStore();
    const server = new ScriptedServer(() => accepted);
    const outbox = new Outbox(store, server, new FakeClock());
    await fill(outbox, ['T1', 'T2', 'T3']);
    let done = false;
    const flushed = outbox.flush().then((result) => ((done = true), result));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // All three went while the first state was still being written; the flush waits for the writes.
    expect(server.calls.map((c) => c.taskId)).toEqual(['T1', 'T2', 'T3']);
    expect(done).toBe(false);
    store.release();
    expect(await flushed).toEqual({ sent: 3, stopped: 'done' });
    // The states that came while a write was on its way went together in the next.
    expect(store.writes).toEqual([['T1'], ['T2', 'T3']]);
    expect((await outbox.items()).map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
  });
});
