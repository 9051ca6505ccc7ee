import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingPeriod } from '../domain/survey/schedule.js';
import { scheduleId } from '../api/schedules.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

let system: TestSystem;
let manager: Api;
let supervisor: Api;
const code = `MR${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, supervisor] = await Promise.all([system.login('manager'), system.login('sup.hcm')]);
});

afterAll(async () => {
  await system.client.schedule.getHandle(scheduleId(code)).delete().catch(() => undefined);
  await system?.stop();
});

const REPORT = {
  code,
  title: { vi: 'Báo cáo tháng', en: 'Monthly report' },
  kind: 'reporting',
  unitType: 'firm',
  fields: [{ id: 'revenue', type: 'decimal', required: true, min: 0, label: { vi: 'Doanh thu', en: 'Revenue' } }],
  reviewLevels: ['province'],
  schedule: { every: 'month', collectionDays: 10 },
};

describe('reporting schedules', () => {
  it('gives a survey with a schedule a Temporal Schedule that launches the last period’s cycle over all areas', async () => {
    expect((await manager.post('/api/surveys', REPORT)).statusCode).toBe(201);
    const view = (await supervisor.get(`/api/surveys/${code}/schedule`)).json<{ state: string; nextRuns: string[] }>();
    expect(view.state).toBe('active');
    const next = new Date(view.nextRuns[0]!);
    // The first of a month at local midnight (UTC+7).
    expect(new Date(next.getTime() + 7 * 3600e3).getUTCDate()).toBe(1);
    expect(new Date(next.getTime() + 7 * 3600e3).getUTCHours()).toBe(0);

    expect((await manager.post('/api/units/import', [{ id: 'ENT001', type: 'firm', areaCode: '79001', name: 'Công ty TNHH Một' }])).json()).toMatchObject({ imported: 1 });
    const firedAt = Date.now();
    await system.client.schedule.getHandle(scheduleId(code)).trigger();
    const cycleId = `${code}-${reportingPeriod('month', new Date(firedAt))}`;
    const cycle = await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<{ status?: string; collectionDeadline?: string; areaCodes?: string[]; total?: number }>(), (c) => c.status === 'collecting');
    expect(cycle).toMatchObject({ areaCodes: [], total: 1 });
    const deadline = Date.parse(cycle.collectionDeadline!);
    expect(Math.abs(deadline - (firedAt + 10 * 864e5))).toBeLessThan(60_000);
  });

  it('launches nothing for a period a manager already launched by hand', async () => {
    const byHand = `${code}H`;
    expect((await manager.post('/api/surveys', { ...REPORT, code: byHand })).statusCode).toBe(201);
    const period = reportingPeriod('month', new Date());
    const launched = await manager.post('/api/cycles', { survey: byHand, period, collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    expect(launched.statusCode).toBe(202);
    const manual = launched.json<{ id: string }>().id;
    const schedule = system.client.schedule.getHandle(scheduleId(byHand));
    try {
      await schedule.trigger();
      const fired = await eventually(async () => (await schedule.describe()).info.recentActions, (actions) => actions.length > 0);
      const run = system.client.workflow.getHandle(fired[0]!.action.workflow.workflowId, fired[0]!.action.workflow.firstExecutionRunId);
      expect(await run.result()).toBe(manual);
      expect((await manager.get(`/api/cycles/${byHand}-${period}`)).statusCode).toBe(404);
      expect((await manager.get(`/api/cycles?limit=100`)).json<{ items: { id: string; survey: string }[] }>().items.filter((c) => c.id.startsWith(byHand)).map((c) => c.id)).toEqual([manual]);
    } finally {
      await schedule.delete().catch(() => undefined);
    }
  });

  it('is paused, resumed and deleted by a manager only, each change an event', async () => {
    expect((await supervisor.post(`/api/surveys/${code}/schedule/pause`, {})).statusCode).toBe(403);
    expect((await manager.post(`/api/surveys/${code}/schedule/pause`, { note: 'Tết holiday' })).json()).toMatchObject({ state: 'paused', note: 'Tết holiday' });
    expect((await manager.post(`/api/surveys/${code}/schedule/resume`, {})).json()).toMatchObject({ state: 'active' });
    const deleted = await system.app.inject({ method: 'DELETE', url: `/api/surveys/${code}/schedule`, headers: { authorization: `Bearer ${manager.token}` } });
    expect(deleted.statusCode).toBe(204);
    expect((await manager.get(`/api/surveys/${code}/schedule`)).statusCode).toBe(404);
    const events = (await manager.get(`/api/audit/streams/survey-${code}`)).json<{ events: { type: string; data: { state?: string }; metadata: { actor: string } }[] }>().events;
    expect(events.map((e) => e.data.state ?? e.type)).toEqual(['SurveyDefined', 'active', 'paused', 'active', 'deleted']);
    expect(events.at(-1)?.metadata.actor).toBe('manager');
  });

  it('refuses schedule routes for a survey without a schedule', async () => {
    expect((await manager.get('/api/surveys/LFS/schedule')).statusCode).toBe(404);
    expect((await manager.post('/api/surveys/LFS/schedule/pause', {})).statusCode).toBe(404);
  });
});

describe('reportingPeriod', () => {
  it('names the period that just ended, in Vietnam’s time', () => {
    expect(reportingPeriod('month', new Date('2026-12-01T00:00:00+07:00'))).toBe('2026-11');
    expect(reportingPeriod('month', new Date('2026-01-01T00:00:00+07:00'))).toBe('2025-12');
    expect(reportingPeriod('month', new Date('2026-11-30T17:00:00Z'))).toBe('2026-11');
    expect(reportingPeriod('quarter', new Date('2026-01-01T00:00:00+07:00'))).toBe('2025-Q4');
    expect(reportingPeriod('quarter', new Date('2026-07-01T00:00:00+07:00'))).toBe('2026-Q2');
    expect(reportingPeriod('year', new Date('2027-01-01T00:00:00+07:00'))).toBe('2026');
  });
});
