import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { findUser } from '../../projections/users/model.js';
import { authenticate, restrictTo } from '../access.js';
import { appendFromRequest } from '../append.js';
import { usernameParam } from '../schemas.js';
import { deviceIdSchema } from './auth.js';

const deviceSchema = z
  .object({
    deviceId: z.string(),
    name: z.string(),
    createdAt: z.string().describe('when the device logged in'),
    lastUsedAt: z.string().describe('when it last logged in or renewed its session'),
    expiresAt: z.string().describe('when its refresh token ends unless renewed'),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    active: z.boolean().describe('neither revoked nor expired'),
  })
  .meta({ id: 'Device' });

/**
 * A user's named devices and their sessions (eventstore/sessions.ts), for managers: the
 * list, and the end of one device's session, recorded as `DeviceRevoked` on the user's stream.
 */
export const deviceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'manager');
  const { readDb: db, sessions } = app.deps;

  const known = (id: string) => {
    if (!findUser(db, id)) throw refusal('user.not_found', { id });
  };
  const list = async (id: string) => {
    const now = Date.now();
    return (await sessions.list(id)).map((d) => ({ deviceId: d.deviceId, name: d.name, createdAt: d.createdAt, lastUsedAt: d.lastUsedAt, expiresAt: d.expiresAt, revokedAt: d.revokedAt, revokedBy: d.revokedBy, active: d.revokedAt === null && Date.parse(d.expiresAt) > now }));
  };

  app.get(
    '/api/users/:id/devices',
    { schema: { tags: ['users'], security: [{ bearer: [] }], params: usernameParam, response: { 200: z.object({ items: z.array(deviceSchema) }) } } },
    async (request) => {
      known(request.params.id);
      return { items: await list(request.params.id) };
    },
  );

  app.delete(
    '/api/users/:id/devices/:deviceId',
    {
      schema: {
        tags: ['users'],
        summary: 'Ends a device’s session: its refresh token no longer renews, and its access token runs out within 15 minutes',
        security: [{ bearer: [] }],
        params: usernameParam.extend({ deviceId: deviceIdSchema }),
        response: { 200: deviceSchema },
      },
    },
    async (request) => {
      const { id, deviceId } = request.params;
      known(id);
      const before = (await list(id)).find((d) => d.deviceId === deviceId);
      if (!before) throw refusal('device.not_found', { user: id, device: deviceId });
      if (before.revokedAt === null) {
        await sessions.revoke(id, deviceId, request.user.username);
        await appendFromRequest(request, streams.user(id), [{ type: 'DeviceRevoked', data: { deviceId, name: before.name, by: request.user.username } }], 'stream_exists');
      }
      return (await list(id)).find((d) => d.deviceId === deviceId)!;
    },
  );
};
