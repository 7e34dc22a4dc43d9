/**
 * 进销存 reconciliation per distributor × SKU × month:
 *
 *   calculated closing = opening + purchases − sales − in transit
 *   gap               = reported closing − calculated closing
 *
 * - opening: last month's reported closing (the distributor's last snapshot of the previous
 *   month; a SKU absent from a snapshot the distributor did send counts 0). NULL, with
 *   `no_opening`, when there was no snapshot last month, and then nothing downstream is
 *   calculated: an invented opening would make every gap meaningless.
 * - purchases: the distributor's own purchase report when it sent one covering the month
 *   (`purchases_source` = 'purchase_report'), otherwise what its suppliers sold it: our
 *   shipments (flow_primary) plus other distributors' secondary sales to it ('supplier_sales').
 *   `supplier_sales` is shown either way, so the sell-in side can be compared.
 * - sales: its secondary + terminal sales, returns netted (they are negative rows); `returns`
 *   shows the netted part.
 * - no_sales_report: the distributor sent no sales report covering the month, so its sales of 0
 *   mean "unknown", not "none".
 * - in transit and reported closing: the distributor's last snapshot of the month.
 * - days of inventory: reported closing ÷ average daily sales of the month (NULL without sales).
 * - flags: gap_beyond_tolerance (|gap| > max($gap_boxes, $gap_share × |sales|)), negative_stock
 *   (reported or calculated closing below 0), overstock (days of inventory > $overstock_days, or
 *   stock on hand with no net sales in a month it reported sales), no_opening, no_inventory_report, no_sales_report;
 *   `flagged` = gap_beyond_tolerance OR negative_stock OR overstock (the ones that need a person;
 *   the no_* flags say a check could not be made).
 * - unresolved_sales / unresolved_purchases: boxes of this SKU still in unresolved_rows because
 *   the counterparty is not confirmed; `gap_after_unresolved` is the gap if they were counted.
 *
 * Bound parameters: $gap_boxes, $gap_share, $overstock_days.
 *
 * A month's lines read only that month's rows and the month before's stock, so a run can make
 * some months again and leave the others (reconciled-months.ts): `months.read` picks the input
 * rows (the months made again and the months before them), `months.made` the lines written.
 */
import { UNRESOLVED_BY_SKU } from './unresolved-sql.js';
import { daysInPeriod, nextPeriod, previousPeriod } from './months-sql.js';
import { reportMonths } from './report-months-sql.js';

export const INVENTORY_RECONCILIATION_TABLE = 'inventory_reconciliation';

const r4 = (expr: string) => `round(${expr}, 4)`;

/** SQL on a `period` column: the input rows a run reads, and the months whose lines it makes. */
export interface ReconciledMonths {
  read: string;
  made: string;
}

/** The lines of the months `months.made`, in export order (a SELECT). */
export const inventoryReconciliationRows = (months: ReconciledMonths): string => `WITH distributors AS (
  SELECT code, name, tier FROM customers WHERE type = 'distributor'
),
-- the distributor's last snapshot of each month
last_snapshot AS (
  SELECT distributor_code, period, max(snapshot_date) AS snapshot_date
  FROM inventory_snapshots WHERE period IS NOT NULL AND (${months.read}) GROUP BY ALL
),
stock AS (
  SELECT s.distributor_code, s.period, s.sku, sum(s.qty) AS qty, sum(s.in_transit) AS in_transit
  FROM inventory_snapshots s
  JOIN last_snapshot l ON l.distributor_code = s.distributor_code AND l.period = s.period
       AND l.snapshot_date IS NOT DISTINCT FROM s.snapshot_date
  WHERE s.sku IS NOT NULL -- the months last_snapshot reads
  GROUP BY ALL
),
purchase_reports AS ${reportMonths('purchases')},
sales_reports AS ${reportMonths('sales')},
reported_purchases AS (
  SELECT buyer_code AS distributor_code, period, sku, sum(qty) AS qty FROM flow_purchases WHERE ${months.read} GROUP BY ALL
),
supplier_sales AS (
  SELECT buyer_code AS distributor_code, period, sku, sum(qty) AS qty
  FROM (SELECT buyer_code, period, sku, qty FROM flow_primary
        UNION ALL SELECT buyer_code, period, sku, qty FROM flow_secondary)
  WHERE ${months.read}
  GROUP BY ALL
),
own_sales AS (
  SELECT seller_code AS distributor_code, period, sku, sum(qty) AS qty,
         coalesce(sum(qty) FILTER (WHERE qty < 0), 0) AS returns
  FROM (SELECT seller_code, period, sku, qty FROM flow_secondary
        UNION ALL SELECT seller_code, period, sku, qty FROM flow_terminal)
  WHERE ${months.read}
  GROUP BY ALL
),
unresolved AS (SELECT * FROM ${UNRESOLVED_BY_SKU} WHERE ${months.read}),
activity AS (
  SELECT distributor_code, period, sku FROM stock
  UNION SELECT distributor_code, period, sku FROM reported_purchases
  UNION SELECT distributor_code, period, sku FROM supplier_sales
  UNION SELECT distributor_code, period, sku FROM own_sales
  UNION SELECT distributor_code, period, sku FROM unresolved
),
-- a SKU in last month's stock gets a row this month when the distributor did anything this month
-- (a SKU that silently vanished from the stock report is a gap to see, not a row to lose)
active_months AS (SELECT DISTINCT distributor_code, period FROM activity),
keys AS (
  SELECT distributor_code, period, sku FROM activity WHERE period IS NOT NULL AND sku IS NOT NULL
  UNION
  SELECT s.distributor_code, ${nextPeriod('s.period')} AS period, s.sku
  FROM stock s JOIN active_months a ON a.distributor_code = s.distributor_code AND a.period = ${nextPeriod('s.period')}
),
lines AS (
  SELECT k.period, k.distributor_code, d.name AS distributor_name, d.tier AS distributor_tier, k.sku,
         CASE WHEN pl.period IS NOT NULL THEN coalesce(ps.qty, 0) END AS opening,
         pl.snapshot_date AS opening_snapshot_date,
         CASE WHEN pr.period IS NOT NULL THEN 'purchase_report' ELSE 'supplier_sales' END AS purchases_source,
         CASE WHEN pr.period IS NOT NULL THEN coalesce(rp.qty, 0) ELSE coalesce(ss.qty, 0) END AS purchases,
         coalesce(ss.qty, 0) AS supplier_sales,
         coalesce(os.qty, 0) AS sales,
         coalesce(os.returns, 0) AS returns,
         CASE WHEN cl.period IS NOT NULL THEN st.in_transit END AS in_transit,
         CASE WHEN cl.period IS NOT NULL THEN coalesce(st.qty, 0) END AS reported_closing,
         cl.snapshot_date,
         coalesce(us.qty, 0) AS unresolved_sales,
         CASE WHEN pr.period IS NOT NULL THEN coalesce(up.qty, 0) ELSE 0 END AS unresolved_purchases,
         sr.period IS NULL AS no_sales_report,
         ${daysInPeriod('k.period')} AS days_in_month
  FROM keys k
  JOIN distributors d ON d.code = k.distributor_code
  LEFT JOIN last_snapshot pl ON pl.distributor_code = k.distributor_code AND pl.period = ${previousPeriod('k.period')}
  LEFT JOIN stock ps ON ps.distributor_code = k.distributor_code AND ps.period = pl.period AND ps.sku = k.sku
  LEFT JOIN last_snapshot cl ON cl.distributor_code = k.distributor_code AND cl.period = k.period
  LEFT JOIN stock st ON st.distributor_code = k.distributor_code AND st.period = k.period AND st.sku = k.sku
  LEFT JOIN purchase_reports pr ON pr.distributor_code = k.distributor_code AND pr.period = k.period
  LEFT JOIN sales_reports sr ON sr.distributor_code = k.distributor_code AND sr.period = k.period
  LEFT JOIN reported_purchases rp ON rp.distributor_code = k.distributor_code AND rp.period = k.period AND rp.sku = k.sku
  LEFT JOIN supplier_sales ss ON ss.distributor_code = k.distributor_code AND ss.period = k.period AND ss.sku = k.sku
  LEFT JOIN own_sales os ON os.distributor_code = k.distributor_code AND os.period = k.period AND os.sku = k.sku
  LEFT JOIN unresolved us ON us.kind = 'sales' AND us.distributor_code = k.distributor_code AND us.period = k.period AND us.sku = k.sku
  LEFT JOIN unresolved up ON up.kind = 'purchases' AND up.distributor_code = k.distributor_code AND up.period = k.period AND up.sku = k.sku
),
calculated AS (
  SELECT *,
         opening + purchases - sales - coalesce(in_transit, 0) AS calculated_closing,
         CASE WHEN sales > 0 AND NOT no_sales_report THEN reported_closing / (sales / days_in_month) END AS days_of_inventory,
         greatest($gap_boxes::DOUBLE, $gap_share::DOUBLE * abs(sales)) AS gap_tolerance
  FROM lines
),
gaps AS (
  SELECT *, reported_closing - calculated_closing AS gap,
         reported_closing - calculated_closing + unresolved_sales - unresolved_purchases AS gap_after_unresolved
  FROM calculated
),
flags AS (
  SELECT *,
         coalesce(abs(gap) > gap_tolerance + 1e-9, false) AS gap_beyond_tolerance,
         coalesce(reported_closing < 0, false) OR coalesce(calculated_closing < -1e-9, false) AS negative_stock,
         coalesce(days_of_inventory > $overstock_days::DOUBLE, false) OR coalesce(reported_closing > 0 AND sales <= 0 AND NOT no_sales_report, false) AS overstock,
         opening IS NULL AS no_opening,
         snapshot_date IS NULL AS no_inventory_report
  FROM gaps
)
SELECT period, distributor_code, distributor_name, distributor_tier, sku,
       ${r4('opening')} AS opening, opening_snapshot_date,
       ${r4('purchases')} AS purchases, purchases_source, ${r4('supplier_sales')} AS supplier_sales,
       ${r4('sales')} AS sales, ${r4('returns')} AS returns, ${r4('in_transit')} AS in_transit,
       ${r4('calculated_closing')} AS calculated_closing, ${r4('reported_closing')} AS reported_closing, snapshot_date,
       ${r4('gap')} AS gap, ${r4('gap_tolerance')} AS gap_tolerance,
       ${r4('unresolved_sales')} AS unresolved_sales, ${r4('unresolved_purchases')} AS unresolved_purchases,
       ${r4('gap_after_unresolved')} AS gap_after_unresolved,
       days_in_month, round(days_of_inventory, 1) AS days_of_inventory,
       gap_beyond_tolerance, negative_stock, overstock, no_opening, no_inventory_report, no_sales_report,
       gap_beyond_tolerance AND coalesce(abs(gap_after_unresolved) <= gap_tolerance + 1e-9, false) AS gap_explained_by_unresolved,
       gap_beyond_tolerance OR negative_stock OR overstock AS flagged
FROM flags
WHERE ${months.made}
ORDER BY period, distributor_code, sku`;

/** Values for the bound parameters of inventoryReconciliationRows. */
export function inventoryReconciliationParams(settings: { gapToleranceBoxes: number; gapToleranceShare: number; overstockDays: number }) {
  return { gap_boxes: settings.gapToleranceBoxes, gap_share: settings.gapToleranceShare, overstock_days: settings.overstockDays };
}
