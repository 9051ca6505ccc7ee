import type { CycleEvent, CycleStatus } from './events.js';

export interface CycleState {
  readonly id: string;
  readonly surveyId: string;
  readonly surveyCode: string;
  readonly period: string;
  readonly areaCodes: readonly string[];
  readonly status: CycleStatus;
  readonly collectionDeadline: string;
  readonly autoPublish: boolean;
  readonly total: number;
  readonly resultVersion: number;
  readonly revision: number;
}

export const initialCycleState: CycleState = {
  id: '',
  surveyId: '',
  surveyCode: '',
  period: '',
  areaCodes: [],
  status: 'launching',
  collectionDeadline: '',
  autoPublish: false,
  total: 0,
  resultVersion: 0,
  revision: -1,
};

export function evolveCycle(state: CycleState, event: CycleEvent): CycleState {
  const next = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'CycleLaunched':
      return { ...next, ...event.data, id: event.data.cycleId, status: 'launching' };
    case 'TasksCreated':
      return { ...next, total: event.data.total };
    case 'CollectionStarted':
      return { ...next, status: 'collecting', total: event.data.total };
    case 'DeadlineExtended':
      return { ...next, collectionDeadline: event.data.to };
    case 'ClosingStarted':
      return { ...next, status: 'closing' };
    case 'CollectionClosed':
      return { ...next, status: 'closed' };
    case 'ResultsPublished':
      return { ...next, status: 'published', resultVersion: event.data.version };
    case 'CancellationStarted':
      return { ...next, status: 'cancelling' };
    case 'CycleCancelled':
      return { ...next, status: 'cancelled' };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
