/**
 * A worker thread of the customer match pool: builds its own matcher from the master it was
 * given, then claims chunks of the distinct aliases from the shared counter until none are left,
 * posting each chunk's results as it goes. See customer-match-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCustomerMatcher } from './customer-matcher.js';
import { chunkQueries, claimedChunks, type PoolJob } from './customer-match-chunks.js';

const job = workerData as PoolJob;
const matcher = createCustomerMatcher(job.master, job.options);
for (const chunk of claimedChunks(job)) parentPort!.postMessage({ chunk, results: chunkQueries(job, chunk).map(matcher.match) });
