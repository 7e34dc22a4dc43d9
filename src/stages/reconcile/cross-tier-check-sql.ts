/**
 * Cross-tier check per month × SKU × (seller, buyer) for distributor-to-distributor trade: the
 * seller's secondary sales to the buyer (flow_secondary) against the buyer's own purchase report
 * of what it bought from that seller (flow_purchases, supplier_code = the seller).
 *
 *   difference = purchase_qty − sales_qty   (negative: the buyer reports less than it was sold)
 *
 * status: 'missing_purchase_report' when the buyer sent no purchase report covering the month,
 * 'missing_sales_report' when the seller sent no sales report covering it, otherwise 'match'
 * (|difference| ≤ $tolerance) or 'mismatch'. A delivery on the last day that the buyer books on
 * the 1st shows as a mismatch in both months, in opposite directions.
 */
import { reportMonths } from './report-months-sql.js';

export const CROSS_TIER_CHECK_TABLE = 'cross_tier_check';

/** The rows of the months `months` picks (SQL on a `period` column: a month's rows read only that month's), in export order (a SELECT). */
export const crossTierCheckRows = (months: string): string => `WITH distributors AS (
  SELECT code, name, tier FROM customers WHERE type = 'distributor'
),
sold AS (
  SELECT period, sku, seller_code, buyer_code, sum(qty) AS qty, count(*) AS rows
  FROM flow_secondary WHERE period IS NOT NULL AND (${months}) GROUP BY ALL
),
bought AS (
  SELECT period, sku, supplier_code AS seller_code, buyer_code, sum(qty) AS qty, count(*) AS rows
  FROM flow_purchases
  WHERE period IS NOT NULL AND (${months}) AND supplier_code IN (SELECT code FROM distributors)
  GROUP BY ALL
),
sales_reports AS ${reportMonths('sales')},
purchase_reports AS ${reportMonths('purchases')},
pairs AS (
  SELECT period, sku, seller_code, buyer_code,
         s.qty AS sales_qty, s.rows AS sales_rows, b.qty AS purchase_qty, b.rows AS purchase_rows
  FROM sold s FULL JOIN bought b USING (period, sku, seller_code, buyer_code)
)
SELECT p.period, p.sku, p.seller_code, sd.name AS seller_name, sd.tier AS seller_tier,
       p.buyer_code, bd.name AS buyer_name, bd.tier AS buyer_tier,
       round(coalesce(p.sales_qty, 0), 4) AS sales_qty, coalesce(p.sales_rows, 0) AS sales_rows,
       round(coalesce(p.purchase_qty, 0), 4) AS purchase_qty, coalesce(p.purchase_rows, 0) AS purchase_rows,
       round(coalesce(p.purchase_qty, 0) - coalesce(p.sales_qty, 0), 4) AS difference,
       CASE
         WHEN pr.period IS NULL THEN 'missing_purchase_report'
         WHEN sr.period IS NULL THEN 'missing_sales_report'
         WHEN abs(coalesce(p.purchase_qty, 0) - coalesce(p.sales_qty, 0)) <= $tolerance::DOUBLE + 1e-9 THEN 'match'
         ELSE 'mismatch'
       END AS status
FROM pairs p
LEFT JOIN distributors sd ON sd.code = p.seller_code
LEFT JOIN distributors bd ON bd.code = p.buyer_code
LEFT JOIN purchase_reports pr ON pr.distributor_code = p.buyer_code AND pr.period = p.period
LEFT JOIN sales_reports sr ON sr.distributor_code = p.seller_code AND sr.period = p.period
ORDER BY p.period, p.seller_code, p.buyer_code, p.sku`;

export function crossTierCheckParams(settings: { crossTierToleranceBoxes: number }) {
  return { tolerance: settings.crossTierToleranceBoxes };
}
