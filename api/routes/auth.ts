import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { COUNTRY_CODE } from '../../domain/geography/geography.js';
import { AREA_CODE_MAX } from '../../domain/ids.js';
import { findUserWithHash } from '../../projections/users/model.js';
import { authenticate } from '../access.js';
import { passwordStamp, verifyPassword } from '../passwords.js';
import { areaSchema, problemSchema, userSchema } from '../schemas.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: app.deps.loginRateLimit ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), expiresIn: z.number(), user: userSchema }), 401: problemSchema },
      },
    },
    async (request) => {
      const user = findUserWithHash(app.deps.readDb, request.body.username);
      const ok = user !== undefined && !user.disabled && (await verifyPassword(request.body.password, user.passwordHash));
      if (!ok || !user) throw refusal('auth.wrong_credentials');
      const expiresIn = 12 * 3600;
      const token = app.jwt.sign({ sub: user.id, role: user.role, pwd: passwordStamp(user.passwordHash, app.deps.authSecret) }, { expiresIn });
      return { token, expiresIn, user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role, areaCodes: [...user.areaCodes] } };
    },
  );

  app.get(
    '/api/me',
    { onRequest: authenticate, schema: { tags: ['auth'], security: [{ bearer: [] }], response: { 200: userSchema } } },
    async (request) => ({ ...request.user, areaCodes: [...request.user.areaCodes] }),
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
