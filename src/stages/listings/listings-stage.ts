import type { Database } from '../../db/database.js';
import { NO_TERRITORY } from '../attribute/attribute-sql.js';

/**
 * 进院: the first month each hospital bought each SKU (net of returns that month), and the new
 * listings per month, territory, province and city. Derived from flow_terminal_attributed (the
 * attribute stage's rows: flow_terminal with the rep and territory of the hospital's assignment
 * in that month, or the allocation rule that caught it), so the territory is the one commission is
 * paid on and no assignment logic is repeated here. Rebuilt every run: a restated or late file
 * moves a listing to where the data now puts it.
 */
export const HOSPITAL_LISTINGS_SQL = `CREATE OR REPLACE TABLE hospital_listings AS
WITH monthly AS (
  SELECT buyer_code, sku, period, sum(qty) AS qty, min(txn_date) AS first_txn_date, min(seller_code) AS seller_code,
         -- a hospital × product group has one assignment per month; allocation rules that look at the
         -- distributor could differ by row, so the month's first delivery decides
         arg_min(coalesce(territory, '${NO_TERRITORY}'), (txn_date, rid)) AS territory,
         arg_min(rep_code, (txn_date, rid)) AS rep_code
  FROM flow_terminal_attributed WHERE buyer_type = 'hospital' GROUP BY buyer_code, sku, period HAVING sum(qty) > 0)
SELECT m.buyer_code AS hospital_code, c.name AS hospital_name, c.province, c.city, m.sku, p.name AS product_name,
       arg_min(m.period, m.period) AS first_period,
       arg_min(m.first_txn_date, m.period) AS first_txn_date,
       arg_min(m.seller_code, m.period) AS first_seller_code,
       arg_min(m.qty, m.period) AS first_month_qty,
       arg_min(m.territory, m.period) AS territory,
       arg_min(m.rep_code, m.period) AS rep_code
FROM monthly m
LEFT JOIN customers c ON c.code = m.buyer_code
LEFT JOIN products p ON p.sku = m.sku
GROUP BY m.buyer_code, c.name, c.province, c.city, m.sku, p.name ORDER BY first_period, hospital_code, sku`;

export const NEW_LISTINGS_SQL = `CREATE OR REPLACE TABLE new_listings AS
SELECT first_period AS period, territory, province, city, sku, product_name, count(*) AS new_hospitals,
       string_agg(hospital_name, '、' ORDER BY hospital_code) AS hospitals
FROM hospital_listings GROUP BY ALL ORDER BY period, territory, province, city, sku`;

/** Runs after the attribute stage: it reads flow_terminal_attributed. */
export async function runListingsStage(db: Database): Promise<{ listings: number }> {
  await db.run('hospital listings', HOSPITAL_LISTINGS_SQL);
  await db.run('new listings', NEW_LISTINGS_SQL);
  return { listings: Number(await db.value('count listings', 'SELECT count(*) FROM hospital_listings')) };
}
