import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Call } from '../test/fake-api';
import { LFS } from '../test/fixtures';

const refusal = (errors: { path: string; message: string; code: string; params: Record<string, string | number> }[]) => ({
  status: 400,
  body: { type: 'about:blank', title: 'Bad request', status: 400, detail: `invalid body: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors },
});

const DEFINITION = {
  code: 'EST',
  title: { vi: 'Điều tra doanh nghiệp', en: 'Enterprise survey' },
  kind: 'reporting',
  unitType: 'enterprise',
  fields: [
    { id: 'revenue', type: 'decimal', min: 10, max: 5, label: { vi: 'Doanh thu', en: 'Revenue' } },
    { id: 'workers', type: 'integer', label: { vi: 'Số lao động', en: 'Workers' } },
  ],
  reviewLevels: ['province'],
};

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/surveys/new');
});

describe('a new survey from an uploaded JSON definition', () => {
  it('sends the file as it is and lists each problem under the field it names', async () => {
    const server = fakeApi({
      'POST /api/surveys': refusal([
        { path: 'body.fields.0.max', message: 'max is below min', code: 'max_below_min', params: { min: 10, max: 5 } },
        { path: 'body.checks.0.expression', message: 'uses "revenu", not an item it can see', code: 'unknown_names', params: { names: 'revenu' } },
        { path: 'body.colour', message: 'is not a known field', code: 'unknown_field', params: {} },
      ]),
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('radio', { name: 'Tải lên tệp định nghĩa JSON' }));
    const file = new File([JSON.stringify(DEFINITION)], 'est.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Tệp định nghĩa (JSON)'), file);
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Nội dung JSON' })).toHaveValue(JSON.stringify(DEFINITION, null, 2)));
    await user.click(screen.getByRole('button', { name: 'Gửi định nghĩa' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading')).toHaveTextContent('Máy chủ từ chối định nghĩa: 3 chỗ cần sửa');
    const items = within(summary).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Câu hỏi 1 › Giá trị lớn nhất fields.0.max: giá trị lớn nhất (5) nhỏ hơn giá trị nhỏ nhất (10)',
      'Kiểm tra 1 › Biểu thức checks.0.expression: dùng tên không có ở chỗ này: revenu',
      'colour colour: không phải là trường được biết',
    ]);
    expect((server.to('POST', '/api/surveys')[0] as Call).body).toEqual(DEFINITION);
  });

  it('refuses text that is not JSON before sending anything', async () => {
    const server = fakeApi({});
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('radio', { name: 'Tải lên tệp định nghĩa JSON' }));
    const text = screen.getByRole('textbox', { name: 'Nội dung JSON' });
    await user.click(text);
    await user.paste('{ "code": ');
    await user.click(screen.getByRole('button', { name: 'Gửi định nghĩa' }));
    expect(text).toHaveAttribute('aria-invalid', 'true');
    expect(text).toHaveAccessibleDescription(/Không phải JSON hợp lệ/);
    expect(server.to('POST', '/api/surveys')).toHaveLength(0);
  });

  it('opens the new survey once the server accepts it', async () => {
    fakeApi({ 'POST /api/surveys': { status: 201, body: LFS }, 'GET /api/surveys/LFS': { body: LFS } });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('radio', { name: 'Tải lên tệp định nghĩa JSON' }));
    await user.click(screen.getByRole('textbox', { name: 'Nội dung JSON' }));
    await user.paste(JSON.stringify(LFS.definition));
    await user.click(screen.getByRole('button', { name: 'Gửi định nghĩa' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cuộc điều tra LFS' })).toBeInTheDocument();
    expect(location.hash).toBe('#/surveys/LFS');
  });
});

describe('a new survey from the form', () => {
  it('builds the document and shows each server problem at its input', async () => {
    const server = fakeApi({
      'POST /api/surveys': refusal([
        { path: 'body.code', message: 'must be 2 to 20 capital letters, digits or _', code: 'invalid_format', params: { format: 'regex' } },
        { path: 'body.fields.0.label.en', message: 'Too small: expected string to have >=1 characters', code: 'too_small', params: { minimum: 1, origin: 'string' } },
      ]),
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    const basics = screen.getByRole('group', { name: 'Thông tin chung' });
    const code = within(basics).getByRole('textbox', { name: /^Mã/ });
    await user.type(code, 'lfs2');
    await user.type(within(basics).getByRole('textbox', { name: /Tên tiếng Việt/ }), 'Điều tra thử');
    await user.type(within(basics).getByRole('textbox', { name: /Tên tiếng Anh/ }), 'Trial survey');
    const question = screen.getByRole('group', { name: 'Câu hỏi 1' });
    await user.type(within(question).getByRole('textbox', { name: /^Mã/ }), 'members');
    await user.type(within(question).getByRole('textbox', { name: /Nhãn tiếng Việt/ }), 'Số nhân khẩu');
    await user.type(within(question).getByRole('textbox', { name: 'Giá trị nhỏ nhất' }), '1');
    await user.click(screen.getByRole('button', { name: 'Tạo cuộc điều tra' }));

    await vi.waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(/sai định dạng/);
    const labelEn = within(question).getByRole('textbox', { name: /Nhãn tiếng Anh/ });
    expect(labelEn).toHaveAttribute('aria-invalid', 'true');
    expect(labelEn).toHaveAccessibleDescription('quá nhỏ hoặc quá ngắn (tối thiểu 1)');

    expect(server.to('POST', '/api/surveys')[0]?.body).toMatchObject({
      code: 'lfs2',
      title: { vi: 'Điều tra thử', en: 'Trial survey' },
      fields: [{ id: 'members', type: 'integer', required: false, min: 1, label: { vi: 'Số nhân khẩu', en: '' } }],
      reviewLevels: ['commune', 'province'],
      minCellSize: 3,
    });
    await user.click(within(screen.getByRole('alert')).getAllByRole('button', { name: 'Đến ô này' })[1]!);
    expect(document.activeElement).toBe(labelEn);
  });
});
