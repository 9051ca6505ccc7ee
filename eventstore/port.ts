import type { EventMetadata } from '../domain/events.js';

/** KurrentDB's expected-state vocabulary: a revision, or a condition on the stream. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export type NewMetadata = Omit<EventMetadata, 'prevHash' | 'hash' | 'schemaVersion'> & { schemaVersion?: number };

export interface NewEvent {
  /** Derived ids make retries idempotent; a random one is given when absent. */
  readonly id?: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: NewMetadata;
}

export interface RecordedEvent<D = unknown> {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: D;
  readonly metadata: EventMetadata;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  readonly nextRevision: number;
  /** The global position of the last event written (or found, for an idempotent retry). */
  readonly position: number;
}

export interface ReadStreamOptions {
  readonly from?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface EventFilter {
  readonly streamPrefix?: string;
  readonly types?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. 0 reads from the start. */
  readonly after?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Streams whose names start with `prefix`, in name order, after `after`. */
  listStreams(prefix: string, options?: { after?: string; limit?: number }): Promise<string[]>;
  /** Position of the newest event in the log; 0 when empty. */
  headPosition(): Promise<number>;
  /** Calls `listener` after each append made through this instance. */
  onAppend(listener: () => void): () => void;
  close(): Promise<void>;
}
