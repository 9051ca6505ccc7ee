import type { RawEvent, ReadAllOptions } from './port.js';
import type { StoredColumns } from './rows.js';

/**
 * The log's global order is the order of commits, with no gap a reader could skip. A plain
 * sequence does not give that: a transaction can take position 7, commit after the one that
 * took 8, and a reader that has already passed 8 never sees 7. Here every append takes the
 * one `log_head` row's lock first and numbers its events after the head it finds, so
 * positions are given out in commit order, and a reader that sees position n has seen every
 * position below it. Appends waiting in one process share one transaction (group commit), so
 * the lock is taken once per batch, not once per append.
 */
export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    position BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stream TEXT COLLATE "C" NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream, revision)
  )`,
  'CREATE INDEX IF NOT EXISTS events_type ON events (type, position)',
  'CREATE TABLE IF NOT EXISTS log_head (singleton BOOLEAN PRIMARY KEY CHECK (singleton), position BIGINT NOT NULL)',
  'INSERT INTO log_head VALUES (true, 0) ON CONFLICT DO NOTHING',
];

/** A stored event's columns under the names `rows.ts` reads. */
export const COLUMNS = 'position, id, stream, revision, type, data AS "dataJson", metadata AS "metadataJson", hash';

/** The query of a page of the whole log, forwards after a position or backwards before one. */
export function selectAll(options: ReadAllOptions): { sql: string; params: unknown[] } {
  const backwards = options.direction === 'backwards';
  const params: unknown[] = [backwards ? (options.before ?? Number.MAX_SAFE_INTEGER) : (options.after ?? 0)];
  const clauses = [backwards ? 'position < $1' : 'position > $1'];
  const prefix = options.filter?.streamPrefix;
  if (prefix) {
    params.push(prefix, `${prefix}\uffff`);
    clauses.push(`stream >= $${params.length - 1} AND stream < $${params.length}`);
  }
  const types = options.filter?.types;
  if (types && types.length > 0) {
    params.push(types);
    clauses.push(`type = ANY($${params.length})`);
  }
  params.push(options.maxCount ?? 1000);
  return { sql: `SELECT ${COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT $${params.length}`, params };
}

/**
 * The stored log as written, in pages of 10,000, through `query`: a store's pool, or a
 * transaction of its own (a backup reads the log of its snapshot so).
 */
export async function* rawLogPages(query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>, options: { after?: number; stream?: string } = {}): AsyncGenerator<RawEvent> {
  const batch = 10_000;
  let after = options.after ?? 0;
  for (;;) {
    const result =
      options.stream === undefined
        ? await query(`SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [after, batch])
        : await query(`SELECT ${COLUMNS} FROM events WHERE stream = $1 AND position > $2 ORDER BY position LIMIT $3`, [options.stream, after, batch]);
    const rows = result.rows as StoredColumns[];
    for (const { position, stream, revision, type, dataJson, metadataJson, hash } of rows) yield { position, stream, revision, type, dataJson, metadataJson, hash };
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.position;
  }
}
