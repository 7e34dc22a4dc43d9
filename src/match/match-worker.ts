/**
 * A worker thread of a match pool (match-pool.ts): builds its own matcher from the spec it was
 * started with, then, for every batch posted to it, claims chunks from the batch's shared counter
 * until none are left, posting each chunk's answers as it goes and `done` after its last. It lives
 * until the pool closes, so a stage that matches chunk after chunk builds the matcher once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildMatcher, type MatcherSpec } from './matcher-spec.js';
import type { WorkerBatch, WorkerReply } from './pool-worker.js';
import { answeredChunks } from './shared-chunks.js';
import type { MatchResult } from './types.js';

const match = buildMatcher(workerData as MatcherSpec) as (query: unknown) => MatchResult;
const port = parentPort!;
const reply = (message: WorkerReply): void => port.postMessage(message);
port.on('message', (batch: WorkerBatch) => {
  for (const [chunk, results] of answeredChunks(batch, match)) reply({ batch: batch.id, chunk, results });
  reply({ batch: batch.id, done: true });
});
