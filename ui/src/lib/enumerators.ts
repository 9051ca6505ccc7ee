import { client, ok } from './api';

export interface Enumerator {
  readonly username: string;
  readonly fullName?: string;
}

/**
 * Who a task of `areaCode` may be reassigned to: active enumerators one of whose areas is
 * that area or holds it, as the server holds a reassignment to (the first thousand).
 */
export async function eligibleEnumerators(areaCode: string): Promise<Enumerator[]> {
  const page = await ok(client.GET('/api/enumerators', { params: { query: { containing: areaCode, limit: 1000 } } }));
  return page.items.map((item) => ({ username: item.username, ...(item.fullName ? { fullName: item.fullName } : {}) }));
}
