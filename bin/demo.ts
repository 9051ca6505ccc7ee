import type { FastifyInstance } from 'fastify';
import { ensureSchedule } from '../api/schedules.js';
import { findSurvey } from '../projections/surveys/model.js';
import { activeCycleFor } from '../projections/cycles/model.js';
import { reportingPeriod } from '../domain/survey/schedule.js';

/**
 * The demo's monthly enterprise report, running as an office would run it: its Temporal
 * Schedule (the first of each month), and the report of the month that just ended already
 * open, so that a newcomer's enterprise has something due the moment the system is up.
 * Launched through the API as the demo manager; a period already launched is left alone.
 * Replicas of one log open it from one of them only (`DEMO_REPORT=0` on the others): two
 * starting together could both find it not launched yet.
 */
export async function openDemoReport(app: FastifyInstance, say: (line: string) => void): Promise<void> {
  const { readDb, temporal, taskQueue } = app.deps;
  const survey = findSurvey(readDb, 'DN_THANG');
  if (!survey) return;
  await ensureSchedule(temporal, taskQueue, survey.id, survey.definition);
  const period = reportingPeriod('month', new Date());
  if (activeCycleFor(readDb, survey.definition.code, period)) return;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: 'demo' } });
  if (login.statusCode !== 200) return;
  const { token } = login.json<{ token: string }>();
  const collectionDays = survey.definition.schedule?.collectionDays ?? 20;
  const launched = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: { authorization: `Bearer ${token}` },
    payload: { survey: survey.id, period, collectionDeadline: new Date(Date.now() + collectionDays * 864e5).toISOString() },
  });
  if (launched.statusCode === 202) say(`  Demo report:  DN_THANG for ${period} opened for the demo enterprises`);
}
