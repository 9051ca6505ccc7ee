import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Changes } from '../../projections/model.js';
import { findCycle } from '../../projections/cycles/model.js';
import { DomainError } from '../../domain/errors.js';
import { authenticate } from '../access.js';
import { cycleOverview, cycleVisible } from '../cycles.js';
import { problems } from '../schemas.js';

const FLUSH_MS = 200;
const HEARTBEAT_MS = 15_000;

/** Server-sent events: the overview of every changed cycle the caller may see, batched every 200 ms. */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, projector, geography } = app.deps;
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/live',
    {
      onRequest: authenticate,
      schema: {
        tags: ['live'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ cycleId: z.string().max(300).optional() }),
        response: { 200: z.string().describe('text/event-stream of `cycle` events'), ...problems },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const only = request.query.cycleId;
      if (only) {
        const cycle = findCycle(db, only);
        if (!cycle || !cycleVisible(cycle, user, geography)) throw new DomainError('not_found', `no cycle ${only}`);
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(': connected\n\n');
      const pending = new Set<string>();
      let timer: NodeJS.Timeout | null = null;
      const flush = () => {
        timer = null;
        for (const id of pending) {
          const cycle = findCycle(db, id);
          if (cycle && cycleVisible(cycle, user, geography)) {
            raw.write(`event: cycle\ndata: ${JSON.stringify(cycleOverview(db, cycle, user))}\n\n`);
          }
        }
        pending.clear();
      };
      const onChange = (changes: Changes) => {
        for (const id of changes.cycles) if (!only || id === only) pending.add(id);
        if (pending.size > 0 && !timer) timer = setTimeout(flush, FLUSH_MS);
      };
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      projector.on('changed', onChange);
      const close = () => {
        projector.off('changed', onChange);
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        open.delete(end);
      };
      const end = () => {
        close();
        raw.end();
      };
      open.add(end);
      request.raw.on('close', close);
    },
  );
};
