/**
 * Matching many customer aliases on every core: the calling thread and (threads − 1) worker
 * threads each build the matcher from the master and take chunks of the distinct aliases from a
 * shared counter (customer-match-chunks.ts). The answers are the ones `matchAll` gives on one
 * thread, in the same order: each alias is matched by the same pure function, whoever takes it.
 *
 * Below `minParallel` distinct aliases, starting a worker and building its index (a few seconds
 * of CPU at 100k master entries, overlapping this thread's build) saves too little matching
 * time to be worth it, so small batches stay on the calling thread. A worker that
 * cannot start or dies leaves its chunks to the calling thread: slower, never different.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { chunkCount, chunkQueries, claimedChunks, type PoolJob } from './customer-match-chunks.js';
import { createCustomerMatcher, customerQueryKey, type CustomerMatcher, type CustomerMatcherOptions } from './customer-matcher.js';
import { distinctBy } from './distinct.js';
import { startModuleWorker } from './module-worker.js';
import type { CustomerMasterEntry, CustomerQuery, MatchResult } from './types.js';

export interface CustomerPoolOptions extends CustomerMatcherOptions {
  /** Threads in all, the calling one included (default: the cores available, at most 2). */
  threads?: number;
  /** Fewer distinct aliases than this are matched on the calling thread (default 5,000). */
  minParallel?: number;
  /** Aliases per chunk taken from the shared counter (default 256). */
  chunkSize?: number;
  /** Told why a worker did not help (it could not start, or failed): the batch still completes. */
  onWorkerProblem?: (message: string) => void;
  /** Called once the calling thread's matcher is built (benchmarks time the build with it). */
  onMatcherBuilt?: () => void;
  /** Told how the chunks were shared once all are answered (benchmarks and debug logs). */
  onShared?: (share: { chunks: number; byWorkers: number }) => void;
}

export const DEFAULT_MIN_PARALLEL = 5_000;

interface RunningWorker {
  /** Chunk number → results, complete once the worker has exited. */
  done: Promise<Map<number, MatchResult[]>>;
  stop(): void;
}

/** Runs one worker to its end; `done` never rejects (a failure is reported and its chunks redone). */
function runWorker(job: PoolJob, report: (message: string) => void): RunningWorker {
  const results = new Map<number, MatchResult[]>();
  let worker: Worker;
  try {
    worker = startModuleWorker(import.meta.url, 'customer-match-worker', job);
  } catch (error) {
    report(`customer match worker did not start: ${(error as Error).message}`);
    return { done: Promise.resolve(results), stop: () => undefined };
  }
  const done = new Promise<Map<number, MatchResult[]>>((resolve) => {
    worker.on('message', (m: { chunk: number; results: MatchResult[] }) => results.set(m.chunk, m.results));
    worker.on('error', (error) => report(`customer match worker failed: ${error.message}`));
    worker.on('exit', () => resolve(results));
  });
  return { done, stop: () => void worker.terminate() };
}

/** Matches `queries` against `master`; same answers, same order as `createCustomerMatcher(…).matchAll`. */
export async function matchCustomersInParallel(master: CustomerMasterEntry[], queries: CustomerQuery[], options: CustomerPoolOptions = {}): Promise<MatchResult[]> {
  const { threads = Math.min(2, availableParallelism()), minParallel = DEFAULT_MIN_PARALLEL, chunkSize = 256, onWorkerProblem, onMatcherBuilt, onShared, ...matcherOptions } = options;
  const { distinct, slot } = distinctBy(queries, customerQueryKey);
  if (threads < 2 || distinct.length < minParallel) {
    const matcher = createCustomerMatcher(master, matcherOptions);
    onMatcherBuilt?.();
    return matcher.matchAll(queries);
  }
  const job: PoolJob = { master, options: matcherOptions, queries: distinct, chunkSize: Math.max(1, chunkSize), counter: new Int32Array(new SharedArrayBuffer(4)) };
  const report = onWorkerProblem ?? (() => undefined);
  // Workers start first so their index builds overlap this thread's.
  const workers = Array.from({ length: threads - 1 }, () => runWorker(job, report));
  const byChunk: Array<MatchResult[] | undefined> = new Array(chunkCount(job));
  let matcher: CustomerMatcher;
  try {
    matcher = createCustomerMatcher(master, matcherOptions);
    onMatcherBuilt?.();
    for (const chunk of claimedChunks(job)) {
      byChunk[chunk] = chunkQueries(job, chunk).map(matcher.match);
      // Take in the workers' results as they come: copying them in is work too, and done here
      // it counts in the balance instead of piling up after the last chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    // A bug here would otherwise leave the workers matching for nobody.
    for (const w of workers) w.stop();
    throw error;
  }
  let byWorkers = 0;
  for (const results of await Promise.all(workers.map((w) => w.done))) {
    for (const [chunk, chunkResults] of results) byChunk[chunk] = chunkResults;
    byWorkers += results.size;
  }
  onShared?.({ chunks: byChunk.length, byWorkers });
  // Chunks a failed worker claimed but never answered.
  for (let chunk = 0; chunk < byChunk.length; chunk++) {
    if (!byChunk[chunk]) byChunk[chunk] = chunkQueries(job, chunk).map(matcher.match);
  }
  const answers = byChunk.flat() as MatchResult[];
  return Array.from(slot, (at) => answers[at]!);
}
