import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Changes } from '../../projections/model.js';
import { findCycle } from '../../projections/cycles/model.js';
import { findTask } from '../../projections/tasks/model.js';
import { refusal } from '../../domain/problems.js';
import { CYCLE_ID_MAX } from '../../domain/ids.js';
import { authenticate, taskVisible } from '../access.js';
import { problemSchema } from '../schemas.js';
import { cycleOverview, cycleVisible } from '../cycles.js';

const FLUSH_MS = 200;
const HEARTBEAT_MS = 15_000;
/** Past this many changed tasks in one flush, a client is told to reload its lists instead. */
const MAX_TASKS_PER_FLUSH = 200;

/**
 * Server-sent events, batched every 200 ms: `cycle` with the overview of every changed
 * cycle the caller may see, `task` with the list item of every changed task they may see,
 * and `resync` (with the cycle ids) when more tasks changed than are worth sending one by one.
 */
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
        summary: 'Server-sent events: what changes in the cycles and tasks the caller may see',
        querystring: z.strictObject({ cycleId: z.string().min(1).max(CYCLE_ID_MAX).optional().describe('only this cycle (404 if the caller may not see it)') }),
        response: {
          200: {
            description: [
              'A `text/event-stream` that does not end while the client stays. It starts with the comment `: connected` and',
              'sends `: keep-alive` every 15 s. Changes are batched every 200 ms into events:',
              '- `cycle`: `data` is the cycle\'s overview in the caller\'s areas (the `CycleOverview` of `GET /api/cycles/{id}`);',
              '- `task`: `data` is a changed task as `GET /api/cycles/{id}/tasks` lists it;',
              '- `resync`: `data` is `{"cycles": [ids]}`: more than 200 tasks changed at once, reload those lists.',
            ].join('\n'),
            content: { 'text/event-stream': { schema: z.string() } },
          },
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const only = request.query.cycleId;
      if (only) {
        const cycle = findCycle(db, only);
        if (!cycle || !cycleVisible(cycle, user, geography)) throw refusal('cycle.not_found', { id: only });
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
      const pendingTasks = new Set<string>();
      let timer: NodeJS.Timeout | null = null;
      const flush = () => {
        timer = null;
        const visible: string[] = [];
        for (const id of pending) {
          const cycle = findCycle(db, id);
          if (cycle && cycleVisible(cycle, user, geography)) {
            visible.push(id);
            raw.write(`event: cycle\ndata: ${JSON.stringify(cycleOverview(db, cycle, user))}\n\n`);
          }
        }
        if (pendingTasks.size > MAX_TASKS_PER_FLUSH) {
          // Only the cycles the caller may see: the others' ids are not theirs to learn.
          raw.write(`event: resync\ndata: ${JSON.stringify({ cycles: visible })}\n\n`);
        } else {
          for (const id of pendingTasks) {
            const task = findTask(db, id);
            if (task && (!only || task.cycleId === only) && taskVisible(task, user, geography)) {
              const { state: _state, provinceCode: _province, communeCode: _commune, ...item } = task;
              raw.write(`event: task\ndata: ${JSON.stringify({ ...item, areaName: geography.get(item.areaCode)?.name ?? null })}\n\n`);
            }
          }
        }
        pending.clear();
        pendingTasks.clear();
      };
      const onChange = (changes: Changes) => {
        for (const id of changes.cycles) if (!only || id === only) pending.add(id);
        // Task ids are `<cycleId>.<unitId>`: the cycle filter needs no look-up.
        for (const id of changes.tasks) if (!only || id.startsWith(`${only}.`)) pendingTasks.add(id);
        if ((pending.size > 0 || pendingTasks.size > 0) && !timer) timer = setTimeout(flush, FLUSH_MS);
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
