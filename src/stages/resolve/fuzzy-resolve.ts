import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { matchCustomersInParallel } from '../../match/customer-match-pool.js';
import { releaseJsHeap } from '../../match/js-heap.js';
import type { MatchResult } from '../../match/types.js';
import { releaseDuckdbMemory } from './release-duckdb-memory.js';
import { openResolutionWriter, type ResolutionUpdate, type ResolutionWriter } from './write-resolutions.js';

/** Answers handed to DuckDB per appender batch: the update objects of one batch at a time. */
const WRITE_BATCH = 10_000;

/**
 * The fuzzy tier for customers: only the distinct aliases still unmatched after the dictionary
 * and exact names reach the engine, with the row's city (or the distributor's) as context. `auto`
 * answers fill the flow tables; `review` ones wait for a person (drugflow review export).
 * Products: fuzzy-products.ts.
 */
export async function resolveCustomersFuzzy(db: Database, ws: Workspace, log: Logger): Promise<void> {
  const started = performance.now();
  const matched = await matchPendingCustomers(db, ws, log);
  if (!matched) return;
  await applyMatchedAnswers(db, ws, log, matched.writer);
  log.info({ aliases: matched.aliases, ms: Math.round(performance.now() - started), ...matched.counts }, 'customer aliases matched');
}

/**
 * Matches the pending aliases and appends the answers to a resolution writer (null: none pending).
 * Its own function so that the aliases and answers are out of reach once it returns.
 */
async function matchPendingCustomers(
  db: Database,
  ws: Workspace,
  log: Logger,
): Promise<{ writer: ResolutionWriter; aliases: number; counts: Record<string, number> } | null> {
  const pending = await db.all<{ distributor: string; raw_name: string; province: string | null; city: string | null; d_province: string | null; d_city: string | null }>(
    'pending customer aliases',
    `SELECT r.distributor, r.raw_name, r.province, r.city, d.province AS d_province, d.city AS d_city
     FROM customer_resolutions r LEFT JOIN customers d ON d.code = r.distributor
     WHERE r.status = 'unmatched' AND r.method = 'none' ORDER BY r.distributor, r.raw_name`,
  );
  if (pending.length === 0) return null;
  // Two matcher indexes are about to be built (this thread's and a worker's): make room first.
  await releaseDuckdbMemory(db, ws.database, log);
  const results = await matchCustomersInParallel(
    ws.mappings.customers.map((c) => ({ code: c.code, name: c.name, type: c.type, province: c.province, city: c.city })),
    pending.map((p) => ({
      name: p.raw_name,
      province: p.province ?? undefined,
      city: p.city ?? undefined,
      contextProvince: p.d_province ?? undefined,
      contextCity: p.d_city ?? undefined,
    })),
    {
      thresholds: ws.matching.customers,
      onWorkerProblem: (message) => log.debug(message),
      onShared: (share) => log.debug(share, 'customer aliases matched on two threads'),
    },
  );
  const writer = await openResolutionWriter(db, 'customer');
  for (let from = 0; from < pending.length; from += WRITE_BATCH) {
    const batch = pending.slice(from, from + WRITE_BATCH);
    await writer.append(batch.map((p, i) => toUpdate({ distributor: p.distributor, raw_name: p.raw_name }, results[from + i]!)));
  }
  return { writer, aliases: pending.length, counts: countStatus(results) };
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

/** An engine answer as the row it becomes in customer_resolutions / product_resolutions. */
export function toUpdate(key: Record<string, string | null>, r: MatchResult): ResolutionUpdate {
  return {
    key,
    code: r.code,
    status: r.status,
    method: r.method === 'none' ? 'fuzzy' : r.method,
    score: r.score,
    matchedName: r.matchedName,
    runnerUpCode: r.runnerUp?.code ?? null,
    runnerUpScore: r.runnerUp?.score ?? null,
    reason: r.reason,
    candidates: JSON.stringify(r.candidates.slice(0, 3)),
  };
}

export function countStatus(results: Iterable<MatchResult>, counts: Record<string, number> = { auto: 0, review: 0, unmatched: 0 }): Record<string, number> {
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
