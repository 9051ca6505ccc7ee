import { client, ok } from './api';
import type { components } from './api-schema';

/** What a device sent after its task was reassigned or its cycle moved on (api/routes/late.ts). */
export type LateSubmission = components['schemas']['LateSubmission'];

export async function listLateSubmissions(taskId: string): Promise<LateSubmission[]> {
  return (await ok(client.GET('/api/tasks/{id}/late-submissions', { params: { path: { id: taskId } } }))).items;
}

/** Takes a late submission as the task's response: it goes through the checks and review as if on time. */
export function acceptLateSubmission(taskId: string, lateId: string) {
  return ok(client.POST('/api/tasks/{id}/late-submissions/{lateId}/accept', { params: { path: { id: taskId, lateId } } }));
}
