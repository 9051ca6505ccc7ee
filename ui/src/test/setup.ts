import '@testing-library/jest-dom/vitest';
import { LAZY_PAGES } from '../lib/pages';

// The pages the app loads when first opened, compiled before the tests: a test waits for what a
// user sees, not for the test runner to transform a page on first use.
await Promise.all(Object.values(LAZY_PAGES).map((load) => load()));
