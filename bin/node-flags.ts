/**
 * V8 flags the server, the worker and the benchmarks run with. Reading the log makes
 * millions of short-lived objects: a 64 MiB young generation (the default is 16) lets a
 * page of events die there instead of being promoted, which made readAll and catch-up
 * about 1.4× faster on the benchmark log. package.json and the Dockerfile repeat it.
 */
export const NODE_FLAGS = ['--max-semi-space-size=64'] as const;
