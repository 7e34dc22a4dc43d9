/**
 * The engine's answers remembered from the last run. Resolve rebuilds every alias's resolution
 * each run, so without them every night matched every alias of the whole history that no
 * dictionary answers: a second run of the 3M month with no new file matched 524k aliases again
 * (resolve 39.4 s of its 111.5 s), and that grows with every month the workspace holds.
 *
 * An engine answer depends only on its question, the matcher spec (the master and the thresholds)
 * and the engine's code. So the answers are kept with a fingerprint of the spec and of the code,
 * and taken only while the fingerprint is the same, for exactly the question they answer, as the
 * early-match worker's answers are (early/early-answers-sql.ts): a changed master, threshold or
 * engine, or a changed question (an alias's province, its distributor's city), is matched again.
 * Only aliases the deterministic tiers leave for the engine take one, so a dictionary entry
 * added since always wins.
 *
 * The tables hold the answers of the last run's aliases only (rewritten at each resolve stage),
 * so they never outgrow the resolutions tables.
 */
import { createHash } from 'node:crypto';
import type { Workspace } from '../../config/workspace.js';
import { quoteLiteral, type Database } from '../../db/database.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { answerFileColumns, QUESTION_COLUMNS, sameQuestion, type EarlyKind } from './early/early-answer-file.js';
import { CUSTOMERS_ANSWERED_BY_ENGINE, readEarlyAnswersSql } from './early/early-answers-sql.js';
import { customerMatcherSpec, productMatcherSpec } from './matcher-specs.js';

export const REMEMBERED_TABLE: Record<EarlyKind, string> = {
  customer: 'remembered_customer_answers',
  product: 'remembered_product_answers',
};

/** The remembered answers this run may take: the run's fingerprint per kind, and how many answers have it. */
export interface RememberedAnswers {
  fingerprint: Record<EarlyKind, string>;
  usable: Record<EarlyKind, number>;
}

/**
 * The code an answer depends on: the matching engine (src/match), the module that turns an
 * alias's columns into its question (resolution-tables.ts) and the two that turn the engine's
 * result into a resolution row.
 */
const ENGINE_FILES = { dirs: ['../../match'], files: ['resolution-tables', 'answer-update', 'unit-factor'] };
const ENGINE_CODE_HASH = codeFingerprint(import.meta.url, ENGINE_FILES); // as the module loads (code-fingerprint.ts)

/** Per workspace as loaded: the early questions and the resolve stage each ask (0.25-0.3 s for 100k customers). */
const fingerprints = new WeakMap<Workspace, Record<EarlyKind, string>>();

/** The fingerprint an answer of this kind is remembered with: its matcher spec and the engine's code. */
export function answerFingerprint(ws: Workspace, kind: EarlyKind): string {
  let known = fingerprints.get(ws);
  if (!known) {
    const of = (spec: object): string => createHash('sha256').update(ENGINE_CODE_HASH).update(JSON.stringify(spec)).digest('hex');
    known = { customer: of(customerMatcherSpec(ws)), product: of(productMatcherSpec(ws)) };
    fingerprints.set(ws, known);
  }
  return known[kind];
}

/** Drops every remembered answer: the run matches every alias again (`drugflow run --rematch`). */
export async function forgetRememberedAnswers(db: Database): Promise<void> {
  for (const table of Object.values(REMEMBERED_TABLE)) await db.run('forget remembered answers', `DROP TABLE IF EXISTS ${table}`);
}

/** This run's fingerprints, and how many remembered answers carry them (none: nothing to take). */
export async function openRememberedAnswers(db: Database, ws: Workspace): Promise<RememberedAnswers> {
  const fingerprint = { customer: answerFingerprint(ws, 'customer'), product: answerFingerprint(ws, 'product') };
  const usable = { customer: 0, product: 0 };
  for (const kind of ['customer', 'product'] as const) {
    if (!(await db.tableExists(REMEMBERED_TABLE[kind]))) continue;
    try {
      usable[kind] = Number(await db.value(`remembered ${kind} answers`, `SELECT count(*) FROM ${rememberedAnswersSql(kind, fingerprint[kind])}`));
    } catch {
      // A table this build cannot read (written by another version, with other columns) holds
      // nothing it may take: every alias is matched, and the table is written anew.
      usable[kind] = 0;
    }
  }
  return { fingerprint, usable };
}

/** The remembered answers with `fingerprint`, as a FROM item with an answer file's columns (early-answer-file.ts). */
export function rememberedAnswersSql(kind: EarlyKind, fingerprint: string): string {
  return `(SELECT ${answerFileColumns(kind).join(', ')} FROM ${REMEMBERED_TABLE[kind]} WHERE fingerprint = ${quoteLiteral(fingerprint)})`;
}

/** The remembered answers of `kind` this run may take, as a FROM item (rememberedAnswersSql); null when there are none. */
export function usableAnswersSql(kind: EarlyKind, remembered: RememberedAnswers | null): string | null {
  return remembered && remembered.usable[kind] > 0 ? rememberedAnswersSql(kind, remembered.fingerprint[kind]) : null;
}

/**
 * The answers of `kind` the resolve stage takes before it matches, as a FROM item with an answer
 * file's columns: the remembered ones, and the early-match worker's (`earlyFile`) for the
 * questions none answers; null when there are neither. The two agree where both answer a
 * question (same question, same fingerprint), so which comes first only decides what is counted.
 */
export function answersToTake(kind: EarlyKind, earlyFile: string | null, remembered: RememberedAnswers | null): string | null {
  const kept = usableAnswersSql(kind, remembered);
  if (!earlyFile) return kept;
  const early = readEarlyAnswersSql(kind, earlyFile);
  if (!kept) return early;
  return `(SELECT * FROM ${kept} UNION ALL BY NAME SELECT e.* FROM ${early} e ANTI JOIN ${kept} m ON ${sameQuestion(kind, 'e', 'm')})`;
}

/** `answers` (a SELECT with an answer file's columns) as the remembered answers of `kind`, replacing the last run's. */
async function remember(db: Database, kind: EarlyKind, fingerprint: string, answers: string): Promise<void> {
  const question = QUESTION_COLUMNS[kind].join(', ');
  const columns = answerFileColumns(kind).join(', ');
  // One answer per question: the engine gives the same answer to the same question, whichever
  // distributor's alias asked it; DISTINCT ON keeps a join on the question one row per alias.
  await db.run(
    `remember ${kind} answers`,
    `CREATE OR REPLACE TABLE ${REMEMBERED_TABLE[kind]} AS
     SELECT DISTINCT ON (${question}) ${columns}, ${quoteLiteral(fingerprint)} AS fingerprint
     FROM (${answers})`,
  );
}

/**
 * The customer aliases the engine answered this run, early, remembered or matched now, with the
 * question each answered (the distributor's place in the master as its context) and the answer:
 * their rows in customer_resolutions are the engine's answers as written (no later step changes
 * them). An answer file's columns.
 */
const ENGINE_CUSTOMER_ANSWERS = `SELECT r.raw_name AS name, r.province, r.city, d.province AS ctx_province, d.city AS ctx_city,
       r.code, r.status, r.method, r.score, r.matched_name, r.runner_up_code, r.runner_up_score, r.reason, r.candidates,
       NULL::DOUBLE AS factor
  FROM (SELECT * FROM ${CUSTOMERS_ANSWERED_BY_ENGINE}) r LEFT JOIN customers d ON d.code = r.distributor`;

/** Remembers this run's customer answers for the next run. */
export async function rememberCustomerAnswers(db: Database, remembered: RememberedAnswers): Promise<void> {
  await remember(db, 'customer', remembered.fingerprint.customer, ENGINE_CUSTOMER_ANSWERS);
}

/** The customer answers the tiers' INSERT took from the remembered ones (they come first: answersToTake), for the log. */
export async function countRememberedCustomers(db: Database, remembered: RememberedAnswers): Promise<number> {
  const kept = rememberedAnswersSql('customer', remembered.fingerprint.customer);
  const sql = `SELECT count(*) FROM (${ENGINE_CUSTOMER_ANSWERS}) q SEMI JOIN ${kept} m ON ${sameQuestion('customer', 'q', 'm')}`;
  return Number(await db.value('count remembered customer answers taken', sql));
}

/**
 * The product aliases the engine answered this run, from the resolution writer's table before it
 * is applied: later steps change some of those rows in product_resolutions (a unit without a
 * factor sends an auto answer to review), and those steps run again on a remembered answer.
 */
export async function rememberProductAnswers(db: Database, remembered: RememberedAnswers, writerTable: string): Promise<void> {
  await remember(
    db,
    'product',
    remembered.fingerprint.product,
    `SELECT raw_name AS name, raw_spec AS spec, raw_unit AS unit, raw_manufacturer AS manufacturer,
            code, status, method, score, matched_name, runner_up_code, runner_up_score, reason, candidates, factor
     FROM ${writerTable}`,
  );
}
