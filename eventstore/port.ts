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

/** An event exactly as stored, for verification: canonical JSON, no upcasting. */
export interface RawEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly dataJson: string;
  /** Canonical JSON of the metadata without `hash`. */
  readonly metadataJson: string;
  readonly hash: string;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  readonly nextRevision: number;
  /** The global position of the last event written (or found, for an idempotent retry). */
  readonly position: number;
}

export interface ReadStreamOptions {
  /** As stored, without upcasting to the newest shape. */
  readonly raw?: boolean;
  readonly from?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface EventFilter {
  readonly streamPrefix?: string;
  readonly types?: readonly string[];
}

export interface ReadAllOptions {
  /** As stored, without upcasting to the newest shape. */
  readonly raw?: boolean;
  /** Forwards: events after this position (exclusive); 0 or absent reads from the start. */
  readonly after?: number;
  /** Backwards: events before this position (exclusive); absent reads from the end. */
  readonly before?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** The checkpoint: the position of the last event already handled; 0 or absent from the start. */
  readonly after?: number;
  readonly filter?: EventFilter;
  /** Ends the subscription; the iterator then finishes without error. */
  readonly signal?: AbortSignal;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up, then live: every event after the checkpoint in log order, with no gap,
   * duplicate or reordering, until the signal aborts.
   */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** The log as stored, in order, after `after`: what integrity verification reads. */
  rawLog(options?: { after?: number; stream?: string }): AsyncIterable<RawEvent>;
  /** Streams whose names start with `prefix`, in name order, after `after`. */
  listStreams(prefix: string, options?: { after?: string; limit?: number }): Promise<string[]>;
  /** Position of the newest event in the log; 0 when empty. */
  headPosition(): Promise<number>;
  /** Calls `listener` after each append made through this instance (and, for a log other processes share, after theirs). */
  onAppend(listener: () => void): () => void;
  close(): Promise<void>;
}
