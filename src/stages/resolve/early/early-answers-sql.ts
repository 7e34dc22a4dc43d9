/**
 * The early-match worker's answers taken into the resolve stage: each answer file read by DuckDB
 * and joined, in the tiers' own INSERT, to the aliases the deterministic tiers leave for the
 * engine, on the whole question (for a customer: name, province, city and the distributor's
 * province and city, as the resolve stage asks it), so an answer is used only for exactly the
 * question it answers. The aliases that got one are not matched again.
 *
 * In the INSERT, not applied afterwards: an UPDATE of the answered aliases (255k customer and
 * 535k product aliases at the 10M month) sorted its answers into the table's order and rewrote
 * their rows, 4.8 s for customers and 5.6 s for products there.
 */
import { quoteLiteral } from '../../../db/database.js';
import { CUSTOMER_TIER_COLUMNS, CUSTOMER_TIERS_SELECT, SHARED_EXACT_NAME_REASON } from '../dictionary-sql.js';
import { PRODUCT_TIER_COLUMNS, PRODUCT_TIERS_SELECT } from '../product-dictionary-sql.js';
import { awaitsEngine, RESOLUTION_ORDER } from '../resolution-tables.js';
import { ANSWER_TYPES, QUESTION_COLUMNS, type EarlyKind } from './early-answer-file.js';

/** The answer file as a table expression, every column typed. */
export function readEarlyAnswersSql(kind: EarlyKind, file: string): string {
  const columns = [...QUESTION_COLUMNS[kind].map((c) => [c, 'VARCHAR']), ...ANSWER_TYPES].map(([c, t]) => `${c}: '${t}'`).join(', ');
  return `read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = {${columns}})`;
}

const TIERS = {
  customer: {
    table: 'customer_resolutions',
    select: CUSTOMER_TIERS_SELECT,
    columns: CUSTOMER_TIER_COLUMNS,
    // customer_resolutions has no factor
    answers: ['code', 'status', 'method', 'score', 'matched_name', 'runner_up_code', 'runner_up_score', 'reason', 'candidates'],
    // the question's context is the distributor's own place in the master
    join: `LEFT JOIN customers d ON d.code = t.distributor
      LEFT JOIN %ANSWERS% e ON e.name = t.raw_name AND e.province IS NOT DISTINCT FROM t.province AND e.city IS NOT DISTINCT FROM t.city
       AND e.ctx_province IS NOT DISTINCT FROM d.province AND e.ctx_city IS NOT DISTINCT FROM d.city`,
    // The company itself is answered by its own rule after the tiers (resolve-stage.ts), not by the engine.
    taken: `t.raw_name IS DISTINCT FROM $company`,
  },
  product: {
    table: 'product_resolutions',
    select: PRODUCT_TIERS_SELECT,
    columns: PRODUCT_TIER_COLUMNS,
    answers: ['code', 'status', 'method', 'score', 'matched_name', 'runner_up_code', 'runner_up_score', 'reason', 'candidates', 'factor'],
    join: `LEFT JOIN %ANSWERS% e ON e.name = t.raw_name AND e.spec IS NOT DISTINCT FROM t.raw_spec AND e.unit IS NOT DISTINCT FROM t.raw_unit
       AND e.manufacturer IS NOT DISTINCT FROM t.raw_manufacturer`,
    taken: 'TRUE',
  },
} as const;

/**
 * The tiers' INSERT of `kind` with the early answers in `file`: an alias the tiers leave for the
 * engine takes the answer to its question where the file has one (every answer column, the
 * runner-up and candidates too); every other alias is written as the tiers decide it. Customers
 * bind `$company`: the company's own name as loaded text.
 */
export function tiersWithEarlyAnswersSql(kind: EarlyKind, file: string): string {
  const tiers = TIERS[kind];
  const tierColumns: readonly string[] = tiers.columns;
  const answers: readonly string[] = tiers.answers;
  const kept = tierColumns.filter((c) => !answers.includes(c));
  const answer = (c: string) => `CASE WHEN t.taken THEN t.early_${c} ELSE ${tierColumns.includes(c) ? `t.${c}` : 'NULL'} END AS ${c}`;
  return `INSERT INTO ${tiers.table} (${[...kept, ...answers].join(', ')})
    SELECT ${[...kept.map((c) => `t.${c}`), ...answers.map(answer)].join(', ')}
    FROM (SELECT t.*, e.status IS NOT NULL AND ${awaitsEngine('t')} AND ${tiers.taken} AS taken, ${answers.map((c) => `e.${c} AS early_${c}`).join(', ')}
          FROM (${tiers.select}) t
          ${tiers.join.replace('%ANSWERS%', readEarlyAnswersSql(kind, file))}) t
    ORDER BY ${RESOLUTION_ORDER[kind]}`;
}

/**
 * The aliases of resolutions table `r` an engine answered (early or at the resolve stage): only
 * its answers carry a candidates list, except the exact tier's review of a name several master
 * entries share. For the log.
 */
export const answeredByEngine = (r: string): string => `${r}.candidates IS NOT NULL AND ${r}.reason IS DISTINCT FROM '${SHARED_EXACT_NAME_REASON}'`;
