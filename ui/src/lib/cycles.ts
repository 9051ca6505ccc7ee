import { api } from './api';
import type { CycleOverview, TaskStatus } from './types';

const enc = encodeURIComponent;

/** One area's row of `GET /api/cycles/:id/progress`. */
export interface AreaProgress {
  areaCode: string;
  areaName: string;
  total: number;
  overdue: number;
  counts: Record<TaskStatus, number>;
}

export interface ProgressList {
  cycleId: string;
  level: 'province' | 'commune';
  parent: string | null;
  items: AreaProgress[];
}

export type Bucket = 'hour' | 'day';

export interface TimelinePoint {
  /** Start of the bucket, UTC. */
  at: string;
  submitted: number;
  approved: number;
  rejected: number;
}

export interface Timeline {
  cycleId: string;
  bucket: Bucket;
  points: TimelinePoint[];
}

/** What a steering command answers: the cycle as the workflow now sees it. */
export interface SteerView {
  id: string;
  status: string;
  collectionDeadline: string;
  total: number;
  final: number;
  /** Publication was asked for and waits until no task is in review. */
  publishPending: boolean;
  resultVersion: number;
}

export interface LaunchRequest {
  survey: string;
  period: string;
  areaCodes?: string[];
  collectionDeadline: string;
  autoPublish: boolean;
}

export function getCycle(id: string): Promise<CycleOverview> {
  return api.get<CycleOverview>(`/api/cycles/${enc(id)}`);
}

export function getProgress(id: string, parent?: string): Promise<ProgressList> {
  const query = parent ? `level=commune&parent=${enc(parent)}` : 'level=province';
  return api.get<ProgressList>(`/api/cycles/${enc(id)}/progress?${query}`);
}

export function getTimeline(id: string, bucket: Bucket): Promise<Timeline> {
  return api.get<Timeline>(`/api/cycles/${enc(id)}/timeline?bucket=${bucket}`);
}

export function launchCycle(body: LaunchRequest): Promise<{ id: string; status: string }> {
  return api.post<{ id: string; status: string }>('/api/cycles', body);
}

export type SteerAction = 'deadline' | 'close' | 'cancel' | 'publish';

export function steerCycle(id: string, action: SteerAction, body: Record<string, string> = {}): Promise<SteerView> {
  return api.post<SteerView>(`/api/cycles/${enc(id)}/${action}`, body);
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
