/**
 * The reconciled months left as they are. The 进销存 reconciliation and the cross-tier check
 * aggregated every month's flow rows each run (3.6 s of a night on the 3M workspace with two
 * months; more with every month of history), though a night changes only a month or two.
 *
 * A month's rows of inventory_reconciliation and cross_tier_check are a function of:
 *   - its rows in the classified tables (flows, purchases, stock, unresolved rows), and the month
 *     before's stock (its opening): the classify stage records a fingerprint per month that stands
 *     for those rows (classified-months.ts, recorded after the locks stage, before this one), so
 *     the plan reads that instead of hashing the month's rows again. It stands for the SKU and
 *     unit factor of each unresolved row too (UNRESOLVED_BY_SKU): classify's fingerprint is of the
 *     loaded rows with the product resolution they meet by the same key. Hashing that aggregate
 *     here took 1.5 s a night with a year of history;
 *   - the reports each distributor sent for the month (`files`);
 *   - the distributors in the customer master, the tolerances, the code, and DuckDB's version.
 * terminal_inventory sums every month up to each one, and costs little: it is made anew.
 */
import type { Database } from '../../db/database.js';
import { builtAs, forgetMonths, notKeptSql, planMonths, recordedMonths, recordMonths, type MonthInput, type MonthPlan } from '../../db/kept-months.js';
import { periodContents, queryContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { nextMonth, previousMonth } from '../../period.js';
import { CLASSIFIED_MONTHS_TABLE } from '../classify/classified-months.js';
import { CROSS_TIER_CHECK_TABLE } from './cross-tier-check-sql.js';
import { INVENTORY_RECONCILIATION_TABLE, type ReconciledMonths } from './inventory-reconciliation-sql.js';
import type { ReconcileSettings } from './reconcile-options.js';
import { reportMonths } from './report-months-sql.js';

export const RECONCILED_MONTHS_TABLE = 'reconciled_months';

/** The code the kept rows depend on: this folder, the month before's name, the fingerprint and the month-by-month writes. */
const RECONCILE_CODE = { dirs: ['.'], files: ['../../period', '../../db/rows-content', '../../db/kept-months'] };
const RECONCILE_CODE_HASH = codeFingerprint(import.meta.url, RECONCILE_CODE); // as the module loads (code-fingerprint.ts)

const REPORTS = `SELECT 'sales' AS kind, r.* FROM ${reportMonths('sales')} r UNION ALL SELECT 'purchases', r.* FROM ${reportMonths('purchases')} r`;

/** Which months must be reconciled this run: those classified again, after one classified again, or new. */
export async function planReconcile(db: Database, settings: ReconcileSettings): Promise<MonthPlan> {
  const classified = builtAs(await recordedMonths(db, CLASSIFIED_MONTHS_TABLE));
  const before = new Map<string, MonthInput>();
  for (const month of classified.keys()) {
    const previous = classified.get(previousMonth(month));
    if (previous) before.set(month, previous);
  }
  const distributors = await queryContent(db, 'reconcile fingerprint: distributors', "SELECT code, name, tier FROM customers WHERE type = 'distributor'");
  return planMonths(db, RECONCILED_MONTHS_TABLE, {
    shared: [RECONCILE_CODE_HASH, settings, distributors],
    months: classified,
    perMonth: [before, await periodContents(db, 'reconcile fingerprint: reports', REPORTS)],
    keptIn: [INVENTORY_RECONCILIATION_TABLE, CROSS_TIER_CHECK_TABLE],
  });
}

/**
 * What a run of `plan` reads and makes: the months not kept, and their input rows with the month
 * before each (its stock is their opening). A kept month is read only when the month after it is
 * made again; the last kept month is read too, which costs a month's read at most.
 */
export function reconciledMonths(plan: Pick<MonthPlan, 'kept'>): ReconciledMonths {
  const kept = new Set(plan.kept);
  const unread = plan.kept.filter((month) => kept.has(nextMonth(month)));
  return { read: notKeptSql(unread), made: notKeptSql(plan.kept) };
}

/** Clears the records: before the tables are touched. */
export const forgetReconciledMonths = (db: Database): Promise<void> => forgetMonths(db, RECONCILED_MONTHS_TABLE);

/** Records every month's fingerprint, once the months' rows are written. */
export const recordReconciledMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, RECONCILED_MONTHS_TABLE, plan);
