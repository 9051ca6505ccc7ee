import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateResponse } from '../../../../domain/survey/evaluate.js';
import { setLocale } from '../../i18n/index.svelte';
import { LFS_V2, lfsAnswers, type LfsAnswers } from '../../test/questionnaire-fixtures';
import ResponseTree from './ResponseTree.svelte';

beforeEach(() => setLocale('vi'));

/** What the server stores for these answers. */
const stored = (answers: Record<string, unknown>) => evaluateResponse(LFS_V2, answers).data;

function household(): LfsAnswers {
  return { ...lfsAnswers(2), location: { lat: 21.0285, lon: 105.8542, accuracy: 8 }, income: 12.5, water: ['tap', 'rain'] };
}

describe('a stored response', () => {
  it('shows labels, not codes, and numbers in the user’s language', () => {
    render(ResponseTree, { questionnaire: LFS_V2, data: stored(household()) });
    const table = screen.getByRole('table', { name: 'Thành viên hộ' });
    const [, first] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent('Chủ hộ');
    expect(first).toHaveTextContent('Nam');
    expect(first).toHaveTextContent('Có');
    expect(within(table).queryByText('1', { selector: 'td' })).not.toBeInTheDocument();
    expect(screen.getByText('12,5')).toBeInTheDocument();
    expect(screen.getByText('Nước máy; Nước mưa')).toBeInTheDocument();
    expect(screen.getByText('21,0285; 105,8542 (± 8 m)')).toBeInTheDocument();
    // The calculation, stored with the response.
    const employed = screen.getByText('Số người có việc làm').closest('div');
    expect(employed).toHaveTextContent('2');
  });

  it('lists the checks with their row and the explanation given', () => {
    const answers = household();
    answers.persons[1]!.hours = 90;
    render(ResponseTree, { questionnaire: LFS_V2, data: stored(answers), explanations: { 'long_hours@persons[2]': 'Làm hai ca' } });
    const checks = screen.getByRole('region', { name: 'Kết quả kiểm tra' });
    expect(within(checks).getByRole('listitem')).toHaveTextContent('Cảnh báo (Thành viên hộ, dòng 2): Làm trên 80 giờ một tuần');
    expect(within(checks).getByRole('listitem')).toHaveTextContent('Giải thích: Làm hai ca');
  });

  it('marks what changed since the previous submission, old → new, and rows added', () => {
    const before = household();
    const after = household();
    after.members = 3;
    after.persons = [...after.persons, { name: 'Bé Na', relation: '3', sex: '2', age: 4 }];
    after.persons[1]!.sex = '1';
    render(ResponseTree, { questionnaire: LFS_V2, data: stored(after), previous: stored(before) });
    const table = screen.getByRole('table', { name: 'Thành viên hộ' });
    const rows = within(table).getAllByRole('row');
    expect(rows[2]).toHaveTextContent(/Nữ\s*→\s*Nam/);
    expect(rows[3]).toHaveTextContent('Dòng mới');
    expect(rows[1]).not.toHaveTextContent('đã đổi');
    expect(screen.getByText('Số nhân khẩu').closest('div')).toHaveTextContent(/2\s*→\s*3/);
  });

  it('marks rows removed since the previous submission', () => {
    const before = household();
    const after = { ...lfsAnswers(1) };
    render(ResponseTree, { questionnaire: LFS_V2, data: stored(after), previous: stored(before) });
    const rows = within(screen.getByRole('table', { name: 'Thành viên hộ' })).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('Dòng đã xóa');
    expect(rows[2]).toHaveTextContent('Người 2');
  });

  it('speaks English when the user does', () => {
    setLocale('en');
    render(ResponseTree, { questionnaire: LFS_V2, data: stored(household()) });
    expect(screen.getByText('12.5')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Household members list' })).getAllByText('Head')).toHaveLength(1);
  });
});
