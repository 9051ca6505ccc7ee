import { xlsformWorkbook } from '../../domain/survey/xlsform-export.js';

/**
 * A small labour force questionnaire with a household roster, as a manager would post it:
 * a person roster sized by `members`, relevance, a constraint, a calculation, a check across
 * the roster and a check per row, and outputs over the roster by sex.
 */
export function householdRosterSurvey(code: string, unitType = 'household') {
  const label = (vi: string, en: string) => ({ vi, en });
  return {
    code,
    title: label('Khảo sát hộ có bảng kê', 'Household roster survey'),
    kind: 'sample_survey',
    unitType,
    reviewLevels: ['commune'],
    minCellSize: 1,
    choiceLists: {
      sex: [
        { value: '1', label: label('Nam', 'Male') },
        { value: '2', label: label('Nữ', 'Female') },
      ],
      relation: [
        { value: '1', label: label('Chủ hộ', 'Head') },
        { value: '2', label: label('Vợ/chồng', 'Spouse') },
        { value: '3', label: label('Con', 'Child') },
      ],
    },
    items: [
      {
        type: 'section', id: 'household', label: label('Hộ', 'Household'), items: [
          { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: label('Số nhân khẩu', 'Household members') },
          { id: 'location', type: 'geopoint', label: label('Vị trí', 'Location') },
        ],
      },
      {
        type: 'roster', id: 'persons', size: 'members', maxRows: 30, label: label('Nhân khẩu', 'Persons'), items: [
          { id: 'name', type: 'text', required: true, label: label('Họ tên', 'Name') },
          { id: 'relation', type: 'select_one', choices: 'relation', required: true, label: label('Quan hệ với chủ hộ', 'Relation to head') },
          { id: 'sex', type: 'select_one', choices: 'sex', required: true, label: label('Giới tính', 'Sex') },
          { id: 'age', type: 'integer', required: true, min: 0, max: 120, label: label('Tuổi', 'Age') },
          { id: 'worked', type: 'boolean', relevant: 'age >= 15', required: true, label: label('Có làm việc 7 ngày qua', 'Worked in the last 7 days') },
          { id: 'hours', type: 'decimal', relevant: 'worked', constraint: 'hours <= 112.0', constraintMessage: label('Tối đa 112 giờ', 'At most 112 hours'), label: label('Số giờ', 'Hours') },
        ],
      },
      { id: 'employed', type: 'calculate', expression: 'persons.filter(p, has(p.worked) && p.worked).size()' },
    ],
    checks: [
      { id: 'one_head', expression: "persons.filter(p, p.relation == '1').size() == 1", severity: 'block', message: label('Hộ phải có đúng một chủ hộ', 'A household has exactly one head') },
      { id: 'minor_working', scope: 'persons', expression: '!(age < 18 && has(worked) && worked)', severity: 'warn', message: label('Người chưa thành niên đang làm việc?', 'A minor at work?') },
    ],
    outputs: [
      { id: 'persons_by_sex', aggregate: 'count', of: 'persons', by: 'province', crossBy: 'sex' },
      { id: 'employed_by_sex', aggregate: 'count', of: 'persons', where: 'has(worked) && worked', by: 'province', crossBy: 'sex' },
      { id: 'employment_rate', aggregate: 'ratio', of: 'persons', numerator: 'has(worked) && worked', denominator: 'age >= 15', by: 'province' },
      { id: 'households', aggregate: 'count', by: 'province' },
    ],
  };
}

/** A person of the roster. */
export const person = (name: string, relation: string, sex: '1' | '2', age: number, worked?: boolean, hours?: number) => ({
  name,
  relation,
  sex,
  age,
  ...(worked === undefined ? {} : { worked }),
  ...(hours === undefined ? {} : { hours }),
});

/** A small XLSForm: a group, a repeat sized by a count, a select from a list, relevance, a constraint. */
export function smallXlsform(): Promise<Uint8Array> {
  return xlsformWorkbook({
    survey: [
      ['type', 'name', 'label::Vietnamese (vi)', 'label::English (en)', 'required', 'relevant', 'constraint', 'repeat_count'],
      ['begin_group', 'hh', 'Hộ', 'Household', null, null, null, null],
      ['integer', 'members', 'Số nhân khẩu', 'Members', 'yes', null, '. >= 1 and . <= 30', null],
      ['end_group', null, null, null, null, null, null, null],
      ['begin_repeat', 'persons', 'Nhân khẩu', 'Persons', null, null, null, '${members}'],
      ['text', 'name', 'Họ tên', 'Name', 'yes', null, null, null],
      ['select_one sex', 'sex', 'Giới tính', 'Sex', 'yes', null, null, null],
      ['integer', 'age', 'Tuổi', 'Age', 'yes', null, '. <= 120', null],
      ['select_one yesno', 'worked', 'Có làm việc', 'Worked', null, '${age} >= 15', null, null],
      ['end_repeat', null, null, null, null, null, null, null],
      ['start', 'start', null, null, null, null, null, null],
    ],
    choices: [
      ['list_name', 'name', 'label::Vietnamese (vi)', 'label::English (en)'],
      ['sex', '1', 'Nam', 'Male'],
      ['sex', '2', 'Nữ', 'Female'],
      ['yesno', 'yes', 'Có', 'Yes'],
      ['yesno', 'no', 'Không', 'No'],
    ],
    settings: [
      ['form_title::Vietnamese (vi)', 'form_title::English (en)'],
      ['Hộ gia đình', 'Households'],
    ],
  });
}
