import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './helpers/system.js';

interface Operation {
  operationId?: string;
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }>; links?: Record<string, { operationRef: string; parameters: Record<string, string> }> }>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let system: TestSystem;
let doc: Document;
const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
  doc = (await system.app.inject({ method: 'GET', url: '/docs/json' })).json<Document>();
  mkdirSync('test/artifacts', { recursive: true });
  writeFileSync('test/artifacts/openapi.json', JSON.stringify(doc, null, 2));
});

afterAll(async () => {
  await system?.stop();
});

describe('the OpenAPI document', () => {
  it('documents every refusal as problem details, with the one Problem schema', () => {
    expect(doc.components.schemas).toHaveProperty('Problem');
    for (const { path, method, op } of operations()) {
      for (const [status, answer] of Object.entries(op.responses)) {
        if (Number(status) < 400 || (path === '/healthz' && status === '503')) continue;
        expect(Object.keys(answer.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(answer.content!['application/problem+json']!.schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
  });

  it('documents what each operation can refuse, from what it takes', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      const label = `${method} ${path}`;
      if (path.includes('{')) expect(statuses, label).toEqual(expect.arrayContaining(['400', '404', '414']));
      if (op.security?.length) expect(statuses, label).toEqual(expect.arrayContaining(['401', '403']));
      if (method !== 'GET') expect(statuses, label).toEqual(expect.arrayContaining(['413', '415']));
      if (method !== 'GET' && path.startsWith('/api/')) expect(statuses, label).toContain('429');
      if (method === 'GET') expect(statuses, label).not.toContain('409');
      if (op.security?.length) expect(statuses, label).toContain('503');
    }
  });

  it('documents the live stream as server-sent events, naming its event types', () => {
    const live = doc.paths['/api/live']!.get!;
    expect(Object.keys(live.responses['200']!.content!)).toEqual(['text/event-stream']);
    for (const event of ['`cycle`', '`task`', '`resync`']) expect(live.responses['200']!.description).toContain(event);
  });

  it('documents no body for a 204, and bodies that may be left out as not required', () => {
    expect(doc.paths['/api/surveys/{id}/schedule']!.delete!.responses['204']!.content).toBeUndefined();
    for (const path of ['/api/cycles/{id}/close', '/api/cycles/{id}/cancel', '/api/cycles/{id}/publish', '/api/surveys/{id}/schedule/pause', '/api/surveys/{id}/schedule/resume']) {
      expect(doc.paths[path]!.post!.requestBody?.required, path).toBe(false);
    }
    expect(doc.paths['/api/cycles/{id}/deadline']!.post!.requestBody?.required).toBe(true);
  });

  it('states the constraints the server enforces: date-times, stream kinds, a change in every PATCH, revision and time', () => {
    const body = (path: string, method: string) => doc.paths[path]![method]!.requestBody!.content['application/json']!.schema as { properties: Record<string, Record<string, unknown>>; minProperties?: number };
    expect(body('/api/cycles', 'post').properties.collectionDeadline).toMatchObject({ type: 'string', format: 'date-time' });
    expect(body('/api/cycles/{id}/deadline', 'post').properties.collectionDeadline).toMatchObject({ format: 'date-time' });
    expect(body('/api/users/{id}', 'patch').minProperties).toBe(1);
    const state = doc.paths['/api/audit/streams/{stream}/state']!.get!.parameters!;
    expect(state.find((p) => p.name === 'stream')!.schema.pattern).toBe('^(survey|cycle|task)-[\\s\\S]+$');
    expect(state.find((p) => p.name === 'revision')).toMatchObject({ schema: { type: 'integer', minimum: 0 }, description: expect.stringContaining('the earlier of the two') });
    expect(state.find((p) => p.name === 'at')).toMatchObject({ schema: { format: 'date-time' }, description: expect.stringContaining('the earlier of the two') });
  });

  it('links what creates or lists an item to every operation on it, so clients follow real ids', () => {
    const cycleLinks = doc.paths['/api/cycles']!.post!.responses['202']!.links!;
    expect(cycleLinks.get_cycles_id).toEqual({ operationRef: '#/paths/~1api~1cycles~1{id}/get', parameters: { id: '$response.body#/id' } });
    expect(Object.keys(cycleLinks)).toEqual(expect.arrayContaining(['get_cycles_id_tasks', 'post_cycles_id_close', 'get_cycles_id_results_reproduce']));
    expect(doc.paths['/api/users']!.post!.responses['201']!.links!.patch_users_id).toBeDefined();
    expect(doc.paths['/api/cycles/{id}/tasks']!.get!.responses['200']!.links!.post_tasks_id_submit).toBeDefined();
    // Every link leads to an operation of the document, and fills each of its path parameters.
    let links = 0;
    for (const { op } of operations()) {
      for (const answer of Object.values(op.responses)) {
        for (const link of Object.values(answer.links ?? {})) {
          const [, path, method] = /^#\/paths\/(.+)\/(\w+)$/.exec(link.operationRef)!;
          const target = doc.paths[path!.replaceAll('~1', '/').replaceAll('~0', '~')]?.[method!];
          expect(target, link.operationRef).toBeDefined();
          const pathParams = (target!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
          expect(Object.keys(link.parameters), link.operationRef).toEqual(pathParams);
          links++;
        }
      }
    }
    expect(links).toBeGreaterThan(30);
  });
});
