import { ApiError } from './api';
import { errorMessage } from './errors';
import { t } from '../i18n/index.svelte';
import { getCycle } from './cycles';
import { watchCycles } from './live';
import { getTask, getTaskContext, type TaskContext } from './tasks';

/**
 * A task as its page shows it: loaded with its cycle and survey, then reloaded
 * whenever the live feed says its cycle changed (someone else reviewed, reassigned,
 * closed collection). The enumerator's page and the supervisor's review page share it.
 */
export class LiveTask {
  ctx = $state<TaskContext | null>(null);
  error = $state('');
  connected = $state(false);

  constructor(readonly id: string) {}

  /**
   * The unit the task is about, by its name once the task is loaded; before, or for a unit the
   * frame does not hold, by its code (task ids are `<cycleId>.<unitId>`, so that one is known at once).
   */
  get unit(): string {
    return this.ctx?.task.unitName ?? this.ctx?.task.unitId ?? this.id.slice(this.id.indexOf('.') + 1);
  }

  /** Loads the task, then follows its cycle until the returned function is called: made for `onMount`. */
  follow(onLoaded?: (ctx: TaskContext) => void): () => void {
    let stop: (() => void) | null = null;
    let left = false;
    void this.#load().then((loaded) => {
      if (!loaded || left) return;
      onLoaded?.(loaded);
      // Without its cycle (a respondent's task) there is no live feed to follow: the page reloads after its own changes.
      if (!loaded.cycle) return;
      stop = watchCycles(loaded.task.cycleId, {
        // The cycle's status decides whether the task still takes a response (closing stops it).
        onCycle: (cycle) => {
          if (this.ctx) this.ctx.cycle = cycle;
        },
        onChange: () => this.reload(),
        onConnectedChange: (now) => (this.connected = now),
      });
    });
    return () => {
      left = true;
      stop?.();
    };
  }

  /** Fetches the task and its cycle's overview again (the survey does not change under it). */
  async reload(): Promise<void> {
    if (!this.ctx) return;
    try {
      const [task, cycle] = await Promise.all([getTask(this.id), this.ctx.cycle ? getCycle(this.ctx.task.cycleId) : null]);
      this.ctx.task = task;
      this.ctx.cycle = cycle;
      // The server's answer replaces whatever came from the device's copy.
      this.ctx.copiedAt = undefined;
      this.error = '';
    } catch (err) {
      this.error = this.#failure(err);
    }
  }

  async #load(): Promise<TaskContext | null> {
    try {
      this.ctx = await getTaskContext(this.id);
      this.error = '';
    } catch (err) {
      this.error = this.#failure(err);
    }
    return this.ctx;
  }

  #failure(err: unknown): string {
    return err instanceof ApiError && err.status === 404 ? t('task.notFound') : errorMessage(err);
  }
}
