import type { Questionnaire } from '../../../domain/survey/evaluate.js';
import type { Bilingual, Question } from '../../../domain/survey/questionnaire.js';

/** Version-2 questionnaires for the form's tests, shaped like the labour force survey of the spec. */

const both = (vi: string, en: string): Bilingual => ({ vi, en });

/** A question with the defaults the schema would fill in. */
export function question(id: string, type: Question['type'], label: Bilingual, more: Partial<Question> = {}): Question {
  return { id, type, label, required: false, ...more };
}

export const LFS_V2: Questionnaire = {
  choiceLists: {
    sex: [
      { value: '1', label: both('Nam', 'Male') },
      { value: '2', label: both('Nữ', 'Female') },
    ],
    relation: [
      { value: '1', label: both('Chủ hộ', 'Head') },
      { value: '2', label: both('Vợ/chồng', 'Spouse') },
      { value: '3', label: both('Con', 'Child') },
      { value: '4', label: both('Khác', 'Other') },
    ],
    water: [
      { value: 'tap', label: both('Nước máy', 'Tap water') },
      { value: 'well', label: both('Giếng khoan', 'Well') },
      { value: 'rain', label: both('Nước mưa', 'Rain water') },
    ],
  },
  items: [
    {
      type: 'section',
      id: 'household',
      label: both('Hộ', 'Household'),
      items: [
        question('members', 'integer', both('Số nhân khẩu', 'Household members'), { required: true, min: 1, max: 30 }),
        question('location', 'geopoint', both('Vị trí của hộ', 'Location of the dwelling')),
        question('income', 'decimal', both('Thu nhập tháng (triệu đồng)', 'Monthly income (million dong)'), { min: 0 }),
        question('water', 'select_multiple', both('Nguồn nước', 'Water sources'), { choices: 'water' }),
      ],
    },
    {
      type: 'roster',
      id: 'persons',
      size: 'members',
      maxRows: 30,
      label: both('Thành viên hộ', 'Household members list'),
      items: [
        question('name', 'text', both('Họ và tên', 'Name'), { required: true }),
        question('relation', 'select_one', both('Quan hệ với chủ hộ', 'Relation to the head'), { required: true, choices: 'relation' }),
        question('sex', 'select_one', both('Giới tính', 'Sex'), { required: true, choices: 'sex' }),
        question('age', 'integer', both('Tuổi', 'Age'), { required: true, min: 0, max: 120 }),
        question('worked', 'boolean', both('Có làm việc 7 ngày qua', 'Worked in the last 7 days'), { required: true, relevant: 'age >= 15' }),
        question('hours', 'decimal', both('Số giờ làm việc', 'Hours worked'), {
          relevant: 'worked',
          constraint: 'hours <= 112.0',
          constraintMessage: both('Không quá 112 giờ một tuần', 'At most 112 hours a week'),
        }),
      ],
    },
    question('employed', 'calculate', both('Số người có việc làm', 'People employed'), { expression: 'persons.filter(p, has(p.worked) && p.worked).size()' }),
  ],
  checks: [
    {
      id: 'one_head',
      expression: "persons.filter(p, has(p.relation) && p.relation == '1').size() == 1",
      severity: 'block',
      message: both('Hộ phải có đúng một chủ hộ', 'The household must have exactly one head'),
    },
    {
      id: 'head_adult',
      scope: 'persons',
      expression: "relation != '1' || age >= 15",
      severity: 'block',
      message: both('Chủ hộ phải từ 15 tuổi', 'The head must be at least 15'),
    },
    {
      id: 'high_income',
      expression: '!(has(income) && income > 500.0)',
      severity: 'warn',
      message: both('Thu nhập trên 500 triệu đồng một tháng', 'Income above 500 million dong a month'),
    },
    {
      id: 'long_hours',
      scope: 'persons',
      expression: '!(has(hours) && hours > 80.0)',
      severity: 'warn',
      message: both('Làm trên 80 giờ một tuần', 'Works more than 80 hours a week'),
    },
  ],
};

/** A roster the respondent adds rows to, with a note and every remaining question type. */
export const FARM: Questionnaire = {
  choiceLists: {},
  items: [
    question('intro', 'note', both('Hỏi về các thửa đất của hộ.', 'Ask about the household’s plots.')),
    question('visited', 'date', both('Ngày phỏng vấn', 'Interview date')),
    question('started', 'time', both('Giờ bắt đầu', 'Start time')),
    question('recorded', 'datetime', both('Thời điểm ghi', 'Recorded at')),
    {
      type: 'roster',
      id: 'plots',
      maxRows: 3,
      label: both('Thửa đất', 'Plots'),
      items: [
        question('plot', 'text', both('Tên thửa', 'Plot name'), { required: true }),
        question('area', 'decimal', both('Diện tích (ha)', 'Area (ha)')),
        { type: 'roster', id: 'crops', maxRows: 5, label: both('Cây trồng trên thửa', 'Crops on the plot'), items: [question('crop', 'text', both('Tên cây', 'Crop'), { required: true })] },
      ],
    },
  ],
  checks: [],
};

export type Row = Record<string, unknown>;
export type LfsAnswers = { members: number; persons: Row[]; [item: string]: unknown };

/** Answers for LFS_V2 with every person answered: `count` people, the first the head. */
export function lfsAnswers(count: number): LfsAnswers {
  return {
    members: count,
    persons: Array.from({ length: count }, (_, i) => ({
      name: `Người ${i + 1}`,
      relation: i === 0 ? '1' : '3',
      sex: i % 2 === 0 ? '1' : '2',
      age: i === 0 ? 40 : 20,
      worked: true,
      hours: 40,
    })),
  };
}
