import type { SurveyDefinition } from './definition.js';

export type SurveyDefined = { type: 'SurveyDefined'; data: { id: string; definition: SurveyDefinition } };
/** The survey's reporting schedule was created, paused, resumed or deleted. */
export type SurveyScheduleChanged = { type: 'SurveyScheduleChanged'; data: { state: 'active' | 'paused' | 'deleted'; note: string } };
export type SurveyEvent = SurveyDefined | SurveyScheduleChanged;
