/**
 * docs/api.md, the API's contract in words, generated from the OpenAPI document the server
 * builds (bin/openapi.ts): every route with who may call it, what it takes and what it answers.
 * `npm run docs:api` writes it; `npm run docs:api -- --check` fails, naming the file, when the
 * committed one is not what the API would generate (test/api-doc.unit.test.ts checks the same).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from './openapi.js';

export const API_DOC = 'docs/api.md';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  pattern?: string;
  default?: unknown;
  description?: string;
  deprecated?: boolean;
}
interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Schema }
type Content = Record<string, { schema?: Schema }>;
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content: Content };
  responses: Record<string, { description?: string; content?: Content }>;
  'x-roles'?: string[];
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** How deep nested fields are spelled out; deeper ones are an ellipsis. */
const MAX_DEPTH = 4;
const PROBLEM = 'application/problem+json';
const LOGIN = ['post', '/api/auth/login'] as const;

/** What each role is for; every role the document names needs its line here. */
const ROLE_WORDS: Record<string, string> = {
  manager: 'runs the office’s work: surveys and their versions, the frame, cycles, users; reassigns tasks.',
  supervisor: 'reviews the submitted tasks of their areas, and reassigns them.',
  enumerator: 'collects: sees their own tasks and submits their responses.',
  auditor: 'reads everything, everywhere, and checks it: the audit log, its hash chains, replays and reproduced results. Each of their reads is itself recorded.',
  respondent: 'answers for the units it is bound to (an enterprise’s accountant): sees only their tasks, saves drafts and submits. Enrols itself with a code from a letter.',
};

const code = (value: unknown) => `\`${typeof value === 'string' && value !== '' ? value : JSON.stringify(value)}\``;
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const cell = (text: string) => oneLine(text).replaceAll('|', '\\|');
const indent = (lines: string[], by = '  ') => lines.map((line) => (line ? by + line : line));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The anchor GitHub gives a heading. */
const slug = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const schemaLink = (name: string) => `[\`${name}\`](#${slug(name)})`;
const routeHeading = (method: string, path: string) => `\`${method.toUpperCase()} ${path}\``;

/** The bounds of a length or a count (`1 to 100 characters`), or nothing for none. */
function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min} ${unit}` : `${min} to ${max} ${unit}`;
  if (min !== undefined) return `at least ${min} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  return undefined;
}

/** A number's bounds; OpenAPI 3.0 marks an exclusive one with `exclusiveMinimum: true`, 3.1 gives the bound itself. */
function bounds(s: Schema): string | undefined {
  const bound = (inclusive: number | undefined, exclusive: number | boolean | undefined) =>
    typeof exclusive === 'number' ? { at: exclusive, open: true } : inclusive !== undefined && Math.abs(inclusive) < Number.MAX_SAFE_INTEGER ? { at: inclusive, open: exclusive === true } : undefined;
  const low = bound(s.minimum, s.exclusiveMinimum);
  const high = bound(s.maximum, s.exclusiveMaximum);
  if (low && high && !low.open && !high.open) return `${low.at} to ${high.at}`;
  const words = [low && `${low.open ? '>' : '≥'} ${low.at}`, high && `${high.open ? '<' : '≤'} ${high.at}`].filter(Boolean);
  return words.length ? words.join(' and ') : undefined;
}

/** The constraints a schema states, in words. */
function limits(s: Schema): string[] {
  const out = [
    range(s.minLength, s.maxLength, 'characters'),
    bounds(s),
    s.minProperties ? `at least ${plural(s.minProperties, 'field')}` : undefined,
    // A format (date-time) says what its pattern spells out.
    s.pattern && !s.format ? `pattern ${code(s.pattern)}` : undefined,
    s.default !== undefined ? `default ${code(s.default)}` : undefined,
    s.deprecated ? 'deprecated' : undefined,
  ];
  return out.filter((x): x is string => x !== undefined);
}

interface Shape {
  /** One line: the type and its constraints. */
  head: string;
  /** Nested bullets (fields of an object, alternatives), unindented. */
  body: string[];
}

const alternatives = (s: Schema) => s.anyOf ?? s.oneOf ?? s.allOf;

/** A schema as one line and, for objects and unions, nested bullets; `depth` is the nesting of its fields. */
function shape(s: Schema, depth: number): Shape {
  const extra = limits(s);
  const done = (head: string, body: string[] = []): Shape => ({ head: [head && s.nullable ? `${head} or null` : head, ...extra].filter(Boolean).join(', '), body });
  if (s.$ref) return done(schemaLink(refName(s.$ref)));
  if (s.const !== undefined) return done(code(s.const));
  if (s.enum) return done(s.enum.length === 1 ? code(s.enum[0]) : `one of ${s.enum.map(code).join(', ')}`);
  const alts = alternatives(s);
  if (alts) {
    const joiner = s.allOf ? ' and ' : ' or ';
    // Enumerations of the same type read as one enumeration.
    if (!s.allOf && alts.every((a) => a.enum && !a.nullable && Object.keys(a).every((k) => k === 'enum' || k === 'type'))) return done(`one of ${alts.flatMap((a) => a.enum!).map(code).join(', ')}`);
    const shapes = alts.map((a) => shape(a, depth));
    if (shapes.every((x) => x.body.length === 0)) return done(shapes.map((x) => x.head).join(joiner));
    if (depth > MAX_DEPTH) return done(s.allOf ? 'all of …' : 'one of …');
    return done(s.allOf ? 'all of:' : 'one of:', shapes.flatMap((x) => [`- ${x.head}${x.body.length ? ':' : ''}`, ...indent(x.body)]));
  }
  if (s.type === 'array' || s.items) {
    const items = s.items ? shape(s.items, depth) : { head: 'anything', body: [] };
    const count = range(s.minItems, s.maxItems, 'items');
    return done(`array${count ? ` (${count})` : ''} of ${items.head}`, items.body);
  }
  if (s.type === 'object' || s.properties) {
    const open = s.additionalProperties;
    if (!s.properties || Object.keys(s.properties).length === 0) {
      if (open && typeof open === 'object' && Object.keys(open).length > 0) {
        const value = shape(open, depth);
        return done(`map from string to ${value.head}`, value.body);
      }
      return done(open === false ? 'empty object' : 'object (any fields)');
    }
    return done('object', fields(s, depth));
  }
  if (s.type) return done(s.format ? `${s.type} (${s.format})` : s.type);
  // A schema that only describes (a stream of CSV lines) is its description; one that says nothing takes anything.
  return done(s.description ? '' : 'anything');
}

/** An object's fields as bullets: name, whether it is required, its shape and description. */
function fields(s: Schema, depth: number): string[] {
  if (depth > MAX_DEPTH) return ['- …'];
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).flatMap(([name, field]) => {
    const { head, body } = shape(field, depth + 1);
    const description = field.description ? ` — ${oneLine(field.description)}` : '';
    return [`- \`${name}\`${required.has(name) ? ' (required)' : ''}: ${head}${description}`, ...indent(body)];
  });
}

/**
 * A body of one media type: a paragraph with its shape, then its fields as a list; `said` is
 * what the text above says already. It starts with a blank line, which ends any list above it.
 */
function media(type: string, schema: Schema | undefined, request: boolean, said?: string): string[] {
  if (!schema) return ['', `\`${type}\``];
  const { head, body } = shape(schema, 1);
  const description = schema.description && !schema.$ref && oneLine(schema.description) !== oneLine(said ?? '') ? ` — ${oneLine(schema.description)}` : '';
  // An answer's schema is closed too, but only a request is refused for what else it holds.
  const closed = request && schema.additionalProperties === false && Object.keys(schema.properties ?? {}).length > 0 ? ', no other fields' : '';
  return ['', `\`${type}\`${head ? `: ${head}` : ''}${closed}${description}`, ...(body.length ? ['', ...body] : [])];
}

const isRefusal = (answer: { content?: Content }) => Object.keys(answer.content ?? {}).join() === PROBLEM;

type Entry = { method: string; path: string; op: Operation };

function operations(doc: Document): Entry[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })));
}

function authOf(op: Operation): string {
  if (!op.security?.length) return 'none (public)';
  const roles = op['x-roles'];
  if (roles && roles.length === 0) throw new Error('a route no role may call');
  return `bearer token; ${roles ? `roles: ${roles.join(', ')}` : 'any role'}`;
}

/** What each refusal status usually means: the description most routes give it. */
function usualRefusals(all: Entry[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { op } of all) {
    for (const [status, answer] of Object.entries(op.responses)) {
      if (!isRefusal(answer)) continue;
      const byText = counts.get(status) ?? new Map<string, number>();
      byText.set(answer.description ?? '', (byText.get(answer.description ?? '') ?? 0) + 1);
      counts.set(status, byText);
    }
  }
  const usual = new Map<string, string>();
  for (const status of [...counts.keys()].sort()) usual.set(status, [...counts.get(status)!].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return usual;
}

function route({ method, path, op }: Entry, usual: Map<string, string>): string[] {
  const out = [`### ${routeHeading(method, path)}`, ''];
  for (const text of [op.summary, op.description]) if (text) out.push(text.trim(), '');
  out.push(`**Auth:** ${authOf(op)}`, '');
  if ((op.tags?.length ?? 0) > 1) out.push(`Also under: ${op.tags!.slice(1).join(', ')}.`, '');
  const params = op.parameters ?? [];
  if (params.length > 0) {
    out.push('**Parameters**', '', '| Name | In | Type | Required | Description |', '| --- | --- | --- | --- | --- |');
    for (const p of params) out.push(`| \`${p.name}\` | ${p.in} | ${cell(p.schema ? shape(p.schema, MAX_DEPTH).head : '')} | ${p.required ? 'yes' : 'no'} | ${cell(p.description ?? p.schema?.description ?? '')} |`);
    out.push('');
  }
  if (op.requestBody) {
    const body = op.requestBody;
    out.push(`**Body** (${body.required ? 'required' : 'may be left out'})${body.description ? `: ${oneLine(body.description)}` : ''}`);
    for (const [type, { schema }] of Object.entries(body.content)) out.push(...media(type, schema, true, body.description));
    out.push('');
  }
  const answers = Object.entries(op.responses);
  const successes = answers.filter(([, answer]) => !isRefusal(answer));
  if (successes.length > 0) {
    out.push('**Responses**', '');
    for (const [status, answer] of successes) {
      const [first = '', ...rest] = (answer.description ?? '').trim().split('\n');
      out.push(`- \`${status}\`${first ? ` — ${first}` : ''}`, ...indent(rest));
      for (const [type, { schema }] of Object.entries(answer.content ?? {})) out.push(...indent(media(type, schema, false, answer.description)));
    }
    out.push('');
  }
  const refusals = answers.filter(([, answer]) => isRefusal(answer));
  if (refusals.length > 0) {
    out.push(`**Refusals** (problem details, see [Refusals](#refusals)): ${refusals.map(([status]) => `\`${status}\``).join(' ')}`, '');
    const own = refusals.filter(([status, answer]) => (answer.description ?? '') !== usual.get(status));
    for (const [status, answer] of own) out.push(`- \`${status}\` — ${oneLine(answer.description ?? '')}`);
    if (own.length > 0) out.push('');
  }
  return out;
}

function preamble(doc: Document, all: Entry[], usual: Map<string, string>): string[] {
  const find = (method: string, path: string) => all.find((e) => e.method === method && e.path === path);
  if (!find(...LOGIN)) throw new Error(`the document has no ${LOGIN.join(' ')}: fix the preamble of bin/api-doc.ts`);
  const roles = (doc.components?.schemas?.User?.properties?.role?.enum ?? []) as string[];
  for (const role of roles) if (!ROLE_WORDS[role]) throw new Error(`bin/api-doc.ts does not say what role ${role} is for`);
  const outside = [...new Set(all.map((e) => e.path).filter((p) => !p.startsWith('/api/')))];
  const keyed = all.filter((e) => e.op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'));
  const paged = all.filter((e) => ['limit', 'cursor'].every((name) => e.op.parameters?.some((p) => p.in === 'query' && p.name === name)));
  const limit = paged[0]?.op.parameters?.find((p) => p.name === 'limit')?.schema;
  const list = (entries: Entry[]) => entries.map((e) => `[${routeHeading(e.method, e.path)}](#${slug(routeHeading(e.method, e.path))})`).join(', ');
  return [
    '# API',
    '',
    '<!-- Generated from the API’s OpenAPI document by `npm run docs:api` (bin/api-doc.ts): do not edit by hand. -->',
    '',
    `${doc.info.title}, version ${doc.info.version}. ${doc.info.description ?? ''}`.trim(),
    '',
    'This page is the contract of the HTTP API, generated from the OpenAPI document the server builds and serves at',
    '`GET /docs/json` (browsable at `/docs`). A test fails when this page no longer says what the API does:',
    'run `npm run docs:api` after changing a route.',
    '',
    '## Conventions',
    '',
    '### Base path',
    '',
    `Every route is under \`/api/\`${outside.length ? `, except ${outside.map(code).join(', ')}` : ''}. Bodies and answers are JSON`,
    'unless a route says otherwise; a body of another media type than the route takes is a 415, one larger than it takes a 413.',
    'A path asked with a method it does not take is a 405 naming the methods it takes (`Allow`); a path with no route is a 404.',
    '',
    '### Authentication',
    '',
    `\`POST /api/auth/login\` with \`{ "username", "password" }\` answers \`{ token, expiresIn, user }\`.`,
    'Every other route but the public ones takes the token as `Authorization: Bearer <token>`; it lasts `expiresIn` seconds,',
    'and stops working early when the account is disabled or its password changes (401). Each route below says whether it',
    'needs a token and which roles may call it; another role gets a 403.',
    '',
    '### Roles',
    '',
    'An account has one role:',
    '',
    ...roles.map((role) => `- \`${role}\`: ${ROLE_WORDS[role]}`),
    '',
    'Managers, supervisors and enumerators see what lies in their areas (an account holding the whole country sees every',
    'area), enumerators only their own tasks, auditors everything; an item the caller may not see answers 404, as if it did',
    'not exist.',
    '',
    '### Refusals',
    '',
    'Every refusal is an RFC 9457 problem details object, `application/problem+json`:',
    '`{ type, title, status, detail, code, params, errors? }`. `code` names the refusal by a stable code',
    '(`task.enumerator_not_eligible`) and `params` holds the values its words need, for clients to say it in their',
    'language; `detail` says it in English. A 400 lists in `errors` each field it refuses, as `{ path, message, code, params }`,',
    'where `path` starts with where the field is (`body.data.persons`, `querystring.limit`, `params.id`). Input that is',
    'well formed but does not fit (a response its questionnaire refuses) is a 400 as well: the API does not answer 422.',
    'What each status means, unless a route says otherwise:',
    '',
    '| Status | When |',
    '| --- | --- |',
    ...[...usual].map(([status, text]) => `| \`${status}\` | ${cell(text)} |`),
    '',
    '### Idempotency',
    '',
    `${list(keyed)} take${keyed.length === 1 ? 's' : ''} an optional \`Idempotency-Key\` header`,
    `(${shape(keyed[0]?.op.parameters?.find((p) => p.name === 'idempotency-key')?.schema ?? {}, 1).head}) that names the submission:`,
    'sent again with the same key (after a timeout or a lost answer), it is not taken twice. Without a key, each request is a new submission.',
    '',
    '### Pagination',
    '',
    `Lists take \`limit\` (${limit ? shape(limit, 1).head : 'a number'}) and \`cursor\`, and answer`,
    '`{ items, nextCursor }`: pass `nextCursor` as `cursor` for the next page; it is `null` after the last one. A cursor is',
    'opaque, and good only for the list that gave it. Paged lists: ' + list(paged) + '.',
    '',
    '### Rate limits',
    '',
    'Writes under `/api/` are limited per user (per address before login), logins on their own; over a limit is a 429 whose `Retry-After`',
    'says in how many seconds to try again. A 503 also says when to retry.',
    '',
  ];
}

/** The Markdown page for an OpenAPI document. */
export function apiDoc(input: Record<string, unknown>): string {
  const doc = input as unknown as Document;
  const all = operations(doc);
  const usual = usualRefusals(all);
  const tags = [...new Set(all.map((e) => e.op.tags?.[0] ?? 'other'))];
  const byTag = (tag: string) => all.filter((e) => (e.op.tags?.[0] ?? 'other') === tag);
  const title = (tag: string) => tag.charAt(0).toUpperCase() + tag.slice(1);
  const out = preamble(doc, all, usual);
  out.push('## Routes', '', '| Method | Path | Auth |', '| --- | --- | --- |');
  for (const { method, path, op } of tags.flatMap(byTag)) out.push(`| ${method.toUpperCase()} | [\`${path}\`](#${slug(routeHeading(method, path))}) | ${cell(authOf(op))} |`);
  out.push('');
  for (const tag of tags) {
    out.push(`## ${title(tag)}`, '');
    for (const entry of byTag(tag)) out.push(...route(entry, usual));
  }
  const schemas = Object.entries(doc.components?.schemas ?? {});
  if (schemas.length > 0) {
    out.push('## Schemas', '', 'The named shapes the routes above refer to; a name ending in `Input` is the shape a request sends.', '');
    for (const [name, schema] of schemas) {
      out.push(`### \`${name}\``, '');
      if (schema.description) out.push(oneLine(schema.description), '');
      const { head, body } = shape(schema, 1);
      // An object is its fields; anything else says what it is first.
      out.push(...(head === 'object' ? body : [`${head[0]?.toUpperCase()}${head.slice(1)}`, '', ...body]), '');
    }
  }
  const headings = out.filter((line) => /^#{2,3} /.test(line)).map((line) => slug(line.replace(/^#+ /, '')));
  const twice = headings.find((h, i) => headings.indexOf(h) !== i);
  if (twice) throw new Error(`two headings share the anchor #${twice}`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = apiDoc(await openApiDocument());
  if (process.argv.includes('--check')) {
    if (!existsSync(API_DOC) || readFileSync(API_DOC, 'utf8') !== page) {
      process.stderr.write(`${API_DOC} is stale: it is not what the API's document generates; run \`npm run docs:api\`\n`);
      process.exit(1);
    }
    process.stdout.write(`${API_DOC} is up to date\n`);
  } else {
    writeFileSync(API_DOC, page);
    process.stdout.write(`wrote ${API_DOC}\n`);
  }
}
