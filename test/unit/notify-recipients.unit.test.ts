import { describe, expect, it } from 'vitest';
import { noticesFor, retryDelay, DEFAULT_RETRY, stillWanted } from '../../domain/task/notifications.js';
import type { TaskEvent } from '../../domain/task/events.js';
import { evolveTask, initialTaskState } from '../../domain/task/state.js';
import type { UserRecord } from '../../domain/users.js';
import { recipientsOf, type RecipientLookup } from '../../notify/recipients.js';

const user = (username: string, extra: Partial<UserRecord> = {}): UserRecord => ({ id: username, username, role: 'enumerator', areaCodes: ['01'], disabled: false, ...extra });

function lookup(respondents: Record<string, UserRecord[]>, users: UserRecord[]): RecipientLookup {
  return { respondentsOf: (unitId) => respondents[unitId] ?? [], user: (username) => users.find((u) => u.username === username) };
}

describe('who is written to about a task', () => {
  const enumerator = user('enum.hanoi', { email: 'bao@example.vn', fullName: 'Phạm Quốc Bảo' });

  it('the unit’s respondents, each in their own language (Vietnamese unless chosen), only those with an address', () => {
    const respondents = [
      user('lan', { role: 'respondent', email: 'lan@example.vn', language: 'en', fullName: 'Lan' }),
      user('minh', { role: 'respondent', email: 'minh@example.vn' }),
      user('tuan', { role: 'respondent' }),
    ];
    const found = recipientsOf(lookup({ U1: respondents }, [enumerator]), { unitId: 'U1', enumerator: 'enum.hanoi' });
    expect(found).toEqual([
      { username: 'lan', name: 'Lan', email: 'lan@example.vn', language: 'en' },
      { username: 'minh', name: 'minh', email: 'minh@example.vn', language: 'vi' },
    ]);
  });

  it('the enumerator when the unit has no respondents', () => {
    expect(recipientsOf(lookup({}, [enumerator]), { unitId: 'U1', enumerator: 'enum.hanoi' })).toEqual([{ username: 'enum.hanoi', name: 'Phạm Quốc Bảo', email: 'bao@example.vn', language: 'vi' }]);
  });

  it('nobody when the task names no enumerator, the enumerator has no address or is disabled, or the respondents have none', () => {
    expect(recipientsOf(lookup({}, [enumerator]), { unitId: 'U1', enumerator: '' })).toEqual([]);
    expect(recipientsOf(lookup({}, [user('enum.hanoi')]), { unitId: 'U1', enumerator: 'enum.hanoi' })).toEqual([]);
    expect(recipientsOf(lookup({}, [{ ...enumerator, disabled: true }]), { unitId: 'U1', enumerator: 'enum.hanoi' })).toEqual([]);
    expect(recipientsOf(lookup({ U1: [user('tuan', { role: 'respondent' })] }, [enumerator]), { unitId: 'U1', enumerator: 'enum.hanoi' })).toEqual([]);
  });
});

describe('what a task writes about', () => {
  const assigned: TaskEvent = { type: 'TaskAssigned', data: { taskId: 'C.U', cycleId: 'C', surveyId: 'S', unitId: 'U', areaCode: '01001', enumerator: 'e', reviewLevels: ['commune'], dueAt: '2026-11-30T10:00:00.000Z', version: 1 } };
  const submitted = (submissionId: string): TaskEvent => ({ type: 'ResponseSubmitted', data: { submissionId, data: {}, by: 'e', version: 1, explanations: {} } });

  it('an invitation at assignment, a reminder and an overdue notice per due date, a rejection per rejection, a receipt per accepted submission', () => {
    expect(noticesFor([assigned], 0)).toEqual([{ key: 'invitation', reason: 'invitation' }]);
    expect(noticesFor([{ type: 'TaskReminded', data: { enumerator: 'e', dueAt: 'D1' } }], 1)).toEqual([{ key: 'reminder:D1', reason: 'reminder' }]);
    expect(noticesFor([{ type: 'TaskOverdue', data: { enumerator: 'e', dueAt: 'D1', alerted: [] } }], 1)).toEqual([{ key: 'overdue:D1', reason: 'overdue' }]);
    expect(noticesFor([submitted('s1'), { type: 'ChecksPassed', data: { warnings: [], reviewLevel: 'commune' } }], 3)).toEqual([{ key: 'receipt:s1', reason: 'receipt' }]);
    // A rejection after close makes the task non-response in the same append: its key is the rejection's own revision.
    expect(noticesFor([{ type: 'TaskRejected', data: { level: 'commune', by: 's', comment: 'x' } }, { type: 'TaskNonResponse', data: { reason: 'rejected_after_close' } }], 7)).toEqual([{ key: 'rejection:7', reason: 'rejection' }]);
  });

  it('nothing for a submission refused by its checks, nor for its own notification events', () => {
    expect(noticesFor([submitted('s1'), { type: 'ChecksFailed', data: { failed: [], warnings: [] } }], 1)).toEqual([]);
    expect(noticesFor([{ type: 'NotificationSent', data: { key: 'invitation', reason: 'invitation', to: ['e'], messageIds: ['<m>'] } }], 1)).toEqual([]);
  });

  it('notification events change nothing of the task but its revision', () => {
    const state = evolveTask(initialTaskState, assigned);
    const after = [
      { type: 'NotificationFailed', data: { key: 'invitation', reason: 'invitation', attempt: 1, error: 'ECONNREFUSED', nextAttemptAt: 'T' } },
      { type: 'NotificationSent', data: { key: 'invitation', reason: 'invitation', to: ['e'], messageIds: ['<m>'] } },
    ].reduce((s, e) => evolveTask(s, e as TaskEvent), state);
    expect(after).toEqual({ ...state, revision: state.revision + 2 });
  });

  it('waits 30 s, then twice as long after each failure, up to 30 minutes', () => {
    expect([1, 2, 3, 4, 6, 7, 20, 200].map((n) => retryDelay(n, DEFAULT_RETRY) / 1000)).toEqual([30, 60, 120, 240, 960, 1800, 1800, 1800]);
  });

  it('drops invitations, reminders and overdue notices of a final task, never its rejection or receipt', () => {
    expect((['invitation', 'reminder', 'overdue', 'rejection', 'receipt'] as const).filter((r) => stillWanted(r, true))).toEqual(['rejection', 'receipt']);
    expect((['invitation', 'reminder', 'overdue'] as const).every((r) => stillWanted(r, false))).toBe(true);
  });
});
