import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import type { Reproduction } from '../../lib/audit';
import ReproduceReport from './ReproduceReport.svelte';

type Cell = NonNullable<Reproduction['disclosure']>['cells'][number];

const cell = (areaCode: string, areaName: string | null, over: Partial<Cell>): Cell => ({
  table: 'shops_by_commune',
  areaCode,
  areaName,
  reason: 'primary',
  value: 1,
  min: 0,
  max: 4,
  protection: 3,
  protected: true,
  ...over,
});

const CELLS: Cell[] = [
  cell('79001', 'Phường Sài Gòn', { reason: 'carried', value: 3, min: 0, max: null }),
  cell('79002', 'Phường Tân Định', { reason: 'secondary', value: 2, min: 0, max: 5, protection: 0 }),
  cell('79003', null, { reason: 'primary', value: 1234.5, min: 1000, max: 1300, protection: 300, protected: false, category: '2' }),
];

const report = (cells: Cell[], policy = 4): Reproduction => ({
  cycleId: 'SHOP-2026-11-abcdef',
  version: 1,
  publishedAt: '2026-12-11T02:00:00.000Z',
  identical: true,
  approved: { published: 9, reproduced: 9 },
  tables: [{ id: 'shops_by_commune', cells: 3, differences: [] }],
  disclosure: { policy, cells },
});

const texts = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

beforeEach(() => setLocale('vi'));

describe('the hidden cells of a reproduced publication', () => {
  it('lists each cell with its reason, its interval and whether it is protected, in Vietnamese', () => {
    render(ReproduceReport, { props: { report: report(CELLS) } });
    const section = screen.getByTestId('disclosure-audit');
    expect(within(section).getByRole('heading', { name: 'Ô bị ẩn và khoảng người đọc suy ra được' })).toBeInTheDocument();
    expect(within(section).getByTestId('disclosure-summary')).toHaveTextContent(
      'Chính sách bảo mật 4: cỡ ô tối thiểu, quy tắc chi phối, ẩn thứ cấp và bảo vệ trước các lần công bố trước. ' +
        'Số ô bị ẩn: 3 (1 ô ẩn vì chính nó, 1 ô ẩn để bảo vệ ô khác, 1 ô ẩn vì lần công bố trước đã ẩn). Không được bảo vệ: 1 / 3 ô.',
    );
    const region = within(section).getByRole('region', { name: 'Các ô bị ẩn (3)' });
    const rows = within(region).getAllByTestId('disclosure-cell');
    expect(rows.map(texts)).toEqual([
      ['shops_by_commune', 'Phường Sài Gòn 79001', '—', 'ẩn vì lần công bố trước đã ẩn', '3', '≥ 0 (không có giới hạn trên)', '3', '✓ Được bảo vệ'],
      ['shops_by_commune', 'Phường Tân Định 79002', '—', 'ẩn để bảo vệ ô khác', '2', '0 – 5', '0', '✓ Được bảo vệ'],
      ['shops_by_commune', '79003', '2', 'ẩn vì chính nó', '1.234,5', '1.000 – 1.300', '300', '✗ Không được bảo vệ'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Phường Sài Gòn');
    expect(within(rows[2]!).getByTestId('disclosure-protected')).toHaveClass('broken');
  });

  it('reads in English too, and says when every hidden cell is protected', () => {
    setLocale('en');
    render(ReproduceReport, { props: { report: report(CELLS.slice(0, 2)) } });
    const section = screen.getByTestId('disclosure-audit');
    expect(within(section).getByRole('heading', { name: 'Hidden cells and what a reader can derive' })).toBeInTheDocument();
    expect(within(section).getByTestId('disclosure-summary')).toHaveTextContent(
      'Disclosure policy 4: minimum cell size, the dominance rule, secondary suppression and protection against earlier publications. ' +
        'Hidden cells: 2 (0 for themselves, 1 to protect another, 1 as an earlier publication hid them). Every hidden cell is protected.',
    );
    const rows = within(within(section).getByRole('region', { name: 'Hidden cells (2)' })).getAllByTestId('disclosure-cell');
    // No cell has a category: no column for it.
    expect(rows.map(texts)).toEqual([
      ['shops_by_commune', 'Phường Sài Gòn 79001', 'hidden as an earlier publication hid it', '3', '≥ 0 (no upper limit)', '3', '✓ Protected'],
      ['shops_by_commune', 'Phường Tân Định 79002', 'hidden to protect another', '2', '0 – 5', '0', '✓ Protected'],
    ]);
    expect(within(section).getAllByTestId('disclosure-protected').map((b) => b.className)).toEqual([expect.stringContaining('ok'), expect.stringContaining('ok')]);
  });

  it('says so when no cell was hidden', () => {
    render(ReproduceReport, { props: { report: report([], 1) } });
    const section = screen.getByTestId('disclosure-audit');
    expect(section).toHaveTextContent('Chính sách bảo mật 1: cỡ ô tối thiểu. Lần công bố này không ẩn ô nào.');
    expect(within(section).queryByRole('region')).not.toBeInTheDocument();
    expect(within(section).queryAllByTestId('disclosure-cell')).toHaveLength(0);
  });

  it('names a policy it has no words for by its number, and the interval when neither end is known', () => {
    setLocale('en');
    render(ReproduceReport, { props: { report: report([cell('79001', null, { table: 'staff', min: null, max: null, protection: 0.5 })], 7) } });
    const section = screen.getByTestId('disclosure-audit');
    expect(within(section).getByTestId('disclosure-summary')).toHaveTextContent(/^Disclosure policy 7\./);
    expect(texts(within(section).getByTestId('disclosure-cell'))).toEqual(['staff', '79001', 'hidden for itself', '1', 'any value (no limit)', '0.5', '✓ Protected']);
  });
});
