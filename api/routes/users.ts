import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { accountProblems, emailSchema, evolveUser, fullNameSchema, LANGUAGES, MAX_UNITS_PER_RESPONDENT, ROLES, usernameSchema, type UserChanged, type UserEvent, type UserRecord } from '../../domain/users.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findUnit } from '../../projections/frame/model.js';
import { findUser, listUsers } from '../../projections/users/model.js';
import { authenticate, restrictTo } from '../access.js';
import { appendFromRequest } from '../append.js';
import { hashPassword } from '../passwords.js';
import { cursorSchema, decodeCursor, encodeCursor, usernameParam, limitSchema, userSchema, userView } from '../schemas.js';

const accountSchema = userSchema.extend({ disabled: z.boolean() }).meta({ id: 'Account' });
const passwordSchema = z.string().min(8, 'must have at least 8 characters').max(200, 'must have at most 200 characters');
const areaCodesSchema = z.array(z.string().min(1).max(16)).max(1000);
const unitIdsSchema = z.array(z.string().min(1).max(64)).max(MAX_UNITS_PER_RESPONDENT).meta({ description: 'A respondent’s units (frame ids); staff have none.' });

const view = (user: UserRecord) => userView(user);

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'manager');
  const { readDb: db, geography, store } = app.deps;

  const checkAccount = (account: Parameters<typeof accountProblems>[0]) => {
    const errors = accountProblems(account, (code) => geography.has(code), (id) => findUnit(db, id) !== undefined);
    if (errors.length > 0) throw new DomainError('validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors.map((e) => ({ ...e, path: `body.${e.path}` })), { code: 'user.invalid', params: {} });
  };

  /** The area, those above it and those below it: everyone who works there or oversees it. */
  const related = (code: string): string[] => {
    const below = (c: string): string[] => geography.children(c).flatMap((a) => [a.code, ...below(a.code)]);
    return [...geography.ancestry(code).map((a) => a.code), ...below(code)];
  };

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ role: z.enum(ROLES).optional(), areaCode: z.string().max(16).optional(), limit: limitSchema, cursor: cursorSchema }),
        response: { 200: z.object({ items: z.array(accountSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const after = decodeCursor(q.cursor, z.string());
      const items = listUsers(db, { role: q.role, areaCodes: q.areaCode === undefined ? undefined : related(q.areaCode) }, after, q.limit).map(view);
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === q.limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], security: [{ bearer: [] }], params: usernameParam, response: { 200: accountSchema } } },
    async (request) => {
      const user = findUser(db, request.params.id);
      if (!user) throw refusal('user.not_found', { id: request.params.id });
      return view(user);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        security: [{ bearer: [] }],
        body: z.strictObject({
          username: usernameSchema,
          fullName: fullNameSchema.optional(),
          email: emailSchema.optional(),
          language: z.enum(LANGUAGES).optional(),
          password: passwordSchema,
          role: z.enum(ROLES),
          areaCodes: areaCodesSchema,
          unitIds: unitIdsSchema.optional(),
        }),
        response: { 201: accountSchema },
      },
    },
    async (request, reply) => {
      const { username, fullName, email, language, password, role } = request.body;
      const areaCodes = [...new Set(request.body.areaCodes)];
      const unitIds = request.body.unitIds && [...new Set(request.body.unitIds)].sort();
      checkAccount({ role, areaCodes, unitIds });
      const taken = () => refusal('user.username_taken', { username }, [{ path: 'body.username', message: 'is taken', code: 'taken' }]);
      if (findUser(db, username)) throw taken();
      // Tasks name their enumerator by username and accounts are looked up by id, so the two are one; usernames never change.
      const id = username;
      const data = {
        id,
        username,
        ...(fullName === undefined ? {} : { fullName }),
        ...(email === undefined ? {} : { email }),
        ...(language === undefined ? {} : { language }),
        role,
        areaCodes,
        ...(unitIds === undefined || role !== 'respondent' ? {} : { unitIds }),
        passwordHash: await hashPassword(password),
      };
      try {
        // `no_stream` makes the username unique even between two requests racing for it.
        await appendFromRequest(request, streams.user(id), [{ type: 'UserCreated', data }], 'no_stream');
      } catch (err) {
        if (err instanceof ConcurrencyError) throw taken();
        throw err;
      }
      return reply.code(201).send(view(findUser(db, id)!));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        security: [{ bearer: [] }],
        params: usernameParam,
        body: z
          .strictObject({
            fullName: fullNameSchema.optional(),
            email: emailSchema.nullable().optional().meta({ description: 'null removes the address' }),
            language: z.enum(LANGUAGES).optional(),
            role: z.enum(ROLES).optional(),
            areaCodes: areaCodesSchema.optional(),
            unitIds: unitIdsSchema.optional(),
            disabled: z.boolean().optional(),
            password: passwordSchema.optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), 'must change at least one of fullName, email, language, role, areaCodes, unitIds, disabled, password')
          .meta({ minProperties: 1 } as Record<string, unknown>),
        response: { 200: accountSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      const stream = streams.user(id);
      // Decided against the stream itself, and appended at its revision, so two managers' changes cannot cross.
      const events = await store.readStream(stream);
      const current = events.reduce<ReturnType<typeof evolveUser>>((state, e) => evolveUser(state, { type: e.type, data: e.data } as UserEvent), null);
      const revision = events[events.length - 1]?.revision;
      if (!current || revision === undefined) throw refusal('user.not_found', { id });
      // A manager who locked themselves out could not undo it.
      if (id === request.user.id && body.disabled === true) {
        throw refusal('user.cannot_disable_self', {}, [{ path: 'body.disabled', message: 'a manager cannot disable their own account', code: 'own_account' }]);
      }
      if (id === request.user.id && body.role !== undefined && body.role !== 'manager') {
        throw refusal('user.cannot_change_own_role', {}, [{ path: 'body.role', message: 'a manager cannot change their own role', code: 'own_account' }]);
      }
      const areaCodes = body.areaCodes && [...new Set(body.areaCodes)];
      const unitIds = body.unitIds && [...new Set(body.unitIds)].sort();
      const role = body.role ?? current.role;
      // A change of role to or from respondent leaves no units, or no areas, behind unless replaced.
      const keptUnits = role === 'respondent' ? (current.unitIds ?? []) : [];
      const keptAreas = role === 'respondent' ? [] : current.areaCodes;
      checkAccount({ role, areaCodes: areaCodes ?? keptAreas, unitIds: unitIds ?? keptUnits });

      const change: UserChanged['data'] = {};
      if (body.fullName !== undefined && body.fullName !== current.fullName) change.fullName = body.fullName;
      if (body.email !== undefined && body.email !== (current.email ?? null)) change.email = body.email;
      if (body.language !== undefined && body.language !== (current.language ?? 'vi')) change.language = body.language;
      if (body.role !== undefined && body.role !== current.role) change.role = body.role;
      const nextAreas = areaCodes ?? keptAreas;
      if (nextAreas.join() !== current.areaCodes.join()) change.areaCodes = [...nextAreas];
      const nextUnits = unitIds ?? keptUnits;
      if (nextUnits.join() !== (current.unitIds ?? []).join()) change.unitIds = [...nextUnits];
      if (body.disabled !== undefined && body.disabled !== current.disabled) change.disabled = body.disabled;
      if (body.password !== undefined) change.passwordHash = await hashPassword(body.password);
      // Asking for what is already so records nothing: every event is a change.
      if (Object.keys(change).length > 0) {
        try {
          await appendFromRequest(request, stream, [{ type: 'UserChanged', data: change }], revision);
        } catch (err) {
          if (err instanceof ConcurrencyError) throw refusal('user.changed_meanwhile', { id });
          throw err;
        }
      } else {
        await app.deps.projector.settle();
      }
      return view(findUser(db, id)!);
    },
  );
};
