import type Database from 'better-sqlite3';
import { upcastDefinition, type SurveyDefinition } from '../../domain/survey/definition.js';
import type { SurveyDefined, SurveyRevised } from '../../domain/survey/events.js';
import { prepared, type ReadModel } from '../model.js';

export interface SurveyRow {
  readonly id: string;
  /** The newest version's number and definition. */
  readonly version: number;
  readonly definition: SurveyDefinition;
  readonly definedAt: string;
}

export interface SurveyVersionRow {
  readonly version: number;
  readonly definition: SurveyDefinition;
  readonly definedAt: string;
}

/** Each survey with its newest definition. */
export const surveysModel: ReadModel = {
  name: 'surveys',
  schema: `CREATE TABLE IF NOT EXISTS surveys (
    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, definition TEXT NOT NULL, defined_at TEXT NOT NULL)`,
  apply(db, event) {
    if (event.type === 'SurveyDefined') {
      const { id, definition } = event.data as SurveyDefined['data'];
      prepared(db, 'INSERT OR REPLACE INTO surveys (id, code, definition, defined_at) VALUES (?, ?, ?, ?)').run(id, definition.code, JSON.stringify(definition), event.metadata.at);
    } else if (event.type === 'SurveyRevised') {
      const { definition } = event.data as SurveyRevised['data'];
      prepared(db, 'UPDATE surveys SET definition = ?, defined_at = ? WHERE id = ?').run(JSON.stringify(definition), event.metadata.at, event.stream.slice('survey-'.length));
    }
  },
};

/** Every version of every survey's questionnaire: tasks and responses name theirs. */
export const surveyVersionsModel: ReadModel = {
  name: 'survey_versions',
  schema: `CREATE TABLE IF NOT EXISTS survey_versions (
    survey_id TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL, defined_at TEXT NOT NULL,
    PRIMARY KEY (survey_id, version))`,
  apply(db, event) {
    if (event.type !== 'SurveyDefined' && event.type !== 'SurveyRevised') return;
    const surveyId = event.stream.slice('survey-'.length);
    const { definition } = event.data as SurveyDefined['data'] | SurveyRevised['data'];
    const version = event.type === 'SurveyRevised' ? (event.data as SurveyRevised['data']).version : 1;
    prepared(db, 'INSERT OR REPLACE INTO survey_versions (survey_id, version, definition, defined_at) VALUES (?, ?, ?, ?)').run(surveyId, version, JSON.stringify(definition), event.metadata.at);
  },
};

// Rows written before version 2 hold flat fields: read as items, as the event's upcaster does.
const parse = (json: string) => upcastDefinition(JSON.parse(json)) as SurveyDefinition;

type Row = { id: string; definition: string; defined_at: string; version: number | null };
const toSurvey = (row: Row): SurveyRow => ({ id: row.id, version: row.version ?? 1, definition: parse(row.definition), definedAt: row.defined_at });
const WITH_VERSION = 'SELECT s.*, (SELECT max(version) FROM survey_versions v WHERE v.survey_id = s.id) AS version FROM surveys s';

export function findSurvey(db: Database.Database, idOrCode: string): SurveyRow | undefined {
  const row = prepared<[string, string], Row>(db, `${WITH_VERSION} WHERE s.id = ? OR s.code = ?`).get(idOrCode, idOrCode);
  return row && toSurvey(row);
}

export function listSurveys(db: Database.Database, after: string | null, limit: number): SurveyRow[] {
  return prepared<[string, number], Row>(db, `${WITH_VERSION} WHERE s.id > ? ORDER BY s.id LIMIT ?`).all(after ?? '', limit).map(toSurvey);
}

type VersionRow = { version: number; definition: string; defined_at: string };
const toVersion = (row: VersionRow): SurveyVersionRow => ({ version: row.version, definition: parse(row.definition), definedAt: row.defined_at });

/** A survey's versions, oldest first. */
export function listSurveyVersions(db: Database.Database, surveyId: string): SurveyVersionRow[] {
  return prepared<[string], VersionRow>(db, 'SELECT version, definition, defined_at FROM survey_versions WHERE survey_id = ? ORDER BY version').all(surveyId).map(toVersion);
}

export function findSurveyVersion(db: Database.Database, surveyId: string, version: number): SurveyVersionRow | undefined {
  const row = prepared<[string, number], VersionRow>(db, 'SELECT version, definition, defined_at FROM survey_versions WHERE survey_id = ? AND version = ?').get(surveyId, version);
  return row && toVersion(row);
}

/** The newest version's number: 1 for a survey never revised. */
export function latestSurveyVersion(db: Database.Database, surveyId: string): number {
  return prepared<[string], { v: number | null }>(db, 'SELECT max(version) AS v FROM survey_versions WHERE survey_id = ?').get(surveyId)?.v ?? 1;
}
