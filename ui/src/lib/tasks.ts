import { api } from './api';
import { withQuery, type Query } from './router.svelte';
import type { CycleOverview, Page, ResponseData, SubmitResult, Survey, TaskDetail, TaskItem } from './types';

const enc = encodeURIComponent;

/** A task with what its page needs around it: its cycle and its survey's questionnaire. */
export interface TaskContext {
  task: TaskDetail;
  cycle: CycleOverview;
  survey: Survey;
}

export function getTask(id: string): Promise<TaskDetail> {
  return api.get<TaskDetail>(`/api/tasks/${enc(id)}`);
}

export async function getTaskContext(id: string): Promise<TaskContext> {
  const task = await getTask(id);
  const cycle = await api.get<CycleOverview>(`/api/cycles/${enc(task.cycleId)}`);
  const survey = await api.get<Survey>(`/api/surveys/${enc(cycle.survey)}`);
  return { task, cycle, survey };
}

/** Filters of `GET /api/cycles/:id/tasks`, named as the API names them. */
export interface TaskFilter {
  status?: string;
  areaCode?: string;
  enumerator?: string;
  overdue?: 'true';
}

export function listTasks(cycleId: string, filter: TaskFilter, options: { cursor?: string; limit?: number } = {}): Promise<Page<TaskItem>> {
  const query: Query = { ...filter };
  if (options.cursor) query.cursor = options.cursor;
  if (options.limit) query.limit = String(options.limit);
  return api.get<Page<TaskItem>>(withQuery(`/api/cycles/${enc(cycleId)}/tasks`, query));
}

/**
 * Sends a response. `idempotencyKey` names the attempt: sending the same key
 * again (after a lost connection) cannot record the response twice.
 */
export function submitTask(id: string, data: ResponseData, idempotencyKey: string): Promise<SubmitResult> {
  return api.post<SubmitResult>(`/api/tasks/${enc(id)}/submit`, { data }, { 'Idempotency-Key': idempotencyKey });
}

export function reviewTask(id: string, decision: 'approve' | 'reject', level: string, comment: string): Promise<TaskDetail> {
  return api.post<TaskDetail>(`/api/tasks/${enc(id)}/review`, { decision, level, comment });
}

export function reassignTask(id: string, enumerator: string): Promise<TaskDetail> {
  return api.post<TaskDetail>(`/api/tasks/${enc(id)}/reassign`, { enumerator });
}

/** A fresh key for one submission attempt (getRandomValues works outside HTTPS too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
