import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoReport } from '../bin/demo.js';
import { DEMO_ENROLMENT_CODES, DEMO_ENTERPRISES, DEMO_RESPONDENT } from '../bin/seed.js';
import { reportingPeriod } from '../domain/survey/schedule.js';
import { eventually, startTestSystem, type TestSystem } from './helpers/system.js';

/**
 * The demo of periodic reporting, as `npm start` opens it and the README walks through it:
 * the monthly enterprise report of the month that ended, due for the demo enterprises; the
 * demo respondent finds it; another enterprise enrols with the code its letter would carry.
 */
type Report = { id: string; unitId: string; period: string; due: boolean; status: string };
let system: TestSystem;
const said: string[] = [];
const period = reportingPeriod('month', new Date());

beforeAll(async () => {
  system = await startTestSystem();
  await openDemoReport(system.app, (line) => said.push(line));
});

afterAll(async () => {
  await system.app.deps.temporal.schedule.getHandle('survey-schedule/DN_THANG').delete().catch(() => {});
  await system?.stop();
});

describe('the demo monthly enterprise report', () => {
  it('is open for the month that ended, once however often the system starts', async () => {
    expect(said.join('\n')).toContain(`DN_THANG for ${period}`);
    await openDemoReport(system.app, (line) => said.push(line));
    const manager = await system.login('manager');
    const cycles = (await manager.get('/api/cycles?limit=100')).json<{ items: { id: string; survey: string; period: string }[] }>().items.filter((c) => c.survey === 'DN_THANG');
    expect(cycles.map((c) => c.period)).toEqual([period]);
    const schedule = await manager.get('/api/surveys/DN_THANG/schedule');
    expect(schedule.statusCode, schedule.body).toBe(200);
  });

  it('is due for the demo respondent, whose form checks against the register', async () => {
    const respondent = await system.login(DEMO_RESPONDENT.username);
    const reports = await eventually(async () => (await respondent.get('/api/my/reports')).json<{ items: Report[] }>().items, (items) => items.length > 0);
    expect(reports).toEqual([expect.objectContaining({ unitId: DEMO_RESPONDENT.unitId, period, due: true, status: 'assigned' })]);
    const registered = DEMO_ENTERPRISES.find((unit) => unit.id === DEMO_RESPONDENT.unitId)!.attributes!.employees_last_year as number;
    const res = await respondent.post(`/api/tasks/${reports[0]!.id}/submit`, { data: { revenue: 1200, employees: registered * 6, wage_bill: 900 } }, { 'idempotency-key': `demo-${process.pid}-1` });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<{ status: string; warnings: { id: string }[]; receipt: { id: string } | null }>();
    expect(answer.warnings.map((w) => w.id)).toEqual(['workers_vs_register']);
    expect(answer.status).toBe('in_review');
    expect(answer.receipt).not.toBeNull();
  });

  it('lets another demo enterprise enrol with the code of its letter and find its report', async () => {
    const [unitId, code] = Object.entries(DEMO_ENROLMENT_CODES)[0]!;
    const res = await system.app.inject({ method: 'POST', url: '/api/auth/enrol', payload: { code, username: 'may.thanglong', password: 'a long password', email: 'ketoan@maythanglong.example.vn' } });
    expect(res.statusCode, res.body).toBe(201);
    const respondent = await system.login('may.thanglong', 'a long password');
    const reports = (await respondent.get('/api/my/reports')).json<{ items: Report[] }>().items;
    expect(reports).toEqual([expect.objectContaining({ unitId, period, due: true })]);
  });
});
