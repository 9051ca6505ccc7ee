import { fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Questionnaire } from '../../../../domain/survey/evaluate.js';
import { setLocale } from '../../i18n/index.svelte';
import { FARM, LFS_V2, question } from '../../test/questionnaire-fixtures';
import { plain, renderForm } from './test-helpers';

beforeEach(() => setLocale('vi'));

describe('select_multiple', () => {
  it('is a group of checkboxes labelled in the user’s language, kept in the choices’ order', async () => {
    const { user, bound } = renderForm(LFS_V2);
    const group = screen.getByRole('group', { name: 'Nguồn nước' });
    await user.click(within(group).getByRole('checkbox', { name: 'Nước mưa' }));
    await user.click(within(group).getByRole('checkbox', { name: 'Nước máy' }));
    expect(bound.answers.water).toEqual(['tap', 'rain']);
    await user.click(within(group).getByRole('checkbox', { name: 'Nước máy' }));
    await user.click(within(group).getByRole('checkbox', { name: 'Nước mưa' }));
    expect(bound.answers).not.toHaveProperty('water');
  });
});

describe('select_one with many choices', () => {
  const PROVINCES: Questionnaire = {
    choiceLists: { province: Array.from({ length: 10 }, (_, i) => ({ value: `P${i + 1}`, label: { vi: `Tỉnh ${i + 1}`, en: `Province ${i + 1}` } })) },
    items: [question('province', 'select_one', { vi: 'Tỉnh', en: 'Province' }, { choices: 'province', required: true })],
    checks: [],
  };

  it('is a select showing labels, never codes', async () => {
    const { user, bound } = renderForm(PROVINCES);
    const select = screen.getByRole('combobox', { name: /Tỉnh/ });
    expect(within(select).getByRole('option', { name: 'Tỉnh 3' })).toBeInTheDocument();
    expect(within(select).queryByRole('option', { name: 'P3' })).not.toBeInTheDocument();
    await user.selectOptions(select, 'Tỉnh 3');
    expect(bound.answers.province).toBe('P3');
  });
});

describe('geopoint', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes a point typed in, in the user’s number format', async () => {
    const { user, bound } = renderForm(LFS_V2);
    const place = screen.getByRole('group', { name: 'Vị trí của hộ' });
    await user.type(within(place).getByRole('textbox', { name: 'Vĩ độ' }), '21,0285');
    expect(within(place).getByRole('textbox', { name: 'Vĩ độ' })).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(place).getByRole('textbox', { name: 'Kinh độ' }), '105,8542');
    expect(bound.answers.location).toEqual({ lat: 21.0285, lon: 105.8542 });
    expect(within(place).getByRole('textbox', { name: 'Vĩ độ' })).toHaveAttribute('aria-invalid', 'false');
  });

  it('fills the point from the device’s location', async () => {
    const getCurrentPosition = vi.fn((success: PositionCallback) => success({ coords: { latitude: 10.7769, longitude: 106.7009, accuracy: 12.34 } } as GeolocationPosition));
    vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } });
    const { user, bound } = renderForm(LFS_V2);
    await user.click(screen.getByRole('button', { name: 'Lấy vị trí của tôi' }));
    expect(bound.answers.location).toEqual({ lat: 10.7769, lon: 106.7009, accuracy: 12.3 });
    expect(screen.getByRole('textbox', { name: 'Kinh độ' })).toHaveValue('106,7009');
    expect(screen.getByRole('textbox', { name: 'Độ chính xác (m)' })).toHaveValue('12,3');
  });

  it('says why the location could not be had', async () => {
    const getCurrentPosition = vi.fn((_: PositionCallback, failure: PositionErrorCallback) => failure({ code: 1 } as GeolocationPositionError));
    vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } });
    const { user, bound } = renderForm(LFS_V2);
    await user.click(screen.getByRole('button', { name: 'Lấy vị trí của tôi' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Không lấy được vị trí: thiết bị không cho phép.');
    expect(bound.answers).not.toHaveProperty('location');
  });
});

describe('a roster the respondent adds rows to', () => {
  it('adds rows up to maxRows and removes any row, keeping the others', async () => {
    const { user, bound } = renderForm(FARM);
    const add = screen.getByRole('button', { name: 'Thêm dòng: Thửa đất' });
    await user.click(add);
    expect(screen.getByRole('textbox', { name: /Tên thửa \(Dòng 1\)/ })).toHaveFocus();
    await user.keyboard('Ruộng trên');
    await user.click(add);
    await user.keyboard('Ruộng giữa');
    await user.click(add);
    await user.keyboard('Ruộng dưới');
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription('Tối đa 3 dòng.');

    await user.click(screen.getByRole('button', { name: 'Xóa dòng 2 (Thửa đất)' }));
    expect(plain(bound.answers.plots)).toEqual([{ plot: 'Ruộng trên' }, { plot: 'Ruộng dưới' }]);
    expect(screen.getByRole('textbox', { name: /Tên thửa \(Dòng 2\)/ })).toHaveValue('Ruộng dưới');
    expect(add).toBeEnabled();
  });

  it('shows rows holding a roster as cards titled by number and first text answer, with the inner roster inside', async () => {
    const { user, bound } = renderForm(FARM);
    await user.click(screen.getByRole('button', { name: 'Thêm dòng: Thửa đất' }));
    await user.keyboard('Ruộng trên');
    const card = screen.getByRole('group', { name: 'Dòng 1: Ruộng trên' });
    await user.click(within(card).getByRole('button', { name: 'Thêm dòng: Cây trồng trên thửa' }));
    await user.keyboard('Lúa');
    expect(within(card).getByRole('textbox', { name: /Tên cây \(Dòng 1\)/ })).toHaveValue('Lúa');
    expect(plain(bound.answers.plots)).toEqual([{ plot: 'Ruộng trên', crops: [{ crop: 'Lúa' }] }]);
  });
});

describe('notes, dates and times', () => {
  it('shows a note without an input and stores dates, times and datetimes as the evaluator reads them', async () => {
    const { bound } = renderForm(FARM);
    expect(screen.getByText('Hỏi về các thửa đất của hộ.')).toBeInTheDocument();
    expect(screen.getByLabelText('Ngày phỏng vấn')).toHaveAttribute('type', 'date');
    await fireEvent.input(screen.getByLabelText('Ngày phỏng vấn'), { target: { value: '2026-12-06' } });
    await fireEvent.input(screen.getByLabelText('Giờ bắt đầu'), { target: { value: '09:30' } });
    await fireEvent.input(screen.getByLabelText('Thời điểm ghi'), { target: { value: '2026-12-06T09:30' } });
    expect(bound.answers.visited).toBe('2026-12-06');
    expect(bound.answers.started).toBe('09:30');
    expect(bound.answers.recorded).toMatch(/^2026-12-06T09:30:00[+-]\d{2}:\d{2}$/);
  });
});

describe('in English', () => {
  beforeEach(() => setLocale('en'));

  it('shows labels, choices and problems in English', async () => {
    const { user } = renderForm(LFS_V2, { members: 1 });
    await user.click(screen.getByRole('button', { name: 'Next part' }));
    expect(within(screen.getByRole('combobox', { name: /Sex \(Row 1\)/ })).getByRole('option', { name: 'Female' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /Age \(Row 1\)/ }), '130');
    expect(screen.getByRole('textbox', { name: /Age \(Row 1\)/ })).toHaveAccessibleDescription(/Must be at most 120\.$/);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByRole('alert')).toHaveTextContent('problems to resolve before submitting.');
  });
});
