import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { openMatchPool } from '../../match/match-pool.js';
import { productQueryKey } from '../../match/product/product-matcher.js';
import type { MatchResult, ProductQuery } from '../../match/types.js';
import { toUpdate, unitFactor, withFactor, type ProductsBySku } from './answer-update.js';
import type { EarlyAnswers } from './early/early-matching.js';
import { productAnswersSelectSql, readEarlyAnswersSql } from './early/early-answers-sql.js';
import { rememberProductAnswers, usableAnswersSql } from './remembered-answers.js';
import { sameProductAlias } from './product-dictionary-sql.js';
import { applyMatchedAnswers, type AnswersBeforeMatching, type FuzzyTier } from './fuzzy-resolve.js';
import { productMatcherSpec } from './matcher-specs.js';
import { awaitsEngine } from './resolution-tables.js';
import { releaseDuckdbMemory } from './release-duckdb-memory.js';
import { openResolutionWriter, writeResolutions, type ResolutionUpdate, type ResolutionWriter } from './write-resolutions.js';

/** Pending aliases fetched, matched and written per round: JavaScript holds one chunk at a time. */
const CHUNK = 20_000;

interface PendingProduct {
  distributor: string;
  raw_name: string;
  raw_spec: string | null;
  raw_unit: string | null;
  raw_manufacturer: string | null;
}

/**
 * The fuzzy tier for products, streamed: the pending aliases are numbered in DuckDB in question
 * order (name, spec, unit, maker, then distributor), fetched a chunk at a time, matched, and their
 * answers appended to DuckDB before the next chunk is read. The product engine sees no
 * distributor, so the same question from many distributors is adjacent in that order and is
 * answered once (the previous answer is reused, across chunk boundaries too). Each chunk's
 * questions are shared with a worker thread that lives for the whole stage (match-pool.ts), or
 * with the early-match worker once it has answered the customer rest: the answers are the
 * single-thread ones. An `auto` answer gets its unit factor here, as the matched
 * row would have got it afterwards.
 */
export async function resolveProductsFuzzy(db: Database, ws: Workspace, log: Logger, early: EarlyAnswers | null = null): Promise<void> {
  await (await matchProductsFuzzy(db, ws, log, { early })).finish();
}

/** The product tier's matching, done: `finish` applies its answers (the resolve stage applies the customer tier's first). */
export async function matchProductsFuzzy(db: Database, ws: Workspace, log: Logger, answers: AnswersBeforeMatching = {}): Promise<FuzzyTier> {
  const { early = null, remembered = null } = answers;
  const bySku: ProductsBySku = new Map(ws.mappings.products.map((p) => [p.sku, p]));
  const started = performance.now();
  const writer = await openResolutionWriter(db, 'product');
  // Remembered answers first, then the early-match worker's for the aliases still without one.
  const rememberedSql = usableAnswersSql('product', remembered);
  const rememberedAnswers = rememberedSql ? await writer.appendSelected('remembered product answers', productAnswersSelectSql(rememberedSql)) : 0;
  const earlyAnswers = early?.answered.product
    ? await writer.appendSelected(
        'early product answers',
        `FROM (${productAnswersSelectSql(readEarlyAnswersSql('product', early.files.product))}) e ANTI JOIN ${writer.table} u ON ${sameProductAlias('u', 'e')}`,
      )
    : 0;
  const taken = rememberedAnswers + earlyAnswers;
  await db.run(
    'pending product aliases',
    `CREATE OR REPLACE TEMP TABLE pending_products AS
     SELECT row_number() OVER (ORDER BY raw_name, raw_spec NULLS FIRST, raw_unit NULLS FIRST, raw_manufacturer NULLS FIRST, distributor) AS n,
            distributor, raw_name, raw_spec, raw_unit, raw_manufacturer
     FROM product_resolutions r ANTI JOIN ${writer.table} u ON ${sameProductAlias('u', 'r')}
     WHERE ${awaitsEngine('r')}`,
  );
  const total = Number(await db.value('count pending product aliases', 'SELECT count(*) FROM pending_products'));
  let matched = { distinct: 0, chunks: { shared_chunks: 0, worker_chunks: 0 } };
  if (total > 0) matched = await matchPendingProducts(db, ws, bySku, writer, total, log, early);
  early?.doneWith('product');
  await db.run('drop pending product aliases', 'DROP TABLE pending_products');
  return {
    finish: async () => {
      // Before they are applied: later steps change some of them in product_resolutions.
      if (remembered) await rememberProductAnswers(db, remembered, writer.table);
      if (total + taken > 0) {
        const counts = await writer.statusCounts();
        await applyMatchedAnswers(db, ws, log, writer);
        const ms = Math.round(performance.now() - started);
        const logged = { aliases: total + taken, early: earlyAnswers, remembered: rememberedAnswers, distinct: matched.distinct, ms };
        log.info({ ...logged, ...counts, ...matched.chunks }, 'product aliases matched');
      } else await writer.finish();
      await inferMissingFactors(db, bySku);
    },
  };
}

/**
 * Distinct questions a chunk must hold before the worker is asked to help: a product question
 * takes about 35 µs, and below a thousand (tens of milliseconds) copying the questions and
 * answers between threads eats most of the gain.
 */
const MIN_PARALLEL = 1_000;

/** Matches the pending aliases chunk by chunk and appends each chunk's answers to the writer. */
async function matchPendingProducts(
  db: Database,
  ws: Workspace,
  bySku: ProductsBySku,
  writer: ResolutionWriter,
  total: number,
  log: Logger,
  early: EarlyAnswers | null,
): Promise<{ distinct: number; chunks: { shared_chunks: number; worker_chunks: number } }> {
  // How the work was split, for the log: the worker's share shows whether the second core helped.
  const chunks = { shared_chunks: 0, worker_chunks: 0 };
  const countShare = (share: { chunks: number; byWorkers: number }): void => {
    chunks.shared_chunks += share.chunks;
    chunks.worker_chunks += share.byWorkers;
  };
  // A matcher is about to be built on this thread (and one on a worker without early matching):
  // DuckDB's idle memory goes first. The early product answers just read and the pending aliases
  // leave hundreds of MB of it (3M month: 1,445 -> 859 MiB of RSS here, in 0.1-0.3 s).
  await releaseDuckdbMemory(db, ws.database, log);
  // One pool for every chunk: its worker builds the matcher once and answers half of each chunk.
  // The early-match worker, whose matcher is built, helps instead: it joins once it has answered
  // the customer rest, asked first, and this thread, which waited for it before, starts alone.
  const pool = openMatchPool(productMatcherSpec(ws), {
    minParallel: MIN_PARALLEL,
    helpers: early ? [early.helper('product')] : undefined,
    onWorkerProblem: (message) => log.debug(message),
    onShared: countShare,
  });
  let distinct = 0;
  const fetchChunk = (from: number): Promise<PendingProduct[]> =>
    db.all<PendingProduct>(
      'pending product aliases: chunk',
      `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer FROM pending_products WHERE n BETWEEN $lo AND $hi ORDER BY n`,
      { lo: from, hi: from + CHUNK - 1 },
    );
  // One chunk ahead: while this thread turns chunk k's answers into rows and appends them
  // (synchronous work), the worker is already answering chunk k+1; this thread takes k+1's
  // questions too whenever it waits. Two chunks in JavaScript at most.
  let rows = await fetchChunk(1);
  let asking = adjacentQuestions(rows, undefined);
  let lastAnswer: MatchResult | undefined;
  // A failure is taken when the answers are awaited; until then it must not count as unhandled.
  const ask = (questions: ProductQuery[]): Promise<MatchResult[]> => {
    const answers = pool.matchAll(questions);
    answers.catch(() => undefined);
    return answers;
  };
  try {
    let answering = ask(asking.questions);
    for (let from = 1; from <= total; from += CHUNK) {
      const nextRows = from + CHUNK <= total ? await fetchChunk(from + CHUNK) : [];
      const next = adjacentQuestions(nextRows, asking.lastKey);
      const answers = await answering;
      answering = ask(next.questions);
      distinct += asking.questions.length;
      const { asked } = asking;
      const updates: ResolutionUpdate[] = rows.map((p, i) => {
        const at = asked[i]!;
        // Before the chunk's first new question: the previous chunk's last answer.
        const result = at < 0 ? lastAnswer! : answers[at]!;
        return withFactor(toUpdate({ ...p }, result), p.raw_unit, result, bySku);
      });
      if (answers.length > 0) lastAnswer = answers[answers.length - 1];
      await writer.append(updates);
      rows = nextRows;
      asking = next;
    }
    await answering;
  } finally {
    await pool.close();
  }
  return { distinct, chunks };
}

/**
 * The chunk's questions in order, each once: rows come in question order, so a repeat is always
 * adjacent to its first asking. `asked[i]` is row i's question, or -1 when it repeats `carriedKey`
 * (the previous chunk's last question).
 */
function adjacentQuestions(chunk: PendingProduct[], carriedKey: string | undefined): { questions: ProductQuery[]; asked: Int32Array; lastKey: string | undefined } {
  const questions: ProductQuery[] = [];
  const asked = new Int32Array(chunk.length);
  let lastKey = carriedKey;
  chunk.forEach((p, i) => {
    const query: ProductQuery = { name: p.raw_name, spec: p.raw_spec ?? undefined, unit: p.raw_unit ?? undefined, manufacturer: p.raw_manufacturer ?? undefined };
    const key = productQueryKey(query);
    if (key !== lastKey) {
      questions.push(query);
      lastKey = key;
    }
    asked[i] = questions.length - 1;
  });
  return { questions, asked, lastKey };
}

/**
 * The deterministic tiers' matches reported in another unit than the master's: the factor from
 * the spec. The fuzzy answers carry theirs already (they, and only they, have candidates), so
 * this reads a handful of rows, not every auto alias again.
 */
async function inferMissingFactors(db: Database, bySku: ProductsBySku): Promise<void> {
  const rows = await db.all<PendingProduct & { code: string }>(
    'products without factor',
    `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, code FROM product_resolutions
     WHERE status = 'auto' AND factor IS NULL AND candidates IS NULL ORDER BY ALL`,
  );
  const updates = rows.map(({ code, ...key }) => ({ key: { ...key }, ...unitFactor(key.raw_unit, code, bySku) }));
  await writeResolutions(db, 'product-factor', updates);
}
