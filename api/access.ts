import type {} from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { COUNTRY_CODE, levelDepth, type AreaLevel, type Geography } from '../domain/geography/geography.js';
import type { Role, UserRecord } from '../domain/users.js';
import type { Scope } from '../projections/scope.js';
import { findUser } from '../projections/users/model.js';

export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: UserRecord;
  }
}

/** Verifies the bearer token and loads the caller; a disabled or removed account is refused. */
export async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  let claims: TokenClaims;
  try {
    claims = await request.jwtVerify<TokenClaims>();
  } catch {
    throw new DomainError('unauthenticated', 'a valid bearer token is required');
  }
  const user = findUser(request.server.deps.readDb, claims.sub);
  if (!user || user.disabled) throw new DomainError('unauthenticated', 'this account is not active');
  request.user = user;
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.user.role)) {
      throw new DomainError('forbidden', `this needs the role ${roles.join(' or ')}`);
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
