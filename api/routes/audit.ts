import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { verifyLog, verifyStream } from '../../eventstore/integrity.js';
import { authenticate, requireRole } from '../access.js';
import { limitSchema, problems } from '../schemas.js';

const eventSchema = z.object({
  id: z.string(),
  stream: z.string(),
  revision: z.number().int(),
  position: z.number().int(),
  type: z.string(),
  data: z.unknown(),
  metadata: z.object({ actor: z.string(), correlationId: z.string(), at: z.string() }).passthrough(),
});

/** Password hashes stay out of what auditors read; the hash chain still covers them. */
function redact(event: RecordedEvent) {
  const metadata = { ...event.metadata };
  if (!event.stream.startsWith('user-')) return { ...event, metadata };
  const data = { ...(event.data as Record<string, unknown>) };
  if ('passwordHash' in data) data.passwordHash = '[redacted]';
  return { ...event, data, metadata };
}

const streamParam = z.object({ stream: z.string().min(1).max(300) });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  app.addHook('onRequest', requireRole('auditor', 'manager'));
  const { store } = app.deps;

  app.get(
    '/api/audit/events',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          type: z.string().regex(/^[A-Za-z]{1,80}$/).optional(),
          stream: z.string().max(300).optional(),
          limit: limitSchema,
        }),
        response: { 200: z.object({ items: z.array(eventSchema), next: z.number().int().nullable() }), ...problems },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await store.readAll({ after: q.after, maxCount: q.limit, filter: { streamPrefix: q.stream, types: q.type ? [q.type] : undefined } });
      const last = items[items.length - 1];
      return { items: items.map(redact), next: items.length === q.limit && last ? last.position : null };
    },
  );

  app.get(
    '/api/audit/streams/:stream',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        params: streamParam,
        querystring: z.strictObject({ from: z.coerce.number().int().min(0).default(0), limit: limitSchema }),
        response: { 200: z.object({ stream: z.string(), events: z.array(eventSchema), next: z.number().int().nullable() }), ...problems },
      },
    },
    async (request) => {
      const { stream } = request.params;
      const events = await store.readStream(stream, { from: request.query.from, maxCount: request.query.limit });
      if (events.length === 0 && request.query.from === 0) throw new DomainError('not_found', `no stream ${stream}`);
      const last = events[events.length - 1];
      return { stream, events: events.map(redact), next: events.length === request.query.limit && last ? last.revision + 1 : null };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            valid: z.boolean(),
            events: z.number().int(),
            streams: z.number().int(),
            seals: z.number().int(),
            problems: z.array(z.object({ stream: z.string(), revision: z.number().int(), reason: z.string() })),
          }),
          ...problems,
        },
      },
    },
    async () => verifyLog(store),
  );

  app.get(
    '/api/audit/streams/:stream/verify',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        params: streamParam,
        response: { 200: z.object({ valid: z.boolean(), events: z.number().int(), firstBrokenRevision: z.number().int().optional(), reason: z.string().optional() }), ...problems },
      },
    },
    async (request) => {
      const result = await verifyStream(store, request.params.stream);
      if (result.valid && result.events === 0) throw new DomainError('not_found', `no stream ${request.params.stream}`);
      return result;
    },
  );
};
