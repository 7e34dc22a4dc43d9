import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { matchCustomersInParallel } from '../../match/customer-match-pool.js';
import { releaseJsHeap } from '../../match/js-heap.js';
import type { CustomerQuery, MatchResult } from '../../match/types.js';
import { toUpdate } from './answer-update.js';
import type { EarlyAnswers } from './early/early-matching.js';
import { CUSTOMERS_ANSWERED_BY_ENGINE } from './early/early-answers-sql.js';
import { countRememberedCustomers, type RememberedAnswers } from './remembered-answers.js';
import { customerMatcherSpec } from './matcher-specs.js';
import { customerQuestion, PENDING_CUSTOMER_QUESTIONS, type CustomerQuestionColumns } from './resolution-tables.js';
import { releaseDuckdbMemory } from './release-duckdb-memory.js';
import { countByStatus, openResolutionWriter, type ResolutionWriter } from './write-resolutions.js';

/** Answers handed to DuckDB per appender batch: the update objects of one batch at a time. */
const WRITE_BATCH = 10_000;

/** The answers a fuzzy tier takes before it matches: the early-match worker's, and those remembered from the last run. */
export interface AnswersBeforeMatching {
  early?: EarlyAnswers | null;
  remembered?: RememberedAnswers | null;
}

/** A fuzzy tier begun: its answers are being matched, and `finish` writes them. */
export interface FuzzyTier {
  /** Waits for the last answers and applies every answer to the resolutions table. */
  finish(): Promise<void>;
}

/**
 * The fuzzy tier for customers: only the distinct aliases still unmatched after the dictionary
 * and exact names reach the engine, with the row's city (or the distributor's) as context. `auto`
 * answers fill the flow tables; `review` ones wait for a person (drugflow review export).
 * Products: fuzzy-products.ts.
 */
export async function resolveCustomersFuzzy(db: Database, ws: Workspace, log: Logger, early: EarlyAnswers | null = null): Promise<void> {
  await (await beginCustomersFuzzy(db, ws, log, { early })).finish();
}

/**
 * The customer tier up to its matching: the early answers taken, and the pending aliases asked.
 * With the early-match worker the asking returns at once, so the resolve stage matches the
 * product aliases on its own thread meanwhile (the worker joins it once it has answered these);
 * without it they are matched here, on two threads, before this returns.
 */
export async function beginCustomersFuzzy(db: Database, ws: Workspace, log: Logger, answers: AnswersBeforeMatching = {}): Promise<FuzzyTier> {
  const { early = null, remembered = null } = answers;
  const started = performance.now();
  const writer = await openResolutionWriter(db, 'customer');
  // Written by the tiers' INSERT already (resolve-stage.ts): counted for the log.
  const takenAnswers = early?.answered.customer || remembered?.usable.customer ? Number(await db.value('count customer answers taken', `SELECT count(*) FROM ${CUSTOMERS_ANSWERED_BY_ENGINE}`)) : 0;
  const rememberedAnswers = remembered?.usable.customer ? await countRememberedCustomers(db, remembered) : 0;
  const earlyAnswers = takenAnswers - rememberedAnswers;
  const answersWritten = await askPendingCustomers(db, ws, log, writer, early);
  // The worker takes requests in order: it drops its customer index (hundreds of MB) as soon as
  // it has answered the rest, before it helps with products and this thread builds a matcher.
  early?.doneWith('customer');
  return {
    finish: async () => {
      const matched = await answersWritten();
      if (matched + takenAnswers === 0) return writer.finish();
      await applyMatchedAnswers(db, ws, log, writer);
      // From the table, not the writer, which holds only the rest (the tiers' INSERT wrote the early answers).
      const counts = await countByStatus(db, 'customer engine statuses', CUSTOMERS_ANSWERED_BY_ENGINE);
      const ms = Math.round(performance.now() - started);
      log.info({ aliases: matched + takenAnswers, early: earlyAnswers, remembered: rememberedAnswers, ms, ...counts }, 'customer aliases matched');
    },
  };
}

/**
 * Asks for the answers to the aliases still pending (those with an early answer took it in the
 * tiers' INSERT); the function it returns appends them to the writer and says how many. The
 * early-match worker answers them when it ran (its index is built); else, or if it is gone, this
 * thread and a pool worker do. Its own function so that the aliases and answers are out of reach
 * once they are written.
 */
async function askPendingCustomers(db: Database, ws: Workspace, log: Logger, writer: ResolutionWriter, early: EarlyAnswers | null): Promise<() => Promise<number>> {
  const pending = await db.all<CustomerQuestionColumns & { distributor: string; raw_name: string }>(
    'pending customer aliases',
    `SELECT q.* FROM (${PENDING_CUSTOMER_QUESTIONS}) q ORDER BY q.distributor, q.raw_name`,
  );
  if (pending.length === 0) return async () => 0;
  const queries = pending.map((p) => customerQuestion(p.raw_name, p));
  const append = async (results: MatchResult[]): Promise<number> => {
    for (let from = 0; from < pending.length; from += WRITE_BATCH) {
      const batch = pending.slice(from, from + WRITE_BATCH);
      await writer.append(batch.map((p, i) => toUpdate({ distributor: p.distributor, raw_name: p.raw_name }, results[from + i]!)));
    }
    return pending.length;
  };
  if (!early) {
    const results = await matchOnTwoThreads(db, ws, log, queries);
    return () => append(results);
  }
  // Posted now; it never rejects (null: the worker is gone).
  const fromWorker = early.matchRest('customer', queries);
  return async () => append((await fromWorker) ?? (await matchOnTwoThreads(db, ws, log, queries)));
}

/** The customer engine on this thread and a pool worker, each building its index. */
async function matchOnTwoThreads(db: Database, ws: Workspace, log: Logger, queries: CustomerQuery[]): Promise<MatchResult[]> {
  // Two matcher indexes are about to be built (this thread's and a worker's): make room first.
  await releaseDuckdbMemory(db, ws.database, log);
  const spec = customerMatcherSpec(ws);
  return matchCustomersInParallel(spec.master, queries, {
    ...spec.options,
    onWorkerProblem: (message) => log.debug(message),
    onShared: (share) => log.debug(share, 'customer aliases matched on two threads'),
  });
}

/**
 * Applies a fuzzy tier's answers once its matching is over. The matchers and their memos are
 * garbage by then (a worker's ended with its thread), and so are the answers, now in DuckDB, but
 * V8 sees no reason to collect them: they are given back first, with DuckDB's idle memory, before
 * DuckDB sorts and applies every answer. At the 10M-row month that write was the run's peak RSS,
 * for products and then (1.79 GiB sampled) for customers, while the heap was left uncollected.
 */
export async function applyMatchedAnswers(db: Database, ws: Workspace, log: Logger, writer: ResolutionWriter): Promise<void> {
  releaseJsHeap();
  await releaseDuckdbMemory(db, ws.database, log);
  await writer.finish();
}
