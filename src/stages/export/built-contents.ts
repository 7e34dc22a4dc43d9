/**
 * A per-period table's content for its export fingerprint (export-records.ts), without hashing its
 * rows where the stages that wrote them recorded a fingerprint per month that stands for those rows
 * (db/kept-months.ts): hashing every month's rows of every per-period table took 2.2 s of a night
 * with a year of 1M-row months (flow_terminal_attributed 0.7 s, flow_terminal 0.6 s), growing with
 * the history and ten times that at 10M a month; counting them per period is a scan of one column.
 * flow_terminal's rep_code is filled in place by the attribute stage after classify recorded its
 * months, so its months stand on both stages' records. A table without records, or with a month
 * some record lacks, is hashed as before.
 */
import type { Database } from '../../db/database.js';
import { recordedMonths } from '../../db/kept-months.js';
import { periodContents, type RowsContent } from '../../db/rows-content.js';
import { ATTRIBUTED_MONTHS_TABLE } from '../attribute/attributed-months.js';
import { REP_PERFORMANCE_MONTHS_TABLE } from '../attribute/rep-performance-months.js';
import { CLASSIFIED_TABLES } from '../classify/classify-sql.js';
import { CLASSIFIED_MONTHS_TABLE } from '../classify/classified-months.js';
import { CROSS_TIER_CHECK_TABLE } from '../reconcile/cross-tier-check-sql.js';
import { INVENTORY_RECONCILIATION_TABLE } from '../reconcile/inventory-reconciliation-sql.js';
import { RECONCILED_MONTHS_TABLE } from '../reconcile/reconciled-months.js';

/** Each table whose rows of a month are a function of what these records fingerprint for the month. */
const BUILT_BY: Record<string, string[]> = {
  ...Object.fromEntries(CLASSIFIED_TABLES.map((t) => [t, [CLASSIFIED_MONTHS_TABLE]])),
  flow_terminal: [CLASSIFIED_MONTHS_TABLE, ATTRIBUTED_MONTHS_TABLE],
  [INVENTORY_RECONCILIATION_TABLE]: [RECONCILED_MONTHS_TABLE],
  [CROSS_TIER_CHECK_TABLE]: [RECONCILED_MONTHS_TABLE],
  flow_terminal_attributed: [ATTRIBUTED_MONTHS_TABLE],
  unassigned_volume: [ATTRIBUTED_MONTHS_TABLE],
  rep_performance: [REP_PERFORMANCE_MONTHS_TABLE],
};

/** Per period of `table`: its row count with the records' fingerprints of the month, or its rows' content. */
export async function exportContents(db: Database, table: string): Promise<Map<string, RowsContent>> {
  const records = BUILT_BY[table];
  if (records) {
    const built: [string, Map<string, string>][] = [];
    for (const record of records) built.push([record, (await recordedMonths(db, record)).fingerprints]);
    const counts = await db.all<{ period: string | null; n: number }>(`export rows ${table}`, `SELECT period, count(*) AS n FROM ${table} GROUP BY period`);
    const periods = counts.filter((c): c is { period: string; n: number } => c.period !== null);
    if (periods.every((c) => built.every(([, months]) => months.has(c.period)))) {
      // The records' names are part of it: a hash sum of rows can never read as these.
      const stand = (period: string) => built.map(([record, months]) => `${record} ${months.get(period)}`).join(' ');
      return new Map(periods.map((c) => [c.period, { rows: Number(c.n), hashSum: stand(c.period) }]));
    }
  }
  return periodContents(db, `export fingerprint ${table}`, `SELECT * FROM ${table}`);
}
