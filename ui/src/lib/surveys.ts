import { client, ok } from './api';
import type { Answer, Body, Page, Survey } from './types';

/** A reporting survey's Temporal schedule, as `GET /api/surveys/:id/schedule` gives it. */
export type ScheduleView = Answer<'/api/surveys/{id}/schedule', 'get'>;

export function listSurveys(): Promise<Page<Survey>> {
  return ok(client.GET('/api/surveys', { params: { query: { limit: 1000 } } }));
}

export function getSurvey(id: string): Promise<Survey> {
  return ok(client.GET('/api/surveys/{id}', { params: { path: { id } } }));
}

/** Defines a survey from its JSON document; a 400 names each problem by path (`body.fields.1.max`). */
export function createSurvey(definition: unknown): Promise<Survey> {
  // A document as the manager wrote it: the server checks it against the definition's schema.
  return ok(client.POST('/api/surveys', { body: definition as Body<'/api/surveys', 'post'> }));
}

export function getSchedule(id: string): Promise<ScheduleView> {
  return ok(client.GET('/api/surveys/{id}/schedule', { params: { path: { id } } }));
}

export function steerSchedule(id: string, action: 'pause' | 'resume', note: string): Promise<ScheduleView> {
  return ok(client.POST(`/api/surveys/{id}/schedule/${action}`, { params: { path: { id } }, body: note ? { note } : {} }));
}
