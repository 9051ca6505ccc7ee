import { client, ok } from './api';
import type { Answer } from './types';

/** What `GET /api/receipts/{id}` says of a receipt: valid or not, and what it was for. */
export type ReceiptCheck = Answer<'/api/receipts/{id}', 'get'>;

/** Checks a receipt, signed in or not; a malformed number is an ApiError with status 400. */
export function checkReceipt(id: string): Promise<ReceiptCheck> {
  return ok(client.GET('/api/receipts/{id}', { params: { path: { id } } }));
}
