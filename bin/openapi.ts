/**
 * The API's OpenAPI document as the server builds it, with no data, Temporal or port:
 * `npm run openapi > openapi.json` prints it; `npm run openapi -- --types <file>` writes the
 * TypeScript types the UI's client is checked against (ui/src/lib/api-schema.d.ts, written
 * by `npm run typecheck` before it checks). The routes only register here; nothing is called.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app.js';
import type { ApiDeps } from '../api/deps.js';
import { demoGeography } from '../domain/geography/geography.js';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const unused = new Proxy({}, { get: () => { throw new Error('the document is built without a running system'); } });
  const deps: ApiDeps = { store: unused as never, drafts: unused as never, sessions: unused as never, readDb: unused as never, projector: unused as never, temporal: unused as never, taskQueue: 'openapi', geography: demoGeography(), authSecret: randomBytes(32).toString('hex') };
  const app = await buildApp(deps);
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}

/** The document as TypeScript types (`paths`, `components`) for openapi-fetch. */
export async function openApiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return `// Generated from the API's OpenAPI document by \`npm run openapi -- --types\`: do not edit.\n\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = await openApiDocument();
  const at = process.argv.indexOf('--types');
  if (at < 0) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  else {
    const file = process.argv[at + 1];
    if (!file) throw new Error('--types needs the file to write');
    writeFileSync(file, await openApiTypes(document));
  }
}
