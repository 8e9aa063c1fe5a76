import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Child processes, not worker threads: tests start servers, Redis clients and
    // processes of their own, and better-sqlite3 is a native module.
    pool: 'forks',
    // Two files at a time on this two-core machine. Left to itself vitest runs one
    // (cores - 1), while most tests spend their time waiting on timers, pacing and
    // I/O, not on the CPU. Each file gets its own SQLite files, queue prefix and
    // PostgreSQL database, so files run in parallel safely.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
