import type { Database } from '../../db/database.js';
import { monthsBuiltAgain, replaceMonthsSteps } from '../../db/kept-months.js';
import { NO_TERRITORY } from '../attribute/attribute-sql.js';
import { forgetListedMonths, HOSPITAL_SKU_MONTHS, planListings, recordListedMonths } from './listed-months.js';

/**
 * A row's place in the month's delivery order (txn_date, then rid) as one BIGINT: arg_min over a
 * number is far cheaper than over a (date, rid) struct. An undated row sorts last, as NULL does in
 * the struct; rid stays below 2^40.
 */
const DELIVERY_ORDER = `(date_diff('day', DATE '1970-01-01', coalesce(txn_date, DATE '9999-12-31'))::BIGINT << 40) + rid`;

/**
 * Each hospital's net purchases of each SKU per month (`months`: SQL on a `period` column),
 * where positive: what the listings are made from. Derived from flow_terminal_attributed (the
 * attribute stage's rows: flow_terminal with the rep and territory of the hospital's assignment
 * in that month, or the allocation rule that caught it), so the territory is the one commission
 * is paid on and no assignment logic is repeated here. A month's sums depend on its rows alone,
 * so a month attributed as it was keeps them (listed-months.ts).
 */
const hospitalSkuMonthsSql = (months: string) => `SELECT buyer_code, sku, period, sum(qty) AS qty, min(txn_date) AS first_txn_date, min(seller_code) AS seller_code,
         -- a hospital × product group has one assignment per month; allocation rules that look at the
         -- distributor could differ by row, so the month's first delivery decides
         arg_min(coalesce(territory, '${NO_TERRITORY}'), ${DELIVERY_ORDER}) AS territory,
         arg_min(rep_code, ${DELIVERY_ORDER}) AS rep_code
  FROM flow_terminal_attributed WHERE buyer_type = 'hospital' AND (${months}) GROUP BY buyer_code, sku, period HAVING sum(qty) > 0`;

/**
 * 进院: the first month each hospital bought each SKU (net of returns that month), from every
 * month's sums. Rebuilt every run: a restated or late file moves a listing to where the data now
 * puts it. Written in its export order (first_period, hospital_code, sku), which the export then
 * only scans: on the 10M month sorting here cost ~1 s and saved ~3 s of the export's own sort.
 */
const HOSPITAL_LISTINGS_SQL = `CREATE OR REPLACE TABLE hospital_listings AS
WITH firsts AS (
  SELECT buyer_code, sku, min(period) AS first_period, arg_min(first_txn_date, period) AS first_txn_date,
         arg_min(seller_code, period) AS first_seller_code, arg_min(qty, period) AS first_month_qty,
         arg_min(territory, period) AS territory, arg_min(rep_code, period) AS rep_code
  FROM ${HOSPITAL_SKU_MONTHS} GROUP BY buyer_code, sku)
SELECT f.buyer_code AS hospital_code, c.name AS hospital_name, c.province, c.city, f.sku, p.name AS product_name,
       f.first_period, f.first_txn_date, f.first_seller_code, f.first_month_qty, f.territory, f.rep_code
FROM firsts f
LEFT JOIN customers c ON c.code = f.buyer_code
LEFT JOIN products p ON p.sku = f.sku
ORDER BY f.first_period, f.buyer_code, f.sku`;

/**
 * The statements that write hospital_listings: the monthly sums of `months` (null: every month,
 * anew; else those months replaced, the others kept), then the listings from all of them.
 */
export function hospitalListingsSteps(months: string | null): [step: string, sql: string][] {
  return [...replaceMonthsSteps('hospital sku months', HOSPITAL_SKU_MONTHS, hospitalSkuMonthsSql(months ?? 'true'), months), ['hospital listings', HOSPITAL_LISTINGS_SQL]];
}

/**
 * How many hospital names one new-listings row spells out. In a national month a city × SKU can
 * gain thousands of hospitals at once (the first month of data makes every buyer new): the names
 * of all of them would not fit an Excel cell (32,767 characters), nobody reads them, and holding
 * them per group ran DuckDB out of memory at 10M rows. The count is always exact.
 */
export const LISTED_NAMES = 100;

/**
 * Names by window, not by aggregate: a window spills its partitions to disk, while a grouped
 * string_agg/list keeps every group's names in memory (out of memory at 10M rows, even capped).
 * The running string_agg over at most LISTED_NAMES rows is kept at each group's last listed row.
 */
export const NEW_LISTINGS_SQL = `CREATE OR REPLACE TABLE new_listings AS
WITH ranked AS (
  SELECT first_period AS period, territory, province, city, sku, product_name, hospital_code, hospital_name,
         row_number() OVER (grp ORDER BY hospital_code) AS n, count(*) OVER grp AS new_hospitals
  FROM hospital_listings WINDOW grp AS (PARTITION BY first_period, territory, province, city, sku)),
named AS (
  SELECT *, string_agg(hospital_name, '、') OVER (PARTITION BY period, territory, province, city, sku ORDER BY hospital_code
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS names
  FROM ranked WHERE n <= ${LISTED_NAMES})
SELECT period, territory, province, city, sku, product_name, new_hospitals,
       names || CASE WHEN new_hospitals > ${LISTED_NAMES} THEN '…等' || new_hospitals || '家' ELSE '' END AS hospitals
FROM named WHERE n = least(new_hospitals, ${LISTED_NAMES})`;

export interface ListingsSummary {
  listings: number;
  /** Months whose hospital × SKU sums were made this run, and months kept as the last run left them (listed-months.ts). */
  months: { summed: number; kept: number };
}

/** Runs after the attribute stage: it reads flow_terminal_attributed and the months attribute recorded. */
export async function runListingsStage(db: Database): Promise<ListingsSummary> {
  const plan = await planListings(db);
  await forgetListedMonths(db);
  for (const [step, sql] of hospitalListingsSteps(monthsBuiltAgain(plan))) await db.run(step, sql);
  await recordListedMonths(db, plan);
  await db.run('new listings', NEW_LISTINGS_SQL);
  return {
    listings: Number(await db.value('count listings', 'SELECT count(*) FROM hospital_listings')),
    months: { summed: plan.fingerprints.size - plan.kept.length, kept: plan.kept.length },
  };
}
