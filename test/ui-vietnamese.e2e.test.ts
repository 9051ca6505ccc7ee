/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The callbacks handed to `page.evaluate` run in the browser, and are typed against its DOM.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { lfsHousehold } from './helpers/lfs.js';
import { eventually, launchCycle, listen, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * Every page, walked in Vietnamese as each role sees it, with its text searched for English
 * that no catalogue words: a server's refusal shown as sent, a label left untranslated.
 * Identifiers shown as code (`<code>`, `<pre>`) are data and are left out.
 */

const LAPTOP = { width: 1280, height: 900 };
const LONG = { timeout: 20_000 };

/** Words of English that no Vietnamese sentence, name or code of the demo contains. */
const ENGLISH = new Set([
  'the', 'is', 'are', 'not', 'cannot', 'must', 'please', 'wrong', 'password', 'username', 'should', 'been', 'which', 'there', 'could', 'would',
  'loading', 'error', 'found', 'already', 'later', 'submit', 'cancel', 'save', 'login', 'logout', 'from', 'with', 'this', 'that', 'your', 'you',
  'was', 'were', 'will', 'when', 'where', 'what', 'who', 'of', 'and', 'or', 'to', 'for', 'no', 'yes', 'unknown', 'invalid', 'required', 'refused',
  'active', 'nothing', 'none', 'more', 'less', 'show', 'hide', 'back', 'next', 'previous', 'search', 'filter', 'download', 'upload', 'total',
]);

let system: TestSystem;
let browser: Browser;
let base: string;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let published = '';
let collecting = '';

async function submitAndApprove(cycleId: string, unit: string, approve: boolean): Promise<string> {
  const id = `${cycleId}.${unit}`;
  const sent = await enumerator.post(`/api/tasks/${id}/submit`, { data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }) });
  expect(sent.statusCode, sent.body).toBe(200);
  for (const level of approve ? ['commune', 'province'] : []) {
    const res = await supervisor.post(`/api/tasks/${id}/review`, { decision: 'approve', level, comment: '' });
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
  [manager, enumerator, supervisor] = await Promise.all([system.login('manager'), system.login('enum.hanoi'), system.login('sup.hanoi')]);
  const deadline = new Date(Date.now() + 7 * 864e5).toISOString();
  // A cycle through to its results, and one still collecting with a task in review.
  published = (await launchCycle(manager, { survey: 'LFS', period: '2026-10', areaCodes: ['01001'], collectionDeadline: deadline })).id;
  for (const unit of ['HH0100101', 'HH0100102', 'HH0100103']) await submitAndApprove(published, unit, true);
  expect((await manager.post(`/api/cycles/${published}/close`, {})).statusCode).toBe(200);
  await eventually(async () => (await manager.get(`/api/cycles/${published}`)).json<{ status: string }>(), (c) => c.status === 'closed');
  expect((await manager.post(`/api/cycles/${published}/publish`, {})).statusCode).toBe(200);
  await eventually(async () => (await manager.get(`/api/cycles/${published}`)).json<{ status: string }>(), (c) => c.status === 'published');
  collecting = (await launchCycle(manager, { survey: 'LFS', period: '2026-11', areaCodes: ['01001'], collectionDeadline: deadline })).id;
  await submitAndApprove(collecting, 'HH0100101', false);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** The visible text of the page (and its accessible names and hints) with English words in it, line by line. */
async function englishOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, pre, kbd, samp, script, style, noscript')) continue;
      if (!parent.checkVisibility()) continue;
      const text = node.textContent?.trim();
      if (text) found.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [aria-description]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'aria-description']) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push(value);
      }
    }
    found.push(document.title);
    return found;
  });
  return texts.filter((text) => /\{\w+\}/.test(text) || (text.toLowerCase().match(/\p{L}+/gu) ?? []).some((word) => ENGLISH.has(word)));
}

/** Opens `path`, waits for its heading and what `ready` waits for, and gives the English found there. */
async function walk(page: Page, path: string, ready?: (page: Page) => Promise<unknown>): Promise<{ path: string; english: string[] }> {
  await page.goto(`${base}/#${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor(LONG);
  if (ready) await ready(page);
  // The live connection keeps the network busy: give the page's other reads a moment instead.
  await page.waitForTimeout(700);
  return { path, english: await englishOn(page) };
}

async function logIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor(LONG);
  return page;
}

describe('every page in Vietnamese, searched for words no catalogue gave', () => {
  it('the login page, and its refusal of a wrong password', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('manager');
    await page.getByLabel('Mật khẩu').fill('not the password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), LONG).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });

  it('a manager’s pages', async () => {
    const page = await logIn('manager');
    const pages = [
      await walk(page, '/cycles'),
      await walk(page, `/cycles/${encodeURIComponent(collecting)}`, (p) => p.getByTestId('cycle-status').waitFor(LONG)),
      await walk(page, `/cycles/${encodeURIComponent(published)}`, (p) => p.getByTestId('cycle-status').waitFor(LONG)),
      await walk(page, `/cycles/${encodeURIComponent(published)}/results`, (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, '/cycles/new'),
      await walk(page, '/surveys'),
      await walk(page, '/surveys/LFS'),
      await walk(page, '/surveys/new'),
      await walk(page, '/frame/import'),
      await walk(page, '/frame', (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, '/frame?q=h%C3%A0', (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, '/users'),
      await walk(page, '/users/enum.hanoi'),
    ];
    expect(pages.filter((p) => p.english.length > 0)).toEqual([]);
    await page.context().close();
  });

  it('a supervisor’s pages, a task in review among them', async () => {
    const page = await logIn('sup.hanoi');
    const pages = [
      await walk(page, '/supervise', (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, `/supervise/${encodeURIComponent(`${collecting}.HH0100101`)}`, (p) => p.getByRole('button', { name: 'Duyệt' }).first().waitFor(LONG)),
      await walk(page, `/supervise/${encodeURIComponent(`${published}.HH0100104`)}`),
    ];
    expect(pages.filter((p) => p.english.length > 0)).toEqual([]);
    // A refusal of the server, in the supervisor's language: someone who does not work in the area.
    await page.goto(`${base}/#/supervise/${encodeURIComponent(`${collecting}.HH0100102`)}`);
    await page.getByLabel('Điều tra viên mới').fill('enum.hcm');
    await page.getByRole('button', { name: 'Giao lại' }).click();
    await expect.poll(() => page.locator('#reassign-error').textContent(), LONG).toContain('enum.hcm không phải là điều tra viên đang hoạt động của địa bàn này');
    expect(await englishOn(page)).toEqual([]);
    await page.context().close();
  });

  it('an enumerator’s pages', async () => {
    const page = await logIn('enum.hanoi');
    const pages = [
      await walk(page, '/tasks', (p) => p.getByRole('link').first().waitFor(LONG)),
      await walk(page, `/tasks/${encodeURIComponent(`${collecting}.HH0100102`)}`, (p) => p.getByRole('button', { name: 'Gửi câu trả lời' }).waitFor(LONG)),
      await walk(page, `/tasks/${encodeURIComponent(`${collecting}.HH0100101`)}`),
      await walk(page, `/tasks/${encodeURIComponent(`${published}.HH0100101`)}`),
    ];
    expect(pages.filter((p) => p.english.length > 0)).toEqual([]);
    await page.context().close();
  });

  it('an auditor’s pages', async () => {
    const page = await logIn('auditor');
    const pages = [
      await walk(page, '/audit', (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, `/streams/${encodeURIComponent(`cycle-${published}`)}`, (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, `/streams/${encodeURIComponent(`task-${collecting}.HH0100101`)}`, (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, '/integrity'),
      await walk(page, `/cycles/${encodeURIComponent(published)}/results`, (p) => p.getByRole('table').first().waitFor(LONG)),
      await walk(page, '/nowhere'),
    ];
    expect(pages.filter((p) => p.english.length > 0)).toEqual([]);
    await page.context().close();
  });
});
