import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import type { CheckOutcome, CheckResult } from '../../domain/survey/checks.js';
import { decideTask, type TaskCommand } from '../../domain/task/decide.js';
import type { TaskEvent } from '../../domain/task/events.js';
import { evolveTask, initialTaskState, reviewLevelName, type TaskState } from '../../domain/task/state.js';

const AT = '2026-11-05T08:00:00.000Z';
const ENUM = 'enum.hanoi';
const OTHER = 'enum.other';
const SUP = 'sup.hanoi';
const DUE = '2026-11-10T00:00:00.000Z';
const DATA = { members: 3, employed: 2, unemployed: 0 };

/** given(events).when(command).then(events) — or .thenFails(code). */
function given(...events: TaskEvent[]) {
  const state = events.reduce((s: TaskState, e) => evolveTask(s, e, AT), initialTaskState);
  return {
    state,
    when: (command: TaskCommand) => ({
      then: (expected: TaskEvent[]) => expect(decideTask(command, state)).toEqual(expected),
      thenFails: (code: ErrorCode): DomainError => {
        let thrown: unknown;
        try {
          decideTask(command, state);
        } catch (err) {
          thrown = err;
        }
        if (!(thrown instanceof DomainError)) throw new Error(`expected a DomainError ${code}, got ${String(thrown)}`);
        expect(thrown.code).toBe(code);
        return thrown;
      },
    }),
  };
}

const check = (id: string, severity: 'block' | 'warn', outcome: 'failed' | 'skipped' = 'failed'): CheckResult => ({
  id,
  severity,
  message: { vi: `lỗi ${id}`, en: `problem ${id}` },
  outcome,
});
const BLOCK = check('employed_le_members', 'block');
const WARN = check('income_plausible', 'warn');
const PASS: CheckOutcome = { failed: [], warnings: [] };

const assigned = (reviewLevels = ['commune', 'province']): TaskEvent => ({
  type: 'TaskAssigned',
  data: { taskId: 'c1.u1', cycleId: 'c1', surveyId: 's1', unitId: 'u1', areaCode: '01001', enumerator: ENUM, reviewLevels, dueAt: DUE, version: 1 },
});
const submitted = (id = 'sub-1', by = ENUM): TaskEvent => ({ type: 'ResponseSubmitted', data: { submissionId: id, data: DATA, by, version: 1, explanations: {} } });
const passed = (level = 'commune', warnings: CheckResult[] = []): TaskEvent => ({ type: 'ChecksPassed', data: { warnings, reviewLevel: level } });
const checksFailed: TaskEvent = { type: 'ChecksFailed', data: { failed: [BLOCK], warnings: [] } };
const reviewApproved = (level: string, nextLevel: string | null, comment = ''): TaskEvent => ({
  type: 'ReviewApproved',
  data: { level, by: SUP, comment, nextLevel },
});
const taskApproved: TaskEvent = { type: 'TaskApproved', data: {} };
const rejected = (level = 'commune', comment = 'số liệu sai'): TaskEvent => ({ type: 'TaskRejected', data: { level, by: SUP, comment } });
const collectionClosed: TaskEvent = { type: 'TaskCollectionClosed', data: {} };
const nonResponse = (reason: 'collection_closed' | 'rejected_after_close' = 'collection_closed'): TaskEvent => ({ type: 'TaskNonResponse', data: { reason } });
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'cycle cancelled' } };

const submit = (outcome = PASS, by = ENUM, submissionId = 'sub-2'): TaskCommand => ({ type: 'Submit', submissionId, data: DATA, by, outcome, explanations: {} });
const review = (decision: 'approve' | 'reject', level: string, comment = ''): TaskCommand => ({ type: 'Review', decision, level, comment, by: SUP });

const ASSIGNED = [assigned()];
const CHECKS_FAILED = [assigned(), submitted(), checksFailed];
const IN_REVIEW = [assigned(), submitted(), passed()];
const IN_REVIEW_L2 = [...IN_REVIEW, reviewApproved('commune', 'province')];
const REJECTED = [...IN_REVIEW, rejected()];
const APPROVED = [...IN_REVIEW_L2, reviewApproved('province', null), taskApproved];
const NON_RESPONSE = [assigned(), collectionClosed, nonResponse()];
const CANCELLED = [assigned(), cancelled];

const passedNow = (warnings: CheckResult[] = []): TaskEvent[] => [submitted('sub-2'), passed('commune', warnings)];

describe('Submit', () => {
  it.each([
    ['assigned', ASSIGNED],
    ['checks_failed', CHECKS_FAILED],
    ['rejected', REJECTED],
  ] as const)('from %s, checks passing → ResponseSubmitted + ChecksPassed at the first level', (_, history) => {
    given(...history).when(submit()).then(passedNow());
  });

  it('block failures → ResponseSubmitted + ChecksFailed with failures and warnings', () => {
    given(...ASSIGNED)
      .when(submit({ failed: [BLOCK], warnings: [WARN] }))
      .then([submitted('sub-2'), { type: 'ChecksFailed', data: { failed: [BLOCK], warnings: [WARN] } }]);
  });

  it('warn-only failures → ChecksPassed carrying the warnings, at the first review level', () => {
    given(...ASSIGNED).when(submit({ failed: [], warnings: [WARN] })).then(passedNow([WARN]));
  });

  it.each([
    ['in_review', IN_REVIEW],
    ['in_review at level 2', IN_REVIEW_L2],
    ['approved', APPROVED],
    ['non_response', NON_RESPONSE],
    ['cancelled', CANCELLED],
  ] as const)('is refused when %s (illegal_state)', (_, history) => {
    given(...history).when(submit()).thenFails('illegal_state');
  });

  it('is refused once collection is closed, even for an open task', () => {
    given(assigned(), collectionClosed).when(submit()).thenFails('illegal_state');
  });

  it('is refused for anyone but the task’s enumerator (forbidden)', () => {
    given(...ASSIGNED).when(submit(PASS, OTHER)).thenFails('forbidden');
  });

  it('after a reassignment, the new enumerator may submit and the old one may not', () => {
    const history: TaskEvent[] = [assigned(), { type: 'TaskReassigned', data: { from: ENUM, to: OTHER, by: SUP } }];
    given(...history).when(submit(PASS, ENUM)).thenFails('forbidden');
    given(...history).when(submit(PASS, OTHER)).then([submitted('sub-2', OTHER), passed()]);
  });
});

describe('Review', () => {
  it('approve at level 1 of 2 → ReviewApproved naming the next level', () => {
    given(...IN_REVIEW).when(review('approve', 'commune', 'ok')).then([reviewApproved('commune', 'province', 'ok')]);
  });

  it('approve at the last level → ReviewApproved + TaskApproved', () => {
    given(...IN_REVIEW_L2).when(review('approve', 'province')).then([reviewApproved('province', null), taskApproved]);
  });

  it('approve with a single review level → approved at once', () => {
    given(assigned(['province']), submitted(), passed('province'))
      .when(review('approve', 'province'))
      .then([reviewApproved('province', null), taskApproved]);
  });

  it('a second approval of the same level (double click) is illegal_state', () => {
    given(...IN_REVIEW_L2).when(review('approve', 'commune')).thenFails('illegal_state');
  });

  it('approving a level that is not the current one is illegal_state', () => {
    given(...IN_REVIEW).when(review('approve', 'province')).thenFails('illegal_state');
  });

  it.each([
    ['assigned', ASSIGNED],
    ['rejected', REJECTED],
    ['approved', APPROVED],
  ] as const)('is refused when the task is %s (not in review)', (_, history) => {
    given(...history).when(review('approve', 'commune')).thenFails('illegal_state');
  });

  it('reject with a comment → TaskRejected at that level', () => {
    given(...IN_REVIEW_L2).when(review('reject', 'province', 'thiếu thu nhập')).then([rejected('province', 'thiếu thu nhập')]);
  });

  it('reject after collection closed → TaskRejected + TaskNonResponse', () => {
    given(...IN_REVIEW, collectionClosed)
      .when(review('reject', 'commune', 'sai'))
      .then([rejected('commune', 'sai'), nonResponse('rejected_after_close')]);
  });

  it.each(['', '   '])('reject with comment %j → validation error on comment', (comment) => {
    const error = given(...IN_REVIEW).when(review('reject', 'commune', comment)).thenFails('validation');
    expect(error.errors.map((e) => e.path)).toEqual(['comment']);
  });
});

describe('Reassign', () => {
  const reassign = (to: string): TaskCommand => ({ type: 'Reassign', to, by: SUP });

  it.each([
    ['assigned', ASSIGNED],
    ['in_review', IN_REVIEW],
    ['rejected', REJECTED],
  ] as const)('from %s → TaskReassigned', (_, history) => {
    given(...history).when(reassign(OTHER)).then([{ type: 'TaskReassigned', data: { from: ENUM, to: OTHER, by: SUP } }]);
  });

  it.each([
    ['approved', APPROVED],
    ['non_response', NON_RESPONSE],
    ['cancelled', CANCELLED],
  ] as const)('is refused when %s', (_, history) => {
    given(...history).when(reassign(OTHER)).thenFails('illegal_state');
  });

  it('to the same enumerator is refused', () => {
    given(...ASSIGNED).when(reassign(ENUM)).thenFails('illegal_state');
  });
});

describe('Remind and MarkOverdue', () => {
  const reminded: TaskEvent = { type: 'TaskReminded', data: { enumerator: ENUM, dueAt: DUE } };
  const overdue: TaskEvent = { type: 'TaskOverdue', data: { enumerator: ENUM, dueAt: DUE, alerted: [SUP] } };

  it.each([
    ['assigned', ASSIGNED],
    ['checks_failed', CHECKS_FAILED],
    ['rejected', REJECTED],
  ] as const)('Remind on an open (%s) task → TaskReminded', (_, history) => {
    given(...history).when({ type: 'Remind' }).then([reminded]);
  });

  it.each([
    ['in_review', IN_REVIEW],
    ['approved', APPROVED],
    ['cancelled', CANCELLED],
    ['collection closed', [assigned(), collectionClosed]],
  ] as const)('Remind when %s → nothing', (_, history) => {
    given(...history).when({ type: 'Remind' }).then([]);
  });

  it('MarkOverdue the first time → TaskOverdue; the second time → nothing', () => {
    given(...ASSIGNED).when({ type: 'MarkOverdue', alerted: [SUP] }).then([overdue]);
    expect(given(...ASSIGNED, overdue).state.overdue).toBe(true);
    given(...ASSIGNED, overdue).when({ type: 'MarkOverdue', alerted: [SUP] }).then([]);
  });

  it('MarkOverdue on a final task → nothing', () => {
    given(...APPROVED).when({ type: 'MarkOverdue', alerted: [SUP] }).then([]);
  });
});

describe('CloseCollection and Cancel', () => {
  it.each([
    ['assigned', ASSIGNED],
    ['checks_failed', CHECKS_FAILED],
    ['rejected', REJECTED],
  ] as const)('CloseCollection on %s → TaskCollectionClosed + TaskNonResponse', (_, history) => {
    given(...history).when({ type: 'CloseCollection' }).then([collectionClosed, nonResponse()]);
  });

  it('CloseCollection on in_review → only TaskCollectionClosed; review goes on', () => {
    given(...IN_REVIEW).when({ type: 'CloseCollection' }).then([collectionClosed]);
    given(...IN_REVIEW, collectionClosed).when(review('approve', 'commune')).then([reviewApproved('commune', 'province')]);
  });

  it.each([
    ['approved', APPROVED],
    ['already closed', [...IN_REVIEW, collectionClosed]],
  ] as const)('CloseCollection when %s → nothing', (_, history) => {
    given(...history).when({ type: 'CloseCollection' }).then([]);
  });

  it.each([
    ['assigned', ASSIGNED],
    ['checks_failed', CHECKS_FAILED],
    ['in_review', IN_REVIEW],
    ['rejected', REJECTED],
  ] as const)('Cancel on %s → TaskCancelled', (_, history) => {
    given(...history).when({ type: 'Cancel', reason: 'cycle cancelled' }).then([cancelled]);
  });

  it.each([
    ['approved', APPROVED],
    ['non_response', NON_RESPONSE],
    ['cancelled', CANCELLED],
  ] as const)('Cancel on %s → nothing', (_, history) => {
    given(...history).when({ type: 'Cancel', reason: 'x' }).then([]);
  });
});

describe('evolveTask', () => {
  it.each([
    ['assigned', ASSIGNED, 'assigned', null],
    ['checks passed', IN_REVIEW, 'in_review', 'commune'],
    ['level 1 approved', IN_REVIEW_L2, 'in_review', 'province'],
    ['approved', APPROVED, 'approved', null],
    ['checks failed', CHECKS_FAILED, 'checks_failed', null],
    ['rejected', REJECTED, 'rejected', null],
    ['non response', NON_RESPONSE, 'non_response', null],
    ['rejected after close', [...IN_REVIEW, collectionClosed, rejected(), nonResponse('rejected_after_close')], 'non_response', null],
    ['cancelled', CANCELLED, 'cancelled', null],
  ] as const)('%s → status %s, review level %s', (_, history, status, level) => {
    const { state } = given(...history);
    expect(state.status).toBe(status);
    expect(reviewLevelName(state)).toBe(level);
    expect(state.revision).toBe(history.length - 1);
  });

  it('keeps the review trail, in order, with the event time', () => {
    const { state } = given(...APPROVED);
    expect(state.trail).toEqual([
      { level: 'commune', decision: 'approve', by: SUP, comment: '', at: AT },
      { level: 'province', decision: 'approve', by: SUP, comment: '', at: AT },
    ]);
  });

  it('a resubmission after rejection keeps the trail and counts submissions', () => {
    const { state } = given(...REJECTED, submitted('sub-2'), passed());
    expect(state.status).toBe('in_review');
    expect(reviewLevelName(state)).toBe('commune');
    expect(state.submissions).toBe(2);
    expect(state.trail).toEqual([{ level: 'commune', decision: 'reject', by: SUP, comment: 'số liệu sai', at: AT }]);
  });

  it('records failures, then clears them on the next submission; reassignment changes the enumerator', () => {
    expect(given(...CHECKS_FAILED).state.failed).toEqual([BLOCK]);
    expect(given(...CHECKS_FAILED, submitted('sub-2')).state.failed).toEqual([]);
    const { state } = given(assigned(), { type: 'TaskReassigned', data: { from: ENUM, to: OTHER, by: SUP } });
    expect(state.enumerator).toBe(OTHER);
    expect(state.id).toBe('c1.u1');
  });
});
