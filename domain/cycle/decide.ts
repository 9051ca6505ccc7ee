import { illegalState, validation } from '../errors.js';
import type { CycleEvent } from './events.js';
import { isCollecting, type CycleStatus } from './events.js';
import type { CycleState } from './state.js';

export type CycleCommand =
  | { type: 'RecordTasks'; count: number }
  | { type: 'StartCollection' }
  | { type: 'ExtendDeadline'; to: string }
  | { type: 'BeginClosing'; reason: 'deadline' | 'manager' }
  | { type: 'CloseCollection'; reason: 'deadline' | 'all_final' | 'manager' }
  | { type: 'BeginCancelling'; reason: string }
  | { type: 'Cancel'; reason: string };

/** Where a cancellation may start: anything before publication that is not already being cancelled. */
const CANCELLABLE: readonly CycleStatus[] = ['launching', 'collecting', 'closing', 'closed'];

export function assertCanExtend(state: CycleState, to: string): void {
  if (!isCollecting(state.status)) throw illegalState(`a ${state.status} cycle's deadline cannot be extended`);
  if (Number.isNaN(Date.parse(to))) throw validation('not a date', [{ path: 'collectionDeadline', message: 'must be an ISO date-time' }]);
  if (Date.parse(to) <= Date.parse(state.collectionDeadline)) {
    throw validation('a new deadline must be later', [{ path: 'collectionDeadline', message: `must be after ${state.collectionDeadline}` }]);
  }
}

export function assertCanClose(state: CycleState): void {
  if (state.status !== 'collecting') throw illegalState(`a ${state.status} cycle cannot be closed`);
}

export function assertCanCancel(state: CycleState): void {
  if (!CANCELLABLE.includes(state.status)) throw illegalState(`a ${state.status} cycle cannot be cancelled`);
}

/** A closing cycle may be asked to publish: the request waits until collection has closed and no task is in review. */
export function assertCanPublish(state: CycleState): void {
  if (state.status !== 'closed' && state.status !== 'closing') throw illegalState(`a ${state.status} cycle cannot be published; close its collection first`);
}

export function decideCycle(command: CycleCommand, state: CycleState): CycleEvent[] {
  switch (command.type) {
    case 'RecordTasks':
      return command.count === 0 ? [] : [{ type: 'TasksCreated', data: { count: command.count, total: state.total + command.count } }];
    case 'StartCollection':
      if (state.status !== 'launching') throw illegalState(`a ${state.status} cycle is not launching`);
      return [{ type: 'CollectionStarted', data: { total: state.total } }];
    case 'ExtendDeadline':
      assertCanExtend(state, command.to);
      return [{ type: 'DeadlineExtended', data: { from: state.collectionDeadline, to: command.to } }];
    case 'BeginClosing':
      assertCanClose(state);
      return [{ type: 'ClosingStarted', data: { reason: command.reason } }];
    case 'CloseCollection':
      // From `closing` once every task has been told; straight from `collecting` when all are final already.
      if (state.status !== 'closing') assertCanClose(state);
      return [{ type: 'CollectionClosed', data: { reason: command.reason } }];
    case 'BeginCancelling':
      assertCanCancel(state);
      return [{ type: 'CancellationStarted', data: { reason: command.reason } }];
    case 'Cancel':
      if (state.status !== 'cancelling') assertCanCancel(state);
      return [{ type: 'CycleCancelled', data: { reason: command.reason } }];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
