import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCycle, listen, startTestSystem, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

/**
 * The API against its own OpenAPI document, by Schemathesis (test/contract/schemathesis.toml):
 * requests generated from the document, positive and negative, for every operation, as every
 * demo role and as nobody; stateful sequences follow the document's links. Every answer must
 * match the document: status, content type, headers and body.
 */

const run = promisify(execFile);
const ST = '.tmp/contract-venv/bin/st';
const REPORTS = 'test/artifacts/contract';
// A fixed seed keeps CI repeatable; CONTRACT_SEED=<n> explores other requests.
const SEED = process.env.CONTRACT_SEED ?? '20261206';
// The manager goes last: its requests change accounts, which the other roles log in with.
const ROLES = ['nobody', 'auditor', 'enum.hanoi', 'sup.hanoi', 'manager'] as const;

let system: TestSystem;
let base: string;
let operations: string[];
const tokens = new Map<string, string>();

beforeAll(async () => {
  await run('test/contract/setup.sh', [], { maxBuffer: 16 * 1024 * 1024 });
  system = await startTestSystem();
  base = await listen(system);
  for (const role of ROLES) if (role !== 'nobody') tokens.set(role, (await system.login(role)).token);
  // Something to follow links into: a cycle collecting in Hà Nội, one task of it submitted.
  const manager = await system.login('manager');
  const cycle = await launchCycle(manager, { survey: 'LFS', period: '2027-05', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const [task] = (await manager.get(`/api/cycles/${cycle.id}/tasks?limit=1`)).json<{ items: { id: string }[] }>().items;
  const enumerator = await system.login('enum.hanoi');
  const submitted = await enumerator.post(`/api/tasks/${task!.id}/submit`, { data: lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 }) });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const doc = (await system.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  mkdirSync(REPORTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await system?.stop();
});

/** Schemathesis's failures section, each line cut short (a generated body can be megabytes). */
const failuresIn = (out: string) =>
  out
    .slice(Math.max(0, out.indexOf('FAILURES')))
    .split('\n')
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .join('\n');

/** The operations a JUnit report tested, each named `METHOD /path`. */
const testedIn = (junit: string) => [...new Set([...junit.matchAll(/<testcase [^>]*name="([A-Z]+ \/[^"]*)"/g)].map((m) => m[1]!))].sort();

describe('the API keeps to its OpenAPI document (Schemathesis)', () => {
  for (const role of ROLES) {
    it(`as ${role}`, async () => {
      const junit = `${REPORTS}/${role}.xml`;
      const token = tokens.get(role);
      const args = ['--config-file', 'test/contract/schemathesis.toml', 'run', `${base}/docs/json`, '--checks', 'all', '--seed', SEED, '--no-color', '--report', 'junit', '--report-junit-path', junit];
      if (token) args.push('--header', `Authorization: Bearer ${token}`);
      const result = await run(ST, args, { maxBuffer: 64 * 1024 * 1024 }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
      );
      // On failure, Schemathesis's own account: each failure with a curl line to reproduce it.
      expect(result.code, failuresIn(result.out)).toBe(0);
      expect(testedIn(readFileSync(junit, 'utf8'))).toEqual(operations);
    }, 600_000);
  }
});
