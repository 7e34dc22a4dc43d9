/**
 * The months of `rep_performance` (per SKU) kept as the last run left them. Its SKU apportionment
 * (rep-sku-sql.ts) ran over every month each run: 3.9 s of a 3M workspace's night with two months,
 * nearly all of it on the month nothing had touched.
 *
 * A month's SKU rows are a function of:
 *   - its attributed rows, which are as they were when attribute kept the month: the month's
 *     attribution fingerprint (attributed-months.ts) stands for them;
 *   - the terminal adjustments booked in it (booked_adjustments by booked_in);
 *   - its rows of rep_group_performance, which carry the group's quota, attainment, band, rate,
 *     commission and the rep's name (a confirmed month's as frozen): quotas, commission rules and
 *     the year-to-date sums that reach across months all act through them;
 *   - the product master (the SKU's name), and the code that splits.
 * The table is small beside the attributed rows: the fingerprint costs two scans of it and of the
 * booked adjustments, not of the month's rows.
 */
import type { Database } from '../../db/database.js';
import { builtAs, forgetMonths, planMonths, recordMonths, type MonthPlan } from '../../db/kept-months.js';
import { periodContents, queryContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';

export const REP_PERFORMANCE_MONTHS_TABLE = 'rep_performance_months';

/** The code the SKU rows depend on: the split, its constants, this plan, the fingerprint and the month-by-month writes. */
const REP_PERFORMANCE_CODE = { dirs: [], files: ['rep-sku-sql', 'attribute-sql', 'rep-performance-months', '../../db/rows-content', '../../db/kept-months'] };
const REP_PERFORMANCE_CODE_HASH = codeFingerprint(import.meta.url, REP_PERFORMANCE_CODE); // as the module loads (code-fingerprint.ts)

/**
 * Which months of rep_performance must be built this run, given the attribution's plan (its
 * fingerprint per month); called once rep_group_performance is final (frozen figures restored).
 */
export async function planRepPerformance(db: Database, attribution: MonthPlan): Promise<MonthPlan> {
  return planMonths(db, REP_PERFORMANCE_MONTHS_TABLE, {
    shared: [REP_PERFORMANCE_CODE_HASH, await queryContent(db, 'rep performance fingerprint: products', 'SELECT * FROM products')],
    months: await periodContents(db, 'rep performance fingerprint: group rows', 'SELECT * FROM rep_group_performance'),
    perMonth: [
      builtAs(attribution),
      await periodContents(db, 'rep performance fingerprint: booked adjustments', 'SELECT booked_in AS period, period AS adjusted_period, * EXCLUDE (period, booked_in) FROM booked_adjustments'),
    ],
    keptIn: ['rep_performance'],
  });
}

/** Clears the records: before rep_performance is touched. */
export const forgetRepPerformanceMonths = (db: Database): Promise<void> => forgetMonths(db, REP_PERFORMANCE_MONTHS_TABLE);

/** Records every month's fingerprint, once rep_performance is written (confirmed months' frozen rows included). */
export const recordRepPerformanceMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, REP_PERFORMANCE_MONTHS_TABLE, plan);
