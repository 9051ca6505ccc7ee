import { tick } from 'svelte';

/** Once the problems just found are rendered, focuses the first element under `root` that `selector` picks. */
export async function focusFirst(root: ParentNode, selector: string): Promise<void> {
  await tick();
  root.querySelector<HTMLElement>(selector)?.focus();
}
