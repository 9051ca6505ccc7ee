import { client, ok } from './api';
import type { Answer } from './types';

export type Links = Answer<'/api/links', 'get'>;

let links: Promise<Links> | null = null;

/** Asked once per page load: where the Temporal web UI is, if the server knows. */
export function loadLinks(): Promise<Links> {
  links ??= ok(client.GET('/api/links')).catch(() => ({ temporalUi: null, namespace: 'default' }));
  return links;
}

/** The Temporal web UI's page of one workflow. */
export function workflowUrl(l: Links, workflowId: string): string | null {
  if (!l.temporalUi) return null;
  return `${l.temporalUi.replace(/\/$/, '')}/namespaces/${encodeURIComponent(l.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
