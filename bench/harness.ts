import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank `p`th percentile of `values` (in any order); 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `fn` `runs` times; returns the median of what it reports. */
export async function repeat(runs: number, fn: (run: number) => Promise<number> | number): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < runs; i++) results.push(await fn(i));
  return median(results);
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Replaces the section between `<!-- name -->` markers in BENCHMARKS.md (adds it when new). */
export function writeSection(name: string, body: string): void {
  const file = 'BENCHMARKS.md';
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nFigures written by `npm run bench`; each is the median of several runs in one process, compared as ratios within the same run.\n';
  const section = `${start}\n${body.trim()}\n${end}`;
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
