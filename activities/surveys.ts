import { notFound } from '../domain/errors.js';
import { streams } from '../domain/events.js';
import type { SurveyDefinition } from '../domain/survey/definition.js';
import type { SurveyDefined } from '../domain/survey/events.js';
import type { EventStore } from '../eventstore/port.js';

const cache = new WeakMap<EventStore, Map<string, SurveyDefinition>>();

/** A survey's definition from its stream. Definitions never change once recorded, so they are cached. */
export async function loadSurvey(store: EventStore, surveyId: string): Promise<SurveyDefinition> {
  let byId = cache.get(store);
  if (!byId) cache.set(store, (byId = new Map()));
  const cached = byId.get(surveyId);
  if (cached) return cached;
  const [first] = await store.readStream(streams.survey(surveyId), { maxCount: 1 });
  if (!first || first.type !== 'SurveyDefined') throw notFound(`survey ${surveyId} not found`);
  const definition = (first.data as SurveyDefined['data']).definition;
  byId.set(surveyId, definition);
  return definition;
}
