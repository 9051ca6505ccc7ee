import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, eventHash } from '../eventstore/hash.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';

/**
 * Receipts for accepted submissions. A receipt names the submission's event by its place in
 * the log and the event's hash; its id is `<position>-<MAC>`, the MAC of the two under a key
 * derived from the server's secret. So anyone holding a receipt can have it verified without
 * logging in, nobody can make one up or walk the log with guessed ids, and the check reads
 * one event: that the log holds it at that place, with that hash, and that its content still
 * hashes to it. A receipt says what was received and when, never the answers.
 *
 * The key follows the server's secret (`AUTH_SECRET`): receipts issued under a secret that is
 * later replaced no longer verify.
 */
export interface Receipt {
  readonly id: string;
  readonly position: number;
  readonly hash: string;
  readonly at: string;
}

export const RECEIPT_ID = /^([1-9]\d{0,14})-([A-Za-z0-9_-]{22})$/;

/** The receipts' own key, so that a receipt's MAC is never one the sessions' key makes. */
export function receiptKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('survey-ops receipts v1').digest();
}

const macOf = (key: Buffer, position: number, hash: string) => createHmac('sha256', key).update(`${position}:${hash}`).digest('base64url').slice(0, 22);

export function receiptFor(key: Buffer, event: RecordedEvent): Receipt {
  const hash = event.metadata.hash ?? '';
  return { id: `${event.position}-${macOf(key, event.position, hash)}`, position: event.position, hash, at: event.metadata.at };
}

/** The event a receipt names, when the log holds it with the hash the receipt was made for and its content still hashes to it; else null. */
export async function receiptEvent(store: EventStore, key: Buffer, id: string): Promise<RecordedEvent | null> {
  const match = RECEIPT_ID.exec(id);
  if (!match) return null;
  const position = Number(match[1]);
  const [event] = await store.readAll({ after: position - 1, maxCount: 1, raw: true });
  if (!event || event.position !== position || !event.metadata.hash) return null;
  if (!timingSafeEqual(Buffer.from(macOf(key, position, event.metadata.hash)), Buffer.from(match[2]!))) return null;
  const { hash, ...unhashed } = event.metadata;
  return eventHash(event.stream, event.revision, event.type, canonicalJson(event.data), canonicalJson(unhashed)) === hash ? event : null;
}
