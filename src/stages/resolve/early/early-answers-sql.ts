/**
 * The early-match worker's answers taken into the resolve stage: each answer file read by DuckDB
 * and joined to the aliases the deterministic tiers leave for the engine, on the whole question
 * (for a customer: name, province, city and the distributor's province and city, as the resolve
 * stage asks it), so an answer is used only for exactly the question it answers. The aliases that
 * got one are not matched again.
 *
 * Customer answers are written by the tiers' own INSERT: applied afterwards, the UPDATE of the
 * 10M month's 255k answered aliases (sorted into the table's order first) was 4.8 s and the run's
 * RSS peak. Product answers go through the resolution writer's UPDATE: written by the product
 * INSERT they made that INSERT the peak instead (3M month: 1.80 GiB against 1.51-1.56), and the
 * UPDATE of the few-thousand-alias rest rewrote them anyway (BENCHMARKS.md, session 16).
 */
import { quoteLiteral } from '../../../db/database.js';
import { CUSTOMER_TIER_COLUMNS, CUSTOMER_TIERS_SELECT, SHARED_EXACT_NAME_REASON } from '../dictionary-sql.js';
import { awaitsEngine, RESOLUTION_ORDER } from '../resolution-tables.js';
import { ANSWER_TYPES, EARLY_ANSWER_COLUMNS, QUESTION_COLUMNS, type EarlyKind } from './early-answer-file.js';

/** The answer file as a table expression, every column typed. */
export function readEarlyAnswersSql(kind: EarlyKind, file: string): string {
  const columns = [...QUESTION_COLUMNS[kind].map((c) => [c, 'VARCHAR']), ...ANSWER_TYPES].map(([c, t]) => `${c}: '${t}'`).join(', ');
  return `read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = {${columns}})`;
}

/** The answer columns of a resolution, the factor aside (customer_resolutions has none). */
const RESOLUTION_ANSWERS = EARLY_ANSWER_COLUMNS.filter((c) => c !== 'factor');
const ANSWERS = RESOLUTION_ANSWERS.map((c) => `e.${c}`).join(', ');

/**
 * The pending product aliases' rows of resolution answers, from `answers` (a FROM item with an
 * answer file's columns: readEarlyAnswersSql, or the remembered answers): a SELECT for `appendSelected`.
 */
export function productAnswersSelectSql(answers: string): string {
  return `SELECT r.distributor, r.raw_name, r.raw_spec, r.raw_unit, r.raw_manufacturer, ${ANSWERS}, e.factor
    FROM product_resolutions r
    JOIN ${answers} e
      ON e.name = r.raw_name AND e.spec IS NOT DISTINCT FROM r.raw_spec AND e.unit IS NOT DISTINCT FROM r.raw_unit
     AND e.manufacturer IS NOT DISTINCT FROM r.raw_manufacturer
    WHERE ${awaitsEngine('r')}`;
}

/**
 * The customer tiers' INSERT with the answers in `answers` (a FROM item with an answer file's
 * columns): an alias the tiers leave for the engine takes the answer to its question where there
 * is one (every answer column, the runner-up and candidates too); every other alias is written as
 * the tiers decide it. Binds
 * `$company`, the company's own name as loaded text: the early questions do not leave it out, and
 * it is answered by its own rule after the tiers (resolve-stage.ts), not by the engine.
 */
export function customerTiersWithAnswersSql(answers: string): string {
  const kept = CUSTOMER_TIER_COLUMNS.filter((c) => !RESOLUTION_ANSWERS.includes(c));
  const answer = (c: string) => `CASE WHEN t.taken THEN t.early_${c} ELSE ${CUSTOMER_TIER_COLUMNS.includes(c) ? `t.${c}` : 'NULL'} END AS ${c}`;
  return `INSERT INTO customer_resolutions (${[...kept, ...RESOLUTION_ANSWERS].join(', ')})
    SELECT ${[...kept.map((c) => `t.${c}`), ...RESOLUTION_ANSWERS.map(answer)].join(', ')}
    FROM (SELECT t.*, e.status IS NOT NULL AND ${awaitsEngine('t')} AND t.raw_name IS DISTINCT FROM $company AS taken,
                 ${RESOLUTION_ANSWERS.map((c) => `e.${c} AS early_${c}`).join(', ')}
          FROM (${CUSTOMER_TIERS_SELECT}) t
          -- the question's context is the distributor's own place in the master
          LEFT JOIN customers d ON d.code = t.distributor
          LEFT JOIN ${answers} e
            ON e.name = t.raw_name AND e.province IS NOT DISTINCT FROM t.province AND e.city IS NOT DISTINCT FROM t.city
           AND e.ctx_province IS NOT DISTINCT FROM d.province AND e.ctx_city IS NOT DISTINCT FROM d.city) t
    ORDER BY ${RESOLUTION_ORDER.customer}`;
}

/**
 * The customer aliases an engine answered (early, here, or at the resolve stage), as a FROM item:
 * only its answers carry a candidates list, except the exact tier's review of a name several
 * master entries share. For the log.
 */
export const CUSTOMERS_ANSWERED_BY_ENGINE = `customer_resolutions
  WHERE candidates IS NOT NULL AND reason IS DISTINCT FROM '${SHARED_EXACT_NAME_REASON}'`;
