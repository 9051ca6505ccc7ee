import { WorkflowNotFoundError } from '@temporalio/client';
import { refusal } from '../domain/problems.js';
import { isFinal } from '../domain/task/events.js';
import { findTask } from '../projections/tasks/model.js';
import { workflowIds } from '../workflows/definitions.js';
import type { ApiDeps } from './deps.js';

type TaskHandle = ReturnType<ApiDeps['temporal']['workflow']['getHandle']>;

/**
 * Runs an update on a task's workflow. A workflow that has ended belongs to a task that
 * became final after the read models were looked at (collection closed, the cycle was
 * cancelled): the change is refused as for any final task.
 */
export async function updateTask<T>(deps: Pick<ApiDeps, 'temporal' | 'projector' | 'readDb'>, id: string, run: (workflow: TaskHandle) => Promise<T>): Promise<T> {
  try {
    return await run(deps.temporal.workflow.getHandle(workflowIds.task(id)));
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    await deps.projector.settle();
    const now = findTask(deps.readDb, id);
    throw now && isFinal(now.status) ? refusal('task.is_final', { id, status: now.status }) : refusal('task.not_running', { id });
  }
}
