import { describe, expect, it } from 'vitest';
import { assertCanPublish, decideCycle, type CycleCommand } from '../../domain/cycle/decide.js';
import type { CycleEvent } from '../../domain/cycle/events.js';
import { evolveCycle, initialCycleState, type CycleState } from '../../domain/cycle/state.js';
import { DomainError, type ErrorCode } from '../../domain/errors.js';

const DEADLINE = '2026-11-30T17:00:00.000Z';
const LATER = '2026-12-15T17:00:00.000Z';
const EARLIER = '2026-11-20T17:00:00.000Z';

function failureCode(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

/** given(events).when(command).then(events) — or .thenFails(code). */
function given(...events: CycleEvent[]) {
  const state = events.reduce((s: CycleState, e) => evolveCycle(s, e), initialCycleState);
  return {
    state,
    when: (command: CycleCommand) => ({
      then: (expected: CycleEvent[]) => expect(decideCycle(command, state)).toEqual(expected),
      thenFails: (code: ErrorCode) => expect(failureCode(() => decideCycle(command, state))).toBe(code),
    }),
  };
}

const launched: CycleEvent = {
  type: 'CycleLaunched',
  data: { cycleId: 'c1', surveyId: 's1', surveyCode: 'LFS', surveyVersion: 1, period: '2026-Q4', areaCodes: ['01', '79'], collectionDeadline: DEADLINE, autoPublish: false },
};
const tasksCreated = (count: number, total: number): CycleEvent => ({ type: 'TasksCreated', data: { count, total } });
const started = (total: number): CycleEvent => ({ type: 'CollectionStarted', data: { total } });
const closed: CycleEvent = { type: 'CollectionClosed', data: { reason: 'manager' } };
const published: CycleEvent = { type: 'ResultsPublished', data: { version: 1, publishedAt: LATER, tables: [], approved: 0 } };
const cancelled: CycleEvent = { type: 'CycleCancelled', data: { reason: 'budget' } };
const closingStarted: CycleEvent = { type: 'ClosingStarted', data: { reason: 'manager' } };
const cancellationStarted: CycleEvent = { type: 'CancellationStarted', data: { reason: 'budget' } };

const LAUNCHING = [launched, tasksCreated(5, 5)];
const COLLECTING = [...LAUNCHING, started(5)];
const CLOSED = [...COLLECTING, closed];
const PUBLISHED = [...CLOSED, published];
const CANCELLED = [...COLLECTING, cancelled];
const CLOSING = [...COLLECTING, closingStarted];
const CANCELLING = [...COLLECTING, cancellationStarted];

describe('launch → tasks recorded → collecting', () => {
  it('a launched cycle is launching, with its survey, period, areas and deadline', () => {
    const { state } = given(launched);
    expect(state).toMatchObject({ id: 'c1', surveyCode: 'LFS', period: '2026-Q4', status: 'launching', collectionDeadline: DEADLINE, total: 0, revision: 0 });
    expect(state.areaCodes).toEqual(['01', '79']);
  });

  it('RecordTasks → TasksCreated with a running total', () => {
    given(launched).when({ type: 'RecordTasks', count: 5 }).then([tasksCreated(5, 5)]);
    given(...LAUNCHING).when({ type: 'RecordTasks', count: 3 }).then([tasksCreated(3, 8)]);
    expect(given(...LAUNCHING, tasksCreated(3, 8)).state.total).toBe(8);
  });

  it('RecordTasks of nothing → no event', () => {
    given(...LAUNCHING).when({ type: 'RecordTasks', count: 0 }).then([]);
  });

  it('StartCollection while launching → CollectionStarted with the total', () => {
    given(...LAUNCHING).when({ type: 'StartCollection' }).then([started(5)]);
    expect(given(...COLLECTING).state.status).toBe('collecting');
  });

  it.each([
    ['collecting', COLLECTING],
    ['closed', CLOSED],
    ['cancelled', CANCELLED],
  ] as const)('StartCollection when %s is illegal_state', (_, history) => {
    given(...history).when({ type: 'StartCollection' }).thenFails('illegal_state');
  });
});

describe('ExtendDeadline', () => {
  it('a later deadline while collecting → DeadlineExtended, and the state takes it', () => {
    given(...COLLECTING).when({ type: 'ExtendDeadline', to: LATER }).then([{ type: 'DeadlineExtended', data: { from: DEADLINE, to: LATER } }]);
    expect(given(...COLLECTING, { type: 'DeadlineExtended', data: { from: DEADLINE, to: LATER } }).state.collectionDeadline).toBe(LATER);
  });

  it('is allowed while launching', () => {
    given(...LAUNCHING).when({ type: 'ExtendDeadline', to: LATER }).then([{ type: 'DeadlineExtended', data: { from: DEADLINE, to: LATER } }]);
  });

  it.each([
    ['earlier', EARLIER],
    ['the same', DEADLINE],
    ['not a date', 'next tuesday'],
  ])('an %s deadline is a validation error', (_, to) => {
    given(...COLLECTING).when({ type: 'ExtendDeadline', to }).thenFails('validation');
  });

  it.each([
    ['closed', CLOSED],
    ['published', PUBLISHED],
    ['cancelled', CANCELLED],
  ] as const)('is illegal_state when %s', (_, history) => {
    given(...history).when({ type: 'ExtendDeadline', to: LATER }).thenFails('illegal_state');
  });
});

describe('CloseCollection', () => {
  it.each(['deadline', 'all_final', 'manager'] as const)('while collecting → CollectionClosed (%s)', (reason) => {
    given(...COLLECTING).when({ type: 'CloseCollection', reason }).then([{ type: 'CollectionClosed', data: { reason } }]);
  });

  it('leaves the cycle closed', () => {
    expect(given(...CLOSED).state.status).toBe('closed');
  });

  it.each([
    ['launching', LAUNCHING],
    ['closed', CLOSED],
    ['published', PUBLISHED],
    ['cancelled', CANCELLED],
  ] as const)('is illegal_state when %s', (_, history) => {
    given(...history).when({ type: 'CloseCollection', reason: 'manager' }).thenFails('illegal_state');
  });
});

describe('closing in two steps: BeginClosing, then CloseCollection once every task is told', () => {
  it.each(['deadline', 'manager'] as const)('BeginClosing while collecting → ClosingStarted (%s), and the cycle is closing', (reason) => {
    given(...COLLECTING).when({ type: 'BeginClosing', reason }).then([{ type: 'ClosingStarted', data: { reason } }]);
    expect(given(...CLOSING).state.status).toBe('closing');
  });

  it('CloseCollection while closing → CollectionClosed', () => {
    given(...CLOSING).when({ type: 'CloseCollection', reason: 'manager' }).then([closed]);
    expect(given(...CLOSING, closed).state.status).toBe('closed');
  });

  it.each([
    ['launching', LAUNCHING],
    ['closing', CLOSING],
    ['closed', CLOSED],
    ['cancelling', CANCELLING],
    ['cancelled', CANCELLED],
  ] as const)('BeginClosing is illegal_state when %s', (_, history) => {
    given(...history).when({ type: 'BeginClosing', reason: 'manager' }).thenFails('illegal_state');
  });

  it('a closing cycle takes no deadline extension', () => {
    given(...CLOSING).when({ type: 'ExtendDeadline', to: LATER }).thenFails('illegal_state');
  });
});

describe('cancelling in two steps: BeginCancelling, then Cancel once every task is told', () => {
  it.each([
    ['launching', LAUNCHING],
    ['collecting', COLLECTING],
    ['closing', CLOSING],
    ['closed', CLOSED],
  ] as const)('BeginCancelling when %s → CancellationStarted, and the cycle is cancelling', (_, history) => {
    given(...history).when({ type: 'BeginCancelling', reason: 'budget' }).then([cancellationStarted]);
    expect(given(...history, cancellationStarted).state.status).toBe('cancelling');
  });

  it('Cancel while cancelling → CycleCancelled', () => {
    given(...CANCELLING).when({ type: 'Cancel', reason: 'budget' }).then([cancelled]);
    expect(given(...CANCELLING, cancelled).state.status).toBe('cancelled');
  });

  it.each([
    ['cancelling', CANCELLING],
    ['cancelled', CANCELLED],
    ['published', PUBLISHED],
  ] as const)('BeginCancelling is illegal_state when %s', (_, history) => {
    given(...history).when({ type: 'BeginCancelling', reason: 'late' }).thenFails('illegal_state');
  });

  it('a cancelling cycle cannot close its collection any more', () => {
    given(...CANCELLING).when({ type: 'CloseCollection', reason: 'manager' }).thenFails('illegal_state');
  });
});

describe('Cancel', () => {
  it.each([
    ['launching', LAUNCHING],
    ['collecting', COLLECTING],
    ['closed', CLOSED],
  ] as const)('before publication (%s) → CycleCancelled', (_, history) => {
    given(...history).when({ type: 'Cancel', reason: 'budget' }).then([cancelled]);
  });

  it('leaves the cycle cancelled', () => {
    expect(given(...CANCELLED).state.status).toBe('cancelled');
  });

  it.each([
    ['published', PUBLISHED],
    ['cancelled', CANCELLED],
  ] as const)('is illegal_state when %s', (_, history) => {
    given(...history).when({ type: 'Cancel', reason: 'late' }).thenFails('illegal_state');
  });
});

describe('publication', () => {
  it('assertCanPublish accepts a closed cycle', () => {
    expect(failureCode(() => assertCanPublish(given(...CLOSED).state))).toBe('no error');
  });

  it('assertCanPublish accepts a closing cycle: the request waits until collection has closed', () => {
    expect(failureCode(() => assertCanPublish(given(...CLOSING).state))).toBe('no error');
  });

  it.each([
    ['launching', LAUNCHING],
    ['collecting', COLLECTING],
    ['published', PUBLISHED],
    ['cancelling', CANCELLING],
    ['cancelled', CANCELLED],
  ] as const)('assertCanPublish refuses a %s cycle', (_, history) => {
    expect(failureCode(() => assertCanPublish(given(...history).state))).toBe('illegal_state');
  });

  it('ResultsPublished makes the cycle published with its result version', () => {
    const { state } = given(...PUBLISHED);
    expect(state.status).toBe('published');
    expect(state.resultVersion).toBe(1);
    expect(state.revision).toBe(PUBLISHED.length - 1);
  });
});
