import { client, ok } from './api';
import type { Answer, Area, Body, CycleOverview, CyclePage, CycleStatus } from './types';

export type ProgressList = Answer<'/api/cycles/{id}/progress', 'get'>;
/** One area's row of `GET /api/cycles/{id}/progress`. */
export type AreaProgress = ProgressList['items'][number];
export type Timeline = Answer<'/api/cycles/{id}/timeline', 'get'>;
export type Bucket = Timeline['bucket'];
export type TimelinePoint = Timeline['points'][number];
/** What a steering command answers: the cycle as the workflow now sees it. */
export type SteerView = Answer<'/api/cycles/{id}/close', 'post'>;
export type LaunchRequest = Body<'/api/cycles', 'post'>;

/** One page of the cycles the caller may see, newest first. */
export function listCycles(options: { cursor?: string; limit?: number } = {}): Promise<CyclePage> {
  return ok(client.GET('/api/cycles', { params: { query: options } }));
}

export function getCycle(id: string): Promise<CycleOverview> {
  return ok(client.GET('/api/cycles/{id}', { params: { path: { id } } }));
}

export function getProgress(id: string, parent?: string): Promise<ProgressList> {
  const query = parent ? { level: 'commune' as const, parent } : { level: 'province' as const };
  return ok(client.GET('/api/cycles/{id}/progress', { params: { path: { id }, query } }));
}

export function getTimeline(id: string, bucket: Bucket): Promise<Timeline> {
  return ok(client.GET('/api/cycles/{id}/timeline', { params: { path: { id }, query: { bucket } } }));
}

export function launchCycle(body: LaunchRequest): Promise<Answer<'/api/cycles', 'post'>> {
  return ok(client.POST('/api/cycles', { body }));
}

/** A steering command and what it carries. */
export type Steer =
  | ({ action: 'deadline' } & Body<'/api/cycles/{id}/deadline', 'post'>)
  | ({ action: 'cancel' } & NonNullable<Body<'/api/cycles/{id}/cancel', 'post'>>)
  | { action: 'close' | 'publish' };

export type SteerAction = Steer['action'];

export function steerCycle(id: string, steer: Steer): Promise<SteerView> {
  const path = { params: { path: { id } } };
  switch (steer.action) {
    case 'deadline':
      return ok(client.POST('/api/cycles/{id}/deadline', { ...path, body: { collectionDeadline: steer.collectionDeadline } }));
    case 'cancel':
      return ok(client.POST('/api/cycles/{id}/cancel', { ...path, body: { reason: steer.reason } }));
    default:
      return ok(client.POST(`/api/cycles/{id}/${steer.action}`, path));
  }
}

/** The areas one level below `parent` (the country's code gives the provinces). */
export async function listAreas(parent: string): Promise<Area[]> {
  return (await ok(client.GET('/api/areas', { params: { query: { parent } } }))).items;
}

/** The Temporal workflow that runs a cycle (see workflowIds in the workflow definitions). */
export function cycleWorkflowId(cycleId: string): string {
  return `cycle/${cycleId}`;
}

// The office works in Vietnam's time (UTC+7 all year): date-time inputs are read and filled in it.
const VN_OFFSET_MS = 7 * 3600_000;

/** An instant as a `datetime-local` value in Vietnam's time. */
export function toVnInput(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : new Date(time + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Vietnam's time, as an ISO instant; null when it is not one. */
export function fromVnInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const time = Date.parse(`${value}:00+07:00`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Where the supervisor's work most likely is, in this order: collection, then review after closing, then published results. */
const SUPERVISION_ORDER: readonly (readonly CycleStatus[])[] = [['collecting', 'launching'], ['closed'], ['published']];

/**
 * The cycle a supervisor's task list opens on when the address names none: the newest being
 * collected, else the newest still in review, else the newest published; never a cancelled one.
 * `cycles` are newest first, as the API lists them.
 */
export function defaultCycle<C extends { status: CycleStatus }>(cycles: readonly C[]): C | undefined {
  for (const statuses of SUPERVISION_ORDER) {
    const found = cycles.find((c) => statuses.includes(c.status));
    if (found) return found;
  }
  return undefined;
}

/** How soon an enumerator's work in a cycle is: collection first, then what is still being closed or reviewed, then the past. */
const WORK_ORDER: Record<CycleStatus, number> = { collecting: 0, launching: 0, closing: 1, closed: 1, published: 2, cancelling: 3, cancelled: 3 };

/** Cycles with the current work first; newest first within each group, as the API lists them. */
export function currentWorkFirst<C extends { status: CycleStatus }>(cycles: readonly C[]): C[] {
  return cycles.map((cycle, i) => ({ cycle, i })).sort((a, b) => WORK_ORDER[a.cycle.status] - WORK_ORDER[b.cycle.status] || a.i - b.i).map(({ cycle }) => cycle);
}
