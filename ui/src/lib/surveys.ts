import { api } from './api';
import type { Page, Survey } from './types';

const enc = encodeURIComponent;

/** A reporting survey's Temporal schedule, as `GET /api/surveys/:id/schedule` gives it. */
export interface ScheduleView {
  id: string;
  state: 'active' | 'paused';
  every: string;
  collectionDays: number;
  note: string;
  nextRuns: string[];
  recentRuns: string[];
}

export function listSurveys(): Promise<Page<Survey>> {
  return api.get<Page<Survey>>('/api/surveys?limit=1000');
}

export function getSurvey(id: string): Promise<Survey> {
  return api.get<Survey>(`/api/surveys/${enc(id)}`);
}

/** Defines a survey from its JSON document; a 400 names each problem by path (`body.fields.1.max`). */
export function createSurvey(definition: unknown): Promise<Survey> {
  return api.post<Survey>('/api/surveys', definition);
}

export function getSchedule(id: string): Promise<ScheduleView> {
  return api.get<ScheduleView>(`/api/surveys/${enc(id)}/schedule`);
}

export function steerSchedule(id: string, action: 'pause' | 'resume', note: string): Promise<ScheduleView> {
  return api.post<ScheduleView>(`/api/surveys/${enc(id)}/schedule/${action}`, note ? { note } : {});
}
