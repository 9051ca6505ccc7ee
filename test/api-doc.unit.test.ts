import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOC, apiDoc } from '../bin/api-doc.js';
import { openApiDocument } from '../bin/openapi.js';

/**
 * docs/api.md is generated from the API's OpenAPI document (bin/api-doc.ts): it must be what
 * the routes generate now, and name every one of them with who may call it.
 */

interface Operation {
  security?: unknown[];
  'x-roles'?: string[];
}

const STALE = `${API_DOC} is stale: run \`npm run docs:api\` and commit the result`;
const document = await openApiDocument();
const committed = readFileSync(API_DOC, 'utf8');
const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

/** The section of the page about one route: from its heading to the next. */
function section(method: string, path: string): string {
  const heading = `### \`${method} ${path}\`\n`;
  const start = committed.indexOf(heading);
  if (start < 0) return '';
  const end = committed.indexOf('\n#', start + heading.length);
  return committed.slice(start, end < 0 ? undefined : end);
}

describe(API_DOC, () => {
  it('is what the API document generates', () => {
    const fresh = apiDoc(document);
    if (committed !== fresh) {
      const [was, now] = [committed.split('\n'), fresh.split('\n')];
      const line = was.findIndex((text, i) => text !== now[i]);
      expect.fail(`${STALE} (first difference at line ${(line < 0 ? was.length : line) + 1}: ${JSON.stringify(now[line < 0 ? was.length : line] ?? '')})`);
    }
  });

  it('documents every operation of the document, with who may call it', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const { path, method, op } of operations) {
      const text = section(method, path);
      expect(text, `${method} ${path} is missing from ${API_DOC}: run \`npm run docs:api\``).not.toBe('');
      const auth = !op.security?.length ? 'none (public)' : op['x-roles'] ? `roles: ${op['x-roles'].join(', ')}` : 'any role';
      expect(text, `${method} ${path}`).toContain(`**Auth:** ${auth === 'none (public)' ? auth : `bearer token; ${auth}`}`);
    }
  });

  it('names the roles of the routes that only some roles may call', () => {
    const roles = (method: string, path: string) => (document.paths as Record<string, Record<string, Operation>>)[path]![method]!['x-roles'];
    expect(roles('post', '/api/tasks/{id}/submit')).toEqual(['enumerator', 'respondent']);
    expect(roles('post', '/api/tasks/{id}/reassign')).toEqual(['manager', 'supervisor']);
    // A plugin's limit (manager, auditor) and the route's own (auditor): the roles both allow.
    expect(roles('post', '/api/audit/replay')).toEqual(['auditor']);
    expect(roles('get', '/api/users')).toEqual(['manager']);
    // Open to every role of the office, and closed to respondents, who answer for units from outside it.
    expect(roles('get', '/api/cycles')).toEqual(['manager', 'supervisor', 'enumerator', 'auditor']);
    expect(roles('get', '/api/tasks/{id}')).toBeUndefined();
    expect(roles('get', '/api/my/reports')).toEqual(['respondent']);
  });
});
