import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { freePort } from './helpers/ports.js';
import { launchCycle, startTestSystem, type TestSystem } from './helpers/system.js';

const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const PHONE = { width: 360, height: 740 };

let system: TestSystem;
let browser: Browser;
let base: string;
let cycleId: string;

beforeAll(async () => {
  system = await startTestSystem();
  const port = await freePort();
  await system.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  const manager = await system.login('manager');
  // One commune of Hà Nội: its five demo households all go to enum.hanoi.
  const launched = await launchCycle(manager, { survey: 'LFS', period: '2026-11', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  cycleId = launched.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function logIn(username: string, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const field = (page: Page, label: RegExp) => page.getByRole('textbox', { name: label });
/** A field of row `n` of the person roster, by its label. */
const cell = (page: Page, role: 'textbox' | 'combobox' | 'radiogroup', label: string, n: number) => page.getByRole(role, { name: new RegExp(`${label}.*Dòng ${n}\\)`) });

/** The household of the journey: its second member is first entered as a second head. */
const PEOPLE: readonly { name: string; relation: string; sex: string; age: string; education: string; worked?: boolean; hours?: string; looking?: boolean }[] = [
  { name: 'Nguyễn Văn An', relation: 'Chủ hộ', sex: 'Nam', age: '45', education: 'Trung học phổ thông', worked: true, hours: '40' },
  { name: 'Trần Thị Bình', relation: 'Chủ hộ', sex: 'Nữ', age: '43', education: 'Đại học trở lên', worked: false, looking: true },
  { name: 'Nguyễn Văn Cường', relation: 'Con', sex: 'Nam', age: '10', education: 'Tiểu học' },
];

describe('an LFS task from first submission to approval at both levels, in Chromium', () => {
  const unit = 'HH0100101';
  const unitName = 'Hộ Trần Văn Hùng';
  let enumerator: Page;
  let supervisor: Page;

  it('shows each user the menu of their role', async () => {
    [enumerator, supervisor] = await Promise.all([logIn('enum.hanoi'), logIn('sup.hanoi')]);
    await expect.poll(() => enumerator.getByRole('heading', { level: 1 }).textContent()).toBe('Nhiệm vụ của tôi');
    expect(await enumerator.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toEqual(['Nhiệm vụ của tôi', 'Hộp gửi đi']);
    await expect.poll(() => supervisor.getByRole('heading', { level: 1 }).textContent()).toBe('Giám sát nhiệm vụ');
    expect(await supervisor.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toEqual(['Giám sát nhiệm vụ', 'Các kỳ thu thập', 'Tỷ lệ báo cáo']);
    expect(await supervisor.getByTestId('current-user').textContent()).toMatch(/sup\.hanoi\s*Giám sát viên/);

    await expect.poll(() => enumerator.getByRole('row', { name: new RegExp(unit) }).count()).toBe(1);
    await expect.poll(() => supervisor.getByRole('row').count()).toBe(6);
    expect(supervisor.url()).toContain(`cycle=${cycleId}`);
    await shot(enumerator, 'enumerator-my-tasks');
    await shot(supervisor, 'supervisor-tasks');
  });

  it('lets the enumerator see a failed check as they type, fix it, and submit', async () => {
    await enumerator.getByRole('link', { name: unitName }).click();
    // Opening a page takes focus to its heading.
    await expect.poll(() => enumerator.evaluate('document.activeElement.textContent')).toBe(`Nhiệm vụ ${unitName}`);
    const members = field(enumerator, /Số nhân khẩu/);
    await members.fill('31');
    await members.blur();
    await expect.poll(() => members.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await members.getAttribute('aria-describedby')) ?? '';
    expect(await enumerator.locator(`#${describedBy.split(' ').at(-1)}`).textContent()).toContain('30');
    await members.fill('3');
    await field(enumerator, /Thu nhập tháng/).fill('12,5');
    await enumerator.getByRole('button', { name: 'Phần sau' }).click();
    // One card per member (ten questions are too many for a table row). The second is entered as a second head by mistake.
    await expect.poll(() => field(enumerator, /Họ và tên/).count()).toBe(3);
    for (const [i, person] of PEOPLE.entries()) {
      const n = i + 1;
      await cell(enumerator, 'textbox', 'Họ và tên', n).fill(person.name);
      // Choices read as labels in the user's language, not as codes.
      await cell(enumerator, 'combobox', 'Quan hệ với chủ hộ', n).selectOption({ label: person.relation });
      await cell(enumerator, 'radiogroup', 'Giới tính', n).getByRole('radio', { name: person.sex }).check();
      await cell(enumerator, 'textbox', 'Tuổi', n).fill(person.age);
      await cell(enumerator, 'combobox', 'Trình độ học vấn', n).selectOption({ label: person.education });
      if (person.worked !== undefined) await cell(enumerator, 'radiogroup', 'Làm việc tạo thu nhập', n).getByRole('radio', { name: person.worked ? 'Có' : 'Không' }).check();
      if (person.hours) {
        await cell(enumerator, 'textbox', 'Số giờ làm việc', n).fill(person.hours);
        await cell(enumerator, 'combobox', 'Nghề nghiệp chính', n).selectOption({ label: 'Dịch vụ cá nhân, bảo vệ và bán hàng' });
      }
      if (person.looking !== undefined) await cell(enumerator, 'radiogroup', 'Tìm việc', n).getByRole('radio', { name: person.looking ? 'Có' : 'Không' }).check();
    }
    // A child of 10 is not asked about work; a person without work is not asked their hours.
    expect(await cell(enumerator, 'radiogroup', 'Làm việc tạo thu nhập', 3).count()).toBe(0);
    expect(await cell(enumerator, 'textbox', 'Số giờ làm việc', 2).count()).toBe(0);
    const check = enumerator.getByText('Hộ phải có đúng một chủ hộ');
    await expect.poll(() => check.count()).toBeGreaterThan(0);
    await enumerator.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await expect.poll(() => enumerator.getByRole('alert').first().textContent()).toMatch(/cần sửa|1/);
    expect(await enumerator.getByTestId('task-status').textContent()).toBe('Đã giao');
    await shot(enumerator, 'enumerator-task-check-live');

    // Fixed: the check clears as the value changes, before anything is sent.
    await cell(enumerator, 'combobox', 'Quan hệ với chủ hộ', 2).selectOption({ label: 'Vợ/chồng' });
    await expect.poll(() => check.count()).toBe(0);
    // A decimal typed the Vietnamese way stays written that way.
    await enumerator.getByRole('button', { name: 'Thông tin hộ' }).click();
    expect(await field(enumerator, /Thu nhập tháng/).inputValue()).toBe('12,5');
    await enumerator.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await expect.poll(() => enumerator.getByTestId('submit-notice').textContent()).toBe('Đã gửi câu trả lời. Nhiệm vụ đang chờ duyệt ở cấp xã.');
    expect(await enumerator.getByTestId('task-status').textContent()).toBe('Đang duyệt');
  });

  it('shows the supervisor the submission live, and lets them reject it only with a comment', async () => {
    const row = supervisor.getByRole('row', { name: new RegExp(unit) });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Đang duyệt');
    await row.getByRole('link', { name: unitName }).click();
    await expect.poll(() => supervisor.getByRole('heading', { level: 1 }).textContent()).toBe(`Duyệt nhiệm vụ ${unitName}`);
    expect(await supervisor.getByTestId('response').textContent()).toContain('12,5');
    await supervisor.getByRole('button', { name: 'Trả lại' }).click();
    const comment = supervisor.getByRole('textbox', { name: 'Nhận xét' });
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    await comment.fill('Thiếu ngày phỏng vấn, vui lòng bổ sung');
    await supervisor.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => supervisor.getByTestId('review-notice').textContent()).toBe('Đã trả lại nhiệm vụ cho điều tra viên.');
    await shot(supervisor, 'supervisor-review-rejected');
  });

  it('brings the comment to the enumerator, who resubmits', async () => {
    const note = enumerator.getByRole('region', { name: 'Nhiệm vụ bị trả lại' });
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('Thiếu ngày phỏng vấn, vui lòng bổ sung');
    await enumerator.getByRole('button', { name: 'Thông tin hộ' }).click();
    await enumerator.getByLabel('Ngày phỏng vấn').fill('2026-11-18');
    await shot(enumerator, 'enumerator-task-rejected');
    await enumerator.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await expect.poll(() => enumerator.getByTestId('task-status').textContent()).toBe('Đang duyệt');
    expect(await note.count()).toBe(0);
  });

  it('lets the supervisor approve at commune then province level', async () => {
    const panel = supervisor.getByRole('heading', { name: 'Quyết định duyệt ở cấp xã' });
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1);
    await supervisor.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => supervisor.getByTestId('review-notice').textContent()).toBe('Đã duyệt nhiệm vụ ở cấp xã.');
    await expect.poll(() => supervisor.getByRole('heading', { name: 'Quyết định duyệt ở cấp tỉnh' }).count()).toBe(1);
    await supervisor.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => supervisor.getByTestId('review-notice').textContent()).toBe('Đã duyệt nhiệm vụ ở cấp tỉnh.');
    expect(await supervisor.getByTestId('task-status').textContent()).toBe('Đã duyệt');
    expect(await supervisor.getByTestId('review-trail').locator('tbody tr').count()).toBe(3);
    await shot(supervisor, 'supervisor-review-approved');
    await expect.poll(() => enumerator.getByTestId('task-status').textContent(), { timeout: 10_000 }).toBe('Đã duyệt');
  });

  it('reads in English after the switch, on a laptop and on a tablet', async () => {
    await supervisor.getByRole('link', { name: 'Quay lại danh sách nhiệm vụ' }).click();
    await supervisor.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => supervisor.getByRole('heading', { level: 1 }).textContent()).toBe('Task supervision');
    await supervisor.getByRole('combobox', { name: 'Status' }).selectOption('approved');
    await expect.poll(() => supervisor.url()).toContain('status=approved');
    await expect.poll(() => supervisor.getByRole('row').count()).toBe(2);
    expect(await supervisor.getByRole('row', { name: new RegExp(unit) }).textContent()).toContain('Approved');
    await shot(supervisor, 'supervisor-tasks-en');

    await supervisor.reload();
    await expect.poll(() => supervisor.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('approved');
    await expect.poll(() => supervisor.getByRole('row').count()).toBe(2);

    const tablet = await logIn('sup.hanoi', TABLET);
    await expect.poll(() => tablet.getByRole('row').count()).toBe(6);
    const width = await tablet.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(TABLET.width);
    await shot(tablet, 'supervisor-tasks-tablet');
    await tablet.context().close();
  });

  afterAll(async () => {
    await enumerator?.context().close();
    await supervisor?.context().close();
  });
});

describe('the enumerator’s list on a phone, in Chromium', () => {
  /** A task of the frame's household HH0100301 that failed its checks and is past its due date: no workflow runs it. */
  let late: string;

  beforeAll(async () => {
    const manager = await system.login('manager');
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-12', areaCodes: ['01002'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    late = `${cycle.id}.HH0100301`;
    // Overdue needs a due date to pass, which a live cycle would take too long for: the task's events go in directly.
    const metadata = { actor: 'system', correlationId: 'phone', causationId: null, workflowId: null, at: new Date().toISOString() };
    const dueAt = new Date(Date.now() - 3600e3).toISOString();
    await system.store.append(
      `task-${late}`,
      [
        { type: 'TaskAssigned', data: { taskId: late, cycleId: cycle.id, surveyId: 'LFS', unitId: 'HH0100301', areaCode: '01003', enumerator: 'enum.hanoi', reviewLevels: ['commune'], dueAt, version: 1 }, metadata },
        { type: 'ResponseSubmitted', data: { submissionId: 'phone-1', data: {}, by: 'enum.hanoi', version: 1, explanations: {} }, metadata },
        { type: 'ChecksFailed', data: { failed: [], warnings: [] }, metadata },
        { type: 'TaskOverdue', data: { enumerator: 'enum.hanoi', dueAt, alerted: [] }, metadata },
      ],
      { expected: 'no_stream' },
    );
    await system.projector.settle();
  });

  it('names each unit, fits the screen, keeps the overdue flag in view and the due date on two lines at most', async () => {
    const phone = await logIn('enum.hanoi', PHONE);
    const row = phone.getByTestId(`task-row-${late}`);
    await expect.poll(() => row.count()).toBe(1);
    await shot(phone, 'enumerator-my-tasks-phone');
    expect((await row.getByRole('rowheader').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Hộ Vũ Văn Hùng Thôn 1, Xã Hà Nội 3 HH0100301');
    expect((await row.getByRole('cell').last().textContent())?.replace(/\s+/g, ' ').trim()).toBe('Xã Hà Nội 3 01003');
    expect(await row.getByText('Không qua kiểm tra').isVisible()).toBe(true);

    // Nothing scrolls sideways: neither the page nor any task table.
    // Page code as text: the test's own TypeScript has no DOM.
    const overflow = await phone.evaluate<{ page: number; tables: number[] }>(`({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.table-scroll')].map((region) => region.scrollWidth - region.clientWidth),
    })`);
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.tables.length).toBeGreaterThanOrEqual(2);
    expect(overflow.tables.filter((extra) => extra > 0)).toEqual([]);

    const flag = row.getByTestId('overdue-flag');
    expect(await flag.textContent()).toBe('Quá hạn');
    const box = (await flag.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);

    // Lines of each due date, counted by the distinct tops of its text's boxes.
    const lines = await phone.evaluate<number[]>(`[...document.querySelectorAll('[data-testid="due"]')].map((date) => {
      const range = document.createRange();
      range.selectNodeContents(date);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    })`);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...lines)).toBeLessThanOrEqual(2);
    await phone.context().close();
  });
});
