import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, projector, temporal } = app.deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const lag = new Gauge({
    name: 'projector_lag_events',
    help: 'Events in the log not yet in the read models',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await store.headPosition()) - projector.position));
    },
  });
  void lag;
  app.addHook('onResponse', async (request, reply) => {
    requests.inc({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode });
  });

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

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
};
