import type { EventMetadata } from '../domain/events.js';
import type { EventSchemas } from './chain.js';
import type { RecordedEvent } from './port.js';

/** A stored event's columns: data and metadata as canonical JSON, the hash beside them. */
export interface StoredColumns {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly hash: string;
}

/** A stored event as readers get it: parsed, its hash in its metadata, upcast to the newest shape unless `raw`. */
export function toRecorded(row: StoredColumns, schemas: EventSchemas | undefined, raw: boolean | undefined): RecordedEvent {
  const metadata = JSON.parse(row.metadataJson) as { -readonly [K in keyof EventMetadata]: EventMetadata[K] };
  metadata.hash = row.hash;
  let data = JSON.parse(row.dataJson) as unknown;
  if (schemas && !raw) {
    const upcast = schemas.upcast(row.type, metadata.schemaVersion, data);
    data = upcast.data;
    metadata.schemaVersion = upcast.schemaVersion;
  }
  return { id: row.id, stream: row.stream, revision: row.revision, position: row.position, type: row.type, data, metadata };
}

/**
 * Resolves at the next wake-up: a call of the function added to `wakers` (an append), the
 * signal's abort, or `pollMs` passing.
 */
export function nextWake(wakers: Set<() => void>, pollMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wakers.delete(done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, pollMs);
    wakers.add(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
