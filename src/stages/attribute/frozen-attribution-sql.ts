/**
 * Confirmed months keep the attribution they were paid from. The attribute stage attributes
 * every terminal row with the current config (`current_attribution`), then:
 *   - rows of a confirmed month take back the rep they were confirmed with (`confirmed_attribution`);
 *   - where the current config now names another rep, the row's volume is moved by a
 *     reassignment adjustment — minus for the confirmed rep, plus for the current one — booked
 *     in the first open month after it, like every other correction of a paid month.
 * Pure SQL; `$locked` is the JSON list of confirmed months.
 */
import { CONFIRMED_ATTRIBUTION, firstOpenMonthSql, LOCKED_PERIODS_SQL as LOCKED, sameSourceRow } from '../confirm/attribution-snapshot.js';
import { NO_REP } from './attribute-sql.js';

/** One frozen row per source row of a confirmed month. */
const FROZEN = `SELECT * FROM ${CONFIRMED_ATTRIBUTION} WHERE period IN (${LOCKED})
  QUALIFY row_number() OVER (PARTITION BY period, source_file, sheet, source_row ORDER BY rep_code NULLS LAST) = 1`;

const SAME_ROW = sameSourceRow('f', 'c');

/** The current attribution's rows, with confirmed rows as they were confirmed; in rid order, as attachSql writes it. */
export const FROZEN_APPLIED_ROWS = `SELECT c.* REPLACE (
           CASE WHEN f.period IS NULL THEN c.rep_code ELSE f.rep_code END AS rep_code,
           CASE WHEN f.period IS NULL THEN c.rep_name ELSE f.rep_name END AS rep_name,
           CASE WHEN f.period IS NULL THEN c.territory ELSE f.territory END AS territory,
           CASE WHEN f.period IS NULL THEN c.manager ELSE f.manager END AS manager,
           CASE WHEN f.period IS NULL THEN c.rule_kind ELSE f.rule_kind END AS rule_kind,
           CASE WHEN f.period IS NULL THEN c.assignment_rule ELSE 'confirmed ' || c.period || ': ' || f.assignment_rule END AS assignment_rule)
  FROM current_attribution c LEFT JOIN (${FROZEN}) f ON ${SAME_ROW}
  ORDER BY c.rid`;

/** flow_terminal_attributed: every row of the current attribution, confirmed rows as they were confirmed. */
export const APPLY_FROZEN_ATTRIBUTION = `CREATE OR REPLACE TABLE flow_terminal_attributed AS ${FROZEN_APPLIED_ROWS}`;

const booked = firstOpenMonthSql('c.period', LOCKED);

/**
 * A confirmed row whose rep the current config changes: two lines, each traceable to the source
 * row and both rules, so the confirmed rep's next commission is reduced and the new rep's raised.
 */
export const REASSIGNMENT_ROWS = `WITH moved AS (
    SELECT c.*, f.rep_code AS was_rep_code, f.rep_name AS was_rep_name, f.territory AS was_territory, f.manager AS was_manager,
           f.assignment_rule AS was_rule, ${booked} AS booked_in
    FROM current_attribution c JOIN (${FROZEN}) f ON ${SAME_ROW}
    WHERE f.rep_code IS DISTINCT FROM c.rep_code)
  SELECT period, booked_in, seller_code, buyer_code, sku, product_group, -qty AS qty, -coalesce(amount, 0) AS amount,
         was_rep_code AS rep_code, was_rep_name AS rep_name, was_territory AS territory, was_manager AS manager,
         'reassigned to ' || coalesce(rep_code, '${NO_REP}') || ' by ' || assignment_rule || '; confirmed under ' || was_rule AS assignment_rule,
         source_file, sheet, source_row
  FROM moved
  UNION ALL
  SELECT period, booked_in, seller_code, buyer_code, sku, product_group, qty, coalesce(amount, 0),
         rep_code, rep_name, territory, manager,
         'reassigned from ' || coalesce(was_rep_code, '${NO_REP}') || ' by ' || assignment_rule || '; confirmed under ' || was_rule,
         source_file, sheet, source_row
  FROM moved
  ORDER BY period, source_file, sheet, source_row, qty`;

/** reassignment_adjustments: the reassignments of every row of the current attribution. */
export const REASSIGNMENT_ADJUSTMENTS = `CREATE OR REPLACE TABLE reassignment_adjustments AS ${REASSIGNMENT_ROWS}`;

/**
 * Every terminal adjustment that counts in the month it is booked in: restatements of confirmed
 * months (attributed with the assignment of the month they belong to) and reassignments.
 */
export const BOOKED_ADJUSTMENTS = `CREATE OR REPLACE TABLE booked_adjustments AS
  SELECT 'restatement' AS kind, period, booked_in, seller_code, buyer_code, sku, product_group, qty, amount,
         rep_code, rep_name, territory, manager, assignment_rule, NULL::VARCHAR AS source_file, NULL::BIGINT AS source_row
  FROM adjustment_attribution WHERE booked_in IS NOT NULL
  UNION ALL
  SELECT 'reassignment', period, booked_in, seller_code, buyer_code, sku, product_group, qty, amount,
         rep_code, rep_name, territory, manager, assignment_rule, source_file, source_row
  FROM reassignment_adjustments WHERE booked_in IS NOT NULL
  ORDER BY ALL`;

/** Figures of confirmed months come back verbatim from their snapshot (quota or band edits included). */
export function restoreFrozenSql(table: string, frozen: string): [string, string] {
  return [
    `DELETE FROM ${table} WHERE period IN (SELECT period FROM ${frozen} WHERE period IN (${LOCKED}))`,
    `INSERT INTO ${table} BY NAME SELECT * FROM ${frozen} WHERE period IN (${LOCKED})`,
  ];
}
