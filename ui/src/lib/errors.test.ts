import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { apiError } from './api';
import { errorMessage, fieldMessage } from './errors';

afterEach(() => setLocale('vi'));

const refused = (status: number, body: object) => apiError(status, '', { type: 'x', title: 'Conflict', status, ...body });

describe('a refusal in the user’s language', () => {
  it('words a code from the catalogues, never the English detail', () => {
    const err = refused(400, { detail: 'enum.hcm is not an active enumerator of this area', code: 'task.enumerator_not_eligible', params: { enumerator: 'enum.hcm' } });
    setLocale('vi');
    expect(errorMessage(err)).toBe('enum.hcm không phải là điều tra viên đang hoạt động của địa bàn này.');
    setLocale('en');
    expect(errorMessage(err)).toBe('enum.hcm is not an active enumerator of this area.');
  });

  it('shows statuses, levels and times by their labels', () => {
    const closed = refused(409, { detail: 'a closed cycle cannot be closed', code: 'cycle.not_closable', params: { status: 'closed' } });
    expect(errorMessage(closed)).toBe('Không thể kết thúc thu thập một kỳ ở trạng thái “Đã kết thúc thu thập”.');
    const level = refused(403, { detail: 'you do not review at the province level for this area', code: 'task.not_your_level', params: { level: 'province' } });
    expect(errorMessage(level)).toBe('Bạn không duyệt ở cấp tỉnh cho địa bàn này.');
    const later = refused(400, { detail: 'a new deadline must be later', code: 'cycle.deadline_not_later', params: { deadline: '2026-12-31T17:00:00.000Z' } });
    expect(errorMessage(later)).not.toContain('2026-12-31T');
    // In Vietnam's time, as every date of the app.
    expect(errorMessage(later)).toBe('Hạn mới phải sau hạn hiện tại (00:00 1 thg 1, 2027).');
    setLocale('en');
    expect(errorMessage(closed)).toBe('A cycle that is “Closed” cannot be closed.');
  });

  it('falls back on the kind of refusal when a code is unknown, and says so in Vietnamese', () => {
    const unknown = refused(409, { detail: 'something only an API client reads', code: 'some.future_code', params: {} });
    expect(errorMessage(unknown)).toBe('Không thể làm việc này ở trạng thái hiện tại.');
    expect(errorMessage(apiError(418, "I'm a teapot", { detail: 'short and stout' }))).toBe('Đã có lỗi xảy ra (mã 418).');
    expect(errorMessage(refused(401, { detail: 'wrong username or password', code: 'auth.wrong_credentials' }))).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('words what is wrong with a field by its code and limits', () => {
    expect(fieldMessage({ path: 'body.period', message: 'Too small: expected string to have >=1 characters', code: 'too_small', params: { minimum: 1 } })).toBe('quá nhỏ hoặc quá ngắn (tối thiểu 1)');
    expect(fieldMessage({ path: 'body.x', message: 'some English' })).toBe('không hợp lệ');
    setLocale('en');
    expect(fieldMessage({ path: 'body.username', message: 'is taken', code: 'taken' })).toBe('is taken');
  });

  it('names a definition’s item types and aggregates by their labels, and a form’s own message in the user’s language', () => {
    expect(fieldMessage({ path: 'body.items.0.choices', message: 'a select_one needs choices', code: 'needs_choices', params: { type: 'select_one' } })).toBe('câu hỏi kiểu “Chọn một” cần có lựa chọn');
    expect(fieldMessage({ path: 'body.outputs.0.field', message: 'a mean needs a field', code: 'aggregate_needs_field', params: { aggregate: 'mean' } })).toBe('phép “Trung bình” cần có trường');
    const own = { path: 'body.data.age', message: 'At most 120', code: 'constraint_message', params: { vi: 'Tối đa 120', en: 'At most 120' } };
    expect(fieldMessage(own)).toBe('Tối đa 120');
    setLocale('en');
    expect(fieldMessage(own)).toBe('At most 120');
  });

  it('says at which sheet, row and column of a workbook a problem is', () => {
    const odd = { path: 'body.survey.6.A', message: 'sheet survey, row 6, column A: unknown type "frobnicate"', code: 'xlsform_unknown_type', params: { xlsformType: 'frobnicate', sheet: 'survey', row: 6, column: 'A' } };
    expect(fieldMessage(odd)).toBe('Trang tính survey, dòng 6, cột A: kiểu không xác định “frobnicate”');
    const cycle = { path: 'body.survey.2.E', message: 'sheet survey, row 2, column E: expression: calculations form a cycle: a → b → a', code: 'calculation_cycle', params: { cycle: 'a → b → a', sheet: 'survey', row: 2, column: 'E' } };
    setLocale('en');
    expect(fieldMessage(cycle)).toBe('Sheet survey, row 2, column E: calculations form a cycle: a → b → a');
  });
});
