import { DomainError, type ErrorCode, type FieldError, type ProblemParams } from './errors.js';

type Words<P> = (params: P) => string;
interface Entry<P> {
  readonly status: ErrorCode;
  readonly en: Words<P>;
}
const entry = <P extends ProblemParams = Record<never, never>>(status: ErrorCode, en: Words<P>): Entry<P> => ({ status, en });

/**
 * Every refusal a person can meet, by a stable code. The API answers with the code and its
 * parameters beside the English `detail` (for API clients and logs); the UI words each code
 * from its own catalogues, so a refusal reads in the user's language.
 *
 * Codes are a contract: add new ones, never rename one.
 */
export const PROBLEMS = {
  'auth.wrong_credentials': entry('unauthenticated', () => 'wrong username or password'),
  'auth.token_required': entry('unauthenticated', () => 'a valid bearer token is required'),
  'auth.account_inactive': entry('unauthenticated', () => 'this account is not active'),
  'auth.password_changed': entry('unauthenticated', () => 'the password has changed since this token was issued; log in again'),
  'auth.refresh_invalid': entry('unauthenticated', () => 'this refresh token is not valid or has expired; log in again'),
  'auth.device_revoked': entry('unauthenticated', () => 'this device’s session was ended; log in again'),
  'auth.role_required': entry<{ roles: string }>('forbidden', (p) => `this needs the role ${p.roles.split(',').join(' or ')}`),
  'area.not_found': entry<{ code: string }>('not_found', (p) => `no area ${p.code}`),
  'area.unknown': entry<{ code: string }>('validation', (p) => `no area ${p.code}`),
  'area.not_above': entry<{ code: string; level: string }>('validation', (p) => `${p.code} is not an area above the ${p.level} level`),
  'areas.unknown': entry<{ codes: string }>('validation', (p) => `unknown areas ${p.codes}`),
  'task.not_found': entry<{ id: string }>('not_found', (p) => `no task ${p.id}`),
  'task.is_final': entry<{ id: string; status: string }>('illegal_state', (p) => `task ${p.id} is ${p.status}`),
  'task.not_running': entry<{ id: string }>('illegal_state', (p) => `task ${p.id} is not running`),
  'task.not_yours': entry('forbidden', () => 'only the task’s enumerator can submit it'),
  'draft.not_found': entry<{ id: string }>('not_found', (p) => `no draft of task ${p.id} is kept for you`),
  'draft.not_editable': entry<{ id: string; status: string }>('illegal_state', (p) => `task ${p.id} is ${p.status}: it takes no draft`),
  'draft.too_large': entry<{ max: number }>('too_large', (p) => `a draft's data is at most ${p.max} bytes`),
  'late.not_found': entry<{ id: string }>('not_found', (p) => `no late submission ${p.id} on this task`),
  'late.too_large': entry<{ max: number }>('too_large', (p) => `a late submission's data is at most ${p.max} bytes`),
  'late.cycle_published': entry<{ status: string }>('illegal_state', () => 'the cycle is published: a late submission can no longer be accepted'),
  'late.cycle_cancelled': entry<{ status: string }>('illegal_state', (p) => `the cycle is ${p.status}: a late submission cannot be accepted`),
  'late.task_answered': entry<{ id: string; status: string }>('illegal_state', (p) => `task ${p.id} is ${p.status}: it was answered since, and keeps that answer`),
  'late.task_closed': entry<{ id: string; status: string }>('illegal_state', (p) => `task ${p.id} is ${p.status}: its workflow has ended, and a late submission cannot reopen it`),
  'draft.saved_in_future': entry('validation', () => 'savedAt is later than the server’s clock allows; check the device’s date and time'),
  'task.collection_closed': entry('illegal_state', () => 'collection is closed for this cycle'),
  'task.collection_ending': entry<{ cycle: string; status: string }>('illegal_state', (p) => `collection of cycle ${p.cycle} is ${p.status}: no more submissions are accepted`),
  'task.collection_over': entry<{ cycle: string; status: string }>('illegal_state', (p) => `collection of cycle ${p.cycle} is over (the cycle is ${p.status})`),
  'task.not_submittable': entry<{ status: string }>('illegal_state', (p) => `a task that is ${p.status} cannot be submitted`),
  'task.not_in_review': entry<{ status: string }>('illegal_state', (p) => `a task that is ${p.status} is not in review`),
  'task.review_elsewhere': entry<{ current: string; level: string }>('illegal_state', (p) => `the task is in review at level ${p.current}, not ${p.level}`),
  'task.reject_needs_comment': entry('validation', () => 'a rejection needs a comment'),
  'task.not_reassignable': entry<{ status: string }>('illegal_state', (p) => `a task that is ${p.status} cannot be reassigned`),
  'task.already_assigned': entry<{ enumerator: string }>('illegal_state', (p) => `the task is already assigned to ${p.enumerator}`),
  'task.enumerator_not_eligible': entry<{ enumerator: string }>('validation', (p) => `${p.enumerator} is not an active enumerator of this area`),
  'task.survey_gone': entry<{ survey: string }>('not_found', (p) => `the task's survey ${p.survey} is gone`),
  'task.response_invalid': entry('validation', () => 'the response does not fit the questionnaire'),
  'task.form_sheet_invalid': entry('validation', () => 'the spreadsheet does not fit the task’s form'),
  'task.level_not_reviewed': entry<{ level: string; levels: string }>('illegal_state', (p) => `the task is not in review at the ${p.level} level: its survey reviews at ${p.levels}`),
  'task.not_your_level': entry<{ level: string }>('forbidden', (p) => `you do not review at the ${p.level} level for this area`),
  'cycle.not_found': entry<{ id: string }>('not_found', (p) => `no cycle ${p.id}`),
  'cycle.not_extendable': entry<{ status: string }>('illegal_state', (p) => `a ${p.status} cycle's deadline cannot be extended`),
  'cycle.deadline_not_date': entry('validation', () => 'not a date'),
  'cycle.deadline_not_later': entry<{ deadline: string }>('validation', () => 'a new deadline must be later'),
  'cycle.deadline_passed': entry('validation', () => 'the deadline has passed'),
  'cycle.not_closable': entry<{ status: string }>('illegal_state', (p) => `a ${p.status} cycle cannot be closed`),
  'cycle.not_cancellable': entry<{ status: string }>('illegal_state', (p) => `a ${p.status} cycle cannot be cancelled`),
  'cycle.not_publishable': entry<{ status: string }>('illegal_state', (p) => `a ${p.status} cycle cannot be published; close its collection first`),
  'cycle.not_launching': entry<{ status: string }>('illegal_state', (p) => `a ${p.status} cycle is not launching`),
  'cycle.is_final': entry<{ status: string }>('illegal_state', (p) => `the cycle is ${p.status}`),
  'cycle.tasks_not_movable': entry<{ status: string }>('illegal_state', (p) => `the cycle is ${p.status}: only a collecting cycle's tasks move`),
  'cycle.exists': entry<{ id: string; survey: string; period: string }>('illegal_state', (p) => `cycle ${p.id} already runs ${p.survey} for ${p.period}`),
  'cycle.no_results': entry<{ id: string }>('not_found', (p) => `cycle ${p.id} has no published results`),
  'cycle.no_result_version': entry<{ id: string; version: number }>('not_found', (p) => `cycle ${p.id} has no result version ${p.version}`),
  'cycle.survey_gone': entry<{ id: string }>('not_found', (p) => `the survey of cycle ${p.id} is gone`),
  'survey.not_found': entry<{ id: string }>('not_found', (p) => `no survey ${p.id}`),
  'survey.unknown': entry<{ id: string }>('validation', (p) => `no survey ${p.id}`),
  'survey.no_version': entry<{ id: string; version: number }>('not_found', (p) => `survey ${p.id} has no version ${p.version}`),
  'survey.exists': entry<{ code: string }>('illegal_state', (p) => `a survey with code ${p.code} exists`),
  'survey.no_schedule': entry<{ code: string }>('not_found', (p) => `survey ${p.code} has no schedule`),
  'survey.schedule_deleted': entry<{ code: string }>('not_found', (p) => `the schedule of ${p.code} was deleted`),
  'survey.revision_keeps': entry('validation', () => 'a revision keeps the survey’s code, kind, unit type and schedule'),
  'survey.revision_conflict': entry('illegal_state', () => 'another revision was recorded at the same time; try again'),
  'survey.definition_invalid': entry('validation', () => 'the definition is not valid'),
  'xlsform.not_workbook': entry('validation', () => 'the file is not an XLSForm workbook'),
  'xlsform.unsupported': entry('validation', () => 'the XLSForm has what this engine cannot take'),
  'xlsform.invalid': entry('validation', () => 'the XLSForm does not make a valid definition'),
  'device.not_found': entry<{ user: string; device: string }>('not_found', (p) => `user ${p.user} has no device ${p.device}`),
  'user.not_found': entry<{ id: string }>('not_found', (p) => `no user ${p.id}`),
  'user.invalid': entry('validation', () => 'the account is not valid'),
  'user.username_taken': entry<{ username: string }>('illegal_state', (p) => `the username ${p.username} is taken`),
  'user.cannot_disable_self': entry('validation', () => 'you cannot disable your own account'),
  'user.cannot_change_own_role': entry('validation', () => 'you cannot take away your own manager role'),
  'user.changed_meanwhile': entry<{ id: string }>('concurrency', (p) => `user ${p.id} changed meanwhile; read it again and retry`),
  'enrolment.code_invalid': entry('validation', () => 'this enrolment code is not valid: check it against the letter, or ask the statistics office for a new one'),
  'enrolment.units_invalid': entry('validation', () => 'some units cannot be given enrolment codes'),
  'enrolment.no_units': entry('validation', () => 'no unit matches: nothing to give codes to'),
  'enrolment.too_many': entry<{ max: number }>('validation', (p) => `at most ${p.max} units in one request for codes`),
  'frame.header_missing': entry<{ columns: string }>('validation', (p) => `the CSV header lacks ${p.columns}`),
  'frame.too_many_lines': entry<{ max: number }>('too_large', (p) => `at most ${p.max} lines per import`),
  'list.bad_cursor': entry('validation', () => 'the cursor is not one this list gave'),
  'stream.not_found': entry<{ stream: string }>('not_found', (p) => `no stream ${p.stream}`),
  'stream.no_revision': entry<{ stream: string; revision: number; head: number }>('not_found', (p) => `${p.stream} has no revision ${p.revision}; its newest is ${p.head}`),
  'stream.began_after': entry<{ stream: string; at: string }>('not_found', (p) => `${p.stream} began after ${p.at}`),
  'rebuild.in_memory': entry('unavailable', () => 'the read models are in memory: there is no file to rebuild beside'),
  'workflow.not_running': entry('not_found', () => 'no such workflow is running'),
  'temporal.unavailable': entry('unavailable', () => 'Temporal is unavailable'),
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
type ParamsOf<C extends ProblemCode> = Parameters<(typeof PROBLEMS)[C]['en']>[0];
type Args<C extends ProblemCode> = keyof ParamsOf<C> extends never ? [params?: ParamsOf<C>, errors?: readonly FieldError[]] : [params: ParamsOf<C>, errors?: readonly FieldError[]];

/** The refusal `code` names, with its English words, its status and its parameters. */
export function refusal<C extends ProblemCode>(code: C, ...[params, errors]: Args<C>): DomainError {
  const found = PROBLEMS[code] as unknown as Entry<ParamsOf<C>>;
  const given = (params ?? {}) as ParamsOf<C>;
  return new DomainError(found.status, found.en(given), errors ?? [], { code, params: given });
}
