import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { scheduleId } from '../../api/schedules.js';
import { launchCycle, type Api, type TestSystem } from './system.js';

const hex = () => randomBytes(3).toString('hex');
export const fresh = (prefix: string) => `${prefix}${hex()}`;
export const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

/** A small survey of its own unit type, so that a cycle of it has only the units a test imported. */
export function surveyBody(code: string, unitType: string, options: { schedule?: boolean } = {}) {
  return {
    code,
    title: { vi: 'Khảo sát thử', en: 'Test survey' },
    kind: options.schedule ? 'reporting' : 'sample_survey',
    unitType,
    fields: [
      { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số nhân khẩu', en: 'Members' } },
      { id: 'note', type: 'text', label: { vi: 'Ghi chú', en: 'Note' } },
    ],
    checks: [{ id: 'few', expression: 'members <= 20', severity: 'block', message: { vi: 'Quá đông', en: 'Too many' } }],
    reviewLevels: ['commune', 'province'],
    outputs: [{ id: 'households', aggregate: 'count', by: 'province' }],
    minCellSize: 1,
    ...(options.schedule ? { schedule: { every: 'year', collectionDays: 10 } } : {}),
  };
}

/**
 * What the API tests work on, beside the demo data: a survey with units of its own in
 * Hà Nội (five in commune 01001, one alone in 01002) and Hồ Chí Minh City (two in 79001),
 * a survey with a schedule, a second Hà Nội enumerator to reassign to, and an account
 * that only refused changes are aimed at.
 */
export interface Scene {
  readonly survey: string;
  readonly unitType: string;
  readonly scheduled: string;
  readonly enumerator2: string;
  readonly account: string;
  readonly units: { readonly hanoi: readonly string[]; readonly solo: string; readonly hcm: readonly string[] };
  /** Launches a cycle of the scene's survey and waits until its tasks are assigned. */
  launch(areaCodes: readonly string[]): Promise<string>;
  /** A further survey with a schedule (its Temporal Schedule is deleted by `cleanUp`). */
  scheduledSurvey(): Promise<string>;
  cleanUp(): Promise<void>;
}

export const taskOf = (cycleId: string, unitId: string) => `${cycleId}.${unitId}`;

export async function buildScene(system: TestSystem, manager: Api): Promise<Scene> {
  const tag = hex();
  const unitType = `scene_${tag}`;
  const survey = `SC${tag.toUpperCase()}`;
  const schedules: string[] = [];
  const created = async (res: Promise<{ statusCode: number; body: string }>, status = 201) => {
    const answer = await res;
    expect(answer.statusCode, answer.body).toBe(status);
  };
  const scheduledSurvey = async () => {
    const code = fresh('SS').toUpperCase();
    schedules.push(code);
    await created(manager.post('/api/surveys', surveyBody(code, `${unitType}_scheduled`, { schedule: true })));
    return code;
  };

  await created(manager.post('/api/surveys', surveyBody(survey, unitType)));
  const scheduled = await scheduledSurvey();
  const enumerator2 = `enum.${tag}`;
  const account = `account.${tag}`;
  await created(manager.post('/api/users', { username: enumerator2, password: 'second enumerator', role: 'enumerator', areaCodes: ['01'] }));
  await created(manager.post('/api/users', { username: account, password: 'refused changes only', role: 'enumerator', areaCodes: ['01'] }));

  const units = {
    hanoi: [1, 2, 3, 4, 5].map((n) => `H${tag}${n}`),
    solo: `S${tag}`,
    hcm: [1, 2].map((n) => `C${tag}${n}`),
  };
  const frame = [
    ...units.hanoi.map((id) => ({ id, type: unitType, areaCode: '01001', name: `Hộ ${id}`, enumerator: 'enum.hanoi' })),
    { id: units.solo, type: unitType, areaCode: '01002', name: 'Hộ một mình', enumerator: 'enum.hanoi' },
    ...units.hcm.map((id) => ({ id, type: unitType, areaCode: '79001', name: `Hộ ${id}`, enumerator: 'enum.hcm' })),
  ];
  const imported = await manager.post('/api/units/import', frame);
  expect(imported.json()).toEqual({ imported: frame.length, rejected: [] });

  return {
    survey,
    unitType,
    scheduled,
    enumerator2,
    account,
    units,
    async launch(areaCodes) {
      const cycle = await launchCycle(manager, { survey, period: fresh('p-'), areaCodes, collectionDeadline: inDays(30) });
      return cycle.id;
    },
    scheduledSurvey,
    async cleanUp() {
      for (const code of schedules) await system.client.schedule.getHandle(scheduleId(code)).delete().catch(() => undefined);
    },
  };
}

/** A survey of dwellings with one whole-number question, reviewed once, counted by province: the smallest that goes through a whole cycle. */
export const dwellingSurvey = (code: string, title = { vi: 'Khảo sát', en: 'Survey' }) => ({
  code,
  title,
  kind: 'sample_survey',
  unitType: 'dwelling',
  fields: [{ id: 'n', type: 'integer', required: true, min: 0, label: { vi: 'Số', en: 'Number' } }],
  reviewLevels: ['province'],
  outputs: [{ id: 'dwellings', aggregate: 'count', by: 'province' }],
  minCellSize: 1,
});
