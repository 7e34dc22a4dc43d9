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
 * The rest (the questions of the last batches, and aliases whose question at the resolve stage is
 * not one a batch asked) goes to the same worker at the resolve stage, whose matchers are built
 * by then: a fresh index for a few thousand questions cost more than matching them (at the 10M
 * month, 11 s for 6,900 customer aliases on two threads).
 *
 * The worker starts only once EARLY_START_AT questions have come (a small run, a demo or a test, never
 * pays for a thread and a second index). Anything that goes wrong here (the worker cannot start,
 * dies, a question query fails) is logged and turns early matching off: every alias is then
 * matched by the resolve stage, as without it.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../../config/workspace.js';
import type { Database } from '../../../db/database.js';
import type { Logger } from '../../../log.js';
import type { PoolWorker } from '../../../match/pool-worker.js';
import type { SharedChunks } from '../../../match/shared-chunks.js';
import type { CustomerQuery, MatchResult, ProductQuery } from '../../../match/types.js';
import { customerMatcherSpec, productMatcherSpec } from '../matcher-specs.js';
import { customerQuestion, type CustomerQuestionColumns } from '../resolution-tables.js';
import { EARLY_FILE_NAME, type EarlyKind } from './early-answer-file.js';
import { earlyQuestionsSql } from './early-questions-sql.js';
import { openRememberedAnswers, usableAnswersSql, type RememberedAnswers } from '../remembered-answers.js';
import { startEarlyWorker, type EarlyWorkerLink } from './early-worker-link.js';

/** Questions to gather before the worker is worth starting (a product question takes ~35 µs, a customer one ~100 µs). */
export const EARLY_START_AT = 20_000;

/**
 * Rows to load before the questions are asked: a question query costs about the same for a
 * batch of 500 rows as for one of 200,000 (0.1–0.2 s per kind, reading the masters and the
 * remembered answers). A night after the first loads a few new files among many unchanged ones,
 * which fill the load's batches: a year's night 3 asked 37 batches of a few hundred rows each,
 * 5.9 s of queries that found nothing the last run had not answered. Well below a load batch
 * (200,000 rows or 200 files): a first run's batches of many small files (1M rows in 1,004 files:
 * 7 batches of ~143,000 rows) are still each asked as they commit; at 200,000 the worker got
 * its first questions a batch later, and answered 75,000 product aliases early instead of 134,000.
 */
export const EARLY_ASK_AT_ROWS = 50_000;

export interface EarlyMatchingOptions {
  /** EARLY_START_AT by default. */
  startAt?: number;
  /** EARLY_ASK_AT_ROWS by default. */
  askAtRows?: number;
}

/** What the resolve stage gets from early matching once the load is over. */
export interface EarlyAnswers {
  /** The answer files, whole: every line the worker wrote before it was paused. */
  files: Record<EarlyKind, string>;
  answered: Record<EarlyKind, number>;
  /**
   * The answers to `queries` (in order) from the worker's matcher, built already; null when the
   * worker is gone (the caller matches them itself, as without early matching).
   */
  matchRest(kind: EarlyKind, queries: Array<CustomerQuery | ProductQuery>): Promise<MatchResult[] | null>;
  /**
   * The worker as a match pool's helper (match-pool.ts `helpers`): it shares the batches asked
   * once it has answered what was asked before (the customer rest). A batch asked while it is
   * busy is not posted to it at all: the pool would wait for its reply, after the last chunk, as
   * long as the worker is busy. A worker gone answers nothing; the pool answers its chunks itself.
   */
  helper(kind: EarlyKind): PoolWorker;
  /** No more questions of this kind: the worker drops its matcher (the customer index is hundreds of MB). */
  doneWith(kind: EarlyKind): void;
}

export interface EarlyMatching {
  /**
   * Hands the new questions of the files just committed to the worker; resolves once they are
   * handed over, and never rejects (a failure turns early matching off). The questions are read
   * on a connection of its own, one batch after the other, so the load does not wait for them:
   * its next commit, and a file that waits for that commit, go on meanwhile. Files that loaded
   * fewer than `askAtRows` rows in all wait for the next batch (the last ones are left to the
   * resolve stage, or asked by a draining hand-over).
   */
  askAbout(db: Database, fileIds: readonly number[], rowsLoaded: number): Promise<void>;
  /**
   * Pauses the worker for the resolve stage: what it has answered, and a way to ask it the rest;
   * null when nothing was matched early. The questions it has not come to are dropped (the
   * resolve stage asks the pending ones again); `drain` first waits until every question asked is
   * answered (tests).
   */
  handOver(options?: { drain?: boolean }): Promise<EarlyAnswers | null>;
  /** Stops the worker if it runs and deletes the answer files (they can be hundreds of MB). */
  discard(): Promise<void>;
}

interface QuestionRow extends CustomerQuestionColumns {
  name: string;
  spec?: string | null;
  unit?: string | null;
  manufacturer?: string | null;
}

const orUndefined = (v: string | null | undefined): string | undefined => v ?? undefined;

const toQuery: Record<EarlyKind, (r: QuestionRow) => CustomerQuery | ProductQuery> = {
  customer: (r) => customerQuestion(r.name, r),
  product: (r) => ({ name: r.name, spec: orUndefined(r.spec), unit: orUndefined(r.unit), manufacturer: orUndefined(r.manufacturer) }),
};

/** Early matching off: every alias is matched by the resolve stage. */
export const NO_EARLY_MATCHING: EarlyMatching = { askAbout: async () => undefined, handOver: async () => null, discard: async () => undefined };

/**
 * Early matching for one run, its answer files in `dir` (a folder of the run's scratch space).
 * Off on a single core, where the worker would only take turns with the load.
 */
export function startEarlyMatching(ws: Workspace, dir: string, log: Logger, options: EarlyMatchingOptions = {}): EarlyMatching {
  if (availableParallelism() < 2) return NO_EARLY_MATCHING;
  const startAt = options.startAt ?? EARLY_START_AT;
  const askAtRows = options.askAtRows ?? EARLY_ASK_AT_ROWS;
  /** Committed files not asked about yet, the rows they loaded, and the database they are in. */
  let unasked: { db: Database; lo: number; hi: number; rows: number } | null = null;
  let off = false;
  let worker: EarlyWorkerLink | undefined;
  /** Set once the hand-over has begun: no more asking. */
  let closing = false;
  const waiting: Record<EarlyKind, Array<CustomerQuery | ProductQuery>> = { customer: [], product: [] };
  const waitingCount = (): number => waiting.customer.length + waiting.product.length;
  /** Time spent asking (the question queries and the hand-over, beside the load), for the log. */
  let askMs = 0;
  /** Questions the resolve stage asked the worker directly, for the log. */
  const rest: Record<EarlyKind, number> = { customer: 0, product: 0 };

  const turnOff = (message: string, error?: unknown): void => {
    if (!off) log.warn({ reason: error instanceof Error ? error.message : error === undefined ? undefined : String(error) }, `early matching off: ${message}`);
    off = true;
    waiting.customer = [];
    waiting.product = [];
  };

  const start = (): void => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    worker = startEarlyWorker({ customer: customerMatcherSpec(ws), product: productMatcherSpec(ws), dir }, turnOff);
    log.debug({ questions: waitingCount() }, 'early matching started');
  };

  const post = (): void => {
    for (const kind of ['customer', 'product'] as const) {
      if (waiting[kind].length > 0) worker!.ask(kind, waiting[kind]);
      waiting[kind] = [];
    }
  };

  /** The load's batches, asked about in order (never rejects: a failure turns early matching off). */
  let asking: Promise<void> = Promise.resolve();
  let reader: Database | undefined;
  /** The last run's answers still valid: their questions are not asked again (the resolve stage takes the answers). */
  let remembered: RememberedAnswers | undefined;
  const ask = async (db: Database, range: { lo: number; hi: number }): Promise<void> => {
    if (off || closing) return;
    const started = performance.now();
    try {
      reader ??= await db.connectAgain();
      remembered ??= await openRememberedAnswers(reader, ws);
      for (const kind of ['customer', 'product'] as const) {
        const sql = earlyQuestionsSql(kind, usableAnswersSql(kind, remembered));
        const rows = await reader.all<QuestionRow>(`early questions: ${kind}`, sql, range);
        for (const r of rows) waiting[kind].push(toQuery[kind](r));
      }
      if (!worker && waitingCount() >= startAt) start();
      if (worker) post();
    } catch (error) {
      turnOff('could not ask the worker', error);
    }
    askMs += performance.now() - started;
  };
  /** No more asking: waits for the batch being asked about, and closes the second connection. */
  const stopAsking = async (): Promise<void> => {
    closing = true;
    await asking;
    reader?.close();
    reader = undefined;
  };

  /** Asks about the files committed and not asked about yet; resolves once every question asked so far is handed over. */
  const askUnasked = (): Promise<void> => {
    const files = unasked;
    unasked = null;
    if (files) asking = asking.then(() => ask(files.db, { lo: files.lo, hi: files.hi }));
    return asking;
  };

  const handOver = async (options: { drain?: boolean } = {}): Promise<EarlyAnswers | null> => {
    // Batches not asked about yet are left to the resolve stage, unless every answer is wanted.
    if (options.drain) await askUnasked();
    await stopAsking();
    if (!worker || off) return null;
    const w = worker;
    if (options.drain) await w.drain();
    const answered = await w.pause();
    if (!answered || off) return null;
    return {
      files: { customer: path.join(dir, EARLY_FILE_NAME.customer), product: path.join(dir, EARLY_FILE_NAME.product) },
      answered,
      matchRest: async (kind, queries) => {
        if (off) return null;
        rest[kind] += queries.length;
        return w.matchRest(kind, queries);
      },
      helper: (kind) => ({
        take: async (work) => (off || !w.idle() ? null : await w.matchShared(kind, work as SharedChunks<CustomerQuery | ProductQuery>)) ?? new Map(),
        stop: async () => undefined, // the early worker is stopped by discard(), not by a pool
      }),
      doneWith: (kind) => w.release(kind),
    };
  };

  /** Stops the worker, if it was started, and logs what it did. */
  const stopWorker = async (): Promise<void> => {
    await stopAsking();
    const w = worker;
    worker = undefined;
    const reply = await w?.close();
    if (!reply || off) return;
    log.info(
      { asked: reply.asked, answered: reply.answered, rest, cpu_s: reply.cpuSeconds, worker_heap_mb: reply.heapMb, ask_ms: Math.round(askMs) },
      'early matching finished',
    );
  };

  return {
    askAbout: async (db, fileIds, rowsLoaded) => {
      if (off || fileIds.length === 0) return;
      // Batches commit in file id order, so the files between two batches' ids are theirs.
      unasked = {
        db,
        lo: Math.min(unasked?.lo ?? Infinity, ...fileIds),
        hi: Math.max(unasked?.hi ?? -Infinity, ...fileIds),
        rows: (unasked?.rows ?? 0) + rowsLoaded,
      };
      if (unasked.rows < askAtRows) return;
      return askUnasked();
    },
    handOver,
    discard: async () => {
      await stopWorker();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
