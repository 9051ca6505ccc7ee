import { GENESIS_HASH, eventHash } from './hash.js';
import type { EventStore } from './port.js';

export interface StreamVerification {
  readonly valid: boolean;
  readonly events: number;
  readonly firstBrokenRevision?: number;
  readonly reason?: string;
}

/** Recomputes a stream's hash chain; the first event whose link or hash does not hold is named. */
export async function verifyStream(store: EventStore, stream: string): Promise<StreamVerification> {
  let prevHash = GENESIS_HASH;
  let expectedRevision = 0;
  let count = 0;
  for (;;) {
    const page = await store.readStream(stream, { from: expectedRevision, maxCount: 1000 });
    for (const event of page) {
      const { hash, ...rest } = event.metadata;
      const broken = (reason: string): StreamVerification => ({ valid: false, events: count, firstBrokenRevision: event.revision, reason });
      if (event.revision !== expectedRevision) return { valid: false, events: count, firstBrokenRevision: expectedRevision, reason: 'missing revision' };
      if (rest.prevHash !== prevHash) return broken('link to the previous event does not match');
      if (eventHash({ stream, revision: event.revision, type: event.type, data: event.data, metadata: rest }) !== hash) return broken('content does not match its hash');
      prevHash = hash!;
      expectedRevision++;
      count++;
    }
    if (page.length < 1000) return { valid: true, events: count };
  }
}
