import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { COUNTRY_CODE } from '../../domain/geography/geography.js';
import { AREA_CODE_MAX } from '../../domain/ids.js';
import { CODE_PATTERN, codeFree, codeHash, enrolmentKey, enrolmentStreams } from '../../domain/enrolment.js';
import { streams } from '../../domain/events.js';
import { emailSchema, fullNameSchema, LANGUAGES, usernameSchema, type UserRecord } from '../../domain/users.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findEnrolmentCode } from '../../projections/users/enrolment.js';
import { findUserWithHash, findUserWithHashById } from '../../projections/users/model.js';
import { authenticate } from '../access.js';
import { hashPassword, passwordStamp, verifyPassword } from '../passwords.js';
import { areaSchema, problemSchema, userSchema, userView } from '../schemas.js';

/** An access token on a named device lasts this long; the device renews it with its refresh token. */
export const DEVICE_ACCESS_SECONDS = 15 * 60;
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8 to 128 letters, digits, _ or -');

const signedInSchema = z.object({
  token: z.string(),
  expiresIn: z.number(),
  user: userSchema,
  /** With a device at login or refresh: renews the session at POST /api/auth/refresh. */
  refreshToken: z.string().optional(),
  refreshExpiresAt: z.string().optional(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, sessions, authSecret, store } = app.deps;
  const limit = { rateLimit: { max: app.deps.loginRateLimit ?? 30, timeWindow: '1 minute' } };

  /** An access token for the user: 12 hours, or 15 minutes on a named device, whose refresh token renews it. */
  const signIn = (user: UserRecord & { passwordHash: string }, device: boolean) => {
    const expiresIn = device ? DEVICE_ACCESS_SECONDS : 12 * 3600;
    const token = app.jwt.sign({ sub: user.id, role: user.role, pwd: passwordStamp(user.passwordHash, authSecret) }, { expiresIn });
    const unitIds = user.unitIds ? { unitIds: [...user.unitIds] } : {};
    return { token, expiresIn, user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role, areaCodes: [...user.areaCodes], ...unitIds } };
  };

  app.post(
    '/api/auth/login',
    {
      config: limit,
      schema: {
        tags: ['auth'],
        body: z.strictObject({
          username: z.string().min(1).max(100),
          password: z.string().min(1).max(200),
          /** A device to keep the session on: the answer then carries a refresh token valid 60 days. */
          device: z.strictObject({ id: deviceIdSchema, name: z.string().trim().min(1).max(100) }).optional(),
        }),
        response: { 200: signedInSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const user = findUserWithHash(db, request.body.username);
      const ok = user !== undefined && !user.disabled && (await verifyPassword(request.body.password, user.passwordHash));
      if (!ok || !user) throw refusal('auth.wrong_credentials');
      const device = request.body.device;
      if (!device) return signIn(user, false);
      const session = await sessions.start(user.id, device.id, device.name, passwordStamp(user.passwordHash, authSecret));
      return { ...signIn(user, true), refreshToken: session.refreshToken, refreshExpiresAt: session.expiresAt };
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      config: limit,
      schema: {
        tags: ['auth'],
        summary: 'Renews a named device’s session: a new access token and a new refresh token',
        body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
        response: { 200: signedInSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const refreshed = await sessions.refresh(request.body.refreshToken);
      if (!refreshed.ok) throw refreshed.reason === 'revoked' ? refusal('auth.device_revoked') : refusal('auth.refresh_invalid');
      const user = findUserWithHashById(db, refreshed.userId);
      if (!user || user.disabled) throw refusal('auth.account_inactive');
      // A new password ends every device's session: the old one may be what was stolen.
      if (refreshed.passwordStamp !== passwordStamp(user.passwordHash, authSecret)) throw refusal('auth.password_changed');
      return { ...signIn(user, true), refreshToken: refreshed.refreshToken, refreshExpiresAt: refreshed.expiresAt };
    },
  );

  const enrolmentKeyed = enrolmentKey(authSecret);
  /** The one answer to every code that does not open an account, so that codes cannot be probed. */
  const codeRefused = () => refusal('enrolment.code_invalid', {}, [{ path: 'body.code', message: 'is not a valid enrolment code', code: 'invalid_code' }]);

  app.post(
    '/api/auth/enrol',
    {
      config: { rateLimit: { max: app.deps.enrolRateLimit ?? 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'A unit’s respondent makes its own account with the enrolment code of its letter, and is signed in',
        body: z.strictObject({
          code: z.string().regex(CODE_PATTERN, 'must be the code of the letter, like 7KQ2-M9XD-4TRV'),
          username: usernameSchema,
          password: z.string().min(8, 'must have at least 8 characters').max(200, 'must have at most 200 characters'),
          email: emailSchema,
          fullName: fullNameSchema.optional(),
          language: z.enum(LANGUAGES).optional(),
        }),
        response: { 201: signedInSchema, 400: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { code, username, password, email, fullName, language } = request.body;
      const hash = codeHash(enrolmentKeyed, code);
      const found = findEnrolmentCode(db, hash);
      // Wrong, used, replaced by a newer letter or expired: one answer for all.
      if (!found || found.usedBy !== null || found.superseded || Date.parse(found.expiresAt) <= Date.now()) throw codeRefused();
      const taken = () => refusal('user.username_taken', { username }, [{ path: 'body.username', message: 'is taken', code: 'taken' }]);
      if (findUserWithHash(db, username)) throw taken();
      const codeStream = enrolmentStreams.code(hash);
      const claimed = await store.readStream(codeStream);
      if (!codeFree(claimed)) throw codeRefused();
      const metadata = { actor: username, correlationId: String(request.id), causationId: null, workflowId: null, at: new Date().toISOString() };
      try {
        // The claim: appended only onto the stream as it was read, so two people with one letter cannot both enrol.
        await store.append(codeStream, [{ type: 'EnrolmentCodeUsed', data: { unitId: found.unitId, userId: username }, metadata }], { expected: claimed.length === 0 ? 'no_stream' : claimed[claimed.length - 1]!.revision });
      } catch (err) {
        if (err instanceof ConcurrencyError) throw codeRefused();
        throw err;
      }
      const account = {
        id: username,
        username,
        ...(fullName === undefined ? {} : { fullName }),
        email,
        ...(language === undefined ? {} : { language }),
        role: 'respondent' as const,
        areaCodes: [],
        unitIds: [found.unitId],
        enrolledWith: hash,
        passwordHash: await hashPassword(password),
      };
      let position: number;
      try {
        position = (await store.append(streams.user(username), [{ type: 'UserCreated', data: account, metadata }], { expected: 'no_stream' })).position;
      } catch (err) {
        // The username went to someone else meanwhile: the code works again, and nothing else was made.
        await store.append(codeStream, [{ type: 'EnrolmentCodeReleased', data: { userId: username, reason: 'username taken' }, metadata }], { expected: 'any' });
        if (err instanceof ConcurrencyError) throw taken();
        throw err;
      }
      await app.deps.projector.waitFor(position);
      const user = findUserWithHash(db, username)!;
      return reply.code(201).send(signIn(user, false));
    },
  );

  app.get(
    '/api/me',
    { onRequest: authenticate, config: { respondents: true }, schema: { tags: ['auth'], security: [{ bearer: [] }], response: { 200: userSchema } } },
    async (request) => userView(request.user),
  );

  app.get(
    '/api/links',
    {
      onRequest: authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Where the Temporal web UI is, so pages can link each cycle and task to its workflow',
        security: [{ bearer: [] }],
        response: { 200: z.object({ temporalUi: z.string().nullable(), namespace: z.string() }) },
      },
    },
    async () => ({ temporalUi: app.deps.temporalUiUrl ?? null, namespace: app.deps.temporal.options.namespace }),
  );

  app.get(
    '/api/areas',
    {
      onRequest: authenticate,
      schema: {
        tags: ['areas'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ parent: z.string().min(1).max(AREA_CODE_MAX).optional() }),
        response: {
          200: z.object({ items: z.array(areaSchema) }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const geo = app.deps.geography;
      const parent = request.query.parent;
      if (parent === undefined) return { items: [geo.get(COUNTRY_CODE)!] };
      if (!geo.has(parent)) throw refusal('area.not_found', { code: parent });
      return { items: [...geo.children(parent)] };
    },
  );

  app.get(
    '/api/areas/:code',
    {
      onRequest: authenticate,
      schema: {
        tags: ['areas'],
        security: [{ bearer: [] }],
        params: z.object({ code: z.string().min(1).max(AREA_CODE_MAX) }),
        response: {
          200: areaSchema.extend({ ancestry: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }),
        },
      },
    },
    async (request) => {
      const geo = app.deps.geography;
      const area = geo.get(request.params.code);
      if (!area) throw refusal('area.not_found', { code: request.params.code });
      // From the country down to the area's parent, for breadcrumbs.
      const ancestry = geo.ancestry(area.code).filter((a) => a.code !== area.code).reverse().map(({ code, name, level }) => ({ code, name, level }));
      return { ...area, ancestry };
    },
  );
};
