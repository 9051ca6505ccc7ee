import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { launchCycle, listen, startTestSystem, type TestSystem } from './helpers/system.js';

/** A small phone held upright, touch and all, set to Vietnamese. */
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'vi-VN' };
const UNIT = 'HH0100101';

let system: TestSystem;
let browser: Browser;
let base: string;

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
  const manager = await system.login('manager');
  // One commune of Hà Nội: its five demo households all go to enum.hanoi.
  await launchCycle(manager, { survey: 'LFS', period: '2026-12', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A field of row `n` of the person roster, by its label. */
const cell = (page: Page, role: 'textbox' | 'combobox' | 'radiogroup', label: string, n: number) => page.getByRole(role, { name: new RegExp(`${label}.*Dòng ${n}\\)`) });
/** The link to the task of `UNIT` in the list, whatever name the unit goes by there. */
const taskLink = (page: Page) => page.getByRole('row', { name: new RegExp(UNIT) }).getByRole('link');

describe('an enumerator’s day on a phone, in Vietnamese, in Chromium', () => {
  let page: Page;

  it('logs in to their task list, named in the header', async () => {
    page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('enum.hanoi');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhiệm vụ của tôi');
    expect(await page.getByTestId('current-user').textContent()).toContain('Phạm Quốc Bảo');
    await expect.poll(() => taskLink(page).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/phone-vi-tasks.png`, fullPage: true });
  });

  it('opens a task and fills in a household of one', async () => {
    await taskLink(page).click();
    const members = page.getByRole('textbox', { name: /Số nhân khẩu/ });
    await expect.poll(() => members.count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/phone-vi-task.png`, fullPage: true });

    await members.fill('1');
    await page.getByRole('button', { name: 'Phần sau' }).click();
    await expect.poll(() => cell(page, 'textbox', 'Họ và tên', 1).count()).toBe(1);
    await cell(page, 'textbox', 'Họ và tên', 1).fill('Nguyễn Văn An');
    await cell(page, 'combobox', 'Quan hệ với chủ hộ', 1).selectOption({ label: 'Chủ hộ' });
    await cell(page, 'radiogroup', 'Giới tính', 1).getByRole('radio', { name: 'Nam' }).check();
    await cell(page, 'textbox', 'Tuổi', 1).fill('45');
    await cell(page, 'combobox', 'Trình độ học vấn', 1).selectOption({ label: 'Trung học phổ thông' });
    await cell(page, 'radiogroup', 'Làm việc tạo thu nhập', 1).getByRole('radio', { name: 'Có' }).check();
    await cell(page, 'textbox', 'Số giờ làm việc', 1).fill('40');
    await cell(page, 'combobox', 'Nghề nghiệp chính', 1).selectOption({ label: 'Dịch vụ cá nhân, bảo vệ và bán hàng' });
  });

  it('submits, and the confirmation takes focus where the reader can see it', async () => {
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    const confirmation = page.getByTestId('submit-notice');
    await expect.poll(() => confirmation.textContent()).toBe('Đã gửi câu trả lời. Nhiệm vụ đang chờ duyệt ở cấp xã.');
    expect(await confirmation.getAttribute('role')).toBe('status');
    expect(await confirmation.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('submit-notice');

    // Wholly inside the viewport: nothing of it above, below or beside the screen.
    const { width, height } = PHONE.viewport;
    const inView = async () => {
      const box = await confirmation.boundingBox();
      return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
    };
    await expect.poll(inView).toBe(true);
    // What the enumerator sees, not the whole page.
    await page.screenshot({ path: `${ARTIFACTS}/phone-vi-confirmation.png` });
  });
});
