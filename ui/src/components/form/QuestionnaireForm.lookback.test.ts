import { cleanup, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../../domain/survey/evaluate.js';
import { setLocale } from '../../i18n/index.svelte';
import { question } from '../../test/questionnaire-fixtures';
import { renderForm } from './test-helpers';

beforeEach(() => setLocale('vi'));

/** A monthly enterprise report whose checks look back at the unit and its previous response, as the server's do. */
const REPORT: Questionnaire = {
  choiceLists: {},
  items: [
    question('turnover', 'decimal', { vi: 'Doanh thu', en: 'Turnover' }),
    question('employees', 'integer', { vi: 'Số lao động', en: 'Employees' }),
  ],
  checks: [
    { id: 'jump', severity: 'warn', expression: 'previous == null || !has(turnover) || turnover <= previous.turnover * 3.0', message: { vi: 'Doanh thu tăng hơn ba lần so với kỳ trước', en: 'Turnover more than tripled' } },
    { id: 'small', severity: 'block', expression: "!has(unit.size) || unit.size != 'small' || employees < 50", message: { vi: 'Doanh nghiệp nhỏ có dưới 50 lao động', en: 'A small enterprise has under 50 employees' } },
  ],
};

describe('checks that look back, in the form', () => {
  it('warn against the previous approved response', async () => {
    const { user } = renderForm(REPORT, {}, { context: { unit: {}, previous: { turnover: 100, employees: 5 } } });
    await user.type(screen.getByRole('textbox', { name: /Doanh thu/ }), '301');
    const checks = screen.getByRole('region', { name: 'Kiểm tra logic' });
    expect(within(checks).getByText(/tăng hơn ba lần/)).toHaveTextContent('Cảnh báo: Doanh thu tăng hơn ba lần so với kỳ trước');
  });

  it('block by the unit’s attributes, and not without them', async () => {
    const small = renderForm(REPORT, { turnover: 1 }, { context: { unit: { size: 'small' }, previous: null } });
    await small.user.type(screen.getByRole('textbox', { name: /Số lao động/ }), '60');
    expect(await screen.findByText(/dưới 50 lao động/)).toBeInTheDocument();
    cleanup();
    const unknown = renderForm(REPORT, { turnover: 1 });
    await unknown.user.type(screen.getByRole('textbox', { name: /Số lao động/ }), '60');
    expect(screen.queryByText(/dưới 50 lao động/)).not.toBeInTheDocument();
  });
});
