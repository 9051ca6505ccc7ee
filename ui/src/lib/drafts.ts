import { ApiError, client, ok } from './api';

/** A task's draft on the server: the holder's answers so far (`PUT`/`GET /api/tasks/:id/draft`). */
export interface Draft {
  taskId: string;
  data: Record<string, unknown>;
  savedAt: string;
  storedAt: string;
}

/** The draft kept for the caller, or null when there is none. */
export async function getDraft(taskId: string): Promise<Draft | null> {
  try {
    return await ok(client.GET('/api/tasks/{id}/draft', { params: { path: { id: taskId } } }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function saveDraft(taskId: string, data: Record<string, unknown>, savedAt: string): Promise<Draft> {
  return ok(client.PUT('/api/tasks/{id}/draft', { params: { path: { id: taskId } }, body: { data, savedAt } }));
}

export type SaverState = { readonly kind: 'idle' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: string } | { readonly kind: 'failed' };

/**
 * Saves the form's answers as the user types, at most once every `intervalMs`: the first
 * change waits that long, later ones join it, and what is sent is the newest. Each save
 * carries the time of the change it holds, so that of two devices the later typing wins.
 */
export class DraftSaver {
  #latest: { data: Record<string, unknown>; at: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  #stopped = false;

  constructor(
    private readonly save: (data: Record<string, unknown>, savedAt: string) => Promise<unknown>,
    private readonly onstate: (state: SaverState) => void = () => {},
    private readonly intervalMs = 3_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The answers changed: saved within `intervalMs`. */
  changed(data: Record<string, unknown>): void {
    if (this.#stopped) return;
    this.#latest = { data, at: this.now() };
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.intervalMs);
  }

  /** Saves at once what waits (the page is left or hidden). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#saving;
    const latest = this.#latest;
    if (!latest || this.#stopped) return;
    this.#latest = null;
    const savedAt = new Date(latest.at).toISOString();
    this.onstate({ kind: 'saving' });
    this.#saving = this.save(latest.data, savedAt).then(
      () => this.onstate({ kind: 'saved', at: savedAt }),
      () => {
        // Kept for the next change or flush, unless something newer came meanwhile.
        this.#latest ??= latest;
        this.onstate({ kind: 'failed' });
      },
    );
    await this.#saving;
  }

  /** No more saves: the answers were submitted, or the task left the user's hands. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#latest = null;
  }
}
