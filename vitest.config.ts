import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Temporal native bridge breaks under worker threads: forks only.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: process.env.CI_JSON_REPORT ? ['default', ['json', { outputFile: process.env.CI_JSON_REPORT }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Svelte components in jsdom: no Temporal server, so no global setup.
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { dev: true } }), svelteTesting()],
        test: {
          name: 'ui',
          include: ['ui/src/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['ui/src/test/setup.ts'],
        },
      },
    ],
  },
});
