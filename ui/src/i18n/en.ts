import type { Messages } from './vi';

export const en: Messages = {
  'app.title': 'Survey operations',
  'app.skipToMain': 'Skip to main content',
  'app.notFound': 'This page does not exist.',
  'app.loading': 'Loading…',

  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'header.user': 'User',
  'header.logout': 'Log out',

  'role.manager': 'Manager',
  'role.supervisor': 'Supervisor',
  'role.enumerator': 'Enumerator',
  'role.auditor': 'Auditor',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',

  'cycles.title': 'Collection cycles',
  'cycles.caption': 'Collection cycles, their status and task counts',
  'cycles.empty': 'There are no collection cycles yet.',
  'cycles.loadMore': 'Load more',
  'cycles.col.id': 'Cycle',
  'cycles.col.survey': 'Survey',
  'cycles.col.period': 'Period',
  'cycles.col.status': 'Status',
  'cycles.col.deadline': 'Collection deadline',
  'cycles.col.total': 'Total',
  'cycles.col.approved': 'Approved',
  'cycles.col.overdue': 'Overdue',

  'cycle.title': 'Cycle {id}',
  'cycle.back': 'Back to the collection cycles',
  'cycle.details': 'Overview',
  'cycle.survey': 'Survey',
  'cycle.period': 'Period',
  'cycle.status': 'Status',
  'cycle.deadline': 'Collection deadline',
  'cycle.total': 'Total tasks',
  'cycle.overdue': 'Overdue',
  'cycle.progress': 'Completion',
  'cycle.progressText': '{done} of {total} tasks final ({percent})',
  'cycle.counts': 'Tasks by status',

  'cycleStatus.launching': 'Launching',
  'cycleStatus.collecting': 'Collecting',
  'cycleStatus.closed': 'Closed',
  'cycleStatus.published': 'Published',
  'cycleStatus.cancelled': 'Cancelled',

  'taskStatus.assigned': 'Assigned',
  'taskStatus.checks_failed': 'Checks failed',
  'taskStatus.in_review': 'In review',
  'taskStatus.rejected': 'Rejected',
  'taskStatus.approved': 'Approved',
  'taskStatus.non_response': 'Non-response',
  'taskStatus.cancelled': 'Cancelled',

  'live.on': 'Live',
  'live.onDescription': 'Receiving live updates',

  'error.network': 'Cannot reach the server. Please try again.',
  'error.generic': 'Something went wrong (code {status}).',
  'error.notFound': 'This collection cycle was not found.',
};
