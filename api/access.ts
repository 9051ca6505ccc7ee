import type {} from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusal } from '../domain/problems.js';
import { COUNTRY_CODE, levelDepth, type AreaLevel, type Geography } from '../domain/geography/geography.js';
import type { Role, UserRecord } from '../domain/users.js';
import type { Scope } from '../projections/scope.js';
import { findUserWithHashById } from '../projections/users/model.js';
import { passwordStamp } from './passwords.js';

export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  /** `passwordStamp` of the password at login. */
  readonly pwd: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: UserRecord;
  }
}

/** Verifies the bearer token and loads the caller; a disabled or removed account, or a changed password, refuses it. */
export async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  let claims: TokenClaims;
  try {
    claims = await request.jwtVerify<TokenClaims>();
  } catch {
    throw refusal('auth.token_required');
  }
  const { readDb, authSecret } = request.server.deps;
  const found = findUserWithHashById(readDb, claims.sub);
  if (!found || found.disabled) throw refusal('auth.account_inactive');
  const { passwordHash, ...user } = found;
  if (claims.pwd !== passwordStamp(passwordHash, authSecret)) throw refusal('auth.password_changed');
  request.user = user;
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.user.role)) {
      throw refusal('auth.role_required', { roles: roles.join(',') });
    }
  };
}

/** The areas a user may see: national staff and auditors see everything. */
export function scopeOf(user: UserRecord): Scope {
  if (user.role === 'auditor') return null;
  if (user.areaCodes.includes(COUNTRY_CODE)) return null;
  return user.areaCodes;
}

export function inScope(user: UserRecord, geography: Geography, areaCode: string): boolean {
  const scope = scopeOf(user);
  return scope === null || geography.withinAny(scope, areaCode);
}

/** A supervisor reviews at every level at or below the level of one of their areas that contains the task. */
export function canReviewAt(user: UserRecord, geography: Geography, areaCode: string, level: string): boolean {
  if (user.role !== 'supervisor') return false;
  return user.areaCodes.some((code) => {
    const area = geography.get(code);
    return area !== undefined && geography.contains(code, areaCode) && levelDepth(area.level) <= levelDepth(level as AreaLevel);
  });
}

/** Whether the caller may see a task: its enumerator, staff whose areas hold it, auditors. */
export function taskVisible(task: { enumerator: string; areaCode: string }, user: UserRecord, geography: Geography): boolean {
  return user.role === 'enumerator' ? task.enumerator === user.username : inScope(user, geography, task.areaCode);
}
