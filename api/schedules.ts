import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { launchMonths } from '../domain/survey/schedule.js';
import type { SurveyDefinition } from '../domain/survey/definition.js';
import type { ScheduledLaunchInput } from '../workflows/scheduled.js';

export const scheduleId = (surveyCode: string) => `survey-schedule/${surveyCode}`;

export interface ScheduleView {
  readonly id: string;
  readonly state: 'active' | 'paused';
  readonly every: string;
  readonly collectionDays: number;
  readonly note: string;
  readonly nextRuns: string[];
  readonly recentRuns: string[];
}

/** Creates the Temporal Schedule that launches a reporting survey's cycles (nothing if it exists). */
export async function ensureSchedule(client: Client, taskQueue: string, surveyId: string, definition: SurveyDefinition): Promise<void> {
  const schedule = definition.schedule;
  if (!schedule) return;
  const args: [ScheduledLaunchInput] = [{ surveyId, surveyCode: definition.code, every: schedule.every, collectionDays: schedule.collectionDays }];
  try {
    await client.schedule.getHandle(scheduleId(definition.code)).describe();
    return;
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await client.schedule.create({
    scheduleId: scheduleId(definition.code),
    spec: {
      calendars: [{ month: launchMonths(schedule.every).map((m) => MONTHS[m - 1]!), dayOfMonth: 1, hour: 0, minute: 0, comment: `every ${schedule.every}` }],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: { type: 'startWorkflow', workflowType: 'scheduledLaunchWorkflow', args, taskQueue, workflowId: `launch/${definition.code}` },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
  });
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

/** The schedule as a manager sees it; null when the survey has none (or it was deleted). */
export async function describeSchedule(client: Client, surveyCode: string, definition: SurveyDefinition): Promise<ScheduleView | null> {
  try {
    const description = await client.schedule.getHandle(scheduleId(surveyCode)).describe();
    return {
      id: scheduleId(surveyCode),
      state: description.state.paused ? 'paused' : 'active',
      every: definition.schedule?.every ?? 'month',
      collectionDays: definition.schedule?.collectionDays ?? 0,
      note: description.state.note ?? '',
      nextRuns: description.info.nextActionTimes.slice(0, 3).map((d) => d.toISOString()),
      recentRuns: description.info.recentActions.map((a) => a.scheduledAt.toISOString()),
    };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}
