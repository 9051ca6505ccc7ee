import { describe, expect, it } from 'vitest';
import { currentWorkFirst, defaultCycle } from './cycles';
import type { CycleStatus } from './types';

const cycles = (...statuses: CycleStatus[]) => statuses.map((status, i) => ({ id: `c${i}`, status }));

describe('defaultCycle', () => {
  it('opens on the newest cycle being collected, even below newer cancelled and published ones', () => {
    expect(defaultCycle(cycles('cancelled', 'published', 'collecting', 'collecting'))?.id).toBe('c2');
  });

  it('falls back to the newest in review after closing, then the newest published', () => {
    expect(defaultCycle(cycles('cancelled', 'published', 'closed'))?.id).toBe('c2');
    expect(defaultCycle(cycles('cancelled', 'published', 'published'))?.id).toBe('c1');
  });

  it('never opens on a cancelled cycle', () => {
    expect(defaultCycle(cycles('cancelled', 'cancelled'))).toBeUndefined();
    expect(defaultCycle([])).toBeUndefined();
  });
});

describe('currentWorkFirst', () => {
  it('puts the cycles being collected first, then those closing, then published, then cancelled, newest first within each', () => {
    const ordered = currentWorkFirst(cycles('cancelled', 'published', 'closed', 'collecting', 'cancelling', 'collecting', 'launching'));
    expect(ordered.map((c) => `${c.id}:${c.status}`)).toEqual(['c3:collecting', 'c5:collecting', 'c6:launching', 'c2:closed', 'c1:published', 'c0:cancelled', 'c4:cancelling']);
  });
});
