import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiTypes } from '../bin/openapi.js';

/**
 * The UI is checked against types generated from the API's document (`npm run typecheck`
 * writes ui/src/lib/api-schema.d.ts first). Here a route's answer changes and the UI does
 * not follow: its type check must fail where the UI reads what is gone.
 */

const run = promisify(execFile);
// Inside the repository, so that the copy finds node_modules as the UI does.
mkdirSync('.tmp', { recursive: true });
const copy = mkdtempSync('.tmp/ui-types-');

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the UI against the API document', () => {
  it('fails its type check when a cycle overview stops giving `total`', async () => {
    const document = await openApiDocument();
    const overview = (document.components as { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> }).schemas.CycleOverview!;
    expect(overview.properties).toHaveProperty('total');
    delete overview.properties.total;
    overview.required = overview.required.filter((name) => name !== 'total');

    // The UI beside the domain it imports (the evaluator), as in the repository.
    const ui = join(copy, 'ui');
    cpSync('ui/src', join(ui, 'src'), { recursive: true });
    cpSync('ui/tsconfig.json', join(ui, 'tsconfig.json'));
    cpSync('domain', join(copy, 'domain'), { recursive: true });
    writeFileSync(join(ui, 'src/lib/api-schema.d.ts'), await openApiTypes(document));
    const check = await run('npx', ['svelte-check', '--workspace', ui, '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'machine'], { maxBuffer: 64 * 1024 * 1024 }).then(
      () => ({ failed: false, out: '' }),
      (e: { stdout?: string }) => ({ failed: true, out: e.stdout ?? '' }),
    );
    expect(check.failed).toBe(true);
    const errors = check.out.split('\n').filter((line) => line.includes(' ERROR '));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((line) => line.includes("'total'")), errors.join('\n')).toBe(true);
    expect(errors.some((line) => line.includes('src/components/CycleTable.svelte'))).toBe(true);
  }, 120_000);
});
