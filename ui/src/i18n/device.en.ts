import type { viDevice } from './device.vi';

export const enDevice: Record<keyof typeof viDevice, string> = {
  'nav.outbox': 'Outbox',

  'device.draft': 'Draft on this device',
  'device.waiting': 'Waiting to send',
  'device.sent': 'Sent: {status}',
  'device.refused': 'Refused: {reason}',
  'device.late': 'Sent late, for the supervisor to accept',
  'device.lateAccepted': 'Sent late, accepted',
  'device.refusedUnknown': 'the server did not take this response',
  'device.queued': 'Response kept on this device: it goes by itself when the network is back, and will not be recorded twice.',
  'device.waitingNote': 'This task’s response waits on this device to be sent.',

  'offline.copy': 'You are offline: this is the copy kept on this device, made {time}.',
  'offline.noCopy': 'You are offline and this device holds no copy of your tasks yet.',
  'draft.savedOnDevice': 'Draft kept on this device at {time}; it goes to the server when the network is back.',

  'outbox.badge': '{count} waiting to send',
  'outbox.title': 'Outbox',
  'outbox.lead': 'Responses submitted on this device, in the order submitted. Those waiting go by themselves when the network is back.',
  'outbox.empty': 'Nothing has been submitted on this device yet.',
  'outbox.caption': 'Responses submitted on this device',
  'outbox.col.submittedAt': 'Submitted',
  'outbox.attempts': 'Tried {count} times.',
  'outbox.unreachable': 'The last attempt did not reach the server.',
  'outbox.receipt': 'Receipt {id}',
  'outbox.sendNow': 'Send now',
  'outbox.sending': 'Sending…',
  'outbox.result.done': 'Everything was sent.',
  'outbox.result.unreachable': 'The server could not be reached; the device will try again.',
  'outbox.result.later': 'The server could not be reached; the device will try again.',
  'outbox.result.signed_out': 'Your session has ended: the responses are kept and sent once you log in again.',
};
