import type { SurveyDefinition } from './definition.js';

export type SurveyDefined = { type: 'SurveyDefined'; data: { id: string; definition: SurveyDefinition } };
export type SurveyEvent = SurveyDefined;
