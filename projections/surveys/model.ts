import type Database from 'better-sqlite3';
import type { SurveyDefinition } from '../../domain/survey/definition.js';
import type { SurveyDefined } from '../../domain/survey/events.js';
import { prepared, type ReadModel } from '../model.js';

export interface SurveyRow {
  readonly id: string;
  readonly definition: SurveyDefinition;
  readonly definedAt: string;
}

export const surveysModel: ReadModel = {
  name: 'surveys',
  schema: `CREATE TABLE IF NOT EXISTS surveys (
    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, definition TEXT NOT NULL, defined_at TEXT NOT NULL)`,
  apply(db, event) {
    if (event.type !== 'SurveyDefined') return;
    const { id, definition } = event.data as SurveyDefined['data'];
    prepared(db, 'INSERT OR REPLACE INTO surveys (id, code, definition, defined_at) VALUES (?, ?, ?, ?)').run(
      id,
      definition.code,
      JSON.stringify(definition),
      event.metadata.at,
    );
  },
};

type Row = { id: string; definition: string; defined_at: string };
const toSurvey = (row: Row): SurveyRow => ({ id: row.id, definition: JSON.parse(row.definition) as SurveyDefinition, definedAt: row.defined_at });

export function findSurvey(db: Database.Database, idOrCode: string): SurveyRow | undefined {
  const row = prepared<[string, string], Row>(db, 'SELECT * FROM surveys WHERE id = ? OR code = ?').get(idOrCode, idOrCode);
  return row && toSurvey(row);
}

export function listSurveys(db: Database.Database, after: string | null, limit: number): SurveyRow[] {
  return prepared<[string, number], Row>(db, 'SELECT * FROM surveys WHERE id > ? ORDER BY id LIMIT ?').all(after ?? '', limit).map(toSurvey);
}
