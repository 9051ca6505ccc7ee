import { isMessageKey, t } from '../i18n/index.svelte';

/** An event type as people read it (`TaskApproved` → "Task approved"); a type without a name stays as the log has it. */
export function eventTypeName(type: string): string {
  const key = `eventType.${type}`;
  return isMessageKey(key) ? t(key) : type;
}
