import { GENESIS_HASH, eventHash } from './hash.js';
import type { EventStore, RawEvent } from './port.js';

export const SEALS_STREAM = 'seals';

export interface SealHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
}

/**
 * A seal: the head of every stream that moved in the log up to `upTo`, since the previous
 * seal. A seal over many streams is written as several `LogSealed` events (parts) in one
 * append, each under the event size limit; older seals have no part numbers (one part).
 */
export interface SealData {
  readonly upTo: number;
  readonly heads: SealHead[];
  readonly previousSealHash: string;
  readonly part?: number;
  readonly parts?: number;
}

/** Heads per `LogSealed` event: about 150 bytes each, well under the 1 MiB event limit. */
export const SEAL_HEADS_PER_EVENT = 4000;

export interface Problem {
  readonly stream: string;
  readonly revision: number;
  readonly reason: string;
}

export interface LogVerification {
  readonly valid: boolean;
  readonly events: number;
  readonly streams: number;
  readonly seals: number;
  readonly problems: Problem[];
}

export interface StreamVerification {
  readonly valid: boolean;
  readonly events: number;
  readonly firstBrokenRevision?: number;
  readonly reason?: string;
}

function prevHashOf(metadataJson: string): string | undefined {
  const at = metadataJson.indexOf('"prevHash":"');
  if (at >= 0) return metadataJson.slice(at + 12, at + 12 + 64);
  try {
    return (JSON.parse(metadataJson) as { prevHash?: string }).prevHash;
  } catch {
    return undefined;
  }
}

/** The first thing wrong with `event` as the successor of `head` in its stream's chain, if any. */
function chainProblem(event: RawEvent, head: { revision: number; hash: string }): string | null {
  if (event.revision !== head.revision + 1) {
    return event.revision > head.revision + 1 ? `revisions ${head.revision + 1} to ${event.revision - 1} are missing` : `revision ${event.revision} is out of order`;
  }
  if (prevHashOf(event.metadataJson) !== head.hash) return 'its link to the previous event does not match';
  if (eventHash(event.stream, event.revision, event.type, event.dataJson, event.metadataJson) !== event.hash) return 'its content does not match its hash';
  return null;
}

/** Recomputes one stream's hash chain and names the first revision where it breaks. */
export async function verifyStream(store: EventStore, stream: string): Promise<StreamVerification> {
  let head = { revision: -1, hash: GENESIS_HASH };
  let events = 0;
  for await (const event of store.rawLog({ stream })) {
    const problem = chainProblem(event, head);
    if (problem) return { valid: false, events, firstBrokenRevision: Math.min(event.revision, head.revision + 1), reason: problem };
    head = { revision: event.revision, hash: event.hash };
    events++;
  }
  return { valid: true, events };
}

interface StreamState {
  revision: number;
  hash: string;
  broken: boolean;
}

/**
 * Verifies the whole log: every stream's chain, and every seal against the heads the
 * log really had at the seal's position. A stream cut short, an event inserted into a
 * sealed range, or a sealed event altered is named with its stream and revision.
 */
export async function verifyLog(store: Pick<EventStore, 'rawLog'>): Promise<LogVerification> {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const report = (stream: string, revision: number, reason: string) => {
    if (reported.has(stream)) return;
    reported.add(stream);
    problems.push({ stream, revision, reason });
  };
  // The parts of one seal, joined back together; a seal missing a part is itself a problem.
  const seals: SealData[] = [];
  for await (const event of store.rawLog({ stream: SEALS_STREAM })) {
    const part = JSON.parse(event.dataJson) as SealData;
    const open = seals[seals.length - 1];
    if (open && open.upTo === part.upTo && (part.part ?? 1) > 1) seals[seals.length - 1] = { ...open, heads: [...open.heads, ...part.heads], part: part.part };
    else seals.push(part);
  }
  seals.forEach((seal, i) => {
    if ((seal.part ?? 1) !== (seal.parts ?? 1)) report(SEALS_STREAM, i, `the seal at position ${seal.upTo} has ${seal.part ?? 1} of its ${seal.parts} parts`);
  });
  const states = new Map<string, StreamState>();
  let moved = new Map<string, StreamState>();
  let nextSeal = 0;
  let events = 0;

  const checkSeal = (seal: SealData) => {
    const sealed = new Map(seal.heads.map((h) => [h.stream, h]));
    for (const head of seal.heads) {
      const actual = states.get(head.stream);
      if (!actual || actual.revision < head.revision) {
        report(head.stream, (actual?.revision ?? -1) + 1, `cut short: revision ${head.revision} was sealed at position ${seal.upTo} but the stream ends at ${actual?.revision ?? -1}`);
      } else if (actual.revision > head.revision) {
        report(head.stream, head.revision + 1, `revision ${head.revision + 1} was inserted into a sealed range (sealed at revision ${head.revision})`);
      } else if (actual.hash !== head.hash) {
        report(head.stream, head.revision, 'differs from its seal');
      }
    }
    for (const [stream, state] of moved) {
      if (!sealed.has(stream)) report(stream, state.revision, `events up to revision ${state.revision} were inserted into a range sealed at position ${seal.upTo}`);
    }
    moved = new Map();
  };

  for await (const event of store.rawLog()) {
    while (nextSeal < seals.length && event.position > seals[nextSeal]!.upTo) checkSeal(seals[nextSeal++]!);
    events++;
    let state = states.get(event.stream);
    if (!state) {
      state = { revision: -1, hash: GENESIS_HASH, broken: false };
      states.set(event.stream, state);
    }
    if (!state.broken) {
      const problem = chainProblem(event, state);
      if (problem) {
        state.broken = true;
        report(event.stream, Math.min(event.revision, state.revision + 1), problem);
      }
    }
    state.revision = event.revision;
    state.hash = event.hash;
    if (event.stream !== SEALS_STREAM) moved.set(event.stream, { ...state });
  }
  while (nextSeal < seals.length) checkSeal(seals[nextSeal++]!);
  return { valid: problems.length === 0, events, streams: states.size, seals: seals.length, problems };
}

/**
 * Writes seals: every `intervalMs` while events arrive, and on `stop()`. Follows the log
 * itself, so it seals what every process wrote, not only this one.
 */
export class Sealer {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly intervalMs = 5000,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      this.#running = this.#running.then(() => this.seal()).then(
        () => undefined,
        (err: unknown) => this.onError(err),
      );
    }, this.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.seal();
  }

  /** Seals the heads that moved since the last seal; returns the seal written, if any. */
  async seal(): Promise<SealData | null> {
    const [last] = await this.store.readStream(SEALS_STREAM, { direction: 'backwards', maxCount: 1, raw: true });
    const previous = last ? (last.data as SealData) : null;
    const heads = new Map<string, SealHead>();
    let upTo = previous?.upTo ?? 0;
    for await (const event of this.store.rawLog({ after: upTo })) {
      if (event.stream !== SEALS_STREAM) heads.set(event.stream, { stream: event.stream, revision: event.revision, hash: event.hash });
      upTo = event.position;
    }
    if (heads.size === 0) return null;
    const all = [...heads.values()];
    const previousSealHash = last?.metadata.hash ?? GENESIS_HASH;
    const metadata = { actor: 'system', correlationId: 'seal', causationId: null, workflowId: null, at: new Date().toISOString() };
    const parts = Math.ceil(all.length / SEAL_HEADS_PER_EVENT);
    const events = Array.from({ length: parts }, (_, i) => {
      const data: SealData = { upTo, heads: all.slice(i * SEAL_HEADS_PER_EVENT, (i + 1) * SEAL_HEADS_PER_EVENT), previousSealHash, ...(parts > 1 ? { part: i + 1, parts } : {}) };
      return { type: 'LogSealed', data, metadata };
    });
    await this.store.append(SEALS_STREAM, events, { expected: last ? last.revision : 'no_stream' });
    return { upTo, heads: all, previousSealHash };
  }
}
