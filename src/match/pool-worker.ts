/**
 * The calling thread's handle on one worker of a match pool: starts it (match-worker.ts), posts it
 * batches, and gathers each batch's answers by chunk. It never rejects: a worker that cannot start,
 * cannot take a batch or dies is reported once, and every batch it had not finished resolves with
 * the chunks it did answer; the pool answers the rest on its own thread (slower, never different).
 */
import type { Worker } from 'node:worker_threads';
import type { MatcherSpec } from './matcher-spec.js';
import { startModuleWorker } from './module-worker.js';
import type { SharedChunks } from './shared-chunks.js';
import type { MatchResult } from './types.js';

export interface WorkerBatch extends SharedChunks<unknown> {
  id: number;
}

export type WorkerReply = { batch: number; chunk: number; results: MatchResult[] } | { batch: number; done: true };

/** Chunk number → answers. */
export type ChunkAnswers = Map<number, MatchResult[]>;

export interface PoolWorker {
  /** The answers the worker gives for `work`, complete when it has claimed no more chunks or is gone. */
  take(work: SharedChunks<unknown>): Promise<ChunkAnswers>;
  stop(): Promise<void>;
}

interface OpenBatch {
  answers: ChunkAnswers;
  finish: () => void;
}

export function startPoolWorker(spec: MatcherSpec, report: (message: string) => void): PoolWorker {
  let worker: Worker | undefined;
  try {
    worker = startModuleWorker(import.meta.url, 'match-worker', spec);
  } catch (error) {
    report(`${spec.kind} match worker did not start: ${(error as Error).message}`);
  }
  const open = new Map<number, OpenBatch>();
  let nextId = 0;
  const finish = (id: number): void => {
    open.get(id)?.finish();
    open.delete(id);
    // Between batches the worker must not keep the process alive (a caller that forgets to stop it).
    if (open.size === 0) worker?.unref();
  };
  const gone = (): void => {
    worker = undefined;
    for (const id of [...open.keys()]) finish(id);
  };
  worker?.unref();
  worker?.on('message', (m: WorkerReply) => {
    if ('done' in m) finish(m.batch);
    else open.get(m.batch)?.answers.set(m.chunk, m.results);
  });
  worker?.on('error', (error) => report(`${spec.kind} match worker failed: ${error.message}`));
  worker?.on('exit', gone);

  return {
    take: (work) => {
      const answers: ChunkAnswers = new Map();
      if (!worker) return Promise.resolve(answers);
      const id = nextId++;
      const batch: WorkerBatch = { id, queries: work.queries, chunkSize: work.chunkSize, counter: work.counter };
      return new Promise<ChunkAnswers>((resolve) => {
        open.set(id, { answers, finish: () => resolve(answers) });
        worker!.ref();
        try {
          worker!.postMessage(batch);
        } catch (error) {
          report(`${spec.kind} match worker could not take a batch: ${(error as Error).message}`);
          finish(id);
        }
      });
    },
    stop: async () => {
      const w = worker;
      gone();
      if (w) await w.terminate();
    },
  };
}
