import { screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../../../domain/survey/evaluate.js';
import { setLocale } from '../../i18n/index.svelte';
import { LFS_V2, lfsAnswers } from '../../test/questionnaire-fixtures';
import { plain, radio, renderForm, rowsOf } from './test-helpers';

beforeEach(() => setLocale('vi'));

const next = () => screen.getByRole('button', { name: 'Phần sau' });
const submitButton = () => screen.getByRole('button', { name: 'Gửi phiếu' });

describe('steps', () => {
  it('shows one section at a time, with a step list and previous/next', async () => {
    const { user } = renderForm(LFS_V2);
    const steps = screen.getByRole('navigation', { name: 'Các phần của phiếu' });
    expect(within(steps).getByRole('button', { name: 'Hộ' })).toHaveAttribute('aria-current', 'step');
    expect(screen.getByRole('heading', { level: 2, name: 'Hộ' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Thành viên hộ' })).not.toBeInTheDocument();

    await user.click(next());
    expect(screen.getByRole('heading', { level: 2, name: 'Thành viên hộ' })).toHaveFocus();
    expect(screen.queryByRole('textbox', { name: /Số nhân khẩu/ })).not.toBeInTheDocument();
    expect(within(steps).getByRole('button', { name: 'Thành viên hộ' })).toHaveAttribute('aria-current', 'step');

    await user.click(screen.getByRole('button', { name: 'Phần trước' }));
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeInTheDocument();
  });

  it('counts each step’s problems on its badge once a submission was tried', async () => {
    const { user } = renderForm(LFS_V2, { members: 1 });
    await user.click(submitButton());
    const steps = screen.getByRole('navigation', { name: 'Các phần của phiếu' });
    // The person's name, relation, sex and age are required; the head check fails too.
    expect(within(steps).getByRole('button', { name: /Thành viên hộ/ })).toHaveAccessibleName('Thành viên hộ (4 vấn đề)');
    expect(within(steps).getByRole('button', { name: /^Hộ/ })).toHaveAccessibleName('Hộ');
  });
});

describe('problems, live', () => {
  it('says a value is out of range beside it, and clears it as soon as it is fixed', async () => {
    const { user } = renderForm(LFS_V2);
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    expect(members).toHaveAccessibleDescription('Từ 1 đến 30');
    await user.type(members, '31');
    expect(members).toHaveAttribute('aria-invalid', 'true');
    expect(members).toHaveAccessibleDescription('Từ 1 đến 30 Phải nhỏ hơn hoặc bằng 30.');
    await user.clear(members);
    await user.type(members, '3');
    expect(members).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Phải nhỏ hơn hoặc bằng 30.')).not.toBeInTheDocument();
  });

  it('on a submission with problems, goes to the first, focuses it and says how many remain', async () => {
    const { user, onsubmit } = renderForm(LFS_V2, { members: 2 });
    await user.click(next());
    await user.click(submitButton());
    expect(screen.getByRole('alert')).toHaveTextContent('Còn 9 vấn đề cần xử lý trước khi gửi.');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Họ và tên \(Dòng 1\)/ })).toHaveFocus();
    expect(onsubmit).not.toHaveBeenCalled();
  });

  it('switches back to the step holding the first problem', async () => {
    const { user } = renderForm(LFS_V2);
    await user.click(next());
    await user.click(submitButton());
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveAccessibleDescription('Từ 1 đến 30 Vui lòng trả lời câu này.');
  });
});

describe('relevance', () => {
  it('asks whether a person worked only from 15, and hours only of those who worked', async () => {
    const { user, bound } = renderForm(LFS_V2, { members: 1 });
    await user.click(next());
    await user.type(screen.getByRole('textbox', { name: /Tuổi \(Dòng 1\)/ }), '12');
    expect(screen.queryByRole('radiogroup', { name: /Có làm việc/ })).not.toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: /Tuổi \(Dòng 1\)/ }));
    await user.type(screen.getByRole('textbox', { name: /Tuổi \(Dòng 1\)/ }), '30');
    expect(screen.getByRole('radiogroup', { name: /Có làm việc 7 ngày qua \(Dòng 1\)/ })).toBeRequired();
    await user.click(radio(/Có làm việc 7 ngày qua \(Dòng 1\)/, 'Có'));
    await user.type(screen.getByRole('textbox', { name: /Số giờ làm việc \(Dòng 1\)/ }), '40');
    expect(screen.getByText('1', { selector: '.calculated' })).toBeInTheDocument();

    await user.click(radio(/Có làm việc 7 ngày qua \(Dòng 1\)/, 'Không'));
    expect(screen.queryByRole('textbox', { name: /Số giờ làm việc/ })).not.toBeInTheDocument();
    // Kept as typed (a change of mind brings it back) but not stored.
    expect(evaluateResponse(LFS_V2, bound.answers).data.persons).toEqual([{ age: 30, worked: false }]);
  });
});

describe('a roster sized by another answer', () => {
  it('has as many rows as members says, keeping the rows already typed', async () => {
    const { user, bound } = renderForm(LFS_V2);
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    await user.type(members, '3');
    await user.click(next());
    expect(screen.getAllByRole('textbox', { name: /Họ và tên/ })).toHaveLength(3);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên \(Dòng 1\)/ }), 'Lan');

    await user.click(screen.getByRole('button', { name: 'Phần trước' }));
    await user.clear(screen.getByRole('textbox', { name: /Số nhân khẩu/ }));
    await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '2');
    expect(plain(bound.answers.persons)).toEqual([{ name: 'Lan' }, {}]);
    await user.click(next());
    expect(screen.getAllByRole('textbox', { name: /Họ và tên/ })).toHaveLength(2);
    expect(screen.getByRole('textbox', { name: /Họ và tên \(Dòng 1\)/ })).toHaveValue('Lan');
    expect(screen.queryByRole('button', { name: /Thêm dòng/ })).not.toBeInTheDocument();
  });
});

describe('checks', () => {
  it('shows a row’s failed check beside the row, and clears it once the row is fixed, without submitting', async () => {
    const { user } = renderForm(LFS_V2, { members: 2 });
    await user.click(next());
    await user.selectOptions(screen.getByRole('combobox', { name: /Quan hệ với chủ hộ \(Dòng 2\)/ }), 'Chủ hộ');
    await user.type(screen.getByRole('textbox', { name: /Tuổi \(Dòng 2\)/ }), '12');
    const rows = screen.getAllByRole('row');
    expect(rows.find((row) => within(row).queryByText(/Chủ hộ phải từ 15 tuổi/))).toBeDefined();
    expect(screen.getByText(/Chủ hộ phải từ 15 tuổi/)).toHaveTextContent('Lỗi: Chủ hộ phải từ 15 tuổi');

    await user.clear(screen.getByRole('textbox', { name: /Tuổi \(Dòng 2\)/ }));
    await user.type(screen.getByRole('textbox', { name: /Tuổi \(Dòng 2\)/ }), '45');
    expect(screen.queryByText(/Chủ hộ phải từ 15 tuổi/)).not.toBeInTheDocument();
  });

  it('holds a submission until a failing warning is explained, and keeps the explanation by check and row', async () => {
    const answers = lfsAnswers(2);
    const { user, bound, onsubmit } = renderForm(LFS_V2, answers);
    await user.click(next());
    const hours = screen.getByRole('textbox', { name: /Số giờ làm việc \(Dòng 2\)/ });
    await user.clear(hours);
    await user.type(hours, '90');
    expect(screen.getByText(/Làm trên 80 giờ một tuần/)).toHaveTextContent('Cảnh báo: Làm trên 80 giờ một tuần');

    await user.click(submitButton());
    expect(onsubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Còn 1 vấn đề');
    const explanation = screen.getByRole('textbox', { name: 'Giải thích cho cảnh báo' });
    expect(explanation).toHaveFocus();
    expect(explanation).toHaveAccessibleDescription(/Hãy xác nhận hoặc giải thích/);

    await user.type(explanation, 'Làm hai ca trong mùa vụ');
    expect(bound.explanations).toEqual({ 'long_hours@persons[2]': 'Làm hai ca trong mùa vụ' });
    await user.click(submitButton());
    expect(onsubmit).toHaveBeenCalledTimes(1);
    expect(onsubmit.mock.calls[0]?.[0].explanations).toEqual({ 'long_hours@persons[2]': 'Làm hai ca trong mùa vụ' });
  });

  it('lets the interviewer confirm a warning instead of typing', async () => {
    const answers = lfsAnswers(1);
    answers.persons[0]!.hours = 85;
    const { user, bound, onsubmit } = renderForm(LFS_V2, answers);
    await user.click(next());
    await user.click(submitButton());
    await user.click(screen.getByRole('button', { name: 'Xác nhận số liệu đúng' }));
    expect(bound.explanations['long_hours@persons[1]']).toBe('Đã hỏi lại người trả lời: số liệu đúng.');
    await user.click(submitButton());
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it('keeps the explanation of an unscoped warning under the check’s id alone', async () => {
    const { user, bound } = renderForm(LFS_V2, lfsAnswers(1));
    await user.type(screen.getByRole('textbox', { name: /Thu nhập tháng/ }), '600');
    const checks = screen.getByRole('region', { name: 'Kiểm tra logic' });
    expect(within(checks).getByText(/Thu nhập trên 500 triệu/)).toHaveTextContent('Cảnh báo: Thu nhập trên 500 triệu đồng một tháng');
    await user.type(within(checks).getByRole('textbox', { name: 'Giải thích cho cảnh báo' }), 'Bán đất');
    expect(bound.explanations).toEqual({ high_income: 'Bán đất' });
  });

  it('shows a failed unscoped block check in red below the steps', async () => {
    const answers = lfsAnswers(2);
    answers.persons[1]!.relation = '1';
    const { user, onsubmit } = renderForm(LFS_V2, answers);
    await user.click(submitButton());
    expect(screen.getByText(/Hộ phải có đúng một chủ hộ/)).toHaveTextContent('Lỗi: Hộ phải có đúng một chủ hộ');
    expect(screen.getByText(/Hộ phải có đúng một chủ hộ/)).toHaveFocus();
    expect(onsubmit).not.toHaveBeenCalled();
  });
});

describe('numbers in the user’s language', () => {
  it('reads 12,5 as twelve and a half in Vietnamese and shows it back so; in English as 12.5', async () => {
    const { user, bound } = renderForm(LFS_V2, lfsAnswers(1));
    await user.click(next());
    const hours = screen.getByRole('textbox', { name: /Số giờ làm việc \(Dòng 1\)/ });
    expect(hours).toHaveAttribute('inputmode', 'decimal');
    await user.clear(hours);
    await user.type(hours, '12,5');
    expect(rowsOf(bound.answers, 'persons')[0]?.hours).toBe(12.5);
    expect(hours).toHaveValue('12,5');

    setLocale('en');
    await user.click(await screen.findByRole('button', { name: 'Household members list' }));
    expect(screen.getByRole('textbox', { name: /Hours worked \(Row 1\)/ })).toHaveValue('12.5');
  });

  it('accepts thousands separators', async () => {
    const { user, bound } = renderForm(LFS_V2);
    await user.type(screen.getByRole('textbox', { name: /Thu nhập tháng/ }), '1.250,75');
    expect(bound.answers.income).toBe(1250.75);
  });
});

describe('submitting', () => {
  it('hands over exactly what the evaluator stores, and says so as a status', async () => {
    const answers = lfsAnswers(3);
    const { user, onsubmit } = renderForm(LFS_V2, answers);
    await user.click(submitButton());
    expect(onsubmit).toHaveBeenCalledTimes(1);
    expect(onsubmit.mock.calls[0]?.[0].data).toEqual(evaluateResponse(LFS_V2, lfsAnswers(3)).data);
    expect(onsubmit.mock.calls[0]?.[0].data.employed).toBe(3);
    expect(screen.getByRole('status')).toHaveTextContent('Phiếu đã đầy đủ và hợp lệ.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('takes no answer and offers no submission when read-only', () => {
    renderForm(LFS_V2, lfsAnswers(1), { readonly: true });
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gửi phiếu' })).not.toBeInTheDocument();
  });
});
