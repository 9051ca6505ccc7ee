import type {} from '@fastify/jwt';
import type Database from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusal } from '../domain/problems.js';
import { COUNTRY_CODE, levelDepth, type AreaLevel, type Geography } from '../domain/geography/geography.js';
import { ROLES, STAFF_ROLES, type Role, type UserRecord } from '../domain/users.js';
import type { Scope } from '../projections/scope.js';
import { findTask } from '../projections/tasks/model.js';
import { findUserWithHashById } from '../projections/users/model.js';
import { passwordStamp } from './passwords.js';

export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  /** `passwordStamp` of the password at login. */
  readonly pwd: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Whether respondents may call the route. They answer for their units from outside the
     * office, so a route is closed to them unless it says so: its role hook names them, or
     * (for a route open to every role) this is set.
     */
    respondents?: boolean;
  }
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
  if (user.role === 'respondent' && request.routeOptions.config.respondents !== true) throw refusal('auth.role_required', { roles: STAFF_ROLES.join(',') });
}

/**
 * Opens to respondents the routes whose role hook names them, and notes every other route
 * that is open to any signed-in caller as a route for staff (in the API document too).
 */
export function closeToRespondents(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const roles = rolesOfHooks(route.onRequest);
    if (roles?.includes('respondent')) route.config = { ...route.config, respondents: true };
    const schema = route.schema as Record<string, unknown> | undefined;
    const bearer = (schema?.security as unknown[] | undefined)?.length;
    if (!roles && bearer && route.config?.respondents !== true) noteRoles(schema, STAFF_ROLES);
  });
}

/** The roles each hook from `requireRole` lets through, so that the API document can name them. */
const roleHooks = new WeakMap<object, readonly Role[]>();

/**
 * A hook refusing (403) every role but these. On a route (`onRequest`) the document names its
 * roles; for every route of a plugin use `restrictTo`, which names them too.
 */
export function requireRole(...roles: Role[]) {
  const hook = async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.user.role)) {
      throw refusal('auth.role_required', { roles: roles.join(',') });
    }
  };
  roleHooks.set(hook, roles);
  return hook;
}

/** Where a route's schema names the roles that may call it, for the document (`x-roles` on the operation). */
export const ROLES_KEY = 'x-roles';

/** Notes in a route's schema that only these roles pass; a route limited twice (its plugin and itself) takes the roles both allow. */
export function noteRoles(schema: Record<string, unknown> | undefined, roles: readonly Role[]): void {
  if (!schema) return;
  const before = schema[ROLES_KEY] as readonly Role[] | undefined;
  schema[ROLES_KEY] = ROLES.filter((role) => roles.includes(role) && (before?.includes(role) ?? true));
}

/** The roles a route's own `onRequest` hooks let through, or undefined if none of them is a `requireRole`. */
export function rolesOfHooks(hooks: unknown): readonly Role[] | undefined {
  const limits = [hooks].flat().flatMap((hook) => (typeof hook === 'function' && roleHooks.has(hook) ? [roleHooks.get(hook)!] : []));
  return limits.length === 0 ? undefined : ROLES.filter((role) => limits.every((roles) => roles.includes(role)));
}

/** Limits every route a plugin registers after this call to these roles: their role hook, and the roles in the document. */
export function restrictTo(app: FastifyInstance, ...roles: Role[]): void {
  app.addHook('onRequest', requireRole(...roles));
  app.addHook('onRoute', (route) => noteRoles(route.schema as Record<string, unknown> | undefined, roles));
}

/** The areas a user may see: national staff and auditors see everything, respondents no area (only their units). */
export function scopeOf(user: UserRecord): Scope {
  if (user.role === 'respondent') return [];
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

/** Whether the caller may see a task: its enumerator, its unit's respondents, staff whose areas hold it, auditors. */
export function taskVisible(task: { enumerator: string; areaCode: string; unitId: string }, user: UserRecord, geography: Geography): boolean {
  if (user.role === 'respondent') return user.unitIds?.includes(task.unitId) ?? false;
  return user.role === 'enumerator' ? task.enumerator === user.username : inScope(user, geography, task.areaCode);
}

/** Whether the caller may read a survey's definition: staff all, a respondent those its units have tasks of. */
export function surveyVisible(db: Database.Database, user: UserRecord, surveyId: string): boolean {
  if (user.role !== 'respondent') return true;
  const units = user.unitIds ?? [];
  if (units.length === 0) return false;
  const found = db
    .prepare(`SELECT 1 FROM tasks JOIN cycles ON cycles.id = tasks.cycle_id WHERE tasks.unit_id IN (${units.map(() => '?').join(',')}) AND (cycles.survey_id = ? OR cycles.survey_code = ?) LIMIT 1`)
    .get(...units, surveyId, surveyId);
  return found !== undefined;
}

/** Whether the caller answers for the task's unit: a respondent of it. */
export const answersForUnit = (task: { unitId: string }, user: UserRecord): boolean => user.role === 'respondent' && (user.unitIds?.includes(task.unitId) ?? false);

/** The task if the caller may see it: its enumerator, staff whose areas hold it, auditors. Else 404. */
export function visibleTask(db: Database.Database, geography: Geography, id: string, user: UserRecord): NonNullable<ReturnType<typeof findTask>> {
  const task = findTask(db, id);
  if (!task || !taskVisible(task, user, geography)) throw refusal('task.not_found', { id });
  return task;
}
