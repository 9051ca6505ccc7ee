import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { inDays, surveyBody } from './helpers/scene.js';
import { launchCycle, listen, startTestSystem, type TestSystem } from './helpers/system.js';

/** The laptop screen the cycle list must fit whole. */
const LAPTOP = { width: 1280, height: 900 };

let system: TestSystem;
let browser: Browser;
let base: string;

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
  const manager = await system.login('manager');
  // The longest ids the rules allow: a 20-character survey code and a 30-character period.
  const code = 'ENTERPRISE_SURVEY_26';
  const created = await manager.post('/api/surveys', surveyBody(code, 'enterprise_long'));
  expect(created.statusCode, created.body).toBe(201);
  await launchCycle(manager, { survey: code, period: 'monthly-report-2026-november-x', areaCodes: ['01001'], collectionDeadline: inDays(20) });
  await launchCycle(manager, { survey: 'LFS', period: '2026-11', areaCodes: ['01001'], collectionDeadline: inDays(30) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function logIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

describe('the cycle list on a 1280 × 900 screen, in Chromium', () => {
  it.each([
    ['vi', 'Quá hạn'],
    ['en', 'Overdue'],
  ] as const)('shows every column, overdue included, without scrolling sideways (%s)', async (locale, overdue) => {
    const page = await logIn('manager');
    if (locale === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${base}/#/cycles`);
    const table = page.locator('table.cycles');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const header = table.getByRole('columnheader', { name: overdue });
    expect(await header.count()).toBe(1);
    // Run in the page, as text: the test's own types know no DOM.
    const fits = await page.evaluate<{ scroll: number; client: number; page: number; viewport: number }>(`(() => {
      const scroller = document.querySelector('table.cycles').closest('.table-scroll');
      return { scroll: scroller.scrollWidth, client: scroller.clientWidth, page: document.documentElement.scrollWidth, viewport: window.innerWidth };
    })()`);
    expect(fits.scroll, JSON.stringify(fits)).toBeLessThanOrEqual(fits.client);
    expect(fits.page, JSON.stringify(fits)).toBeLessThanOrEqual(fits.viewport);
    const box = await header.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(LAPTOP.width);
    await page.screenshot({ path: `${ARTIFACTS}/cycle-list-1280-${locale}.png`, fullPage: true });
    await page.context().close();
  });
});
