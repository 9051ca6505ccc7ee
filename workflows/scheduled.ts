import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, patched, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { reportingPeriod, type ScheduleEvery } from '../domain/survey/schedule.js';
import { cycleWorkflow } from './cycle.js';
import { CYCLE_WORKFLOW_TASK_TIMEOUT, searchAttributes, workflowIds, type CycleInput } from './definitions.js';

const { activeCycle } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export interface ScheduledLaunchInput {
  readonly surveyId: string;
  readonly surveyCode: string;
  readonly every: ScheduleEvery;
  readonly collectionDays: number;
}

/**
 * Started by a survey's Temporal Schedule: launches the cycle of the period that just
 * ended, over all areas. The cycle id is the survey and period, so a second firing for
 * the same period starts nothing, and neither does a period a manager already launched by hand.
 */
export async function scheduledLaunchWorkflow(input: ScheduledLaunchInput): Promise<string> {
  const firedAt = new Date(Date.now());
  const period = reportingPeriod(input.every, firedAt);
  const cycleId = `${input.surveyCode}-${period}`;
  if (patched('skip-period-launched-by-hand')) {
    const existing = await activeCycle({ surveyCode: input.surveyCode, period });
    if (existing !== null && existing !== cycleId) return existing;
  }
  const cycle: CycleInput = {
    cycleId,
    surveyId: input.surveyId,
    surveyCode: input.surveyCode,
    period,
    areaCodes: [],
    collectionDeadline: new Date(firedAt.getTime() + input.collectionDays * 24 * 3600 * 1000).toISOString(),
    autoPublish: false,
    launchedBy: 'schedule',
    correlationId: workflowInfo().workflowId,
  };
  try {
    await startChild(cycleWorkflow, {
      workflowId: workflowIds.cycle(cycleId),
      workflowTaskTimeout: CYCLE_WORKFLOW_TASK_TIMEOUT,
      args: [cycle],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: searchAttributes.cycleId, value: cycleId },
        { key: searchAttributes.surveyCode, value: input.surveyCode },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return cycleId;
}
