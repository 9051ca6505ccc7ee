import { refusal } from '../problems.js';
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
  if (!isCollecting(state.status)) throw refusal('cycle.not_extendable', { status: state.status });
  if (Number.isNaN(Date.parse(to))) throw refusal('cycle.deadline_not_date', {}, [{ path: 'collectionDeadline', message: 'must be an ISO date-time', code: 'invalid_format' }]);
  if (Date.parse(to) <= Date.parse(state.collectionDeadline)) {
    throw refusal('cycle.deadline_not_later', { deadline: state.collectionDeadline }, [{ path: 'collectionDeadline', message: `must be after ${state.collectionDeadline}`, code: 'not_after', params: { after: state.collectionDeadline } }]);
  }
}

export function assertCanClose(state: CycleState): void {
  if (state.status !== 'collecting') throw refusal('cycle.not_closable', { status: state.status });
}

export function assertCanCancel(state: CycleState): void {
  if (!CANCELLABLE.includes(state.status)) throw refusal('cycle.not_cancellable', { status: state.status });
}

/** A closing cycle may be asked to publish: the request waits until collection has closed and no task is in review. */
export function assertCanPublish(state: CycleState): void {
  if (state.status !== 'closed' && state.status !== 'closing') throw refusal('cycle.not_publishable', { status: state.status });
}

export function decideCycle(command: CycleCommand, state: CycleState): CycleEvent[] {
  switch (command.type) {
    case 'RecordTasks':
      return command.count === 0 ? [] : [{ type: 'TasksCreated', data: { count: command.count, total: state.total + command.count } }];
    case 'StartCollection':
      if (state.status !== 'launching') throw refusal('cycle.not_launching', { status: state.status });
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
