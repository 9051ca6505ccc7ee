import { DomainError } from '../domain/errors.js';
import { MAX_EVENT_BYTES } from './errors.js';
import { NotJsonError, canonicalJson, eventHash } from './hash.js';
import type { NewEvent } from './port.js';

/** An event ready to store: canonical JSON of data and metadata, and its place in the hash chain. */
export interface ChainedEvent {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly dataJson: string;
  /** Canonical JSON of the metadata with `prevHash`, without `hash`. */
  readonly metadataJson: string;
  readonly hash: string;
}

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/** Checks and serialises events before any write: a refusal leaves the store untouched. */
/** The domain's event versions, as the store needs them: stamp on write, check shape, upcast on read. */
export interface EventSchemas {
  upcast(type: string, schemaVersion: number, data: unknown): { data: unknown; schemaVersion: number };
  currentVersion(type: string): number;
  assertShape(type: string, data: unknown): void;
}

export interface SerialisedEvent {
  readonly event: NewEvent;
  readonly id: string;
  readonly dataJson: string;
}

export function serialiseEvents(events: readonly NewEvent[], newId: () => string, schemas?: EventSchemas): SerialisedEvent[] {
  if (events.length === 0) throw new DomainError('validation', 'an append needs at least one event');
  return events.map((given, i) => {
    let event = given;
    if (!EVENT_TYPE.test(event.type)) throw new DomainError('validation', `event ${i} has an invalid type`, [{ path: `events.${i}.type`, message: 'must be a letter then letters, digits, _ . -' }]);
    if (event.data === undefined) throw new DomainError('validation', `event ${i} has no data`, [{ path: `events.${i}.data`, message: 'is required' }]);
    let dataJson: string;
    try {
      dataJson = canonicalJson(event.data);
    } catch (err) {
      if (err instanceof NotJsonError || err instanceof RangeError) {
        throw new DomainError('validation', `event ${i} (${event.type}) is not JSON: ${err.message}`, [{ path: `events.${i}.data`, message: 'must be JSON' }]);
      }
      throw err;
    }
    if (schemas) {
      schemas.assertShape(event.type, event.data);
      if (event.metadata.schemaVersion === undefined) event = { ...event, metadata: { ...event.metadata, schemaVersion: schemas.currentVersion(event.type) } };
    }
    if (Buffer.byteLength(dataJson) > MAX_EVENT_BYTES) {
      throw new DomainError('too_large', `event ${i} (${event.type}) is over ${MAX_EVENT_BYTES} bytes`, [{ path: `events.${i}.data`, message: `must be at most ${MAX_EVENT_BYTES} bytes` }]);
    }
    return { event, id: event.id ?? newId(), dataJson };
  });
}

/** Links serialised events onto a stream whose head is `headRevision` with hash `headHash`. */
export function chainEvents(
  stream: string,
  serialised: readonly SerialisedEvent[],
  headRevision: number,
  headHash: string,
): ChainedEvent[] {
  let prevHash = headHash;
  return serialised.map(({ event, id, dataJson }, i) => {
    const revision = headRevision + 1 + i;
    const metadataJson = canonicalJson({ ...event.metadata, schemaVersion: event.metadata.schemaVersion ?? 1, prevHash });
    const hash = eventHash(stream, revision, event.type, dataJson, metadataJson);
    prevHash = hash;
    return { id, type: event.type, revision, dataJson, metadataJson, hash };
  });
}
