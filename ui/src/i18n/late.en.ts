import type { viLate } from './late.vi';

// Late submissions on the supervisor's task page, in English.
export const enLate: Record<keyof typeof viLate, string> = {
  'late.waitingOnly': 'Only tasks with a late submission waiting for a decision',
  'late.heading': 'Late submissions',
  'late.intro': 'An enumerator’s device sent these after the task changed while it was offline. Accept one to take it as the task’s response: it goes through the checks and review as if sent on time.',
  'late.by': 'Sent by {by} on the device at {submitted}, received at {received}',
  'late.why': 'Why it came late: {reason}',
  'late.reason.reassigned': 'the task was reassigned',
  'late.reason.closed': 'collection closed or the cycle was cancelled',
  'late.reason.other': 'the server refused it ({code})',
  'late.received': 'Waiting for a decision',
  'late.accepted': 'Accepted by {by} at {at}',
  'late.answers': 'Show the answers',
  'late.accept': 'Accept as the response',
  'late.acceptedNotice': 'Late submission accepted: the task is now {status}.',

  'lookBack.heading': 'Looking back',
  'lookBack.intro': 'The checks compare the response with these, as they did for the enumerator or respondent filling it in.',
  'lookBack.unit': 'The unit in the frame',
  'lookBack.noUnit': 'The frame holds nothing more about this unit.',
  'lookBack.previous': 'Approved response of the previous period',
  'lookBack.noPrevious': 'The previous period has no approved response from this unit.',
};
