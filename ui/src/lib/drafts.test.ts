import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type SaverState } from './drafts';

describe('saving a draft while the user types', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-12-07T08:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('saves at most every three seconds, the newest answers with the time they were typed', async () => {
    const saved: [Record<string, unknown>, string][] = [];
    const saver = new DraftSaver(async (data, at) => void saved.push([data, at]));
    saver.changed({ members: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    saver.changed({ members: 12 });
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saved).toEqual([[{ members: 12 }, '2026-12-07T08:00:01.000Z']]);
    // Nothing changed since: nothing more is sent.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toHaveLength(1);
  });

  it('keeps what failed to save for the next try, and says so', async () => {
    const states: SaverState[] = [];
    let fail = true;
    const saved: Record<string, unknown>[] = [];
    const saver = new DraftSaver(
      async (data) => {
        if (fail) throw new Error('offline');
        saved.push(data);
      },
      (state) => states.push(state),
    );
    saver.changed({ members: 3 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(states.map((s) => s.kind)).toEqual(['saving', 'failed']);
    fail = false;
    await saver.flush();
    expect(saved).toEqual([{ members: 3 }]);
    expect(states.at(-1)).toEqual({ kind: 'saved', at: '2026-12-07T08:00:00.000Z' });
  });

  it('saves at once on flush, and nothing after stop', async () => {
    const saved: Record<string, unknown>[] = [];
    const saver = new DraftSaver(async (data) => void saved.push(data));
    saver.changed({ members: 2 });
    await saver.flush();
    expect(saved).toEqual([{ members: 2 }]);
    saver.changed({ members: 5 });
    saver.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await saver.flush();
    expect(saved).toEqual([{ members: 2 }]);
  });
});
