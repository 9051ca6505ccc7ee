import type Database from 'better-sqlite3';
import type { Language, Role, UserEvent, UserRecord } from '../../domain/users.js';
import { prepared, type ReadModel } from '../model.js';

export const usersModel: ReadModel = {
  name: 'users',
  schema: `CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, role TEXT NOT NULL, area_codes TEXT NOT NULL,
    password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)`,
  apply(db, event) {
    const e = { type: event.type, data: event.data } as UserEvent;
    if (e.type === 'UserCreated') {
      prepared(db, 'INSERT OR REPLACE INTO users (id, username, role, area_codes, password_hash) VALUES (?, ?, ?, ?, ?)').run(
        e.data.id,
        e.data.username,
        e.data.role,
        JSON.stringify(e.data.areaCodes),
        e.data.passwordHash,
      );
    } else if (e.type === 'UserChanged') {
      const id = event.stream.slice('user-'.length);
      const d = e.data;
      if (d.role !== undefined) prepared(db, 'UPDATE users SET role = ? WHERE id = ?').run(d.role, id);
      if (d.areaCodes !== undefined) prepared(db, 'UPDATE users SET area_codes = ? WHERE id = ?').run(JSON.stringify(d.areaCodes), id);
      if (d.disabled !== undefined) prepared(db, 'UPDATE users SET disabled = ? WHERE id = ?').run(d.disabled ? 1 : 0, id);
      if (d.passwordHash !== undefined) prepared(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(d.passwordHash, id);
    }
  },
};

/**
 * Full names: a model of their own rather than a column of `users`, so that a read database
 * whose `users` table predates them fills this table from the log like any model added later.
 */
export const userNamesModel: ReadModel = {
  name: 'user_names',
  schema: 'CREATE TABLE IF NOT EXISTS user_names (id TEXT PRIMARY KEY, full_name TEXT NOT NULL)',
  apply(db, event) {
    const e = { type: event.type, data: event.data } as UserEvent;
    if ((e.type !== 'UserCreated' && e.type !== 'UserChanged') || e.data.fullName === undefined) return;
    const id = e.type === 'UserCreated' ? e.data.id : event.stream.slice('user-'.length);
    prepared(db, 'INSERT OR REPLACE INTO user_names (id, full_name) VALUES (?, ?)').run(id, e.data.fullName);
  },
};

/** Addresses and languages, a model of their own for the same reason as names. */
export const userContactsModel: ReadModel = {
  name: 'user_contacts',
  schema: 'CREATE TABLE IF NOT EXISTS user_contacts (id TEXT PRIMARY KEY, email TEXT, language TEXT)',
  apply(db, event) {
    const e = { type: event.type, data: event.data } as UserEvent;
    if (e.type !== 'UserCreated' && e.type !== 'UserChanged') return;
    const id = e.type === 'UserCreated' ? e.data.id : event.stream.slice('user-'.length);
    const { email, language } = e.data;
    if (email === undefined && language === undefined) return;
    prepared(db, 'INSERT OR IGNORE INTO user_contacts (id) VALUES (?)').run(id);
    if (email !== undefined) prepared(db, 'UPDATE user_contacts SET email = ? WHERE id = ?').run(email, id);
    if (language !== undefined) prepared(db, 'UPDATE user_contacts SET language = ? WHERE id = ?').run(language, id);
  },
};

/** The units each respondent answers for, looked up both ways (a unit's respondents get its tasks and messages). */
export const userUnitsModel: ReadModel = {
  name: 'user_units',
  schema: `CREATE TABLE IF NOT EXISTS user_units (id TEXT NOT NULL, unit_id TEXT NOT NULL, PRIMARY KEY (id, unit_id));
    CREATE INDEX IF NOT EXISTS user_units_by_unit ON user_units (unit_id)`,
  apply(db, event) {
    const e = { type: event.type, data: event.data } as UserEvent;
    if ((e.type !== 'UserCreated' && e.type !== 'UserChanged') || e.data.unitIds === undefined) return;
    const id = e.type === 'UserCreated' ? e.data.id : event.stream.slice('user-'.length);
    prepared(db, 'DELETE FROM user_units WHERE id = ?').run(id);
    for (const unitId of e.data.unitIds) prepared(db, 'INSERT OR IGNORE INTO user_units (id, unit_id) VALUES (?, ?)').run(id, unitId);
  },
};

type Row = { id: string; username: string; full_name: string | null; email: string | null; language: Language | null; role: Role; area_codes: string; unit_ids: string | null; password_hash: string; disabled: number };
const toUser = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  ...(r.full_name === null ? {} : { fullName: r.full_name }),
  ...(r.email === null ? {} : { email: r.email }),
  ...(r.language === null ? {} : { language: r.language }),
  role: r.role,
  areaCodes: JSON.parse(r.area_codes) as string[],
  ...(r.role === 'respondent' ? { unitIds: (JSON.parse(r.unit_ids ?? '[]') as string[]).sort() } : {}),
  disabled: r.disabled === 1,
});

const withHash = (r: Row): UserRecord & { passwordHash: string } => ({ ...toUser(r), passwordHash: r.password_hash });

/** Every query reads an account with its name, address, language and (a respondent's) units, if it has them. */
const SELECT =
  "SELECT users.*, user_names.full_name, user_contacts.email, user_contacts.language, (SELECT json_group_array(unit_id) FROM user_units WHERE user_units.id = users.id) AS unit_ids FROM users LEFT JOIN user_names ON user_names.id = users.id LEFT JOIN user_contacts ON user_contacts.id = users.id";

export function findUserWithHash(db: Database.Database, username: string): (UserRecord & { passwordHash: string }) | undefined {
  const row = prepared<[string], Row>(db, `${SELECT} WHERE users.username = ?`).get(username);
  return row && withHash(row);
}

export function findUserWithHashById(db: Database.Database, id: string): (UserRecord & { passwordHash: string }) | undefined {
  const row = prepared<[string], Row>(db, `${SELECT} WHERE users.id = ?`).get(id);
  return row && withHash(row);
}

export function findUser(db: Database.Database, id: string): UserRecord | undefined {
  const row = prepared<[string], Row>(db, `${SELECT} WHERE users.id = ?`).get(id);
  return row && toUser(row);
}

/** Active accounts of a role in username order, each with its full name if it has one (for lists of people to pick from). */
export function activeUsers(db: Database.Database, role: Role): UserRecord[] {
  return prepared<[string], Row>(db, `${SELECT} WHERE users.role = ? AND users.disabled = 0 ORDER BY users.username`).all(role).map(toUser);
}

export interface UserFilter {
  readonly role?: Role;
  /** Keeps accounts holding any of these area codes. */
  readonly areaCodes?: readonly string[];
}

/** Accounts in id order after `after`, disabled ones included. */
export function listUsers(db: Database.Database, filter: UserFilter, after: string | null, limit: number): UserRecord[] {
  const clauses = ['users.id > ?'];
  const params: unknown[] = [after ?? ''];
  if (filter.role) {
    clauses.push('users.role = ?');
    params.push(filter.role);
  }
  if (filter.areaCodes) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(users.area_codes) WHERE value IN (${filter.areaCodes.map(() => '?').join(',')}))`);
    params.push(...filter.areaCodes);
  }
  params.push(limit);
  return prepared<unknown[], Row>(db, `${SELECT} WHERE ${clauses.join(' AND ')} ORDER BY users.id LIMIT ?`).all(...params).map(toUser);
}

/** The active respondents of a unit, in username order: who gets its tasks and their messages. */
export function respondentsOf(db: Database.Database, unitId: string): UserRecord[] {
  return prepared<[string], Row>(db, `${SELECT} WHERE users.role = 'respondent' AND users.disabled = 0 AND users.id IN (SELECT id FROM user_units WHERE unit_id = ?) ORDER BY users.username`)
    .all(unitId)
    .map(toUser);
}

/** Which of these units have at least one active respondent. */
export function unitsWithRespondents(db: Database.Database, unitIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const chunk = unitIds.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT DISTINCT user_units.unit_id AS unit_id FROM user_units JOIN users ON users.id = user_units.id WHERE users.role = 'respondent' AND users.disabled = 0 AND user_units.unit_id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as { unit_id: string }[];
    for (const row of rows) found.add(row.unit_id);
  }
  return found;
}
