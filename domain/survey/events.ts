import type { SurveyDefinition } from './definition.js';

export type SurveyDefined = { type: 'SurveyDefined'; data: { id: string; definition: SurveyDefinition } };
/** The survey's reporting schedule was created, paused, resumed or deleted. */
export type SurveyScheduleChanged = { type: 'SurveyScheduleChanged'; data: { state: 'active' | 'paused' | 'deleted'; note: string } };
/** A revised questionnaire, the survey's next version (the first is the `SurveyDefined` one). New cycles use the newest. */
export type SurveyRevised = { type: 'SurveyRevised'; data: { version: number; definition: SurveyDefinition } };
export type SurveyEvent = SurveyDefined | SurveyScheduleChanged | SurveyRevised;
