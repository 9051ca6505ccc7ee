import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../api/write-gate.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the write gate a backup closes', () => {
  it('pauses once the writes in flight are done, holds new ones, and lets them go on resume', async () => {
    const gate = new WriteGate();
    await gate.enter();
    let paused = false;
    const pausing = gate.pause().then(() => (paused = true));
    await tick();
    // The write in flight is not cut off: the pause waits for it.
    expect(paused).toBe(false);
    let entered = false;
    const late = gate.enter().then(() => (entered = true));
    gate.leave();
    await pausing;
    expect(paused).toBe(true);
    await tick();
    // A write that came during the pause waits.
    expect(entered).toBe(false);
    gate.resume();
    await late;
    expect(entered).toBe(true);
    expect(gate.paused).toBe(false);
  });

  it('pauses at once when nothing is in flight', async () => {
    const gate = new WriteGate();
    await gate.pause();
    expect(gate.paused).toBe(true);
    gate.resume();
    await gate.enter();
    gate.leave();
  });
});
