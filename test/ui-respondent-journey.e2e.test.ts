import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDemoReport } from '../bin/demo.js';
import { MailpitApi } from '../bin/mailpit.js';
import { DEMO_ENROLMENT_CODES } from '../bin/seed.js';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { freePort } from './helpers/ports.js';
import { startTestSystem, type TestSystem } from './helpers/system.js';

/**
 * An enterprise reports for itself, in Chromium: it enrols with the code of its letter, fills
 * the monthly report over two sittings (the second in a new browser session, where its draft
 * waits on the server), sends it, gets a receipt anyone can check and finds it in its mail (the
 * run's Mailpit), while the manager's reporting-rate matrix counts it as it arrives.
 */
const LAPTOP = { width: 1280, height: 800 };
const UNIT = 'DN0100102';
const CODE = DEMO_ENROLMENT_CODES[UNIT]!;
const USER = { username: 'ketoan.thanglong', password: 'mật khẩu đủ dài', email: 'ketoan@maythanglong.example.vn', name: 'Trần Thị Thu' };

let system: TestSystem;
let browser: Browser;
let base: string;

beforeAll(async () => {
  system = await startTestSystem({ smtp: true });
  await openDemoReport(system.app, () => {});
  const port = await freePort();
  await system.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.app.deps.temporal.schedule.getHandle('survey-schedule/DN_THANG').delete().catch(() => {});
  await system?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const field = (page: Page, label: RegExp) => page.getByRole('textbox', { name: label });

async function logIn(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

describe('an enterprise reporting for itself, in Chromium', () => {
  let manager: Page;
  let respondent: Page;
  let taskUrl: string;

  it('shows the manager the month’s report expected from the five demo enterprises', async () => {
    manager = await logIn(await browser.newContext({ viewport: LAPTOP }), 'manager', 'demo');
    await expect.poll(() => manager.getByRole('heading', { level: 1 }).textContent()).toBe('Các kỳ thu thập');
    await manager.goto(`${base}/#/reporting?survey=DN_THANG`);
    await expect.poll(() => manager.getByTestId('rate-total').textContent(), { timeout: 15_000 }).toContain('0/5');
  });

  it('enrols from the code of the letter and lands on its reports, one due', async () => {
    const context = await browser.newContext({ viewport: LAPTOP });
    respondent = await context.newPage();
    await respondent.goto(`${base}/#/login`);
    await respondent.getByRole('link', { name: 'Đăng ký bằng mã trong thư' }).click();
    await expect.poll(() => respondent.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng ký tài khoản báo cáo');
    // Typed as people type from paper: lower case, without the dashes.
    await respondent.getByLabel('Mã đăng ký').fill(CODE.toLowerCase().replaceAll('-', ''));
    await respondent.getByLabel('Tên đăng nhập').fill(USER.username);
    await respondent.getByLabel('Mật khẩu', { exact: true }).fill(USER.password);
    await respondent.getByLabel('Nhập lại mật khẩu').fill(USER.password);
    await respondent.getByLabel(/Thư điện tử/).fill(USER.email);
    await respondent.getByLabel(/Họ và tên/).fill(USER.name);
    await shot(respondent, 'respondent-enrol');
    await respondent.getByRole('button', { name: 'Đăng ký' }).click();
    await expect.poll(() => respondent.getByRole('heading', { level: 1 }).textContent()).toBe('Báo cáo của tôi');
    const due = respondent.getByRole('region', { name: 'Cần gửi' });
    await expect.poll(() => due.getByRole('article').count()).toBe(1);
    expect(await due.getByRole('article').textContent()).toContain('Công ty CP May Thăng Long');
    expect(await respondent.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toEqual(['Báo cáo của tôi']);
    await shot(respondent, 'respondent-portal-due');
  });

  it('fills part of the report, leaves, and finds it waiting in a new session', async () => {
    await respondent.getByRole('link', { name: 'Điền báo cáo' }).click();
    await expect.poll(() => field(respondent, /Doanh thu thuần/).count()).toBe(1);
    taskUrl = respondent.url();
    await field(respondent, /Doanh thu thuần/).fill('1250,5');
    await field(respondent, /Số lao động cuối tháng/).fill('176');
    await expect.poll(() => respondent.getByText(/Đã lưu bản nháp lúc/).count(), { timeout: 10_000 }).toBe(1);
    await respondent.context().close();

    respondent = await logIn(await browser.newContext({ viewport: LAPTOP }), USER.username, USER.password);
    await expect.poll(() => respondent.getByRole('heading', { level: 1 }).textContent()).toBe('Báo cáo của tôi');
    await respondent.getByRole('link', { name: 'Tiếp tục điền' }).click();
    await expect.poll(() => field(respondent, /Số lao động cuối tháng/).inputValue()).toBe('176');
    expect(await field(respondent, /Doanh thu thuần/).inputValue()).toBe('1250,5');
    expect(respondent.url()).toBe(taskUrl);
  });

  it('sends it, gets a receipt anyone can check, and sees it among those sent', async () => {
    await field(respondent, /Tổng quỹ lương/).fill('1100');
    await respondent.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    const receipt = respondent.getByTestId('submit-receipt').getByRole('link', { name: 'Kiểm tra biên nhận' });
    await expect.poll(() => receipt.count()).toBe(1);
    const href = (await receipt.getAttribute('href')) ?? '';
    expect(href).toMatch(/^#\/receipts\/\d+-/);
    await shot(respondent, 'respondent-sent');

    // The receipt checked by someone with no account.
    const stranger = await (await browser.newContext({ viewport: LAPTOP })).newPage();
    await stranger.goto(`${base}/${href}`);
    await expect.poll(() => stranger.getByTestId('receipt-result').textContent()).toMatch(/^Biên nhận hợp lệ: .*DN_THANG/);
    await stranger.context().close();

    // The receipt by email, in Vietnamese, to the address given at enrolment, with the same number.
    const inbox = new MailpitApi(inject('mailpitUrl'));
    const id = href.slice('#/receipts/'.length);
    const mine = async () => (await inbox.list()).filter((m) => m.To.some((to) => to.Address === USER.email));
    await expect.poll(mine, { timeout: 30_000 }).toHaveLength(1);
    const [summary] = await mine();
    expect(summary!.Subject).toMatch(/^Đã nhận bài nộp: /);
    expect((await inbox.message(summary!.ID)).Text).toContain(id);

    await respondent.goto(`${base}/#/reports`);
    const history = respondent.getByRole('region', { name: 'Đã gửi trước đây' });
    await expect.poll(() => history.getByRole('link', { name: href.slice('#/receipts/'.length) }).count()).toBe(1);
    await expect.poll(() => respondent.getByRole('region', { name: 'Cần gửi' }).getByRole('article').count()).toBe(0);
  });

  it('shows the manager the matrix counting it, live', async () => {
    await expect.poll(() => manager.getByTestId('rate-total').textContent(), { timeout: 15_000 }).toContain('1/5');
    await shot(manager, 'manager-reporting-rates-live');
  });
});
