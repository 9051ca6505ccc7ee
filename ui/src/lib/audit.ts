import { api } from './api';
import { withQuery } from './router.svelte';

const enc = encodeURIComponent;

export interface AuditEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: { actor: string; correlationId: string; at: string; causationId?: string | null; workflowId?: string | null; [key: string]: unknown };
}

export interface EventPage {
  items: AuditEvent[];
  /** The position to read after for the next page; null on the last. */
  next: number | null;
}

export interface StreamPage {
  stream: string;
  events: AuditEvent[];
  next: number | null;
}

export interface StreamVerification {
  valid: boolean;
  events: number;
  firstBrokenRevision?: number;
  reason?: string;
}

export interface LogVerification {
  valid: boolean;
  events: number;
  streams: number;
  seals: number;
  problems: { stream: string; revision: number; reason: string }[];
}

export interface StateAtRevision {
  stream: string;
  kind: 'survey' | 'cycle' | 'task';
  revision: number;
  at: string;
  state: Record<string, unknown>;
}

export interface ReplayDifference {
  table: string;
  key: Record<string, unknown>;
  live: Record<string, unknown> | null;
  rebuilt: Record<string, unknown> | null;
}

export interface ReplayReport {
  position: number;
  identical: boolean;
  models: { name: string; rows: number; differenceCount: number; differences: ReplayDifference[] }[];
}

export interface ReproducedCell {
  value: number | null;
  suppressed: boolean;
  units: number;
}

export interface Reproduction {
  cycleId: string;
  version: number;
  publishedAt: string;
  identical: boolean;
  approved: { published: number; reproduced: number };
  tables: { id: string; cells: number; differences: { areaCode: string; published: ReproducedCell | null; reproduced: ReproducedCell | null }[] }[];
}

/** Filters of the global log, named as the API names them. */
export interface LogFilter {
  type?: string;
  stream?: string;
}

/** Every event type the system records, to suggest in the filter. */
export const EVENT_TYPES = [
  'TaskAssigned', 'ResponseSubmitted', 'ChecksFailed', 'ChecksPassed', 'ReviewApproved', 'TaskApproved', 'TaskRejected',
  'TaskReassigned', 'TaskDueChanged', 'TaskReminded', 'TaskOverdue', 'TaskCollectionClosed', 'TaskNonResponse', 'TaskCancelled',
  'CycleLaunched', 'TasksCreated', 'CollectionStarted', 'DeadlineExtended', 'CollectionClosed', 'ResultsPublished', 'CycleCancelled',
  'SurveyDefined', 'SurveyScheduleChanged', 'UserCreated', 'UserChanged', 'UnitsImported', 'AuditorRead',
] as const;

/** Streams whose state can be rebuilt at a revision: those of an aggregate. */
export function hasState(stream: string): boolean {
  return /^(survey|cycle|task)-./.test(stream);
}

/** The cycle a cycle or task stream belongs to (task ids are `<cycleId>.<unitId>`). */
export function cycleOfStream(stream: string): string | null {
  if (stream.startsWith('cycle-')) return stream.slice('cycle-'.length) || null;
  if (!stream.startsWith('task-')) return null;
  const task = stream.slice('task-'.length);
  const dot = task.lastIndexOf('.');
  return dot > 0 ? task.slice(0, dot) : null;
}

export function listEvents(filter: LogFilter, after: number, limit: number): Promise<EventPage> {
  return api.get<EventPage>(withQuery('/api/audit/events', { ...filter, after: String(after), limit: String(limit) }));
}

export function exportPath(filter: LogFilter): string {
  return withQuery('/api/audit/export', { ...filter });
}

/** A stream's events, page after page, up to `max`. */
export async function readStream(stream: string, max = 5000): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let from: number | null = 0; from !== null && events.length < max; ) {
    const page: StreamPage = await api.get<StreamPage>(`/api/audit/streams/${enc(stream)}?from=${from}&limit=1000`);
    events.push(...page.events);
    from = page.next;
  }
  return events;
}

export function verifyStream(stream: string): Promise<StreamVerification> {
  return api.get<StreamVerification>(`/api/audit/streams/${enc(stream)}/verify`);
}

export function verifyLog(): Promise<LogVerification> {
  return api.get<LogVerification>('/api/audit/verify');
}

export function stateAt(stream: string, revision: number): Promise<StateAtRevision> {
  return api.get<StateAtRevision>(`/api/audit/streams/${enc(stream)}/state?revision=${revision}`);
}

export function replayReadModels(): Promise<ReplayReport> {
  return api.post<ReplayReport>('/api/audit/replay');
}

export function reproduceResults(cycleId: string): Promise<Reproduction> {
  return api.get<Reproduction>(`/api/cycles/${enc(cycleId)}/results/reproduce`);
}
