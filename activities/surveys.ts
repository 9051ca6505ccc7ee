import { notFound } from '../domain/errors.js';
import { streams } from '../domain/events.js';
import type { SurveyDefinition } from '../domain/survey/definition.js';
import type { EventStore } from '../eventstore/port.js';
import { foldSurvey } from '../projections/history.js';

const cache = new WeakMap<EventStore, Map<string, SurveyDefinition>>();

/**
 * A survey's definition from its stream: the given version, or the newest. A version never
 * changes once recorded, so versions asked for by number are cached; the newest is read
 * each time, since a revision may have come since.
 */
export async function loadSurvey(store: EventStore, surveyId: string, version?: number): Promise<SurveyDefinition> {
  let byKey = cache.get(store);
  if (!byKey) cache.set(store, (byKey = new Map()));
  const key = `${surveyId}@${version}`;
  const cached = version === undefined ? undefined : byKey.get(key);
  if (cached) return cached;
  const survey = foldSurvey(await store.readStream(streams.survey(surveyId)));
  const definition = version === undefined ? survey.definition : survey.versions[version - 1];
  if (!definition) throw notFound(version === undefined ? `survey ${surveyId} not found` : `survey ${surveyId} has no version ${version}`);
  if (version !== undefined) byKey.set(key, definition);
  return definition;
}
