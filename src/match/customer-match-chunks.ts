/**
 * The work a customer match pool shares between threads: the distinct aliases cut into chunks,
 * and one shared counter each thread takes the next chunk number from. A thread that is slow to
 * start (building its index) simply takes fewer chunks, so the split balances itself, and every
 * alias is matched by the same pure function whichever thread takes it: the results do not
 * depend on the split.
 */
import type { CustomerMatcherOptions } from './customer-matcher.js';
import type { CustomerMasterEntry, CustomerQuery } from './types.js';

export interface PoolJob {
  master: CustomerMasterEntry[];
  options: CustomerMatcherOptions;
  /** Distinct queries, in first-seen order. */
  queries: CustomerQuery[];
  chunkSize: number;
  /** Int32Array over a SharedArrayBuffer: [next chunk to claim]. */
  counter: Int32Array;
}

export function chunkCount(job: Pick<PoolJob, 'queries' | 'chunkSize'>): number {
  return Math.ceil(job.queries.length / job.chunkSize);
}

/** The queries of one chunk. */
export function chunkQueries(job: Pick<PoolJob, 'queries' | 'chunkSize'>, chunk: number): CustomerQuery[] {
  const from = chunk * job.chunkSize;
  return job.queries.slice(from, from + job.chunkSize);
}

/** Chunk numbers this thread claims from the shared counter, until none are left. */
export function* claimedChunks(job: PoolJob): Generator<number> {
  const chunks = chunkCount(job);
  for (let chunk = Atomics.add(job.counter, 0, 1); chunk < chunks; chunk = Atomics.add(job.counter, 0, 1)) yield chunk;
}
