import { periodStart } from '../reconcile/months-sql.js';

/**
 * 采集监控: is every distributor sending its files? Measured against the data itself (the
 * latest transaction date any feed reported is "today" for the report), so the table is the
 * same whenever the run happens; when files arrived is taken from the run that first saw them
 * (see timeliness-sql.ts for 采集率 / 及时率 per cadence unit).
 */
export const COLLECTION_STATUS_SQL = `CREATE OR REPLACE TABLE collection_status AS
WITH as_of AS (SELECT max(txn_date) AS as_of FROM std_rows WHERE NOT out_of_period),
feeds AS (
  SELECT feed, any_value(kind) AS kind, any_value(seller_code) AS seller_code, any_value(cadence) AS cadence
  FROM feed_config GROUP BY feed),
received AS (
  SELECT f.feed, max(r.started_at) AS last_file_received, count(*) FILTER (WHERE f.status IN ('loaded', 'superseded')) AS files_loaded
  FROM files f LEFT JOIN runs r ON r.run_id = f.run_id GROUP BY f.feed),
activity AS (
  SELECT feed, max(txn_date) AS last_txn_date, list(DISTINCT period ORDER BY period) AS periods, min(period) AS first_period
  FROM std_rows WHERE NOT out_of_period GROUP BY feed),
expected AS (
  -- Every month from the feed's first month to the as-of month should have data.
  SELECT a.feed, list(strftime(m, '%Y-%m') ORDER BY m) AS expected_periods
  FROM activity a, as_of,
       LATERAL (SELECT unnest(range(${periodStart('a.first_period')}, as_of.as_of + INTERVAL 1 DAY, INTERVAL 1 MONTH)) AS m)
  GROUP BY a.feed),
timeliness AS (
  -- 采集率 and 及时率 over every expected cadence unit (collection_periods, written just before)
  SELECT feed, any_value(due_days) AS due_days, count(*) AS periods_expected,
         count(*) FILTER (WHERE received) AS periods_received, count(*) FILTER (WHERE on_time) AS periods_on_time
  FROM collection_periods GROUP BY feed)
SELECT fd.feed, fd.kind, fd.seller_code, c.name AS seller_name, fd.cadence,
       rc.last_file_received, coalesce(rc.files_loaded, 0) AS files_loaded, ac.last_txn_date,
       CASE WHEN ac.last_txn_date IS NULL THEN NULL ELSE date_diff('day', ac.last_txn_date, as_of.as_of) END AS days_silent,
       coalesce(list_filter(ex.expected_periods, p -> NOT list_contains(ac.periods, p)), []) AS missing_periods,
       ac.last_txn_date IS NULL OR date_diff('day', ac.last_txn_date, as_of.as_of) >= 3 AS silent_3_days,
       ac.last_txn_date IS NULL OR date_diff('day', ac.last_txn_date, as_of.as_of) >= 5 AS silent_5_days,
       strftime(as_of.as_of, '%Y-%m') = strftime(ac.last_txn_date, '%Y-%m') AS received_this_period,
       as_of.as_of,
       tl.due_days, coalesce(tl.periods_expected, 0) AS periods_expected, coalesce(tl.periods_received, 0) AS periods_received,
       coalesce(tl.periods_on_time, 0) AS periods_on_time,
       CASE WHEN tl.periods_expected > 0 THEN round(tl.periods_received / tl.periods_expected, 4) END AS collection_rate,
       CASE WHEN tl.periods_expected > 0 THEN round(tl.periods_on_time / tl.periods_expected, 4) END AS on_time_rate
FROM feeds fd CROSS JOIN as_of
LEFT JOIN received rc USING (feed)
LEFT JOIN activity ac USING (feed)
LEFT JOIN expected ex USING (feed)
LEFT JOIN timeliness tl USING (feed)
LEFT JOIN customers c ON c.code = fd.seller_code
ORDER BY fd.feed`;

/** Distributors we ship to that have no feed at all: their sell-out is invisible. */
export const DISTRIBUTORS_WITHOUT_FEED_SQL = `CREATE OR REPLACE TABLE distributors_without_feed AS
SELECT c.code, c.name, c.tier, sum(p.qty) AS shipped_qty, max(p.txn_date) AS last_shipment
FROM customers c
JOIN flow_primary p ON p.buyer_code = c.code
WHERE c.type = 'distributor' AND c.code NOT IN (SELECT seller_code FROM feed_config)
GROUP BY c.code, c.name, c.tier ORDER BY c.code`;
