import type { Account, CheckResult, CycleOverview, RespondentReport, Role, Survey, TaskDetail, TaskItem } from '../lib/types';

/** The demo labour force survey, as `GET /api/surveys/LFS` gives it. */
export const LFS: Survey = {
  id: 'LFS',
  version: 1,
  definedAt: '2026-01-05T01:00:00.000Z',
  definition: {
    code: 'LFS',
    title: { vi: 'Điều tra lao động việc làm', en: 'Labour force survey' },
    kind: 'sample_survey',
    unitType: 'household',
    languages: ['vi', 'en'],
    choiceLists: {
      sector: [
        { value: 'agriculture', label: { vi: 'Nông nghiệp', en: 'Agriculture' } },
        { value: 'industry', label: { vi: 'Công nghiệp', en: 'Industry' } },
        { value: 'services', label: { vi: 'Dịch vụ', en: 'Services' } },
      ],
    },
    items: [
      { id: 'members', type: 'integer', required: true, min: 1, max: 30, label: { vi: 'Số nhân khẩu', en: 'Household members' } },
      { id: 'employed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người có việc làm', en: 'Employed members' } },
      { id: 'unemployed', type: 'integer', required: true, min: 0, max: 30, label: { vi: 'Số người thất nghiệp', en: 'Unemployed members' } },
      { id: 'sector', type: 'select_one', required: false, choices: 'sector', label: { vi: 'Ngành chính', en: 'Main sector' } },
      { id: 'income', type: 'decimal', required: false, min: 0, max: 10000, label: { vi: 'Thu nhập tháng (triệu đồng)', en: 'Monthly income (million VND)' } },
      { id: 'interviewed_on', type: 'date', required: false, label: { vi: 'Ngày phỏng vấn', en: 'Interview date' } },
      { id: 'has_business', type: 'boolean', required: false, label: { vi: 'Có hộ kinh doanh', en: 'Runs a business' } },
    ],
    checks: [
      {
        id: 'employed_le_members',
        expression: 'employed <= members',
        severity: 'block',
        message: { vi: 'Số người có việc làm vượt số nhân khẩu', en: 'More employed than members' },
      },
      {
        id: 'income_plausible',
        expression: 'income <= 500.0 * double(members)',
        severity: 'warn',
        message: { vi: 'Thu nhập bình quân đầu người rất cao, cần kiểm tra', en: 'Very high income per member: please check' },
      },
    ],
    reviewLevels: ['commune', 'province'],
    outputs: [],
    minCellSize: 1,
  },
};

export const EMPLOYED_GT_MEMBERS: CheckResult = {
  id: 'employed_le_members',
  severity: 'block',
  message: { vi: 'Số người có việc làm vượt số nhân khẩu', en: 'More employed than members' },
  outcome: 'failed',
};

export const HIGH_INCOME: CheckResult = {
  id: 'income_plausible',
  severity: 'warn',
  message: { vi: 'Thu nhập bình quân đầu người rất cao, cần kiểm tra', en: 'Very high income per member: please check' },
  outcome: 'failed',
};

export const CYCLE_ID = 'LFS-2026-11-a1b2c3';

export function cycle(overrides: Partial<CycleOverview> = {}): CycleOverview {
  return {
    id: CYCLE_ID,
    survey: 'LFS',
    period: '2026-11',
    status: 'collecting',
    collectionDeadline: '2026-12-10T10:00:00.000Z',
    total: 2,
    overdue: 0,
    counts: { assigned: 2, checks_failed: 0, in_review: 0, rejected: 0, approved: 0, non_response: 0, cancelled: 0 },
    areaCodes: [],
    autoPublish: false,
    resultVersion: 0,
    launchedAt: '2026-11-01T01:00:00.000Z',
    cancellation: null,
    ...overrides,
  };
}

export function taskItem(unitId: string, overrides: Partial<TaskItem> = {}): TaskItem {
  return {
    id: `${CYCLE_ID}.${unitId}`,
    unitId,
    // A unit and an area the frame and the geography do not know: shown by code.
    unitName: null,
    unitAddress: null,
    areaCode: '01001',
    areaName: null,
    enumerator: 'enum.hanoi',
    enumeratorName: null,
    status: 'assigned',
    reviewLevel: null,
    dueAt: '2026-12-10T10:00:00.000Z',
    overdue: false,
    ...overrides,
  };
}

export function taskDetail(unitId: string, overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    ...taskItem(unitId),
    cycleId: CYCLE_ID,
    surveyId: 'LFS',
    response: null,
    previousResponse: null,
    explanations: {},
    version: 1,
    failed: [],
    warnings: [],
    reviewTrail: [],
    submissions: 0,
    lookBack: { unit: {}, previous: null },
    ...overrides,
  };
}

/** An account as `GET /api/users/:id` gives it; its id is its username. */
export function account(username: string, role: Role, areaCodes: string[], disabled = false): Account {
  return { id: username, username, role, areaCodes, disabled };
}

/** A respondent's report as `GET /api/my/reports` lists it: the monthly enterprise report of `period`, not sent yet. */
export function respondentReport(unitId: string, period: string, overrides: Partial<RespondentReport> = {}): RespondentReport {
  return {
    id: `DN_THANG-${period}-x1.${unitId}`,
    cycleId: `DN_THANG-${period}-x1`,
    surveyId: 'DN_THANG',
    surveyTitle: { vi: 'Báo cáo doanh nghiệp hằng tháng', en: 'Monthly enterprise report' },
    period,
    unitId,
    unitName: 'Công ty TNHH Minh An',
    status: 'assigned',
    dueAt: '2026-12-12T10:00:00.000Z',
    overdue: false,
    due: true,
    submittedAt: null,
    submittedBy: null,
    receipt: null,
    rejection: null,
    draftSavedAt: null,
    ...overrides,
  };
}
