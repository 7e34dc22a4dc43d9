import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './tests/helpers/longest-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB holds native threads; forks isolate them cleanly between files.
    pool: 'forks',
    // vitest's default is cores − 1 workers: one on the 2-core CI machine, which ran the files one
    // after another (466 s). Most files wait on the CLI or on DuckDB's I/O part of the time, so two
    // workers finish sooner (373 s), with the minutes-long crash test started first beside the rest.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirstSequencer },
    // one temp folder per run, removed at its end (tests/helpers/test-temp-root.ts)
    globalSetup: ['tests/helpers/test-temp-root.ts'],
  },
});
