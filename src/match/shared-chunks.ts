/**
 * One batch of questions as a match pool shares it between threads: the distinct questions cut
 * into chunks, and one shared counter each thread takes the next chunk number from. A thread that
 * is slow to start (building its index) simply takes fewer chunks, so the split balances itself,
 * and every question is answered by the same pure function whichever thread takes it: the
 * answers do not depend on the split.
 */
import { releaseJsHeapWhenGrown } from './js-heap.js';
import type { MatchResult } from './types.js';

export interface SharedChunks<Q> {
  /** Distinct questions, in the caller's order. */
  queries: Q[];
  chunkSize: number;
  /** Int32Array over a SharedArrayBuffer: [next chunk to claim]. */
  counter: Int32Array;
}

/** A batch whose counter starts at chunk 0; the counter's memory is shared with every worker it is posted to. */
export function sharedChunks<Q>(queries: Q[], chunkSize: number): SharedChunks<Q> {
  return { queries, chunkSize: Math.max(1, chunkSize), counter: new Int32Array(new SharedArrayBuffer(4)) };
}

export function chunkCount(work: Pick<SharedChunks<unknown>, 'queries' | 'chunkSize'>): number {
  return Math.ceil(work.queries.length / work.chunkSize);
}

/** The questions of one chunk. */
export function chunkQueries<Q>(work: Pick<SharedChunks<Q>, 'queries' | 'chunkSize'>, chunk: number): Q[] {
  const from = chunk * work.chunkSize;
  return work.queries.slice(from, from + work.chunkSize);
}

/**
 * The chunks this thread claims, each answered by `match`: [chunk, answers]. A worker's loop
 * (match-worker.ts, the early-match worker's `share`); the heap is let go after each chunk is
 * taken, as a matching thread's garbage grows fast (js-heap.ts).
 */
export function* answeredChunks<Q>(work: SharedChunks<Q>, match: (query: Q) => MatchResult): Generator<[chunk: number, answers: MatchResult[]]> {
  for (const chunk of claimedChunks(work)) {
    yield [chunk, chunkQueries(work, chunk).map(match)];
    releaseJsHeapWhenGrown();
  }
}

/** Chunk numbers this thread claims from the shared counter, until none are left. */
export function* claimedChunks(work: SharedChunks<unknown>): Generator<number> {
  const chunks = chunkCount(work);
  for (let chunk = Atomics.add(work.counter, 0, 1); chunk < chunks; chunk = Atomics.add(work.counter, 0, 1)) yield chunk;
}
