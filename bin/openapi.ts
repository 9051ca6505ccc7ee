/**
 * Prints the API's OpenAPI document as the server builds it, with no data, Temporal or port:
 * `npm run openapi > openapi.json`. The routes only register here; nothing is called.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../api/app.js';
import type { ApiDeps } from '../api/deps.js';
import { demoGeography } from '../domain/geography/geography.js';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const unused = new Proxy({}, { get: () => { throw new Error('the document is built without a running system'); } });
  const deps: ApiDeps = { store: unused as never, readDb: unused as never, projector: unused as never, temporal: unused as never, taskQueue: 'openapi', geography: demoGeography(), authSecret: randomBytes(32).toString('hex') };
  const app = await buildApp(deps);
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
