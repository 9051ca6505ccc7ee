import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { householdRosterSurvey } from './helpers/household-roster.js';
import { freePort } from './helpers/ports.js';
import { eventually, launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';

/** A small phone held upright, touch and all. */
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

let system: TestSystem;
let browser: Browser;
let base: string;
let manager: Api;
let cycleId: string;
let unit: string;

beforeAll(async () => {
  system = await startTestSystem();
  const port = await freePort();
  await system.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  manager = await system.login('manager');
  const created = await manager.post('/api/surveys', householdRosterSurvey('HHPHONE'));
  if (created.statusCode !== 201) throw new Error(created.body);
  cycleId = (await launchCycle(manager, { survey: 'HHPHONE', period: '2026-12', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() })).id;
  const tasks = (await manager.get(`/api/cycles/${cycleId}/tasks?limit=1`)).json<{ items: { unitId: string }[] }>().items;
  unit = tasks[0]!.unitId;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function logIn(username: string): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.url()).not.toContain('#/login');
  return page;
}

/** A field of row `n` of the person roster, by its label. */
const cell = (page: Page, role: 'textbox' | 'combobox' | 'radiogroup', label: string, n: number) => page.getByRole(role, { name: new RegExp(`${label}.*Dòng ${n}\\)`) });

const PEOPLE = [
  { name: 'Nguyễn Thị Lan', relation: 'Chủ hộ', sex: 'Nữ', age: '41', worked: true, hours: '48' },
  { name: 'Trần Văn Minh', relation: 'Vợ/chồng', sex: 'Nam', age: '43', worked: false },
  { name: 'Trần Văn Tú', relation: 'Con', sex: 'Nam', age: '16', worked: true, hours: '12' },
  { name: 'Trần Thị Hoa', relation: 'Con', sex: 'Nữ', age: '9' },
];

describe('a household of four people, entered on a phone in Chromium', () => {
  let enumerator: Page;

  it('fills the household, hides what does not apply, and shows a check failing on one row', async () => {
    enumerator = await logIn('enum.hanoi');
    await enumerator.getByRole('row', { name: new RegExp(unit) }).getByRole('link').click();
    await enumerator.getByRole('textbox', { name: /Số nhân khẩu/ }).fill('4');
    await enumerator.getByRole('button', { name: 'Phần sau' }).click();
    // The roster has one row per member.
    await expect.poll(() => enumerator.getByRole('textbox', { name: /Họ tên/ }).count()).toBe(4);
    for (const [i, person] of PEOPLE.entries()) {
      const n = i + 1;
      await cell(enumerator, 'textbox', 'Họ tên', n).fill(person.name);
      await cell(enumerator, 'combobox', 'Quan hệ với chủ hộ', n).selectOption({ label: person.relation });
      await cell(enumerator, 'combobox', 'Giới tính', n).selectOption({ label: person.sex });
      await cell(enumerator, 'textbox', 'Tuổi', n).fill(person.age);
      if (person.worked !== undefined) await cell(enumerator, 'radiogroup', 'Có làm việc', n).getByRole('radio', { name: person.worked ? 'Có' : 'Không' }).check();
      if (person.hours) await cell(enumerator, 'textbox', 'Số giờ', n).fill(person.hours);
    }
    // A child of 9 is not asked whether they worked; a person who did not work is not asked their hours.
    expect(await cell(enumerator, 'radiogroup', 'Có làm việc', 4).count()).toBe(0);
    expect(await cell(enumerator, 'textbox', 'Số giờ', 2).count()).toBe(0);
    // Tú, 16, worked: the warning shows on his row before anything is sent.
    const warning = enumerator.getByText('Người chưa thành niên đang làm việc?');
    await expect.poll(() => warning.count()).toBe(1);
    // Nothing runs off the side of the phone.
    expect(await enumerator.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await enumerator.screenshot({ path: `${ARTIFACTS}/roster-phone-warning.png`, fullPage: true });
  });

  it('clears the check once the row is fixed, and takes the response with its explanation', async () => {
    // Tú is in fact 18: the check clears as the age is typed.
    await cell(enumerator, 'textbox', 'Tuổi', 3).fill('18');
    await expect.poll(() => enumerator.getByText('Người chưa thành niên đang làm việc?').count()).toBe(0);
    await enumerator.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await expect.poll(() => enumerator.getByTestId('submit-notice').textContent()).toBe('Đã gửi câu trả lời. Nhiệm vụ đang chờ duyệt ở cấp xã.');
    const task = (await manager.get(`/api/tasks/${cycleId}.${unit}`)).json<{ status: string; response: { persons: { age: number; hours?: number }[] } }>();
    expect(task.status).toBe('in_review');
    expect(task.response.persons.map((p) => p.age)).toEqual([41, 43, 18, 9]);
    expect(task.response.persons[1]).not.toHaveProperty('hours');
  });

  it('is reviewed with its roster, published, and the tables by sex are right', async () => {
    const supervisor = await logIn('sup.hanoi');
    await supervisor.goto(`${base}/#/supervise/${encodeURIComponent(`${cycleId}.${unit}`)}`);
    const response = supervisor.getByTestId('response');
    await expect.poll(() => response.textContent()).toContain('Trần Văn Tú');
    expect(await response.textContent()).toContain('Nữ');
    await supervisor.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => supervisor.getByTestId('review-notice').textContent()).toBe('Đã duyệt nhiệm vụ ở cấp xã.');
    await supervisor.screenshot({ path: `${ARTIFACTS}/roster-phone-review.png`, fullPage: true });

    await manager.post(`/api/cycles/${cycleId}/close`, {});
    await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<CycleOverview>(), (c) => c.status === 'closed');
    await manager.post(`/api/cycles/${cycleId}/publish`, {});
    await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<CycleOverview>(), (c) => c.status === 'published');
    const tables = (await manager.get(`/api/cycles/${cycleId}/results`)).json<{ tables: { id: string; rows: { category?: string; value: number | null }[] }[] }>().tables;
    const bySex = (id: string) => Object.fromEntries(tables.find((t) => t.id === id)!.rows.map((r) => [r.category, r.value]));
    expect(bySex('persons_by_sex')).toEqual({ '1': 2, '2': 2 });
    // Lan and Tú worked.
    expect(bySex('employed_by_sex')).toEqual({ '1': 1, '2': 1 });
  });
});
