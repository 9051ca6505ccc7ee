import { connectLive } from './sse';
import { isCycleOverview, type CycleOverview } from './types';

export interface CycleWatch {
  /** The cycle's new overview, as the server sent it. */
  onCycle?: (cycle: CycleOverview) => void;
  /**
   * Something in the cycle changed (or the stream came back after a gap):
   * reload what the page shows. Called at most every `settleMs`.
   */
  onChange: (cycleId: string | null) => void;
  onConnectedChange: (connected: boolean) => void;
}

/**
 * Follows `/api/live` for one cycle (or all the caller sees when `cycleId` is null).
 * The stream carries cycle overviews only, so pages showing tasks reload them on
 * each change. Returns the function that stops it.
 */
export function watchCycles(cycleId: string | null, watch: CycleWatch, settleMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = new Set<string | null>();
  let connectedBefore = false;

  // Several events in a burst (a review touches the task and the cycle) cost one reload each.
  const schedule = (id: string | null) => {
    changed.add(id);
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const ids = [...changed];
      changed.clear();
      for (const one of ids) watch.onChange(one);
    }, settleMs);
  };

  const path = cycleId ? `/api/live?cycleId=${encodeURIComponent(cycleId)}` : '/api/live';
  const stop = connectLive(path, {
    onEvent(e) {
      if (e.event !== 'cycle') return;
      let cycle: unknown;
      try {
        cycle = JSON.parse(e.data);
      } catch {
        return; // A malformed event is skipped; the next one carries the full state again.
      }
      if (!isCycleOverview(cycle) || (cycleId && cycle.id !== cycleId)) return;
      watch.onCycle?.(cycle);
      schedule(cycle.id);
    },
    onConnectedChange(now) {
      watch.onConnectedChange(now);
      // Events sent while disconnected are lost: catch up.
      if (now && connectedBefore) schedule(cycleId);
      if (now) connectedBefore = true;
    },
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop();
  };
}
