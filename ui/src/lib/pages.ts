import type { Component } from 'svelte';

/**
 * Pages only managers and auditors open (and the reporting rates supervisors read now and then,
 * and the respondents' portal and enrolment),
 * loaded when first opened: an enumerator's phone downloads and parses the app without them (the
 * service worker still precaches them, so they open offline too). Pages an enumerator or supervisor
 * works in stay in the main bundle.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page has props of its own
export type PageModule = { default: Component<any> };

export const LAZY_PAGES = {
  launch: () => import('../pages/LaunchCyclePage.svelte'),
  results: () => import('../pages/ResultsPage.svelte'),
  surveys: () => import('../pages/SurveyListPage.svelte'),
  surveyNew: () => import('../pages/SurveyNewPage.svelte'),
  survey: () => import('../pages/SurveyPage.svelte'),
  frame: () => import('../pages/FramePage.svelte'),
  frameImport: () => import('../pages/FrameImportPage.svelte'),
  audit: () => import('../pages/AuditLogPage.svelte'),
  stream: () => import('../pages/StreamPage.svelte'),
  integrity: () => import('../pages/IntegrityPage.svelte'),
  users: () => import('../pages/UsersPage.svelte'),
  user: () => import('../pages/UserPage.svelte'),
  reporting: () => import('../pages/ReportingPage.svelte'),
  // The respondents' side: an enumerator's phone never opens it.
  reports: () => import('../pages/ReportsPage.svelte'),
  enrol: () => import('../pages/EnrolPage.svelte'),
} satisfies Record<string, () => Promise<PageModule>>;

export type LazyPage = keyof typeof LAZY_PAGES;

const loading = new Map<LazyPage, Promise<PageModule>>();

/** The page's module, fetched once; a failed fetch (offline before the service worker had it) is tried again next time. */
export function loadPage(name: LazyPage): Promise<PageModule> {
  let module = loading.get(name);
  if (!module) {
    module = LAZY_PAGES[name]().catch((err: unknown) => {
      loading.delete(name);
      throw err;
    });
    loading.set(name, module);
  }
  return module;
}
