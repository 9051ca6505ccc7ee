import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where end-to-end tests leave their screenshots (git ignores it). */
export const ARTIFACTS = 'test/artifacts';

/** Debian's Chromium, headless, with nothing reaching out to the network by itself. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
