import type { CycleEvent } from '../domain/cycle/events.js';
import { evolveCycle, initialCycleState, type CycleState } from '../domain/cycle/state.js';
import { refusal } from '../domain/problems.js';
import type { SurveyEvent } from '../domain/survey/events.js';
import { evolveSurvey, initialSurveyState, type SurveyState } from '../domain/survey/state.js';
import type { TaskEvent } from '../domain/task/events.js';
import { evolveTask, initialTaskState, type TaskState } from '../domain/task/state.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';

export const STREAM_KINDS = ['survey', 'cycle', 'task'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** The aggregate a stream belongs to, from its name; null for streams without one (users, frame, seals, …). */
export function streamKind(stream: string): StreamKind | null {
  return STREAM_KINDS.find((kind) => stream.startsWith(`${kind}-`) && stream.length > kind.length + 1) ?? null;
}

export type AggregateState = SurveyState | CycleState | TaskState;

const asEvent = <E>(e: RecordedEvent) => ({ type: e.type, data: e.data }) as E;

/*
 * Each aggregate's own `evolve`: for cycles and tasks the one their workflows decide with
 * (surveys have no workflow; theirs sits beside their events). A task keeps its events'
 * times in the review trail, as the read model does.
 */
export const foldSurvey = (events: readonly RecordedEvent[]) => events.reduce((s, e) => evolveSurvey(s, asEvent<SurveyEvent>(e)), initialSurveyState);
export const foldCycle = (events: readonly RecordedEvent[]) => events.reduce((s, e) => evolveCycle(s, asEvent<CycleEvent>(e)), initialCycleState);
export const foldTask = (events: readonly RecordedEvent[]) => events.reduce((s, e) => evolveTask(s, asEvent<TaskEvent>(e), e.metadata.at), initialTaskState);

export function foldStream(kind: StreamKind, events: readonly RecordedEvent[]): AggregateState {
  switch (kind) {
    case 'survey':
      return foldSurvey(events);
    case 'cycle':
      return foldCycle(events);
    case 'task':
      return foldTask(events);
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** A point in a stream's life: up to a revision (inclusive) and/or everything recorded by a time (inclusive); neither is the newest. */
export interface PointInStream {
  readonly revision?: number;
  readonly at?: string;
}

export interface StateAt {
  readonly stream: string;
  readonly kind: StreamKind;
  /** The revision and time of the last event folded in. */
  readonly revision: number;
  readonly at: string;
  readonly state: AggregateState;
}

const PAGE = 500;

/**
 * Rebuilds an aggregate's state at a point of its stream. By time, it is the state of
 * the longest prefix of the stream recorded by then: a stream is a sequence, so an
 * event written later under an earlier clock does not jump the queue.
 */
export async function stateAt(store: EventStore, stream: string, kind: StreamKind, point: PointInStream): Promise<StateAt> {
  const until = point.at === undefined ? Number.POSITIVE_INFINITY : Date.parse(point.at);
  const within = (e: RecordedEvent) => e.revision <= (point.revision ?? Number.POSITIVE_INFINITY) && Date.parse(e.metadata.at) <= until;
  const events: RecordedEvent[] = [];
  let head = -1;
  for (let from = 0; ; from += PAGE) {
    const page = await store.readStream(stream, { from, maxCount: PAGE });
    head = page[page.length - 1]?.revision ?? head;
    const stop = page.findIndex((e) => !within(e));
    events.push(...(stop === -1 ? page : page.slice(0, stop)));
    if (stop !== -1 || page.length < PAGE) break;
  }
  if (head === -1) throw refusal('stream.not_found', { stream });
  if (point.revision !== undefined && point.revision > head) throw refusal('stream.no_revision', { stream, revision: point.revision, head });
  const last = events[events.length - 1];
  if (!last) throw refusal('stream.began_after', { stream, at: point.at ?? '' });
  return { stream, kind, revision: last.revision, at: last.metadata.at, state: foldStream(kind, events) };
}
