import { tick } from 'svelte';

/** Once the problems just found are rendered, focuses the first element under `root` that `selector` picks. */
export async function focusFirst(root: ParentNode, selector: string): Promise<void> {
  await tick();
  root.querySelector<HTMLElement>(selector)?.focus();
}

/** Codes or ids as typed, separated by commas, semicolons, spaces or lines: each once, in the order typed. */
export function splitList(typed: string): string[] {
  return [...new Set(typed.split(/[\s,;]+/).filter((item) => item !== ''))];
}
