import type { MessageKey } from '../i18n/index.svelte';
import type { RouteName } from './router.svelte';
import { isRole, type Role } from './types';

export interface NavItem {
  /** Path inside the hash, e.g. `/tasks`. */
  path: string;
  label: MessageKey;
  /** Routes under this item: it is marked current on any of them. */
  routes: RouteName[];
}

const CYCLES: NavItem = { path: '/cycles', label: 'nav.cycles', routes: ['cycles', 'cycle', 'results'] };
// Managers also launch cycles from the same menu entry.
const CYCLES_MANAGED: NavItem = { ...CYCLES, routes: [...CYCLES.routes, 'launch'] };
const MY_TASKS: NavItem = { path: '/tasks', label: 'nav.myTasks', routes: ['myTasks', 'task'] };
// A respondent fills its reports in on the same task page an enumerator uses.
const REPORTS: NavItem = { path: '/reports', label: 'nav.reports', routes: ['reports', 'task'] };
const OUTBOX: NavItem = { path: '/outbox', label: 'nav.outbox', routes: ['outbox'] };
const SUPERVISE: NavItem = { path: '/supervise', label: 'nav.supervise', routes: ['supervise', 'review'] };
const SURVEYS: NavItem = { path: '/surveys', label: 'nav.surveys', routes: ['surveys', 'survey', 'surveyNew'] };
const FRAME: NavItem = { path: '/frame', label: 'nav.frame', routes: ['frame', 'frameImport'] };
const AUDIT: NavItem = { path: '/audit', label: 'nav.audit', routes: ['audit', 'stream'] };
const USERS: NavItem = { path: '/users', label: 'nav.users', routes: ['users', 'user'] };
const INTEGRITY: NavItem = { path: '/integrity', label: 'nav.integrity', routes: ['integrity'] };
const REPORTING: NavItem = { path: '/reporting', label: 'nav.reporting', routes: ['reporting'] };

/** Each role's menu; the first item is the role's home page. */
export const MENUS: Record<Role, NavItem[]> = {
  manager: [CYCLES_MANAGED, REPORTING, SURVEYS, FRAME, USERS, AUDIT, INTEGRITY],
  supervisor: [SUPERVISE, CYCLES, REPORTING],
  enumerator: [MY_TASKS, OUTBOX],
  auditor: [AUDIT, INTEGRITY, CYCLES, REPORTING],
  respondent: [REPORTS],
};

export function menuFor(role: string): NavItem[] {
  return isRole(role) ? MENUS[role] : [];
}

export function homePath(role: string): string {
  return menuFor(role)[0]?.path ?? '/cycles';
}

/** Whether a role may open a route: pages outside its menu are refused, except the shared ones. */
export function allowed(role: string, route: RouteName): boolean {
  if (route === 'login' || route === 'home' || route === 'notFound' || route === 'receipt' || route === 'enrol') return true;
  return menuFor(role).some((item) => item.routes.includes(route));
}
