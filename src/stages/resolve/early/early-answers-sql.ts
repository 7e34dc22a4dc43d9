/**
 * The early-match worker's answers taken into the resolve stage: each answer file read by DuckDB
 * and joined to the aliases still pending after the deterministic tiers, on the whole question
 * (for a customer: name, province, city and the distributor's province and city, as the resolve
 * stage asks it), so an answer is used only for exactly the question it answers. The rows go to
 * the resolution writer's table, and the pending aliases that got one are not matched again.
 */
import { quoteLiteral } from '../../../db/database.js';
import { awaitsEngine, PENDING_CUSTOMER_QUESTIONS } from '../resolution-tables.js';
import { ANSWER_TYPES, QUESTION_COLUMNS, type EarlyKind } from './early-answer-file.js';

/** The answer file as a table expression, every column typed. */
export function readEarlyAnswersSql(kind: EarlyKind, file: string): string {
  const columns = [...QUESTION_COLUMNS[kind].map((c) => [c, 'VARCHAR']), ...ANSWER_TYPES].map(([c, t]) => `${c}: '${t}'`).join(', ');
  return `read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = {${columns}})`;
}

const answers = (columns: string[]) => columns.map((c) => `e.${c}`).join(', ');
const ANSWERS = answers(['code', 'status', 'method', 'score', 'matched_name', 'runner_up_code', 'runner_up_score', 'reason', 'candidates']);

/** The pending aliases' rows of resolution answers, from an answer file (a SELECT for `appendSelected`). */
export function earlyAnswersSelectSql(kind: EarlyKind, file: string): string {
  if (kind === 'customer') {
    return `SELECT q.distributor, q.raw_name, ${ANSWERS}
      FROM (${PENDING_CUSTOMER_QUESTIONS}) q
      JOIN ${readEarlyAnswersSql(kind, file)} e
        ON e.name = q.raw_name AND e.province IS NOT DISTINCT FROM q.province AND e.city IS NOT DISTINCT FROM q.city
       AND e.ctx_province IS NOT DISTINCT FROM q.ctx_province AND e.ctx_city IS NOT DISTINCT FROM q.ctx_city`;
  }
  return `SELECT r.distributor, r.raw_name, r.raw_spec, r.raw_unit, r.raw_manufacturer, ${ANSWERS}, e.factor
    FROM product_resolutions r
    JOIN ${readEarlyAnswersSql(kind, file)} e
      ON e.name = r.raw_name AND e.spec IS NOT DISTINCT FROM r.raw_spec AND e.unit IS NOT DISTINCT FROM r.raw_unit
     AND e.manufacturer IS NOT DISTINCT FROM r.raw_manufacturer
    WHERE ${awaitsEngine('r')}`;
}
