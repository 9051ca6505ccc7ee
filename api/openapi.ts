import type { FastifyInstance, RouteOptions } from 'fastify';
import { ZodType } from 'zod';
import { noteRoles, rolesOfHooks } from './access.js';
import { problemSchema } from './schemas.js';

/**
 * What a route may answer besides its own results, decided once from what the route takes:
 * every refusal is RFC 9457 problem details (`application/problem+json`), documented with the
 * one `Problem` schema. A route lists its own refusals (409 where a state can refuse, 503
 * where a dependency can fail) with `problemSchema`; the rest follow from its shape.
 */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Marks an operation whose body may be left out; `finishDocument` turns it into `requestBody.required: false`. */
const OPTIONAL_BODY = 'x-body-optional';

const WHY: Record<number, string> = {
  400: 'The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it.',
  401: 'No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed).',
  403: 'The caller’s role may not do this.',
  404: 'No such item, or none in the caller’s areas.',
  409: 'The item’s state does not allow this now; `detail` says why.',
  413: 'The body is larger than the route takes.',
  414: 'A path parameter is longer than the router takes (1,024 characters).',
  415: 'The body is not of a media type the route takes.',
  429: 'Over the rate limit; `Retry-After` says in how many seconds to try again.',
  503: 'A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again.',
};

const asProblem = (status: number) => ({ description: WHY[status] ?? 'Refused.', content: { 'application/problem+json': { schema: problemSchema } } });

interface RouteSchema {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  headers?: unknown;
  security?: unknown[];
  response?: Record<string, unknown>;
  hide?: boolean;
}

/** The refusal statuses a route can give, from its shape. */
export function refusalsOf(route: Pick<RouteOptions, 'method' | 'url'> & { schema?: RouteSchema; config?: unknown }): number[] {
  const schema = route.schema ?? {};
  const write = [route.method].flat().some((m) => WRITES.has(String(m)));
  const statuses = new Set<number>();
  if (schema.params || schema.querystring || schema.body || schema.headers) statuses.add(400);
  const signedIn = (schema.security?.length ?? 0) > 0;
  if (signedIn) {
    statuses.add(401);
    statuses.add(403);
    // An auditor's read that cannot be recorded is refused (api/auditor-reads.ts).
    statuses.add(503);
  }
  if (schema.params) {
    statuses.add(404);
    statuses.add(414);
  }
  if (write) {
    // A change the item's state refuses, or a store or Temporal that is down.
    if (signedIn) statuses.add(409);
    statuses.add(503);
    statuses.add(413);
    statuses.add(415);
    if (route.url.startsWith('/api/')) statuses.add(429);
  }
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Completes every route's documented answers before it is registered: its own refusals (any
 * response given as `problemSchema`) and those of its shape become problem details.
 */
export function documentRefusals(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as RouteSchema | undefined;
    // The roles the route's own hooks let through; a plugin's limit (`restrictTo`) is noted by its own hook.
    const roles = rolesOfHooks(route.onRequest);
    if (roles) noteRoles(schema as Record<string, unknown> | undefined, roles);
    if (!schema || schema.hide || !schema.response) return;
    // A body that may be left out (Fastify validates a missing body as null): say so in the document.
    if (schema.body instanceof ZodType && schema.body.safeParse(null).success) (schema as Record<string, unknown>)[OPTIONAL_BODY] = true;
    const response: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(schema.response)) response[status] = answer === problemSchema ? asProblem(Number(status)) : answer;
    for (const status of refusalsOf(route as never)) response[String(status)] ??= asProblem(status);
    schema.response = response;
  });
}

type Json = Record<string, unknown>;

/**
 * Where an answer's ids lead (OpenAPI links): from the operation that creates or lists an item
 * to every operation on that item, so that a client, or a stateful contract test, can follow
 * real ids. `into` is the item's path; each operation at or below it gets a link.
 */
const LINKS: readonly { from: string; status: string; into: string; id: string; except?: string }[] = [
  { from: 'post /api/surveys', status: '201', into: '/api/surveys/{id}', id: '$response.body#/id' },
  { from: 'get /api/surveys', status: '200', into: '/api/surveys/{id}', id: '$response.body#/items/0/id' },
  { from: 'post /api/cycles', status: '202', into: '/api/cycles/{id}', id: '$response.body#/id' },
  { from: 'get /api/cycles', status: '200', into: '/api/cycles/{id}', id: '$response.body#/items/0/id' },
  { from: 'get /api/cycles/{id}/tasks', status: '200', into: '/api/tasks/{id}', id: '$response.body#/items/0/id' },
  { from: 'post /api/users', status: '201', into: '/api/users/{id}', id: '$response.body#/id' },
  { from: 'get /api/users', status: '200', into: '/api/users/{id}', id: '$response.body#/items/0/id' },
  { from: 'get /api/enumerators', status: '200', into: '/api/users/{id}', id: '$response.body#/items/0/username' },
  { from: 'get /api/areas', status: '200', into: '/api/areas/{code}', id: '$response.body#/items/0/code' },
  // Any stream has events and a hash chain; only surveys', cycles' and tasks' have a state.
  { from: 'get /api/audit/events', status: '200', into: '/api/audit/streams/{stream}', id: '$response.body#/items/0/stream', except: '/api/audit/streams/{stream}/state' },
];

const pointer = (path: string) => path.replaceAll('~', '~0').replaceAll('/', '~1');

function addLinks(paths: Record<string, Record<string, Json>>): void {
  for (const { from, status, into, id, except } of LINKS) {
    const [method = '', path = ''] = from.split(' ');
    const answer = (paths[path]?.[method]?.responses as Record<string, Json> | undefined)?.[status];
    if (!answer) throw new Error(`no ${status} answer of ${from} to link from`);
    const param = /\{(\w+)\}$/.exec(into)![1]!;
    const links: Record<string, Json> = {};
    for (const [target, operations] of Object.entries(paths)) {
      if ((target !== into && !target.startsWith(`${into}/`)) || target === except) continue;
      // A link fills the one parameter it knows: operations that need another (a version) are not linked.
      if (target.slice(into.length).includes('{')) continue;
      for (const verb of Object.keys(operations)) {
        const name = `${verb}${target.slice('/api'.length).replaceAll(/[{}]/g, '').replaceAll('/', '_')}`;
        links[name] = { operationRef: `#/paths/${pointer(target)}/${verb}`, parameters: { [param]: id } };
      }
    }
    answer.links = links;
  }
}

/**
 * Named schemas nothing refers to: the zod provider names an input twin of every named
 * output schema (`ProblemInput`…), used or not.
 */
function dropUnusedSchemas(document: Json): void {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  for (let dropped = true; dropped; ) {
    dropped = false;
    const used = new Set([...JSON.stringify({ ...document, components: { ...(document.components as Json), schemas: Object.entries(schemas) } }).matchAll(/#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
    for (const name of Object.keys(schemas)) {
      if (!used.has(name)) {
        delete schemas[name];
        dropped = true;
      }
    }
  }
}

/** What a success says when its route gives no description of its own. */
const SUCCESS: Record<string, string> = {
  '200': 'Done: the answer.',
  '201': 'Created: the new item.',
  '202': 'Accepted: the work goes on in the background; the answer names it.',
  '204': 'Done; the answer has no body.',
};

/**
 * The last touches @fastify/swagger cannot make from a route's schema: a body that may be left
 * out is not required, a 204 has no content, and the links between operations.
 */
export function finishDocument<T extends Json>(document: T): T {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  addLinks(paths);
  dropUnusedSchemas(document);
  for (const methods of Object.values(paths)) {
    for (const operation of Object.values(methods)) {
      if (operation[OPTIONAL_BODY]) {
        const body = operation.requestBody as Json | undefined;
        if (body) body.required = false;
        delete operation[OPTIONAL_BODY];
      }
      const responses = (operation.responses ?? {}) as Record<string, Json>;
      delete responses['204']?.content;
      for (const [status, answer] of Object.entries(responses)) {
        if (answer.description === 'Default Response') answer.description = SUCCESS[status] ?? 'The answer.';
      }
    }
  }
  return document;
}
