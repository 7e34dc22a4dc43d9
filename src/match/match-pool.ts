/**
 * Matching many aliases on every core: the calling thread and (threads − 1) worker threads each
 * build the matcher from the same spec (matcher-spec.ts) and take chunks of each batch of distinct
 * questions from a shared counter (shared-chunks.ts). The answers are the ones the matcher gives
 * on one thread, in the same order: each question is answered by the same pure function, whoever
 * takes it.
 *
 * The workers start with the first batch big enough to share and live until `close`, so a stage
 * that matches batch after batch (products, 20k rows at a time) builds each matcher once. Batches
 * below `minParallel` questions stay on the calling thread: a worker start and a message round
 * trip would save too little. A worker that cannot start or dies leaves its chunks to the calling
 * thread: slower, never different.
 */
import { availableParallelism } from 'node:os';
import { releaseJsHeapWhenGrown } from './js-heap.js';
import { buildMatcher, type MatcherSpec, type MatchOne, type QueryOf } from './matcher-spec.js';
import { startPoolWorker, type PoolWorker } from './pool-worker.js';
import { chunkCount, chunkQueries, claimedChunks, sharedChunks } from './shared-chunks.js';
import type { MatchResult } from './types.js';

export interface MatchPoolOptions {
  /** Threads in all, the calling one included (default: the cores available, at most 2). */
  threads?: number;
  /** Batches of fewer distinct questions than this are matched on the calling thread (default 5,000). */
  minParallel?: number;
  /** Questions per chunk taken from the shared counter (default 256). */
  chunkSize?: number;
  /** Told why a worker did not help (it could not start, or failed): the batch still completes. */
  onWorkerProblem?: (message: string) => void;
  /** Called once the calling thread's matcher is built (benchmarks time the build with it). */
  onMatcherBuilt?: () => void;
  /** Told how a shared batch's chunks were split once all are answered (benchmarks and debug logs). */
  onShared?: (share: { chunks: number; byWorkers: number }) => void;
  /**
   * Threads that help instead of the workers the pool would start (`threads` is then ignored): the
   * pool neither starts nor stops them. The resolve stage's early-match worker, whose matcher is
   * built during the load, helps so (resolve/early/early-matching.ts).
   */
  helpers?: PoolWorker[];
}

export interface MatchPool<Q> {
  /** One answer per question, in order. Pass distinct questions: a repeat is matched again. */
  matchAll(queries: Q[]): Promise<MatchResult[]>;
  /** Stops the workers; the pool answers on the calling thread afterwards. */
  close(): Promise<void>;
}

export const DEFAULT_MIN_PARALLEL = 5_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function openMatchPool<S extends MatcherSpec>(spec: S, options: MatchPoolOptions = {}): MatchPool<QueryOf<S>> {
  const { threads = Math.min(2, availableParallelism()), minParallel = DEFAULT_MIN_PARALLEL, chunkSize = 256, onWorkerProblem, onMatcherBuilt, onShared, helpers } = options;
  const report = onWorkerProblem ?? (() => undefined);
  let workers: PoolWorker[] | undefined;
  let local: MatchOne<QueryOf<S>> | undefined;
  const localMatcher = (): MatchOne<QueryOf<S>> => {
    if (!local) {
      local = buildMatcher(spec);
      onMatcherBuilt?.();
    }
    return local;
  };

  const matchShared = async (queries: Array<QueryOf<S>>, helpers: PoolWorker[]): Promise<MatchResult[]> => {
    const work = sharedChunks(queries, chunkSize);
    // Posted first, so a worker still building its index (first batch) overlaps this thread's build.
    const taken = helpers.map((w) => w.take(work));
    const byChunk: Array<MatchResult[] | undefined> = new Array(chunkCount(work));
    const match = localMatcher();
    for (const chunk of claimedChunks(work)) {
      byChunk[chunk] = chunkQueries(work, chunk).map(match);
      releaseJsHeapWhenGrown();
      // Take in the workers' answers as they come: copying them in is work too, and done here
      // it counts in the balance instead of piling up after the last chunk.
      await nextTurn();
    }
    let byWorkers = 0;
    for (const answers of await Promise.all(taken)) {
      for (const [chunk, results] of answers) byChunk[chunk] = results;
      byWorkers += answers.size;
    }
    onShared?.({ chunks: byChunk.length, byWorkers });
    // Chunks a failed worker claimed but never answered.
    for (let chunk = 0; chunk < byChunk.length; chunk++) byChunk[chunk] ??= chunkQueries(work, chunk).map(match);
    return byChunk.flat() as MatchResult[];
  };

  const close = async (): Promise<void> => {
    const running = helpers ? [] : (workers ?? []);
    workers = [];
    await Promise.all(running.map((w) => w.stop()));
  };

  return {
    matchAll: async (queries) => {
      if ((helpers ? helpers.length === 0 : threads < 2) || queries.length < minParallel) {
        const answers = queries.map(localMatcher());
        releaseJsHeapWhenGrown();
        return answers;
      }
      workers ??= helpers ?? Array.from({ length: threads - 1 }, () => startPoolWorker(spec, report));
      try {
        return await matchShared(queries, workers);
      } catch (error) {
        // A bug here would otherwise leave the workers matching for nobody.
        await close();
        throw error;
      }
    },
    close,
  };
}
