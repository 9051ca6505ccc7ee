import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { dwellingSurvey } from './helpers/scene.js';
import { launchCycle, listen, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * The field-capture journey of spec/field-capture.md, in Chromium with a persistent profile at a
 * phone's size, by touch: the device keeps its enumerator's tasks; offline, three tasks are
 * filled and submitted and wait in the outbox, also after the browser is closed; back online each
 * goes once, the one reassigned meanwhile as a late submission, which the supervisor accepts.
 */
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'vi-VN' };
const UNITS = ['FJ001', 'FJ002', 'FJ003'];
const ANSWERS = [3, 5, 7];

let system: TestSystem;
let base: string;
let manager: Api;
let cycleId: string;
let supervisorBrowser: Browser | undefined;
let context: BrowserContext | undefined;
const profile = mkdtempSync(join(tmpdir(), 'survey-ops-field-'));
const taskIds = () => UNITS.map((unit) => `${cycleId}.${unit}`);
/** The address of a receipt's check, as the outbox links it. */
let receiptLink = '';

const open = () =>
  chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    ...PHONE,
  });

/** How many of the enumerator's tasks the device holds, each with its questionnaire (read straight from IndexedDB). */
const copiedTasks = (page: Page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'survey-ops-copy')) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('survey-ops-copy');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = (key: IDBValidKey) =>
      new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('records').objectStore('records').get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    try {
      const index = (await get(['enum.hanoi', 'index'])) as { tasks: Record<string, { id: string }[]> } | undefined;
      const ids = Object.values(index?.tasks ?? {}).flat().map((t) => t.id);
      const copies = (await Promise.all(ids.map((id) => get(['enum.hanoi', 'task', id])))) as ({ surveyId: string; version: number } | undefined)[];
      const withForms = await Promise.all(copies.map(async (copy) => copy !== undefined && (await get(['enum.hanoi', 'survey', copy.surveyId, copy.version])) !== undefined));
      return withForms.filter(Boolean).length;
    } finally {
      db.close();
    }
  });

/** At a phone's width nothing scrolls sideways, and every control is a touch target of at least 44 px. */
async function expectPhoneFriendly(page: Page, name: string): Promise<void> {
  const layout = await page.evaluate(() => {
    const small = [...document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, textarea, a.button, [role=button]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ what: el.outerHTML.slice(0, 80), height: el.getBoundingClientRect().height }))
      .filter((el) => el.height < 44);
    return { scrollWidth: document.documentElement.scrollWidth, small };
  });
  expect(layout.scrollWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(PHONE.viewport.width);
  expect(layout.small, `${name} has small touch targets`).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/field-${name}.png`, fullPage: true });
}

async function eventsOf(stream: string): Promise<string[]> {
  const res = await manager.get(`/api/audit/streams/${stream}`);
  return res.statusCode === 404 ? [] : res.json<{ events: { type: string }[] }>().events.map((e) => e.type);
}
const count = (types: string[], type: string) => types.filter((t) => t === type).length;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  system = await startTestSystem();
  base = await listen(system);
  manager = await system.login('manager');
  for (const [url, body] of [
    ['/api/surveys', dwellingSurvey('FIELDJ', { vi: 'Khảo sát nhà ở', en: 'Dwelling survey' })],
    ['/api/users', { username: 'enum.hanoi2', password: 'second enumerator', role: 'enumerator', areaCodes: ['01'] }],
    ['/api/units/import', UNITS.map((id, i) => ({ id, type: 'dwelling', areaCode: '01001', name: `Nhà số ${i + 1}`, enumerator: 'enum.hanoi' }))],
  ] as const) {
    const res = await manager.post(url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
  cycleId = (await launchCycle(manager, { survey: 'FIELDJ', period: '2026-12', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() })).id;
});

afterAll(async () => {
  await context?.close();
  await supervisorBrowser?.close();
  await system?.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('a day in the field without a network, on a phone', () => {
  let page: Page;

  it('signs in, and the device keeps the enumerator’s open tasks with their questionnaire', async () => {
    context = await open();
    page = await context.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('enum.hanoi');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('checkbox', { name: 'Giữ đăng nhập trên thiết bị này trong 60 ngày' }).check();
    await page.getByLabel('Tên thiết bị này (quản lý sẽ thấy)').fill('Điện thoại hiện trường');
    await page.getByRole('button', { name: 'Đăng nhập' }).tap();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhiệm vụ của tôi');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => copiedTasks(page), { timeout: 30_000 }).toBe(UNITS.length);
    await expectPhoneFriendly(page, 'tasks-online');
  });

  it('offline, reloads, and fills and submits three tasks, which wait on the device', async () => {
    await context!.setOffline(true);
    // Meanwhile, at the office, the third task goes to another enumerator.
    const moved = await (await system.login('sup.hanoi')).post(`/api/tasks/${taskIds()[2]}/reassign`, { enumerator: 'enum.hanoi2' });
    expect(moved.statusCode, moved.body).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByTestId('offline-copy').count()).toBe(1);
    for (const [i, unit] of UNITS.entries()) {
      await page.getByRole('link', { name: `Nhà số ${i + 1}` }).tap();
      const field = page.getByRole('textbox', { name: /Số/ });
      await expect.poll(() => field.count()).toBe(1);
      await field.fill(String(ANSWERS[i]));
      if (i === 0) await expectPhoneFriendly(page, 'task-offline');
      await page.getByRole('button', { name: 'Gửi câu trả lời' }).tap();
      await expect.poll(() => page.getByTestId('submit-queued').count()).toBe(1);
      await expect.poll(() => page.getByTestId(`device-status-${cycleId}.${unit}`).first().getAttribute('data-device-status')).toBe('waiting');
      await page.goto(`${base}/#/`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhiệm vụ của tôi');
    }
    await expect.poll(() => page.getByTestId('outbox-badge').getAttribute('data-count')).toBe('3');
    await expectPhoneFriendly(page, 'tasks-offline');
  });

  it('keeps them waiting after the browser is closed and opened again, still offline', async () => {
    await context!.close();
    context = await open();
    await context.setOffline(true);
    page = await context.newPage();
    await page.goto(`${base}/#/outbox`);
    await expect.poll(() => page.getByTestId('outbox-badge').getAttribute('data-count')).toBe('3');
    await expectPhoneFriendly(page, 'outbox-offline');
    await page.goto(`${base}/#/`);
    for (const id of taskIds()) await expect.poll(() => page.getByTestId(`device-status-${id}`).getAttribute('data-device-status')).toBe('waiting');
    // Nothing reached the server.
    for (const id of taskIds()) expect(count(await eventsOf(`task-${id}`), 'ResponseSubmitted')).toBe(0);
  });

  it('back online, sends each once, the reassigned one as a late submission', async () => {
    await context!.setOffline(false);
    const [first, second, third] = taskIds() as [string, string, string];
    for (const id of [first, second]) await expect.poll(() => page.getByTestId(`device-status-${id}`).getAttribute('data-device-status'), { timeout: 30_000 }).toBe('sent');
    await expect.poll(() => page.getByTestId('outbox-badge').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/field-tasks-sent.png`, fullPage: true });
    // The reassigned task has left the list; the outbox still shows what became of its submission.
    await page.goto(`${base}/#/outbox`);
    await expect.poll(() => page.getByTestId(`device-status-${third}`).getAttribute('data-device-status')).toBe('late');
    // The two taken on time keep their receipts; the late one waits for the supervisor.
    await expect.poll(() => page.locator('[data-testid^="outbox-receipt-"]').count()).toBe(2);
    receiptLink = (await page.locator('[data-testid^="outbox-receipt-"] a').first().getAttribute('href')) ?? '';
    await page.screenshot({ path: `${ARTIFACTS}/field-outbox-sent.png`, fullPage: true });

    // Opened again online, the app sends nothing twice.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hộp gửi đi');
    await expect.poll(() => page.getByTestId(`device-status-${third}`).getAttribute('data-device-status')).toBe('late');
    for (const id of [first, second]) expect(count(await eventsOf(`task-${id}`), 'ResponseSubmitted')).toBe(1);
    expect(count(await eventsOf(`task-${third}`), 'ResponseSubmitted')).toBe(0);
    expect(await eventsOf(`late-${third}`)).toEqual(['LateSubmissionReceived']);
    const answers = await Promise.all([first, second].map(async (id) => (await manager.get(`/api/tasks/${id}`)).json<{ response: { n: number } }>().response.n));
    expect(answers).toEqual(ANSWERS.slice(0, 2));
    await context!.close();
    context = undefined;
  });

  it('shows the late one to the supervisor on the task, who accepts it', async () => {
    const third = taskIds()[2]!;
    supervisorBrowser = await launchChromium();
    const supervisor = await (await supervisorBrowser.newContext(PHONE)).newPage();
    await supervisor.goto(`${base}/#/login`);
    await supervisor.getByLabel('Tên đăng nhập').fill('sup.hanoi');
    await supervisor.getByLabel('Mật khẩu').fill('demo');
    await supervisor.getByRole('button', { name: 'Đăng nhập' }).tap();
    await expect.poll(() => supervisor.getByTestId('current-user').count()).toBe(1);
    await supervisor.goto(`${base}/#/supervise/${encodeURIComponent(third)}`);
    const card = supervisor.getByTestId('late-submissions');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('enum.hanoi');
    await supervisor.screenshot({ path: `${ARTIFACTS}/field-supervisor-late.png`, fullPage: true });
    await card.getByRole('button', { name: 'Chấp nhận làm câu trả lời' }).tap();
    await expect.poll(() => supervisor.getByTestId('review-notice').textContent()).toContain('Đã chấp nhận bài nộp muộn');
    const events = await eventsOf(`task-${third}`);
    expect(events.slice(-3)).toEqual(['LateSubmissionAccepted', 'ResponseSubmitted', 'ChecksPassed']);
    expect((await manager.get(`/api/tasks/${third}`)).json()).toMatchObject({ status: 'in_review', enumerator: 'enum.hanoi2', response: { n: ANSWERS[2] } });
  });

  it('lets anyone holding a receipt check it, without logging in', async () => {
    expect(receiptLink).toMatch(/^#\/receipts\/\d+-/);
    const stranger = await (await supervisorBrowser!.newContext(PHONE)).newPage();
    await stranger.goto(`${base}/${receiptLink}`);
    await expect.poll(() => stranger.getByTestId('receipt-result').textContent()).toContain('Biên nhận hợp lệ');
    expect(await stranger.getByTestId('receipt-result').textContent()).toContain('FIELDJ');
    expect(await stranger.getByTestId('current-user').count()).toBe(0);
    await stranger.screenshot({ path: `${ARTIFACTS}/field-receipt-check.png`, fullPage: true });
  });
});
