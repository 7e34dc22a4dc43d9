/**
 * The main thread's end of the early-match worker (early-match-worker.ts): starting it, and each
 * request with the reply it waits for. Requests are answered in the order they are posted. A
 * worker that fails or stops unasked is reported once (`onLost`), and every request waiting on it
 * then gets null, so a caller falls back to matching on its own thread.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../../match/module-worker.js';
import type { ChunkAnswers } from '../../../match/pool-worker.js';
import type { SharedChunks } from '../../../match/shared-chunks.js';
import type { CustomerQuery, MatchResult, ProductQuery } from '../../../match/types.js';
import type { EarlyKind } from './early-answer-file.js';
import type { EarlyWorkerData, EarlyWorkerMessage, EarlyWorkerReply } from './early-match-worker.js';

type Closed = Extract<EarlyWorkerReply, { closed: true }>;
type Query = CustomerQuery | ProductQuery;

export interface EarlyWorkerLink {
  /** A batch's questions, answered into the files as the worker comes to them. */
  ask(kind: EarlyKind, queries: Query[]): void;
  /** Resolves once every question asked before is answered (false: the worker is gone). */
  drain(): Promise<boolean>;
  /** Drops the questions not answered yet; resolves with what was answered, every line written whole (null: gone). */
  pause(): Promise<Record<EarlyKind, number> | null>;
  /** Answers to `queries`, in order (null: gone). */
  matchRest(kind: EarlyKind, queries: Query[]): Promise<MatchResult[] | null>;
  /** No request is waiting for its reply: what is posted now is answered at once. */
  idle(): boolean;
  /** The chunks of `work` the worker claimed, answered, once it has claimed the last (null: gone). */
  matchShared(kind: EarlyKind, work: SharedChunks<Query>): Promise<ChunkAnswers | null>;
  /** The worker may drop this kind's matcher. */
  release(kind: EarlyKind): void;
  /** Stops the worker; its closing report, or null when it was gone already. */
  close(): Promise<Closed | null>;
}

export function startEarlyWorker(data: Omit<EarlyWorkerData, 'stop'>, onLost: (message: string, error?: unknown) => void): EarlyWorkerLink {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker: Worker = startModuleWorker(import.meta.url, 'early-match-worker', { ...data, stop } satisfies EarlyWorkerData);
  // A run that fails during the load must not be kept alive by an idle worker; a request holds it.
  worker.unref();
  let closing = false;
  /** The replies awaited, in the order their requests were posted (the worker answers in that order). */
  const awaited: Array<(reply: EarlyWorkerReply | null) => void> = [];
  let gone = false;
  const lose = (message: string, error?: unknown): void => {
    if (gone) return;
    gone = true;
    if (!closing) onLost(message, error);
    for (const reply of awaited.splice(0)) reply(null);
  };
  worker.on('message', (reply: EarlyWorkerReply) => {
    awaited.shift()?.(reply);
    if (awaited.length === 0) worker.unref();
  });
  worker.on('error', (error) => lose('the worker failed', error));
  worker.on('exit', () => lose('the worker stopped'));

  const post = (message: EarlyWorkerMessage): boolean => {
    if (gone) return false;
    try {
      worker.postMessage(message);
      return true;
    } catch (error) {
      lose('could not reach the worker', error);
      return false;
    }
  };
  /** Posts a request and waits for its reply (null: the worker is gone). */
  const request = <R extends EarlyWorkerReply>(message: EarlyWorkerMessage): Promise<R | null> =>
    new Promise((resolve) => {
      if (gone) return resolve(null);
      // Its reply keeps the process alive until it comes (an unref'd worker would not).
      worker.ref();
      awaited.push((reply) => resolve(reply as R | null));
      if (!post(message)) resolve(null);
    });

  return {
    ask: (kind, queries) => void post({ kind, queries }),
    drain: async () => (await request({ drain: true })) !== null,
    pause: async () => {
      Atomics.store(stop, 0, 1); // the queued batches are skipped, the chunk at hand finishes
      return (await request<Extract<EarlyWorkerReply, { paused: true }>>({ pause: true }))?.answered ?? null;
    },
    matchRest: async (kind, queries) => (await request<Extract<EarlyWorkerReply, { results: MatchResult[] }>>({ rest: kind, queries }))?.results ?? null,
    idle: () => awaited.length === 0,
    matchShared: async (kind, work) => (await request<Extract<EarlyWorkerReply, { chunks: ChunkAnswers }>>({ share: kind, work }))?.chunks ?? null,
    release: (kind) => void post({ release: kind }),
    close: async () => {
      closing = true;
      Atomics.store(stop, 0, 1);
      const reply = await request<Closed>({ close: true });
      await worker.terminate();
      lose('closed'); // a request after this gets null at once (closing: nothing is reported)
      return reply;
    },
  };
}
