/**
 * A worker thread of the customer match pool: builds its own matcher from the master it was
 * given, then claims chunks of the distinct aliases from the shared counter until none are left,
 * posting each chunk's results as it goes. See customer-match-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCustomerMatcher } from './customer-matcher.js';
import { claimChunks, type PoolJob } from './customer-match-chunks.js';

const job = workerData as PoolJob;
const matcher = createCustomerMatcher(job.master, job.options);
claimChunks(job, (queries) => queries.map(matcher.match), (chunk, results) => parentPort!.postMessage({ chunk, results }));
