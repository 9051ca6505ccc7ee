import { client, isUnreachable, ok } from './api';
import { readContext } from './offline/store';
import { auth } from './session.svelte';
import type { paths } from './api-schema';
import { isEditable, type Body, type CycleOverview, type Page, type ResponseData, type SubmitResult, type Survey, type TaskDetail, type TaskItem } from './types';

/** A task with what its page needs around it: its cycle and its survey's questionnaire. */
export interface TaskContext {
  task: TaskDetail;
  /** Null for a respondent, who may not read cycles: `due` says instead whether the task still takes a response. */
  cycle: CycleOverview | null;
  survey: Survey;
  /** For a respondent: whether its portal lists the task as one it can still answer. */
  due?: boolean;
  /** Set when the page is shown from the device's copy (offline): when that copy was made. */
  copiedAt?: string;
}

/** The status of the task's cycle as far as its page can tell: a respondent knows only whether it still collects. */
export function cycleStatusOf(ctx: TaskContext): string {
  if (ctx.cycle) return ctx.cycle.status;
  return ctx.due === false && isEditable(ctx.task.status) ? 'closed' : 'collecting';
}

export function getTask(id: string): Promise<TaskDetail> {
  return ok(client.GET('/api/tasks/{id}', { params: { path: { id } } }));
}

/**
 * The task with its cycle and questionnaire version; with no network, the device's copy of it
 * (kept while online, see offline/sync.ts), so an enumerator opens their tasks offline.
 */
export async function getTaskContext(id: string): Promise<TaskContext> {
  // A respondent answers from its desk, online: no device copy, and no cycle to read.
  if (auth.session?.user.role === 'respondent') return fetchRespondentContext(id);
  const user = auth.session?.user.username;
  const copy = () => (user ? readContext(user, id) : Promise.resolve(null));
  // The browser knows it is offline: no need to wait for a request to fail.
  if (globalThis.navigator?.onLine === false) {
    const kept = await copy();
    if (kept) return kept;
  }
  try {
    return await fetchTaskContext(id);
  } catch (err) {
    const kept = isUnreachable(err) ? await copy() : null;
    if (kept) return kept;
    throw err;
  }
}

async function fetchTaskContext(id: string): Promise<TaskContext> {
  const task = await getTask(id);
  const cycle = await ok(client.GET('/api/cycles/{id}', { params: { path: { id: task.cycleId } } }));
  const survey = await ok(client.GET('/api/surveys/{id}', { params: { path: { id: cycle.survey } } }));
  return { task, cycle, survey: await withVersion(survey, task.version) };
}

/** A respondent's task with its questionnaire version, and whether its portal still lists it as due. */
async function fetchRespondentContext(id: string): Promise<TaskContext> {
  const [task, reports] = await Promise.all([getTask(id), ok(client.GET('/api/my/reports'))]);
  const survey = await withVersion(await ok(client.GET('/api/surveys/{id}', { params: { path: { id: task.surveyId } } })), task.version);
  const report = reports.items.find((item) => item.id === id);
  return { task, cycle: null, survey, ...(report ? { due: report.due } : {}) };
}

/** The survey with the questionnaire version a task is answered against: an older one until its cycle is upgraded. */
async function withVersion(survey: Survey, version: number): Promise<Survey> {
  return survey.version === version ? survey : { ...survey, version, definition: await getSurveyVersion(survey.id, version) };
}

/** Filters of `GET /api/cycles/:id/tasks`, named as the API names them. */
export type TaskFilter = Pick<NonNullable<paths['/api/cycles/{id}/tasks']['get']['parameters']['query']>, 'status' | 'areaCode' | 'enumerator' | 'overdue' | 'late'>;

export function listTasks(cycleId: string, filter: TaskFilter, options: { cursor?: string; limit?: number } = {}): Promise<Page<TaskItem>> {
  return ok(client.GET('/api/cycles/{id}/tasks', { params: { path: { id: cycleId }, query: { ...filter, ...options } } }));
}

/**
 * Sends a response. `idempotencyKey` names the attempt: sending the same key
 * again (after a lost connection) cannot record the response twice.
 */
export function submitTask(id: string, data: ResponseData, idempotencyKey: string, explanations: Record<string, string> = {}): Promise<SubmitResult> {
  return ok(client.POST('/api/tasks/{id}/submit', { params: { path: { id }, header: { 'idempotency-key': idempotencyKey } }, body: { data, explanations } }));
}

/** The questionnaire version a task is answered against. */
export async function getSurveyVersion(surveyId: string, version: number): Promise<Survey['definition']> {
  return (await ok(client.GET('/api/surveys/{id}/versions/{version}', { params: { path: { id: surveyId, version: String(version) } } }))).definition;
}

export type ReviewRequest = Body<'/api/tasks/{id}/review', 'post'>;

export function reviewTask(id: string, decision: ReviewRequest['decision'], level: ReviewRequest['level'], comment: string): Promise<TaskDetail> {
  return ok(client.POST('/api/tasks/{id}/review', { params: { path: { id } }, body: { decision, level, comment } }));
}

export function reassignTask(id: string, enumerator: string): Promise<TaskDetail> {
  return ok(client.POST('/api/tasks/{id}/reassign', { params: { path: { id } }, body: { enumerator } }));
}

/** A fresh key for one submission attempt (getRandomValues works outside HTTPS too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
