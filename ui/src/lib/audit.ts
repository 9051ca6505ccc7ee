import { client, ok } from './api';
import { withQuery } from './router.svelte';
import type { Answer } from './types';

export type EventPage = Answer<'/api/audit/events', 'get'>;
export type AuditEvent = EventPage['items'][number];
export type StreamPage = Answer<'/api/audit/streams/{stream}', 'get'>;
export type StreamVerification = Answer<'/api/audit/streams/{stream}/verify', 'get'>;
export type LogVerification = Answer<'/api/audit/verify', 'get'>;
export type StateAtRevision = Answer<'/api/audit/streams/{stream}/state', 'get'>;
export type ReplayReport = Answer<'/api/audit/replay', 'post'>;
export type ReplayDifference = ReplayReport['models'][number]['differences'][number];
export type Reproduction = Answer<'/api/cycles/{id}/results/reproduce', 'get'>;
export type ReproducedCell = NonNullable<Reproduction['tables'][number]['differences'][number]['published']>;

/** Filters of the global log, named as the API names them. */
export interface LogFilter {
  type?: string;
  stream?: string;
}

/** Every event type the system records, to suggest in the filter. */
export const EVENT_TYPES = [
  'TaskAssigned', 'ResponseSubmitted', 'ChecksFailed', 'ChecksPassed', 'ReviewApproved', 'TaskApproved', 'TaskRejected',
  'TaskReassigned', 'TaskDueChanged', 'TaskReminded', 'TaskOverdue', 'TaskCollectionClosed', 'TaskNonResponse', 'TaskCancelled',
  'TaskUpgraded', 'LateSubmissionReceived', 'LateSubmissionAccepted', 'NotificationSent', 'NotificationFailed',
  'CycleLaunched', 'TasksCreated', 'CollectionStarted', 'DeadlineExtended', 'CollectionClosed', 'ResultsPublished', 'CycleCancelled',
  'SurveyDefined', 'SurveyScheduleChanged', 'UserCreated', 'UserChanged', 'DeviceRevoked', 'EnrolmentCodesIssued', 'EnrolmentCodeUsed', 'EnrolmentCodeReleased', 'UnitsImported', 'AuditorRead',
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
  return ok(client.GET('/api/audit/events', { params: { query: { ...filter, after, limit } } }));
}

export function exportPath(filter: LogFilter): string {
  return withQuery('/api/audit/export', { ...filter });
}

/** A stream's events, page after page, up to `max`. */
export async function readStream(stream: string, max = 5000): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let from: number | null = 0; from !== null && events.length < max; ) {
    const page: StreamPage = await ok(client.GET('/api/audit/streams/{stream}', { params: { path: { stream }, query: { from, limit: 1000 } } }));
    events.push(...page.events);
    from = page.next;
  }
  return events;
}

export function verifyStream(stream: string): Promise<StreamVerification> {
  return ok(client.GET('/api/audit/streams/{stream}/verify', { params: { path: { stream } } }));
}

export function verifyLog(): Promise<LogVerification> {
  return ok(client.GET('/api/audit/verify'));
}

export function stateAt(stream: string, revision: number): Promise<StateAtRevision> {
  return ok(client.GET('/api/audit/streams/{stream}/state', { params: { path: { stream }, query: { revision } } }));
}

export function replayReadModels(): Promise<ReplayReport> {
  return ok(client.POST('/api/audit/replay'));
}

export function reproduceResults(cycleId: string): Promise<Reproduction> {
  return ok(client.GET('/api/cycles/{id}/results/reproduce', { params: { path: { id: cycleId } } }));
}
