import { quoteLiteral, type Database } from '../../db/database.js';
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
 * 进院: the first month each hospital bought each SKU (net of returns that month), from the
 * monthly sums of the pairs `pairs` picks (SQL on buyer_code, sku and period; see listingsRebuild),
 * in its export order (first_period, hospital_code, sku), which the export then only scans: on
 * the 10M month sorting here cost ~1 s and saved ~3 s of the export's own sort.
 */
const hospitalListingsRows = (pairs: string) => `WITH firsts AS (
  SELECT buyer_code, sku, min(period) AS first_period, arg_min(first_txn_date, period) AS first_txn_date,
         arg_min(seller_code, period) AS first_seller_code, arg_min(qty, period) AS first_month_qty,
         arg_min(territory, period) AS territory, arg_min(rep_code, period) AS rep_code
  FROM ${HOSPITAL_SKU_MONTHS} s WHERE ${pairs} GROUP BY buyer_code, sku)
SELECT f.buyer_code AS hospital_code, c.name AS hospital_name, c.province, c.city, f.sku, p.name AS product_name,
       f.first_period, f.first_txn_date, f.first_seller_code, f.first_month_qty, f.territory, f.rep_code
FROM firsts f
LEFT JOIN customers c ON c.code = f.buyer_code
LEFT JOIN products p ON p.sku = f.sku
ORDER BY f.first_period, f.buyer_code, f.sku`;

/**
 * What a run builds of the listings: every month's (`anew`), the listings from month `from` on
 * (`from`: no month before it was summed again), or nothing (`kept`: no month was).
 */
export type ListingsRebuild = { anew: true } | { from: string } | { kept: true };

/**
 * The statements that write hospital_listings and new_listings, once the monthly sums are written.
 * From month `from` on, only the listings whose first month is `from` or later are made again:
 * a pair listed earlier keeps its listing, because the months before `from` (where it was first
 * bought) are as they were, and a pair first bought in `from` or later has no positive month
 * before it, so its first month is among the months from `from` on. A night's listings then
 * read the sums of the new month, not of every month (11 of 12 months of a 3M-row workspace kept:
 * 15.6–16.8 s against 25.6–28.3 s, BENCHMARKS.md), and stay stored in export order: every kept
 * listing's first month is before every new one's.
 */
export function listingsSteps(rebuild: ListingsRebuild): [step: string, sql: string][] {
  if ('kept' in rebuild) return [];
  if ('anew' in rebuild) {
    return [
      ['hospital listings', `CREATE OR REPLACE TABLE hospital_listings AS ${hospitalListingsRows('true')}`],
      ['new listings', NEW_LISTINGS_SQL],
    ];
  }
  const from = quoteLiteral(rebuild.from);
  const laterPairs = `s.period >= ${from} AND NOT EXISTS (SELECT 1 FROM hospital_listings l WHERE l.hospital_code = s.buyer_code AND l.sku = s.sku)`;
  return [
    ['hospital listings: from the first month summed again', `DELETE FROM hospital_listings WHERE first_period >= ${from}`],
    ['hospital listings', `INSERT INTO hospital_listings BY NAME ${hospitalListingsRows(laterPairs)}`],
    ['new listings: from the first month summed again', `DELETE FROM new_listings WHERE period >= ${from}`],
    ['new listings', `INSERT INTO new_listings BY NAME ${newListingsRows(`first_period >= ${from}`)}`],
  ];
}

/**
 * Which listings `months` (the months summed again, SQL on period; null: every month) call for,
 * read before the sums are replaced: the earliest month whose sums are deleted or written.
 * A month-less sum (none in the flows) makes the listings anew: the months' order cannot place it.
 */
async function listingsRebuild(db: Database, months: string | null): Promise<ListingsRebuild> {
  if (months === null) return { anew: true };
  const touched = await db.one<{ from_period: string | null; undated: number | bigint }>(
    'listings: first month summed again',
    `SELECT min(period) AS from_period, count(*) FILTER (WHERE period IS NULL) AS undated
     FROM (SELECT period FROM ${HOSPITAL_SKU_MONTHS} WHERE ${months}
           UNION ALL SELECT period FROM flow_terminal_attributed WHERE buyer_type = 'hospital' AND (${months}))`,
  );
  if (Number(touched?.undated ?? 0) > 0) return { anew: true };
  return touched?.from_period ? { from: touched.from_period } : { kept: true };
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
 * New listings per month, of the listings `where` picks (SQL on hospital_listings).
 */
const newListingsRows = (where: string) => `WITH ranked AS (
  SELECT first_period AS period, territory, province, city, sku, product_name, hospital_code, hospital_name,
         row_number() OVER (grp ORDER BY hospital_code) AS n, count(*) OVER grp AS new_hospitals
  FROM hospital_listings WHERE ${where} WINDOW grp AS (PARTITION BY first_period, territory, province, city, sku)),
named AS (
  SELECT *, string_agg(hospital_name, '、') OVER (PARTITION BY period, territory, province, city, sku ORDER BY hospital_code
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS names
  FROM ranked WHERE n <= ${LISTED_NAMES})
SELECT period, territory, province, city, sku, product_name, new_hospitals,
       names || CASE WHEN new_hospitals > ${LISTED_NAMES} THEN '…等' || new_hospitals || '家' ELSE '' END AS hospitals
FROM named WHERE n = least(new_hospitals, ${LISTED_NAMES})`;

/** new_listings from every listing. */
export const NEW_LISTINGS_SQL = `CREATE OR REPLACE TABLE new_listings AS ${newListingsRows('true')}`;

/**
 * Writes the monthly sums of `months` (null: every month, anew; else those months replaced, the
 * others kept), then the listings they call for (listingsRebuild, listingsSteps).
 */
export async function writeListings(db: Database, months: string | null): Promise<void> {
  const rebuild = await listingsRebuild(db, months);
  const steps = [...replaceMonthsSteps('hospital sku months', HOSPITAL_SKU_MONTHS, hospitalSkuMonthsSql(months ?? 'true'), months), ...listingsSteps(rebuild)];
  for (const [step, sql] of steps) await db.run(step, sql);
}

export interface ListingsSummary {
  listings: number;
  /** Months whose hospital × SKU sums were made this run, and months kept as the last run left them (listed-months.ts). */
  months: { summed: number; kept: number };
}

/** Runs after the attribute stage: it reads flow_terminal_attributed and the months attribute recorded. */
export async function runListingsStage(db: Database): Promise<ListingsSummary> {
  const plan = await planListings(db);
  await forgetListedMonths(db);
  await writeListings(db, monthsBuiltAgain(plan));
  // Last: a run stopped before here has no record of months whose sums or listings it had not finished.
  await recordListedMonths(db, plan);
  return {
    listings: Number(await db.value('count listings', 'SELECT count(*) FROM hospital_listings')),
    months: { summed: plan.fingerprints.size - plan.kept.length, kept: plan.kept.length },
  };
}
