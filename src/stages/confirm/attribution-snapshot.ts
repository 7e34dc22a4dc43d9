import type { Database } from '../../db/database.js';
import { periodStart } from '../reconcile/months-sql.js';

/**
 * 销量确认 freezes more than flows: commission is paid from the month's rep attribution, quota,
 * attainment and commission, so those are frozen with it. Later edits of assignments.csv,
 * quotas.csv or commission.yaml for a confirmed month do not rewrite what was paid; a changed
 * rep for a confirmed row becomes a reassignment adjustment booked in the next open month.
 */

/** Which rep each confirmed terminal row was credited to, by its source identity. */
export const CONFIRMED_ATTRIBUTION = 'confirmed_attribution';

/** The confirmed months, from the `$locked` parameter (a JSON list): for `period IN (…)`. */
export const LOCKED_PERIODS_SQL = `SELECT unnest(from_json($locked, '["VARCHAR"]'))`;

/** A terminal row's source identity, how a row meets its confirmed attribution (sheet may be NULL). */
export function sameSourceRow(a: string, b: string): string {
  return `${a}.period = ${b}.period AND ${a}.source_file = ${b}.source_file AND ${a}.sheet IS NOT DISTINCT FROM ${b}.sheet AND ${a}.source_row = ${b}.source_row`;
}
const ATTRIBUTION_COLUMNS = 'period, source_file, sheet, source_row, rep_code, rep_name, territory, manager, rule_kind, assignment_rule';

/** The snapshot table, created by whichever comes first: a confirm, or a run that reads it. */
export const CREATE_CONFIRMED_ATTRIBUTION = `CREATE TABLE IF NOT EXISTS ${CONFIRMED_ATTRIBUTION} (period VARCHAR, source_file VARCHAR, sheet VARCHAR,
  source_row BIGINT, rep_code VARCHAR, rep_name VARCHAR, territory VARCHAR, manager VARCHAR, rule_kind VARCHAR, assignment_rule VARCHAR)`;

/** The figures a confirmed month pays from: restored verbatim on every later run. */
export const FROZEN_FIGURES = ['rep_group_performance', 'commission', 'rep_performance'] as const;
export type FrozenFigure = (typeof FROZEN_FIGURES)[number];

export const confirmedName = (table: FrozenFigure) => `confirmed_${table}`;

/**
 * Inside confirmPeriod's transaction: snapshots the month's attribution and figures as the last
 * run computed them. A workspace without the attribute stage's tables has nothing to freeze.
 */
export async function snapshotAttribution(db: Database, period: string): Promise<number> {
  if (!(await db.tableExists('flow_terminal_attributed'))) return 0;
  await db.run('attribution snapshot table', CREATE_CONFIRMED_ATTRIBUTION);
  await db.run('clear attribution snapshot', `DELETE FROM ${CONFIRMED_ATTRIBUTION} WHERE period = $p`, { p: period });
  await db.run('snapshot attribution', `INSERT INTO ${CONFIRMED_ATTRIBUTION} (${ATTRIBUTION_COLUMNS}) SELECT ${ATTRIBUTION_COLUMNS} FROM flow_terminal_attributed WHERE period = $p`, { p: period });
  for (const table of FROZEN_FIGURES) {
    if (!(await db.tableExists(table))) continue;
    const frozen = confirmedName(table);
    await db.run('figures snapshot table', `CREATE TABLE IF NOT EXISTS ${frozen} AS SELECT * FROM ${table} LIMIT 0`);
    await db.run('clear figures snapshot', `DELETE FROM ${frozen} WHERE period = $p`, { p: period });
    await db.run('snapshot figures', `INSERT INTO ${frozen} BY NAME SELECT * FROM ${table} WHERE period = $p`, { p: period });
  }
  return Number(await db.value('count attribution snapshot', `SELECT count(*) FROM ${CONFIRMED_ATTRIBUTION} WHERE period = $p`, { p: period }));
}

/** The confirmed months, or none where no month was ever confirmed. */
export async function confirmedPeriods(db: Database): Promise<string[]> {
  if (!(await db.tableExists('period_locks'))) return [];
  const rows = await db.all<{ period: string }>('confirmed periods', "SELECT period FROM period_locks WHERE status = 'confirmed' ORDER BY period");
  return rows.map((r) => r.period);
}

/** SQL for the first month after `periodExpr` that is not confirmed: where its corrections are booked. */
export function firstOpenMonthSql(periodExpr: string, lockedListSql: string): string {
  return `(SELECT strftime(min(m), '%Y-%m') FROM range(${periodStart(periodExpr)} + INTERVAL 1 MONTH,
            ${periodStart(periodExpr)} + INTERVAL 120 MONTH, INTERVAL 1 MONTH) t(m)
          WHERE strftime(m, '%Y-%m') NOT IN (${lockedListSql}))`;
}
