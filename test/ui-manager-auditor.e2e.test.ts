import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './helpers/browser.js';
import { freePort } from './helpers/ports.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

const LAPTOP = { width: 1280, height: 900 };
const LONG = { timeout: 20_000 };

let system: TestSystem;
let browser: Browser;
let base: string;
let enumerator: Api;
let supervisor: Api;
let manager: Page;
let cycleId = '';

beforeAll(async () => {
  system = await startTestSystem();
  const port = await freePort();
  await system.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  [enumerator, supervisor] = await Promise.all([system.login('enum.hanoi'), system.login('sup.hanoi')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await manager?.context().close();
  await browser?.close();
  await system?.stop();
});

async function logIn(username: string, password = 'demo'): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** A valid LFS response, submitted by the enumerator, then approved at both review levels. */
async function submitAndApprove(unit: string, approve: boolean) {
  const id = `${cycleId}.${unit}`;
  const sent = await enumerator.post(`/api/tasks/${id}/submit`, { data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }) });
  expect(sent.json(), sent.body).toMatchObject({ status: 'in_review' });
  if (!approve) return;
  for (const level of ['commune', 'province']) {
    const res = await supervisor.post(`/api/tasks/${id}/review`, { decision: 'approve', level, comment: '' });
    expect(res.statusCode, res.body).toBe(200);
  }
}

describe('a manager runs a cycle from the frame to its results, in Chromium', () => {
  it('imports a frame and sees the rejected lines', async () => {
    manager = await logIn('manager');
    await expect.poll(() => h1(manager)).toBe('Các kỳ thu thập');
    expect(await manager.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toEqual([
      'Các kỳ thu thập',
      'Tỷ lệ báo cáo',
      'Cuộc điều tra',
      'Dàn mẫu',
      'Tài khoản',
      'Nhật ký sự kiện',
      'Kiểm tra toàn vẹn',
    ]);
    await manager.getByRole('link', { name: 'Dàn mẫu', exact: true }).click();
    // The frame page lists the demo households by name and address, and leads to the import.
    await expect.poll(() => manager.getByTestId('unit-HH0100101').getByRole('rowheader').textContent()).toMatch(/^\s*Hộ Trần Văn Hùng\s*Thôn 1, Xã Hà Nội 1\s*HH0100101\s*$/);
    await manager.getByRole('link', { name: 'Nhập dàn mẫu' }).click();
    const csv = ['id,type,areaCode,name', 'HH7900191,household,79001,Hộ mới 1', 'HH7900192,household,99999,Hộ sai địa bàn', 'HH7900193,household,79001,Hộ mới 3'].join('\n');
    await manager.getByLabel('Tệp dàn mẫu (CSV hoặc JSON)').setInputFiles({ name: 'khung.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await manager.getByRole('button', { name: 'Nhập dàn mẫu' }).click();
    await expect.poll(() => manager.getByTestId('frame-result').textContent(), LONG).toBe('Đã nhập 2 đơn vị; 1 dòng bị từ chối.');
    const row = manager.getByTestId('rejected-3');
    expect(await row.textContent()).toContain('areaCode: không phải là mã địa bàn đã có');
    await shot(manager, 'manager-frame-import');
  });

  it('refuses an uploaded survey definition with its problems named by field', async () => {
    await manager.getByRole('link', { name: 'Cuộc điều tra', exact: true }).click();
    await expect.poll(() => manager.getByRole('row', { name: /LFS/ }).count()).toBe(1);
    await shot(manager, 'manager-surveys');
    await manager.getByRole('link', { name: 'Tạo cuộc điều tra' }).click();
    await manager.getByRole('radio', { name: 'Tải lên tệp định nghĩa JSON' }).check();
    const definition = {
      code: 'EST',
      title: { vi: 'Điều tra doanh nghiệp', en: 'Enterprise survey' },
      kind: 'reporting',
      unitType: 'enterprise',
      fields: [{ id: 'revenue', type: 'decimal', min: 10, max: 5, label: { vi: 'Doanh thu', en: 'Revenue' } }],
      reviewLevels: ['province'],
    };
    await manager.getByLabel('Tệp định nghĩa (JSON)').setInputFiles({ name: 'est.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition)) });
    await expect.poll(() => manager.getByRole('textbox', { name: 'Nội dung JSON' }).inputValue()).toContain('"EST"');
    await manager.getByRole('button', { name: 'Gửi định nghĩa' }).click();
    const problem = manager.getByTestId('survey-problems').locator('li[data-path="fields.0.max"]');
    await expect.poll(() => problem.textContent(), LONG).toContain('Câu hỏi 1 › Giá trị lớn nhất');
    await shot(manager, 'manager-survey-new');
  });

  it('shows the surveys, with the demo survey’s questionnaire', async () => {
    await manager.getByRole('link', { name: 'Cuộc điều tra', exact: true }).click();
    await manager.getByRole('link', { name: 'LFS' }).click();
    await expect.poll(() => h1(manager)).toBe('Cuộc điều tra LFS');
    expect(await manager.getByRole('row', { name: /one_head/ }).textContent()).toContain("persons.filter(p, p.relation == '1').size() == 1");
    await shot(manager, 'manager-survey');
  });

  it('launches a cycle over Hà Nội and watches it fill live', async () => {
    await manager.getByRole('link', { name: 'Khởi động kỳ thu thập' }).click();
    await expect.poll(() => h1(manager)).toBe('Khởi động kỳ thu thập');
    await expect.poll(() => manager.getByRole('combobox', { name: 'Cuộc điều tra' }).inputValue()).toBe('LFS');
    await manager.getByRole('textbox', { name: 'Kỳ' }).fill('2026-12');
    await manager.getByRole('checkbox', { name: /Hà Nội/ }).check();
    await shot(manager, 'manager-launch');
    await manager.getByRole('button', { name: 'Khởi động' }).click();
    await expect.poll(() => manager.url(), LONG).toMatch(/#\/cycles\/LFS-2026-12-/);
    cycleId = decodeURIComponent(manager.url().split('#/cycles/')[1]!);
    // A marker the page keeps only if it is never reloaded.
    await manager.evaluate('window.notReloaded = true');
    await expect.poll(() => manager.getByTestId('cycle-total').textContent(), LONG).toBe('20');
    await expect.poll(() => manager.getByTestId('count-assigned').textContent(), LONG).toContain('20');
    await expect.poll(() => manager.getByTestId('live-indicator').count()).toBe(1);

    for (const unit of ['HH0100101', 'HH0100102', 'HH0100103']) await submitAndApprove(unit, true);
    await submitAndApprove('HH0100201', true);
    await submitAndApprove('HH0100104', false);
    await expect.poll(() => manager.getByTestId('count-approved').textContent(), LONG).toContain('4');
    await expect.poll(() => manager.getByTestId('count-in_review').textContent(), LONG).toContain('1');
    const hanoi = manager.getByTestId('area-progress').getByRole('row', { name: /Hà Nội/ });
    await expect.poll(() => hanoi.getByRole('progressbar').getAttribute('aria-valuenow'), LONG).toBe('4');
    // The chart follows live changes every two seconds at most.
    await expect.poll(() => manager.getByTestId('timeline-chart').textContent(), LONG).toContain('5 lượt nộp');
    expect(await manager.getByRole('img', { name: /Số lượt nộp, duyệt và trả lại theo thời gian/ }).count()).toBe(1);
    expect(await manager.evaluate("'notReloaded' in window")).toBe(true);
    await shot(manager, 'manager-dashboard');
  });

  it('drills down from the province to a commune and its tasks', async () => {
    await manager.getByTestId('area-progress').getByRole('link', { name: /Hà Nội/ }).click();
    await expect.poll(() => manager.getByRole('heading', { level: 2, name: /Tiến độ các xã, phường của/ }).count()).toBe(1);
    const commune = manager.getByTestId('area-progress').locator('tr[data-area="01001"]');
    await expect.poll(() => commune.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    await commune.getByRole('link').click();
    await expect.poll(() => manager.getByRole('heading', { level: 2, name: /^Nhiệm vụ ở / }).count()).toBe(1);
    await expect.poll(() => manager.getByTestId('drill-down').locator('table.tasks tbody tr').count()).toBe(5);
    expect(manager.url()).toContain('province=01&commune=01001');
    await shot(manager, 'manager-drill-down');
    await manager.getByRole('navigation', { name: 'Cấp địa bàn' }).getByRole('link', { name: 'Cả nước' }).click();
    await expect.poll(() => manager.getByRole('heading', { level: 2, name: 'Tiến độ theo tỉnh, thành phố' }).count()).toBe(1);
  });

  it('closes collection and publishes once the last review is done', async () => {
    await manager.getByRole('button', { name: 'Kết thúc thu thập' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Kết thúc thu thập?' });
    await shot(manager, 'manager-close-dialog');
    await dialog.getByRole('button', { name: 'Kết thúc thu thập' }).click();
    // The close is accepted at once: the cycle reads "closing" until every task has recorded it.
    await expect.poll(() => manager.getByTestId('steer-notice').textContent(), LONG).toContain('Đang kết thúc thu thập: không nhận thêm câu trả lời');
    await expect.poll(() => manager.getByTestId('cycle-status').textContent(), LONG).toBe('Đã kết thúc thu thập');
    await expect.poll(() => manager.getByTestId('count-non_response').textContent(), LONG).toContain('15');

    // The task still in review is approved after closing; then nothing holds publication back.
    for (const level of ['commune', 'province']) {
      const res = await supervisor.post(`/api/tasks/${cycleId}.HH0100104/review`, { decision: 'approve', level, comment: '' });
      expect(res.statusCode, res.body).toBe(200);
    }
    await expect.poll(() => manager.getByTestId('count-approved').textContent(), LONG).toContain('5');
    await manager.getByRole('button', { name: 'Công bố kết quả' }).click();
    await manager.getByRole('dialog', { name: 'Công bố kết quả?' }).getByRole('button', { name: 'Công bố' }).click();
    await expect.poll(() => manager.getByTestId('cycle-status').textContent(), LONG).toBe('Đã công bố');
    await shot(manager, 'manager-published');
  });

  it('shows the results with the small cells suppressed, in Vietnamese and in English', async () => {
    await manager.getByTestId('results-link').click();
    await expect.poll(() => h1(manager)).toBe(`Kết quả kỳ ${cycleId}`);
    const hoanKiem = manager.getByTestId('result-row-households_by_commune-01001');
    const baDinh = manager.getByTestId('result-row-households_by_commune-01002');
    // Ba Đình's lone household is hidden, and Hoàn Kiếm's 4 with it: Hà Nội's 5 less 4 would give it away.
    await expect.poll(() => baDinh.locator('td').last().textContent(), LONG).toContain('✕ Ẩn');
    expect(await hoanKiem.locator('td').last().textContent()).toContain('✕ Ẩn');
    expect(await manager.getByTestId('result-row-households-01').locator('td.num').first().textContent()).toBe('5');
    expect(await manager.getByRole('img', { name: /Số hộ theo xã/ }).count()).toBe(1);
    const download = manager.waitForEvent('download');
    await manager.getByRole('button', { name: 'Tải về dạng CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`${cycleId}-v1.csv`);
    await shot(manager, 'manager-results');

    await manager.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(manager)).toBe(`Results of ${cycleId}`);
    expect(await baDinh.locator('td').last().textContent()).toContain('✕ Suppressed');
    expect(await manager.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toContain('Event log');
    await shot(manager, 'manager-results-en');
    await manager.getByRole('button', { name: 'Tiếng Việt' }).click();
  });
});

describe('an auditor checks the history of the same cycle, in Chromium', () => {
  let auditor: Page;

  afterAll(async () => {
    await auditor?.context().close();
  });

  it('opens a task’s stream from the dashboard and sees its earlier status on the slider', async () => {
    auditor = await logIn('auditor');
    await expect.poll(() => h1(auditor)).toBe('Nhật ký sự kiện');
    await shot(auditor, 'auditor-event-log');
    await auditor.goto(`${base}/#/cycles/${encodeURIComponent(cycleId)}?province=01&commune=01001`);
    await auditor.getByRole('link', { name: 'Hộ Trần Văn Hùng' }).click();
    await expect.poll(() => h1(auditor)).toBe(`Luồng task-${cycleId}.HH0100101`);
    await expect.poll(() => auditor.getByTestId('state-status').textContent(), LONG).toBe('Đã duyệt');
    await expect.poll(() => auditor.getByTestId('stream-integrity').getByTestId('integrity-badge').textContent()).toContain('Toàn vẹn');
    expect(await auditor.getByTestId('workflow-id').textContent()).toBe(`task/${cycleId}.HH0100101`);

    const slider = auditor.getByRole('slider', { name: 'Phiên bản' });
    await slider.focus();
    await auditor.keyboard.press('Home');
    await expect.poll(() => auditor.getByTestId('revision-output').textContent()).toMatch(/^Phiên bản 0 \/ \d+: Đã giao nhiệm vụ/);
    await expect.poll(() => auditor.getByTestId('state-status').textContent()).toBe('Đã giao');
    await auditor.keyboard.press('ArrowRight');
    await auditor.keyboard.press('ArrowRight');
    await auditor.keyboard.press('ArrowRight');
    await expect.poll(() => auditor.getByTestId('state-status').textContent()).toBe('Đang duyệt');
    await shot(auditor, 'auditor-stream');
  });

  it('verifies the whole log, replays the read models and reproduces the results: all identical', async () => {
    await auditor.getByRole('link', { name: 'Kiểm tra toàn vẹn' }).click();
    await auditor.getByRole('button', { name: 'Kiểm tra toàn bộ nhật ký' }).click();
    await expect.poll(() => auditor.getByTestId('log-verify').getByTestId('integrity-badge').textContent(), LONG).toContain('Toàn vẹn');

    await auditor.getByRole('button', { name: 'Dựng lại và so sánh' }).click();
    await expect.poll(() => auditor.getByTestId('replay-report').textContent(), LONG).toContain('Giống hệt bảng đang dùng');

    await expect.poll(() => auditor.getByRole('combobox', { name: 'Kỳ thu thập' }).inputValue()).toBe(cycleId);
    await auditor.getByRole('button', { name: 'Tái lập và so sánh' }).click();
    await expect.poll(() => auditor.getByTestId('reproduce-report').textContent(), LONG).toContain('Khớp hoàn toàn với phiên bản 1 đã công bố.');
    // The small cells the manager saw suppressed, each with what a reader can derive for it.
    expect(await auditor.getByTestId('disclosure-audit').isVisible()).toBe(true);
    expect(await auditor.getByTestId('disclosure-audit').getByTestId('disclosure-cell').count()).toBeGreaterThan(0);
    await shot(auditor, 'auditor-integrity');
    const approved = await eventually(
      async () => (await system.login('auditor')).get(`/api/cycles/${cycleId}/results/reproduce`),
      (res) => res.statusCode === 200,
    );
    expect(approved.json()).toMatchObject({ identical: true, approved: { published: 5, reproduced: 5 } });
  });
});

describe('a manager opens an enumerator’s account and later disables it, in Chromium', () => {
  const PASSWORD = 'matkhau-moi-2026';
  let newcomer: Page;

  afterAll(async () => {
    await newcomer?.context().close();
  });

  it('creates an enumerator in Hà Nội, who logs in to an empty task list', async () => {
    await manager.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await expect.poll(() => h1(manager)).toBe('Tài khoản người dùng');
    await manager.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const form = manager.getByRole('region', { name: 'Tài khoản mới' });
    await form.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('enum.hanoi2');
    await form.getByLabel('Mật khẩu').fill(PASSWORD);
    await form.getByRole('combobox', { name: 'Vai trò' }).selectOption('enumerator');
    await form.getByRole('checkbox', { name: /Hà Nội/ }).check();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(() => manager.getByTestId('users-notice').textContent(), LONG).toBe('Đã tạo tài khoản enum.hanoi2.');
    await manager.getByRole('combobox', { name: 'Vai trò' }).selectOption('enumerator');
    await manager.getByRole('combobox', { name: 'Địa bàn' }).selectOption('01');
    const row = manager.getByRole('row', { name: /enum\.hanoi2/ });
    await expect.poll(() => row.textContent(), LONG).toContain('Thành phố Hà Nội (01)');
    await shot(manager, 'manager-accounts');

    newcomer = await logIn('enum.hanoi2', PASSWORD);
    await expect.poll(() => h1(newcomer)).toBe('Nhiệm vụ của tôi');
    await expect.poll(() => newcomer.getByTestId('my-tasks-empty').textContent(), LONG).toBe('Bạn chưa được giao nhiệm vụ nào.');
  });

  it('disables the account: the open session ends and the login is refused', async () => {
    await manager.getByRole('link', { name: 'enum.hanoi2' }).click();
    await expect.poll(() => h1(manager)).toBe('Tài khoản enum.hanoi2');
    await manager.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await manager.getByRole('dialog', { name: 'Khóa tài khoản enum.hanoi2?' }).getByRole('button', { name: 'Khóa tài khoản' }).click();
    await expect.poll(() => manager.getByTestId('account-status').textContent(), LONG).toBe('Đã khóa');
    await shot(manager, 'manager-account-disabled');

    await newcomer.reload();
    await expect.poll(() => h1(newcomer), LONG).toBe('Đăng nhập');
    const refused = await logIn('enum.hanoi2', PASSWORD);
    await expect.poll(() => refused.getByRole('alert').textContent(), LONG).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await refused.context().close();
  });
});
