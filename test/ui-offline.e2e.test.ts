import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './helpers/browser.js';
import { listen, startTestSystem, type TestSystem } from './helpers/system.js';

/**
 * The installable app (ui/vite.config.ts): its manifest, and a service worker that keeps the
 * shell, so that the app opens and reloads with no network, also after the browser is closed.
 * A persistent profile, as a phone keeps one.
 */
let system: TestSystem;
let base: string;
const profile = mkdtempSync(join(tmpdir(), 'survey-ops-profile-'));

const open = () =>
  chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 360, height: 740 },
    locale: 'vi-VN',
  });

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
});

afterAll(async () => {
  await system?.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('the app on a device without a network', () => {
  let context: BrowserContext;
  let page: Page;

  it('is installable: a manifest with its icons, and a service worker in control', async () => {
    context = await open();
    page = await context.newPage();
    await page.goto(`${base}/#/login`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(new URL(href!, base).toString())).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', icons: expect.arrayContaining([expect.objectContaining({ sizes: '192x192' }), expect.objectContaining({ sizes: '512x512' })]) });
    for (const icon of manifest.icons as { src: string }[]) expect((await page.request.get(new URL(icon.src, base).toString())).headers()['content-type']).toBe('image/png');
    // The first visit installs the worker; once it controls the page, the shell is on the device.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('reloads with no network, and opens again offline after the browser was closed', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByLabel('Tên đăng nhập').count()).toBe(1);
    await expect.poll(() => page.getByLabel('Tên đăng nhập').count()).toBe(1);
    await context.close();

    context = await open();
    await context.setOffline(true);
    const again = await context.newPage();
    await again.goto(`${base}/#/login`);
    await expect.poll(() => again.getByLabel('Tên đăng nhập').count()).toBe(1);
    await again.screenshot({ path: `${ARTIFACTS}/offline-login.png` });
    // The API is never answered from the cache: offline, it is unreachable.
    expect(await again.evaluate(() => fetch('/api/me').then(() => 'answered', () => 'unreachable'))).toBe('unreachable');
    await context.close();
  });

  it('keeps a session on the device under the name given, which a manager sees', async () => {
    context = await open();
    page = await context.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('enum.hanoi');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('checkbox', { name: 'Giữ đăng nhập trên thiết bị này trong 60 ngày' }).check();
    await page.getByLabel('Tên thiết bị này (quản lý sẽ thấy)').fill('Điện thoại của Bảo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhiệm vụ của tôi');
    const manager = await system.login('manager');
    const devices = (await manager.get('/api/users/enum.hanoi/devices')).json<{ items: { deviceId: string; name: string; active: boolean }[] }>().items;
    expect(devices).toEqual([expect.objectContaining({ name: 'Điện thoại của Bảo', active: true })]);
    // The refresh token is on the device, not the password.
    const stored = await page.evaluate(() => localStorage.getItem('survey-ops.session') ?? '');
    expect(stored).toContain('refresh');
    expect(stored).not.toContain('demo');
    await context.close();
  });
});
