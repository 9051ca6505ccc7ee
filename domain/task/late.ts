import { refusal } from '../problems.js';
import { isFinal, OPEN_STATUSES, type TaskEvent, type TaskStatus } from './events.js';

/**
 * What a device sent after the world moved on while it was offline: the task was reassigned,
 * or collection closed, or the cycle was cancelled (spec/field-capture.md). It is never
 * dropped: the API records it on the task's `late-` stream with the answers as typed, and the
 * task's supervisor may take it as the task's response (`LateSubmissionAccepted`, recorded by
 * the task's workflow on the task's stream with the submission it becomes).
 */
export type LateSubmissionReceived = {
  type: 'LateSubmissionReceived';
  data: {
    /** The device's Idempotency-Key: the same submission sent twice is one. */
    lateId: string;
    taskId: string;
    /** Who sent it: someone who held the task. */
    by: string;
    /** The answers as the form held them; checked only if it is accepted. */
    data: Record<string, unknown>;
    explanations: Record<string, string>;
    /** When the user submitted on the device. */
    submittedAt: string;
    /** The problem code of the refusal that made it late, as the device reported it. */
    refusedWith: string | null;
  };
};

export type LateEvent = LateSubmissionReceived;

/** Everyone who has held the task, the holder now included, from its stream's events. */
export function holdersOf(events: readonly { type: string; data: unknown }[]): Set<string> {
  const holders = new Set<string>();
  for (const event of events as TaskEvent[]) {
    if (event.type === 'TaskAssigned') holders.add(event.data.enumerator);
    if (event.type === 'TaskReassigned') holders.add(event.data.to).add(event.data.from);
  }
  return holders;
}

/** A task that became non-response when collection closed takes a late submission only while its cycle is closed and unpublished. */
export function assertCycleTakesLate(cycleId: string, cycleStatus: string): void {
  if (cycleStatus === 'closed') return;
  if (cycleStatus === 'published') throw refusal('late.cycle_published', { status: cycleStatus });
  if (cycleStatus === 'cancelled' || cycleStatus === 'cancelling') throw refusal('late.cycle_cancelled', { status: cycleStatus });
  throw refusal('task.collection_ending', { cycle: cycleId, status: cycleStatus });
}

/**
 * Whether a late submission can be taken as the task's response now: the cycle is not
 * published or cancelled, and the task still waits for an answer. A task someone answered
 * since (in review, approved) keeps that answer.
 */
export function assertLateAcceptable(task: { id: string; cycleId: string; status: TaskStatus }, cycleStatus: string): void {
  if (cycleStatus === 'published') throw refusal('late.cycle_published', { status: cycleStatus });
  if (cycleStatus === 'cancelled' || cycleStatus === 'cancelling') throw refusal('late.cycle_cancelled', { status: cycleStatus });
  if (OPEN_STATUSES.includes(task.status)) return;
  // Non-response because collection closed: the cycle starts the task again (workflows/cycle.ts).
  if (task.status === 'non_response') return assertCycleTakesLate(task.cycleId, cycleStatus);
  if (isFinal(task.status) && task.status !== 'approved') throw refusal('late.task_closed', { id: task.id, status: task.status });
  throw refusal('late.task_answered', { id: task.id, status: task.status });
}
