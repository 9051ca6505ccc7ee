/** An auditor read something: the inspection is itself on the record. */
export type AuditorRead = { type: 'AuditorRead'; data: { method: string; url: string; status: number } };
export type AuditEvent = AuditorRead;

/**
 * One stream per auditor rather than one shared `audit-reads` stream: "what did this
 * auditor read" is then one stream read (and one hash chain to verify), the whole trail
 * is still one prefix filter (`audit-reads-`), and concurrent auditors on several API
 * replicas never contend for the head of a single hot stream.
 */
export const auditReadsStream = (userId: string) => `audit-reads-${userId}`;
