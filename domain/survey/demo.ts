import type { SurveyInput } from './definition.js';

/** The demo labour force survey: household fields, a few edit checks, reviewed at commune then province level. */
export const LFS_DEMO: SurveyInput = {
  code: 'LFS',
  title: { vi: 'Điều tra lao động việc làm', en: 'Labour force survey' },
  kind: 'sample_survey',
  unitType: 'household',
  choiceLists: {
    sector: [
      { value: 'agriculture', label: { vi: 'Nông nghiệp', en: 'Agriculture' } },
      { value: 'industry', label: { vi: 'Công nghiệp, xây dựng', en: 'Industry and construction' } },
      { value: 'services', label: { vi: 'Dịch vụ', en: 'Services' } },
    ],
  },
  items: [
    { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số nhân khẩu', en: 'Household members' } },
    { id: 'employed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người có việc làm', en: 'Employed members' } },
    { id: 'unemployed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người thất nghiệp', en: 'Unemployed members' } },
    { id: 'sector', type: 'select_one', choices: 'sector', label: { vi: 'Ngành chính', en: 'Main sector' } },
    { id: 'income', type: 'decimal', min: 0, max: 10000, label: { vi: 'Thu nhập tháng (triệu đồng)', en: 'Monthly income (million VND)' } },
    { id: 'interviewed_on', type: 'date', label: { vi: 'Ngày phỏng vấn', en: 'Interview date' } },
  ],
  checks: [
    {
      id: 'employed_le_members',
      expression: 'employed <= members',
      severity: 'block',
      message: { vi: 'Số người có việc làm vượt số nhân khẩu', en: 'More employed than members' },
    },
    {
      id: 'labour_force_le_members',
      expression: 'employed + unemployed <= members',
      severity: 'block',
      message: { vi: 'Số người có việc làm và thất nghiệp vượt số nhân khẩu', en: 'Employed and unemployed exceed members' },
    },
    {
      id: 'income_plausible',
      expression: 'income <= 500.0 * double(members)',
      severity: 'warn',
      message: { vi: 'Thu nhập bình quân đầu người rất cao, cần kiểm tra', en: 'Very high income per member: please check' },
    },
  ],
  reviewLevels: ['commune', 'province'],
  outputs: [
    { id: 'households', aggregate: 'count', by: 'province' },
    { id: 'employed', aggregate: 'sum', field: 'employed', by: 'province' },
    { id: 'mean_income', aggregate: 'mean', field: 'income', by: 'province' },
    { id: 'households_by_commune', aggregate: 'count', by: 'commune' },
  ],
  minCellSize: 3,
};
