import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { freePort } from './helpers/ports.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

let system: TestSystem;
let browser: Browser;
let base: string;
let manager: Api;
let enumerator: Api;

beforeAll(async () => {
  system = await startTestSystem();
  const port = await freePort();
  await system.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  [manager, enumerator] = await Promise.all([system.login('manager'), system.login('enum.hcm')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('the monitoring UI in Chromium', () => {
  it('refuses a wrong password in the user’s language, from the refusal’s code', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('manager');
    await page.getByLabel('Mật khẩu').fill('wrong');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await page.close();
  });

  it('has an icon where the page points and where browsers look for one', async () => {
    const page = await browser.newPage();
    const missing: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) missing.push(res.url());
    });
    await page.goto(`${base}/#/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await page.request.get(`${base}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(missing).toEqual([]);
    await page.close();
  });

  it('logs a manager in and shows a cycle’s counts changing live as tasks move', async () => {
    const launched = await manager.post('/api/cycles', { survey: 'LFS', period: '2026-11', areaCodes: ['79004'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    expect(launched.statusCode, launched.body).toBe(202);
    const { id } = launched.json<{ id: string }>();
    await eventually(async () => (await manager.get(`/api/cycles/${id}`)).json<{ status: string }>(), (c) => c.status === 'collecting');

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('manager');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: id }).click();
    await expect.poll(() => page.getByTestId('count-assigned').textContent()).toContain('5');
    await expect.poll(() => page.getByTestId('live-indicator').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/cycle-before.png`, fullPage: true });

    const tasks = (await enumerator.get(`/api/cycles/${id}/tasks`)).json<{ items: { id: string }[] }>().items;
    const sent = await enumerator.post(`/api/tasks/${tasks[0]!.id}/submit`, { data: lfsHousehold({ members: 3, employed: 1, unemployed: 1 }) });
    expect(sent.json()).toMatchObject({ status: 'in_review' });

    await expect.poll(() => page.getByTestId('count-in_review').textContent(), { timeout: 10_000 }).toContain('1');
    await expect.poll(() => page.getByTestId('count-assigned').textContent()).toContain('4');
    await page.screenshot({ path: `${ARTIFACTS}/cycle-after.png`, fullPage: true });
    await page.close();
  });

  it('opens a link on the login page then where it pointed, shares the session with a new tab, and logs out of both', async () => {
    const launched = await manager.post('/api/cycles', { survey: 'LFS', period: '2026-12', areaCodes: ['79004'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const { id } = launched.json<{ id: string }>();
    await eventually(async () => (await manager.get(`/api/cycles/${id}`)).json<{ status: string }>(), (c) => c.status === 'collecting');
    const task = (await enumerator.get(`/api/cycles/${id}/tasks`)).json<{ items: { id: string; unitName: string }[] }>().items[0]!;
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(`${base}/#/tasks/${encodeURIComponent(task.id)}`);
    await first.getByLabel('Tên đăng nhập').fill('enum.hcm');
    await first.getByLabel('Mật khẩu').fill('demo');
    await first.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => first.getByRole('heading', { level: 1 }).textContent()).toBe(`Nhiệm vụ ${task.unitName}`);
    expect(first.url()).toBe(`${base}/#/tasks/${encodeURIComponent(task.id)}`);

    // The same link in a new tab opens straight away.
    const second = await context.newPage();
    await second.goto(`${base}/#/tasks/${encodeURIComponent(task.id)}`);
    await expect.poll(() => second.getByRole('heading', { level: 1 }).textContent()).toBe(`Nhiệm vụ ${task.unitName}`);

    // Logging out in one tab logs out the other.
    await second.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => first.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng nhập');
    expect(await first.evaluate("localStorage.getItem('survey-ops.session')")).toBeNull();
    await context.close();
  });
});
