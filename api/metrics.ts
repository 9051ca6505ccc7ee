import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DomainError } from '../domain/errors.js';
import { FINAL_STATUSES, TASK_STATUSES } from '../domain/task/events.js';
import { cycleStatusCounts } from '../projections/cycles/model.js';
import { taskTotals } from '../projections/tasks/queries.js';
import type { ApiDeps } from './deps.js';

/** The statuses a cycle workflow ends in; `closed` still waits for publication. */
const CYCLE_OUTCOMES = ['published', 'cancelled'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics at `/metrics`: HTTP traffic, projector lag, and the work itself as
 * the read models show it at scrape time. Labels name routes and statuses, never a
 * user, a task or a URL. Installed on the root instance before the routes, so that its
 * hook sees every request.
 */
export function installMetrics(app: FastifyInstance, deps: Pick<ApiDeps, 'store' | 'projector' | 'readDb' | 'metricsToken'>): void {
  const { store, projector, readDb: db } = deps;
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration, by route pattern',
    labelNames: ['method', 'route', 'status_code'],
    registers,
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, not the URL: ids in paths would make a series per task.
    const route = request.routeOptions.url ?? 'unknown';
    requests.inc({ method: request.method, route, status: reply.statusCode });
    duration.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'projector_lag_events',
    help: 'Events in the log not yet in the read models',
    registers,
    async collect() {
      this.set(Math.max(0, (await store.headPosition()) - projector.position));
    },
  });
  new Gauge({
    name: 'projector_lag_seconds',
    help: 'Age of the oldest event not yet in the read models (0 when caught up)',
    registers,
    async collect() {
      const [next] = await store.readAll({ after: projector.position, maxCount: 1 });
      this.set(next ? Math.max(0, (Date.now() - Date.parse(next.metadata.at)) / 1000) : 0);
    },
  });

  new Gauge({
    name: 'survey_tasks',
    help: 'Tasks by status, over all cycles',
    labelNames: ['status'],
    registers,
    collect() {
      const { counts } = taskTotals(db);
      for (const status of TASK_STATUSES) this.set({ status }, counts[status]);
    },
  });
  new Gauge({
    name: 'survey_tasks_overdue',
    help: 'Tasks past their due date and not final',
    registers,
    collect() {
      this.set(taskTotals(db).overdue);
    },
  });
  new Gauge({
    name: 'survey_cycles',
    help: 'Cycles by status',
    labelNames: ['status'],
    registers,
    collect() {
      for (const [status, n] of Object.entries(cycleStatusCounts(db))) this.set({ status }, n);
    },
  });
  // Read from the read models rather than counted as workflows end: workflows end in any
  // worker process, and final statuses never change, so this stays a true counter across
  // restarts of the API and of the workers.
  new Counter({
    name: 'survey_workflow_outcomes_total',
    help: 'Task and cycle workflows by how they ended',
    labelNames: ['workflow', 'outcome'],
    registers,
    collect() {
      this.reset();
      const { counts } = taskTotals(db);
      for (const outcome of FINAL_STATUSES) this.inc({ workflow: 'task', outcome }, counts[outcome]);
      const cycles = cycleStatusCounts(db);
      for (const outcome of CYCLE_OUTCOMES) this.inc({ workflow: 'cycle', outcome }, cycles[outcome]);
    },
  });

  const expected = deps.metricsToken ? digest(`Bearer ${deps.metricsToken}`) : null;
  const requireToken = async (request: FastifyRequest) => {
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
    if (expected && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      throw new DomainError('unauthenticated', 'the metrics need the bearer token set in METRICS_TOKEN');
    }
  };
  app.get('/metrics', { schema: { hide: true }, onRequest: requireToken }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
