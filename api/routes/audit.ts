import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import type { EventFilter, EventStore, RecordedEvent } from '../../eventstore/port.js';
import { verifyLog, verifyStream } from '../../eventstore/integrity.js';
import { authenticate, restrictTo } from '../access.js';
import { STREAM_NAME_MAX } from '../../domain/ids.js';
import { limitSchema, queryInt, streamNameSchema } from '../schemas.js';

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

const streamParam = z.object({ stream: streamNameSchema });

const logFilter = {
  type: z.string().regex(/^[A-Za-z]{1,80}$/).optional(),
  stream: z.string().max(STREAM_NAME_MAX).optional(),
};

/**
 * The log after `after` up to `through`, redacted, one JSON event per line, read a page at
 * a time and only as fast as the consumer takes it: a generator runs on demand.
 */
export async function* logLines(
  store: Pick<EventStore, 'readAll'>,
  options: { after: number; through: number; filter: EventFilter; pageSize?: number },
): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 1000;
  for (let after = options.after; ; ) {
    const page = (await store.readAll({ after, maxCount: pageSize, filter: options.filter })).filter((e) => e.position <= options.through);
    if (page.length > 0) yield page.map((e) => `${JSON.stringify(redact(e))}\n`).join('');
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'auditor', 'manager');
  const { store } = app.deps;

  app.get(
    '/api/audit/events',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ after: queryInt(0).default(0), ...logFilter, limit: limitSchema }),
        response: { 200: z.object({ items: z.array(eventSchema), next: z.number().int().nullable() }) },
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
    '/api/audit/export',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        description: 'The log as NDJSON, one event per line as in /api/audit/events, up to the newest event when the export starts.',
        querystring: z.strictObject({ after: queryInt(0).default(0), ...logFilter }),
        response: {
          200: {
            description: 'One event per line, as in /api/audit/events',
            content: { 'application/x-ndjson': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('a stream of JSON lines') } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      // A fixed end: the export is one prefix of the log, and ends even while events keep arriving.
      const through = await store.headPosition();
      const lines = logLines(store, { after: q.after, through, filter: { streamPrefix: q.stream, types: q.type ? [q.type] : undefined } });
      return reply.type('application/x-ndjson').send(Readable.from(lines, { objectMode: false }));
    },
  );

  app.get(
    '/api/audit/streams/:stream',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        params: streamParam,
        querystring: z.strictObject({ from: queryInt(0).default(0), limit: limitSchema }),
        response: { 200: z.object({ stream: z.string(), events: z.array(eventSchema), next: z.number().int().nullable() }) },
      },
    },
    async (request) => {
      const { stream } = request.params;
      const events = await store.readStream(stream, { from: request.query.from, maxCount: request.query.limit });
      if (events.length === 0 && request.query.from === 0) throw refusal('stream.not_found', { stream });
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
        response: { 200: z.object({ valid: z.boolean(), events: z.number().int(), firstBrokenRevision: z.number().int().optional(), reason: z.string().optional() }) },
      },
    },
    async (request) => {
      const result = await verifyStream(store, request.params.stream);
      if (result.valid && result.events === 0) throw refusal('stream.not_found', { stream: request.params.stream });
      return result;
    },
  );
};
