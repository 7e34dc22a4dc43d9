/**
 * Matching aliases while the files load. The load leaves about a third of a 2-core machine idle
 * (1.3 cores used, measured at 1M and 3M rows), and the resolve stage after it spent most of its
 * time matching aliases in JavaScript, each on its own. So after each load batch commits, its new
 * questions (early-questions-sql.ts) go to one worker thread at the lowest priority
 * (early-match-worker.ts), which writes its answers to files; the resolve stage stops it, reads
 * the answers whose question is exactly a pending alias's (early-answers-sql.ts), and matches
 * only the rest. The answers are the ones the resolve stage gives itself: the same engines from
 * the same specs, pure per question.
 *
 * The worker starts only once EARLY_START_AT questions have come (a small run, a demo or a test, never
 * pays for a thread and a second index). Anything that goes wrong here (the worker cannot start,
 * dies, a question query fails) is logged and turns early matching off: every alias is then
 * matched by the resolve stage, as without it.
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../../config/workspace.js';
import type { Database } from '../../../db/database.js';
import type { Logger } from '../../../log.js';
import { startModuleWorker } from '../../../match/module-worker.js';
import type { CustomerQuery, ProductQuery } from '../../../match/types.js';
import { customerMatcherSpec, productMatcherSpec } from '../matcher-specs.js';
import { EARLY_FILE_NAME, type EarlyKind } from './early-answer-file.js';
import type { EarlyWorkerData, EarlyWorkerMessage, EarlyWorkerReply } from './early-match-worker.js';
import { earlyQuestionsSql } from './early-questions-sql.js';

/** Questions to gather before the worker is worth starting (a product question takes ~35 µs, a customer one ~100 µs). */
export const EARLY_START_AT = 20_000;

export interface EarlyAnswerFiles {
  files: Record<EarlyKind, string>;
  answered: Record<EarlyKind, number>;
}

export interface EarlyMatching {
  /**
   * Hands the new questions of the files just committed to the worker; resolves once they are
   * handed over, and never rejects (a failure turns early matching off). The questions are read
   * on a connection of its own, one batch after the other, so the load does not wait for them:
   * its next commit, and a file that waits for that commit, go on meanwhile.
   */
  askAbout(db: Database, fileIds: readonly number[]): Promise<void>;
  /**
   * Stops the worker: the answer files it closed whole, or null (nothing was matched early). The
   * resolve stage stops it at once and matches what is left itself; `drain` first waits until
   * every question asked is answered (tests).
   */
  finish(options?: { drain?: boolean }): Promise<EarlyAnswerFiles | null>;
  /** Stops the worker if it runs and deletes the answer files (they can be hundreds of MB). */
  discard(): Promise<void>;
}

interface QuestionRow {
  name: string;
  province?: string | null;
  city?: string | null;
  ctx_province?: string | null;
  ctx_city?: string | null;
  spec?: string | null;
  unit?: string | null;
  manufacturer?: string | null;
}

const orUndefined = (v: string | null | undefined): string | undefined => v ?? undefined;

const toQuery: Record<EarlyKind, (r: QuestionRow) => CustomerQuery | ProductQuery> = {
  customer: (r) => ({ name: r.name, province: orUndefined(r.province), city: orUndefined(r.city), contextProvince: orUndefined(r.ctx_province), contextCity: orUndefined(r.ctx_city) }),
  product: (r) => ({ name: r.name, spec: orUndefined(r.spec), unit: orUndefined(r.unit), manufacturer: orUndefined(r.manufacturer) }),
};

/** Early matching off: every alias is matched by the resolve stage. */
export const NO_EARLY_MATCHING: EarlyMatching = { askAbout: async () => undefined, finish: async () => null, discard: async () => undefined };

/**
 * Early matching for one run, its answer files in `dir` (a folder of the run's scratch space).
 * Off on a single core, where the worker would only take turns with the load.
 */
export function startEarlyMatching(ws: Workspace, dir: string, log: Logger, options: { startAt?: number } = {}): EarlyMatching {
  if (availableParallelism() < 2) return NO_EARLY_MATCHING;
  const startAt = options.startAt ?? EARLY_START_AT;
  let off = false;
  let worker: Worker | undefined;
  let closed: Promise<Extract<EarlyWorkerReply, { closed: true }> | null> | undefined;
  let drained: (() => void) | undefined;
  /** Set once `finish` has begun: no more asking, and the worker's exit is expected from then on. */
  let closing = false;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const waiting: Record<EarlyKind, Array<CustomerQuery | ProductQuery>> = { customer: [], product: [] };
  const waitingCount = (): number => waiting.customer.length + waiting.product.length;
  /** Time spent asking (the question queries and the hand-over, beside the load), for the log. */
  let askMs = 0;

  const turnOff = (message: string, error?: unknown): void => {
    if (!off) log.warn({ reason: error instanceof Error ? error.message : error === undefined ? undefined : String(error) }, `early matching off: ${message}`);
    off = true;
    waiting.customer = [];
    waiting.product = [];
  };

  const start = (): void => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const data: EarlyWorkerData = { customer: customerMatcherSpec(ws), product: productMatcherSpec(ws), dir, stop };
    worker = startModuleWorker(import.meta.url, 'early-match-worker', data);
    const w = worker;
    // A run that fails during the load must not be kept alive by an idle worker; `finish` holds it.
    w.unref();
    closed = new Promise((resolve) => {
      w.on('message', (reply: EarlyWorkerReply) => ('drained' in reply ? drained?.() : resolve(reply)));
      w.on('error', (error) => {
        turnOff('the worker failed', error);
        resolve(null);
      });
      w.on('exit', () => {
        if (!closing) turnOff('the worker stopped');
        resolve(null);
      });
    });
    log.debug({ questions: waitingCount() }, 'early matching started');
  };

  const post = (): void => {
    for (const kind of ['customer', 'product'] as const) {
      if (waiting[kind].length > 0) worker!.postMessage({ kind, queries: waiting[kind] } satisfies EarlyWorkerMessage);
      waiting[kind] = [];
    }
  };

  /** The load's batches, asked about in order (never rejects: a failure turns early matching off). */
  let asking: Promise<void> = Promise.resolve();
  let reader: Database | undefined;
  const ask = async (db: Database, range: { lo: number; hi: number }): Promise<void> => {
    if (off || closing) return;
    const started = performance.now();
    try {
      reader ??= await db.connectAgain();
      for (const kind of ['customer', 'product'] as const) {
        const rows = await reader.all<QuestionRow>(`early questions: ${kind}`, earlyQuestionsSql[kind], range);
        for (const r of rows) waiting[kind].push(toQuery[kind](r));
      }
      if (!worker && waitingCount() >= startAt) start();
      if (worker) post();
    } catch (error) {
      turnOff('could not ask the worker', error);
    }
    askMs += performance.now() - started;
  };
  const closeReader = (): void => {
    reader?.close();
    reader = undefined;
  };

  const finish = async (options: { drain?: boolean } = {}): Promise<EarlyAnswerFiles | null> => {
    // Batches not asked about yet are left to the resolve stage, unless every answer is wanted.
    closing = !options.drain;
    await asking;
    closeReader();
    closing = true;
    if (!worker || !closed) return null;
    // Its answers keep the process alive until they come (an unref'd worker would not).
    worker.ref();
    if (options.drain) {
      const done = new Promise<void>((resolve) => (drained = resolve));
      worker.postMessage({ drain: true } satisfies EarlyWorkerMessage);
      await Promise.race([done, closed]);
    }
    Atomics.store(stop, 0, 1);
    try {
      worker.postMessage({ close: true } satisfies EarlyWorkerMessage);
    } catch {
      // gone already: `closed` says null
    }
    const reply = await closed;
    await worker.terminate();
    worker = undefined;
    if (off || !reply) return null;
    log.info({ asked: reply.asked, answered: reply.answered, cpu_s: reply.cpuSeconds, worker_heap_mb: reply.heapMb, ask_ms: Math.round(askMs) }, 'early matching finished');
    return { files: { customer: path.join(dir, EARLY_FILE_NAME.customer), product: path.join(dir, EARLY_FILE_NAME.product) }, answered: reply.answered };
  };

  return {
    askAbout: async (db, fileIds) => {
      if (off || fileIds.length === 0) return;
      const range = { lo: Math.min(...fileIds), hi: Math.max(...fileIds) };
      asking = asking.then(() => ask(db, range));
      return asking;
    },
    finish,
    discard: async () => {
      await finish();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
