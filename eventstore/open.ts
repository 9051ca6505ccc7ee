import { DomainError } from '../domain/errors.js';
import { KurrentDbEventStore, type KurrentDbOptions } from './kurrentdb.js';
import type { EventStore } from './port.js';
import { PostgresEventStore, type PostgresOptions } from './postgres.js';
import { SqliteEventStore, type SqliteOptions } from './sqlite.js';

export type OpenOptions = SqliteOptions & KurrentDbOptions & PostgresOptions;

const KURRENT_SCHEMES = ['kurrentdb://', 'kurrentdb+discover://', 'esdb://', 'esdb+discover://'];

/**
 * The event store a URL names: `sqlite:<path>` (the embedded default; `sqlite:///abs/path`
 * also works), a PostgreSQL URL (`postgres://user:password@host:5432/database`) or a
 * KurrentDB connection string (`kurrentdb://host:2113?tls=false`, or the older `esdb://`).
 * Options another store does not know are ignored.
 */
export function openEventStore(url: string, options: OpenOptions = {}): EventStore {
  const trimmed = url.trim();
  if (trimmed.startsWith('sqlite:')) {
    const rest = trimmed.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (!path) throw new DomainError('validation', `event store URL "${url}" has no file path (sqlite:<path>)`);
    return new SqliteEventStore(path, options);
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    return new PostgresEventStore(trimmed, { ...(options.schemas ? { schemas: options.schemas } : {}), ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
  }
  if (KURRENT_SCHEMES.some((scheme) => trimmed.toLowerCase().startsWith(scheme))) {
    return new KurrentDbEventStore(trimmed, options.schemas ? { schemas: options.schemas } : {});
  }
  const shown = trimmed.replace(/\/\/[^@/]*@/, '//***@').slice(0, 80);
  throw new DomainError(
    'validation',
    `unknown event store URL "${shown}": use sqlite:<path> (embedded), postgres://user:password@host:5432/database or kurrentdb://host:port?tls=false (distributed)`,
  );
}
