import { describe, expect, it } from 'vitest';
import { allowed, homePath, menuFor } from './nav';
import { parse } from './router.svelte';

describe('menus of managers and auditors', () => {
  it('give managers the cycles, reporting rates, surveys, frame, accounts and audit pages, with launching under cycles', () => {
    expect(menuFor('manager').map((item) => item.path)).toEqual(['/cycles', '/reporting', '/surveys', '/frame', '/users', '/audit', '/integrity']);
    expect(allowed('manager', 'user')).toBe(true);
    expect(allowed('supervisor', 'users')).toBe(false);
    expect(allowed('auditor', 'user')).toBe(false);
    expect(allowed('manager', 'launch')).toBe(true);
    expect(allowed('supervisor', 'launch')).toBe(false);
    expect(allowed('supervisor', 'results')).toBe(true);
  });

  it('end the menus of supervisors and auditors with the reporting rates, which enumerators do not see', () => {
    expect(menuFor('supervisor').map((item) => item.path)).toEqual(['/supervise', '/cycles', '/reporting']);
    expect(menuFor('auditor').map((item) => item.path)).toEqual(['/audit', '/integrity', '/cycles', '/reporting']);
    expect(allowed('enumerator', 'reporting')).toBe(false);
  });

  it('open on the event log for auditors, who may read streams but not import or launch', () => {
    expect(homePath('auditor')).toBe('/audit');
    expect(allowed('auditor', 'stream')).toBe(true);
    expect(allowed('auditor', 'frame')).toBe(false);
    expect(allowed('auditor', 'launch')).toBe(false);
    expect(allowed('enumerator', 'stream')).toBe(false);
  });
});

describe('addresses of the new pages', () => {
  it('parse to their routes, keeping the query where a page filters with it', () => {
    expect(parse('#/cycles/new?survey=LFS')).toEqual({ name: 'launch', query: { survey: 'LFS' } });
    expect(parse('#/cycles/LFS-2026-11-a1b2c3?province=01&commune=01001')).toEqual({ name: 'cycle', id: 'LFS-2026-11-a1b2c3', query: { province: '01', commune: '01001' } });
    expect(parse('#/cycles/LFS-2026-11-a1b2c3/results')).toEqual({ name: 'results', id: 'LFS-2026-11-a1b2c3' });
    expect(parse('#/surveys/new')).toEqual({ name: 'surveyNew' });
    expect(parse('#/surveys/LFS')).toEqual({ name: 'survey', id: 'LFS' });
    expect(parse(`#/streams/${encodeURIComponent('task-C.HH1')}`)).toEqual({ name: 'stream', id: 'task-C.HH1' });
    expect(parse('#/audit?type=TaskApproved')).toEqual({ name: 'audit', query: { type: 'TaskApproved' } });
    expect(parse('#/cycles/%E0%A4%A/results')).toEqual({ name: 'notFound' });
    expect(parse('#/users?role=enumerator&area=01')).toEqual({ name: 'users', query: { role: 'enumerator', area: '01' } });
    expect(parse('#/users/enum.hanoi')).toEqual({ name: 'user', id: 'enum.hanoi' });
    expect(parse('#/users/new')).toEqual({ name: 'user', id: 'new' });
    expect(parse('#/reporting?survey=RPT&from=2026-01&province=01')).toEqual({ name: 'reporting', query: { survey: 'RPT', from: '2026-01', province: '01' } });
  });
});

describe('the respondent’s menu', () => {
  it('holds its reports alone, which open its tasks but nothing of the staff’s', () => {
    expect(menuFor('respondent').map((item) => item.path)).toEqual(['/reports']);
    expect(homePath('respondent')).toBe('/reports');
    expect(allowed('respondent', 'reports')).toBe(true);
    expect(allowed('respondent', 'task')).toBe(true);
    expect(allowed('respondent', 'receipt')).toBe(true);
    for (const route of ['myTasks', 'outbox', 'cycles', 'cycle', 'supervise', 'review', 'reporting', 'frame', 'users'] as const) expect(allowed('respondent', route)).toBe(false);
    expect(allowed('enumerator', 'reports')).toBe(false);
    expect(allowed('manager', 'reports')).toBe(false);
  });

  it('and the enrolment page is an address anyone may open', () => {
    expect(parse('#/enrol')).toEqual({ name: 'enrol' });
    expect(parse('#/reports')).toEqual({ name: 'reports' });
    expect(allowed('', 'enrol')).toBe(true);
  });
});
