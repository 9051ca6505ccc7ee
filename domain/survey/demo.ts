import type { SurveyInput } from './definition.js';

const label = (vi: string, en: string) => ({ vi, en });

/** Who a person is to the head of the household, as the labour force survey's household roster asks it. */
const RELATION = [
  ['1', 'Chủ hộ', 'Head of household'],
  ['2', 'Vợ/chồng', 'Spouse'],
  ['3', 'Con', 'Child'],
  ['4', 'Bố/mẹ', 'Parent'],
  ['5', 'Anh/chị/em', 'Brother or sister'],
  ['6', 'Cháu', 'Grandchild'],
  ['7', 'Họ hàng khác', 'Other relative'],
  ['8', 'Không có họ hàng', 'Not related'],
] as const;

const EDUCATION = [
  ['0', 'Chưa đi học', 'Never attended school'],
  ['1', 'Tiểu học', 'Primary'],
  ['2', 'Trung học cơ sở', 'Lower secondary'],
  ['3', 'Trung học phổ thông', 'Upper secondary'],
  ['4', 'Sơ cấp, trung cấp nghề', 'Vocational'],
  ['5', 'Cao đẳng', 'College'],
  ['6', 'Đại học trở lên', 'University or higher'],
] as const;

/** Major groups of the occupation classification (ISCO-08, as Vietnam's VSCO uses them). */
const OCCUPATION = [
  ['1', 'Nhà lãnh đạo', 'Managers'],
  ['2', 'Chuyên môn kỹ thuật bậc cao', 'Professionals'],
  ['3', 'Chuyên môn kỹ thuật bậc trung', 'Technicians and associate professionals'],
  ['4', 'Nhân viên trợ lý văn phòng', 'Clerical support workers'],
  ['5', 'Dịch vụ cá nhân, bảo vệ và bán hàng', 'Service and sales workers'],
  ['6', 'Lao động có kỹ năng trong nông, lâm, ngư nghiệp', 'Skilled agricultural, forestry and fishery workers'],
  ['7', 'Thợ thủ công và thợ khác có liên quan', 'Craft and related trades workers'],
  ['8', 'Thợ lắp ráp và vận hành máy móc, thiết bị', 'Plant and machine operators and assemblers'],
  ['9', 'Lao động giản đơn', 'Elementary occupations'],
  ['0', 'Lực lượng vũ trang', 'Armed forces occupations'],
] as const;

const choices = (rows: readonly (readonly [string, string, string])[]) => rows.map(([value, vi, en]) => ({ value, label: label(vi, en) }));

/**
 * The demo labour force survey: a household section, a roster of its members (relation to the
 * head, sex, age, education, work in the last 7 days, hours, occupation and sector, looking for
 * work), relevance and constraints, checks within and across the roster, outputs by province and
 * sex. Reviewed at commune then province level.
 */
export const LFS_DEMO: SurveyInput = {
  code: 'LFS',
  title: label('Điều tra lao động việc làm', 'Labour force survey'),
  kind: 'sample_survey',
  unitType: 'household',
  choiceLists: {
    relation: choices(RELATION),
    sex: [
      { value: '1', label: label('Nam', 'Male') },
      { value: '2', label: label('Nữ', 'Female') },
    ],
    education: choices(EDUCATION),
    occupation: choices(OCCUPATION),
    sector: [
      { value: 'agriculture', label: label('Nông, lâm nghiệp và thủy sản', 'Agriculture, forestry and fishing') },
      { value: 'industry', label: label('Công nghiệp và xây dựng', 'Industry and construction') },
      { value: 'services', label: label('Dịch vụ', 'Services') },
    ],
  },
  items: [
    {
      type: 'section', id: 'household', label: label('Thông tin hộ', 'Household'), items: [
        { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: label('Số nhân khẩu', 'Household members'), hint: label('Những người thường xuyên ăn ở chung trong hộ', 'People who usually live and eat in the household') },
        { id: 'interviewed_on', type: 'date', label: label('Ngày phỏng vấn', 'Interview date') },
        { id: 'income', type: 'decimal', min: 0, max: 10000, label: label('Thu nhập tháng của hộ (triệu đồng)', 'Household monthly income (million VND)') },
      ],
    },
    {
      type: 'roster', id: 'persons', size: 'members', maxRows: 30, label: label('Thành viên hộ', 'Household members'), items: [
        { id: 'name', type: 'text', required: true, maxLength: 100, label: label('Họ và tên', 'Name') },
        { id: 'relation', type: 'select_one', choices: 'relation', required: true, label: label('Quan hệ với chủ hộ', 'Relation to the head') },
        { id: 'sex', type: 'select_one', choices: 'sex', required: true, label: label('Giới tính', 'Sex') },
        { id: 'age', type: 'integer', required: true, min: 0, max: 120, label: label('Tuổi', 'Age') },
        { id: 'education', type: 'select_one', choices: 'education', relevant: 'age >= 5', required: true, label: label('Trình độ học vấn cao nhất', 'Highest level of education') },
        { id: 'worked', type: 'boolean', relevant: 'age >= 15', required: true, label: label('Làm việc tạo thu nhập trong 7 ngày qua', 'Worked for pay or profit in the last 7 days') },
        {
          id: 'hours', type: 'decimal', relevant: 'has(worked) && worked', required: true, constraint: 'hours > 0.0 && hours <= 112.0',
          constraintMessage: label('Từ trên 0 đến 112 giờ', 'More than 0 and at most 112 hours'), label: label('Số giờ làm việc trong 7 ngày qua', 'Hours worked in the last 7 days'),
        },
        { id: 'occupation', type: 'select_one', choices: 'occupation', relevant: 'has(worked) && worked', required: true, label: label('Nghề nghiệp chính', 'Main occupation') },
        { id: 'sector', type: 'select_one', choices: 'sector', relevant: 'has(worked) && worked', label: label('Ngành kinh tế', 'Economic sector') },
        { id: 'looking', type: 'boolean', relevant: 'has(worked) && !worked', required: true, label: label('Tìm việc trong 4 tuần qua', 'Looked for work in the last 4 weeks') },
      ],
    },
    {
      type: 'section', id: 'summary', label: label('Kết thúc phỏng vấn', 'End of interview'), items: [
        { id: 'employed', type: 'calculate', expression: 'persons.filter(p, has(p.worked) && p.worked).size()', label: label('Số người có việc làm', 'Employed members') },
        { id: 'unemployed', type: 'calculate', expression: 'persons.filter(p, has(p.looking) && p.looking).size()', label: label('Số người thất nghiệp', 'Unemployed members') },
        { id: 'remarks', type: 'text', maxLength: 2000, label: label('Ghi chú của điều tra viên', "Enumerator's remarks") },
      ],
    },
  ],
  checks: [
    { id: 'one_head', expression: "persons.filter(p, p.relation == '1').size() == 1", severity: 'block', message: label('Hộ phải có đúng một chủ hộ', 'A household has exactly one head') },
    { id: 'head_adult', scope: 'persons', expression: "relation != '1' || age >= 15", severity: 'block', message: label('Chủ hộ phải từ 15 tuổi trở lên', 'The head is at least 15 years old') },
    { id: 'one_spouse', expression: "persons.filter(p, p.relation == '2').size() <= 1", severity: 'warn', message: label('Hộ có nhiều hơn một vợ/chồng của chủ hộ', 'More than one spouse of the head') },
    {
      id: 'child_younger_than_head', scope: 'persons', expression: "relation != '3' || persons.all(p, p.relation != '1' || p.age > age)", severity: 'warn',
      message: label('Con không ít tuổi hơn chủ hộ', 'A child who is not younger than the head'),
    },
    { id: 'minor_working', scope: 'persons', expression: '!(age < 18 && has(worked) && worked)', severity: 'warn', message: label('Người chưa thành niên đang làm việc', 'A minor at work') },
    { id: 'long_hours', scope: 'persons', expression: '!has(hours) || hours <= 84.0', severity: 'warn', message: label('Làm việc trên 84 giờ một tuần', 'More than 84 hours of work in a week') },
    { id: 'income_plausible', expression: '!has(income) || income <= 500.0 * double(members)', severity: 'warn', message: label('Thu nhập bình quân đầu người rất cao, cần kiểm tra', 'Very high income per member: please check') },
  ],
  reviewLevels: ['commune', 'province'],
  outputs: [
    { id: 'households', label: label('Số hộ theo tỉnh', 'Households by province'), aggregate: 'count', by: 'province' },
    { id: 'persons_by_sex', label: label('Số nhân khẩu theo tỉnh và giới tính', 'Persons by province and sex'), aggregate: 'count', of: 'persons', by: 'province', crossBy: 'sex' },
    { id: 'employed_by_sex', label: label('Số người có việc làm theo tỉnh và giới tính', 'Employed persons by province and sex'), aggregate: 'count', of: 'persons', where: 'has(worked) && worked', by: 'province', crossBy: 'sex' },
    { id: 'unemployed_by_sex', label: label('Số người thất nghiệp theo tỉnh và giới tính', 'Unemployed persons by province and sex'), aggregate: 'count', of: 'persons', where: 'has(looking) && looking', by: 'province', crossBy: 'sex' },
    { id: 'employment_rate', label: label('Tỷ lệ có việc làm của người từ 15 tuổi trở lên', 'Employment rate of persons aged 15 and over'), aggregate: 'ratio', of: 'persons', numerator: 'has(worked) && worked', denominator: 'age >= 15', by: 'province' },
    {
      id: 'unemployment_rate', label: label('Tỷ lệ thất nghiệp trong lực lượng lao động', 'Unemployment rate of the labour force'), aggregate: 'ratio', of: 'persons', numerator: 'has(looking) && looking',
      denominator: '(has(worked) && worked) || (has(looking) && looking)', by: 'province',
    },
    { id: 'mean_hours', label: label('Số giờ làm việc bình quân một tuần theo giới tính', 'Mean weekly hours worked by sex'), aggregate: 'mean', of: 'persons', field: 'hours', where: 'has(worked) && worked', by: 'province', crossBy: 'sex' },
    { id: 'mean_income', label: label('Thu nhập bình quân của hộ theo tỉnh', 'Mean household income by province'), aggregate: 'mean', field: 'income', by: 'province' },
    { id: 'households_by_commune', label: label('Số hộ theo xã', 'Households by commune'), aggregate: 'count', by: 'commune' },
  ],
  minCellSize: 3,
};

/**
 * The demo monthly enterprise report: what an enterprise sends the statistics office each month
 * (net revenue, workers at the month's end, the wage bill, how it sees next month). It answers for
 * itself through its respondents; a check compares the revenue with the enterprise's approved
 * report of the month before (`previous`), another with what the register knows of it (`unit`).
 * Reviewed by the provincial office. Launched on the first of each month for the month that ended.
 */
export const DN_THANG_DEMO: SurveyInput = {
  code: 'DN_THANG',
  title: label('Báo cáo thống kê tháng của doanh nghiệp', 'Monthly statistical report of enterprises'),
  kind: 'reporting',
  unitType: 'enterprise',
  choiceLists: {
    outlook: [
      { value: 'better', label: label('Tốt hơn', 'Better') },
      { value: 'same', label: label('Giữ nguyên', 'About the same') },
      { value: 'worse', label: label('Khó khăn hơn', 'Worse') },
    ],
  },
  items: [
    {
      type: 'section', id: 'month', label: label('Kết quả sản xuất kinh doanh trong tháng', 'Business results of the month'), items: [
        { id: 'revenue', type: 'decimal', required: true, min: 0, max: 100000000, label: label('Doanh thu thuần (triệu đồng)', 'Net revenue (million VND)') },
        { id: 'employees', type: 'integer', required: true, min: 0, max: 1000000, label: label('Số lao động cuối tháng (người)', 'Workers at the end of the month') },
        { id: 'wage_bill', type: 'decimal', required: true, min: 0, max: 10000000, label: label('Tổng quỹ lương trong tháng (triệu đồng)', 'Wage bill of the month (million VND)') },
        { id: 'outlook', type: 'select_one', choices: 'outlook', label: label('Dự kiến tình hình tháng tới', 'Outlook for next month') },
        { id: 'remarks', type: 'text', maxLength: 2000, label: label('Giải thích biến động (nếu có)', 'Explanation of large changes, if any') },
      ],
    },
  ],
  checks: [
    { id: 'wages_without_workers', expression: 'employees > 0 || wage_bill == 0.0', severity: 'block', message: label('Có quỹ lương nhưng không có lao động', 'A wage bill with no workers') },
    {
      id: 'revenue_jump', expression: 'previous == null || revenue <= previous.revenue * 3.0', severity: 'warn',
      message: label('Doanh thu gấp hơn 3 lần tháng trước, cần giải thích', 'Revenue more than three times last month’s: please explain'),
    },
    {
      id: 'workers_vs_register', expression: '!has(unit.employees_last_year) || double(employees) <= double(unit.employees_last_year) * 5.0', severity: 'warn',
      message: label('Số lao động gấp hơn 5 lần năm trước theo danh sách', 'Over five times the workers the register had last year'),
    },
  ],
  reviewLevels: ['province'],
  outputs: [
    { id: 'revenue_by_province', label: label('Doanh thu thuần theo tỉnh (triệu đồng)', 'Net revenue by province (million VND)'), aggregate: 'sum', field: 'revenue', by: 'province' },
    { id: 'workers_by_province', label: label('Số lao động theo tỉnh', 'Workers by province'), aggregate: 'sum', field: 'employees', by: 'province' },
  ],
  minCellSize: 3,
  schedule: { every: 'month', collectionDays: 20 },
};
