/**
 * Matching many customer aliases on every core: one batch of the distinct aliases through a match
 * pool (match-pool.ts), whose workers end with it. The answers are the ones `matchAll` gives on one
 * thread, in the same order.
 *
 * Below `minParallel` distinct aliases, starting a worker and building its index (a few seconds
 * of CPU at 100k master entries, overlapping this thread's build) saves too little matching
 * time to be worth it, so small batches stay on the calling thread.
 */
import type { CustomerMatcherOptions } from './customer-matcher.js';
import { customerQueryKey } from './customer-matcher.js';
import { distinctBy } from './distinct.js';
import { openMatchPool, type MatchPoolOptions } from './match-pool.js';
import type { CustomerMasterEntry, CustomerQuery, MatchResult } from './types.js';

export interface CustomerPoolOptions extends CustomerMatcherOptions, MatchPoolOptions {}

export { DEFAULT_MIN_PARALLEL } from './match-pool.js';

/** Matches `queries` against `master`; same answers, same order as `createCustomerMatcher(…).matchAll`. */
export async function matchCustomersInParallel(master: CustomerMasterEntry[], queries: CustomerQuery[], options: CustomerPoolOptions = {}): Promise<MatchResult[]> {
  const { threads, minParallel, chunkSize, onWorkerProblem, onMatcherBuilt, onShared, ...matcherOptions } = options;
  const pool = openMatchPool(
    { kind: 'customer', master, options: matcherOptions },
    { threads, minParallel, chunkSize, onWorkerProblem, onMatcherBuilt, onShared },
  );
  const { distinct, slot } = distinctBy(queries, customerQueryKey);
  try {
    const answers = await pool.matchAll(distinct);
    return Array.from(slot, (at) => answers[at]!);
  } finally {
    await pool.close();
  }
}
