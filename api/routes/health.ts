import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Health of the dependencies; the metrics are in ../metrics.ts. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, projector, temporal } = app.deps;
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        response: {
          200: z.object({ status: z.enum(['ok', 'degraded']), temporal: z.string(), eventStore: z.string(), projector: z.object({ position: z.number(), head: z.number(), lag: z.number() }) }),
          503: z.object({ status: z.literal('down'), temporal: z.string(), eventStore: z.string(), projector: z.object({ position: z.number(), head: z.number(), lag: z.number() }) }),
        },
      },
    },
    async (_request, reply) => {
      let head = 0;
      let eventStore = 'ok';
      try {
        head = await store.headPosition();
      } catch {
        eventStore = 'unavailable';
      }
      let temporalStatus = 'ok';
      try {
        await temporal.connection.workflowService.getSystemInfo({}, );
      } catch {
        temporalStatus = 'unavailable';
      }
      const projectorState = { position: projector.position, head, lag: Math.max(0, head - projector.position) };
      if (eventStore !== 'ok') return reply.code(503).send({ status: 'down' as const, temporal: temporalStatus, eventStore, projector: projectorState });
      return { status: temporalStatus === 'ok' ? ('ok' as const) : ('degraded' as const), temporal: temporalStatus, eventStore, projector: projectorState };
    },
  );
};
