import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '3b1f6a52-8f1e-4c1e-9a43-5d2b7c0e9f11';

/** The id of the event at `revision` of `stream`: a retried append re-creates the same ids. */
export function derivedEventId(stream: string, revision: number): string {
  return uuidv5(`${stream}@${revision}`, NAMESPACE);
}
