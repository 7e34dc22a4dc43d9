/**
 * 终端库存: what a pharmacy chain (a `retail` feed) should still have on its shelves, per chain
 * and per store × SKU × month:
 *
 *   estimated stock = Σ (purchases − sell-out), cumulative from the first month either side has
 *
 * - chain: the retail feed's distributor code (pharmacy_sellout.pharmacy_code); its stores are the
 *   store codes its sell-out names (store names resolved like buyers). Purchases are the flow_terminal
 *   rows whose buyer is the chain itself (central buying) or one of its stores, from any distributor.
 * - store rows only for stores some distributor's sales name as the buyer: a store supplied through
 *   its HQ has no purchases of its own, so a store-level stock would only count its sell-out.
 * - average weekly sell-out = the month's sell-out ÷ (days in the month ÷ 7); weeks of cover =
 *   estimated stock ÷ that (NULL without sell-out, or with negative stock: no cover to speak of).
 * - negative_stock: sell-out exceeds everything bought so far — a distributor that supplies the
 *   chain sends no report, or a store buys under a name nobody resolved.
 * There is no opening: stock held before the first month is unknown and counts 0, so the first
 * months understate the stock (the estimate is a floor).
 */
import { daysInPeriod, periodStart } from './months-sql.js';

export const TERMINAL_INVENTORY_TABLE = 'terminal_inventory';

const r4 = (expr: string) => `round(${expr}, 4)`;

export const TERMINAL_INVENTORY_SQL = `CREATE OR REPLACE TABLE ${TERMINAL_INVENTORY_TABLE} AS
WITH sellout AS (
  SELECT pharmacy_code AS chain_code, store_code, period, sku, sum(qty) AS qty
  FROM pharmacy_sellout WHERE sku IS NOT NULL AND period IS NOT NULL GROUP BY ALL
),
chain_stores AS (SELECT DISTINCT chain_code, store_code FROM sellout WHERE store_code IS NOT NULL),
bought AS (
  -- a chain's purchases: bought by the HQ (store_code NULL) or by one of its stores
  SELECT c.chain_code, CASE WHEN t.buyer_code = c.chain_code THEN NULL ELSE t.buyer_code END AS store_code, t.period, t.sku, sum(t.qty) AS qty
  FROM flow_terminal t
  JOIN (SELECT DISTINCT chain_code, chain_code AS member FROM sellout UNION SELECT chain_code, store_code FROM chain_stores) c
    ON c.member = t.buyer_code
  WHERE t.sku IS NOT NULL GROUP BY ALL
),
stores_named_in_purchases AS (SELECT DISTINCT chain_code, store_code FROM bought WHERE store_code IS NOT NULL),
movements AS (
  SELECT 'chain' AS level, chain_code, NULL::VARCHAR AS store_code, period, sku, qty AS purchases, 0 AS sellout FROM bought
  UNION ALL SELECT 'chain', chain_code, NULL, period, sku, 0, qty FROM sellout
  UNION ALL SELECT 'store', chain_code, store_code, period, sku, qty, 0 FROM bought WHERE store_code IS NOT NULL
  UNION ALL SELECT 'store', s.chain_code, s.store_code, s.period, s.sku, 0, s.qty
    FROM sellout s JOIN stores_named_in_purchases n USING (chain_code, store_code)
),
monthly AS (
  SELECT level, chain_code, store_code, period, sku, sum(purchases) AS purchases, sum(sellout) AS sellout FROM movements GROUP BY ALL
),
-- every month from the entity's first month with this SKU to the chain's last month of data, so a
-- month with neither purchases nor sell-out still carries its stock forward
span AS (
  SELECT m.level, m.chain_code, m.store_code, m.sku, min(m.period) AS first_period, any_value(l.last_period) AS last_period
  FROM monthly m JOIN (SELECT chain_code, max(period) AS last_period FROM monthly GROUP BY ALL) l USING (chain_code)
  GROUP BY ALL
),
grid AS (
  SELECT s.level, s.chain_code, s.store_code, s.sku, s.first_period, strftime(m, '%Y-%m') AS period
  FROM span s, LATERAL (SELECT unnest(range(${periodStart('s.first_period')}, ${periodStart('s.last_period')} + INTERVAL 1 DAY, INTERVAL 1 MONTH)) AS m)
),
stock AS (
  SELECT g.*, coalesce(m.purchases, 0) AS purchases_qty, coalesce(m.sellout, 0) AS sellout_qty,
         sum(coalesce(m.purchases, 0) - coalesce(m.sellout, 0)) OVER (
           PARTITION BY g.level, g.chain_code, g.store_code, g.sku ORDER BY g.period ROWS UNBOUNDED PRECEDING) AS estimated_stock
  FROM grid g LEFT JOIN monthly m
    ON m.level = g.level AND m.chain_code = g.chain_code AND m.store_code IS NOT DISTINCT FROM g.store_code AND m.sku = g.sku AND m.period = g.period
)
SELECT s.period, s.level, s.chain_code, ch.name AS chain_name, s.store_code, st.name AS store_name, s.sku, p.name AS product_name,
       s.purchases_qty, s.sellout_qty, s.estimated_stock, s.first_period AS stock_counted_from,
       ${r4(`s.sellout_qty / (${daysInPeriod('s.period')} / 7.0)`)} AS avg_weekly_sellout,
       CASE WHEN s.sellout_qty > 0 AND s.estimated_stock >= 0 THEN ${r4(`s.estimated_stock / (s.sellout_qty / (${daysInPeriod('s.period')} / 7.0))`)} END AS weeks_of_cover,
       s.estimated_stock < 0 AS negative_stock
FROM stock s
LEFT JOIN customers ch ON ch.code = s.chain_code
LEFT JOIN customers st ON st.code = s.store_code
LEFT JOIN products p ON p.sku = s.sku
ORDER BY s.period, s.chain_code, s.level, s.store_code NULLS FIRST, s.sku`;
