import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What both kinds of backup write beside their files, and check before anything is restored. */
export const MANIFEST = 'backup.json';

export interface BackupFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export function emptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

export function describeFiles(dir: string, names: readonly string[]): BackupFile[] {
  return names.map((name) => ({ name, bytes: statSync(join(dir, name)).size, sha256: sha256(join(dir, name)) }));
}

export function writeManifest(dir: string, manifest: object): void {
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

/** The backup's manifest, once every file it lists is there as it was written. */
export function readManifest<T extends { files: readonly BackupFile[] }>(source: string): T {
  const file = join(source, MANIFEST);
  if (!existsSync(file)) throw new Error(`${source} holds no backup (${MANIFEST} is missing)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as T;
  for (const { name, sha256: expected } of manifest.files) {
    if (!existsSync(join(source, name)) || sha256(join(source, name)) !== expected) throw new Error(`${name} in ${source} is missing or not as backed up: nothing restored`);
  }
  return manifest;
}
