import type { Pipeline } from '../../config/workspace.js';
import { cadenceUnitSql } from '../load/periods.js';

/**
 * 及时率: how many days after a cadence unit ends its file is due, when the pipeline file does not
 * say (`due_days`). A daily EDI file is due the next day; a weekly one two days after the week;
 * a month-end export by the 5th of the next month, the usual clause in distributor agreements.
 */
export const DEFAULT_DUE_DAYS: Record<Pipeline['cadence'], number> = { daily: 1, weekly: 2, monthly: 5 };

export function dueDaysOf(p: Pick<Pipeline, 'cadence' | 'dueDays'>): number {
  return p.dueDays ?? DEFAULT_DUE_DAYS[p.cadence];
}

/** The cadence unit of a date, by a cadence column: the units restatement works in. */
const unitOf = (cadence: string, d: string) => `CASE ${cadence} WHEN 'daily' THEN ${cadenceUnitSql('daily', d)}
  WHEN 'weekly' THEN ${cadenceUnitSql('weekly', d)} ELSE ${cadenceUnitSql('monthly', d)} END`;
/** The last day of that unit: ISO weeks end on Sunday. */
const unitEndOf = (cadence: string, d: string) => `CASE ${cadence} WHEN 'daily' THEN ${d}
  WHEN 'weekly' THEN date_trunc('week', ${d})::DATE + 6 ELSE last_day(${d}) END`;

/**
 * collection_periods: one row per feed × expected cadence unit, from the feed's first dated row
 * to the as-of date (the latest transaction any feed reported). A unit is received when a loaded
 * file of the feed holds in-period rows dated in it (or a since superseded file's date range
 * covered it); it arrived when drugflow first
 * discovered that file — the start of the run that recorded it (files.run_id → runs.started_at,
 * UTC), the only arrival time drugflow records itself. File names and mtimes are the sender's
 * claims and are not used. On time = arrived on or before the unit's last day + due_days.
 * Needs feed_config (feed, kind, seller_code, cadence, due_days) and std_rows, files, runs.
 */
export const COLLECTION_PERIODS_SQL = `CREATE OR REPLACE TABLE collection_periods AS
WITH as_of AS (SELECT max(txn_date) AS as_of FROM std_rows WHERE NOT out_of_period),
feeds AS (SELECT feed, any_value(cadence) AS cadence, any_value(due_days)::INTEGER AS due_days FROM feed_config GROUP BY feed),
first_day AS (SELECT feed, min(txn_date) AS first_date FROM std_rows WHERE NOT out_of_period GROUP BY feed),
days AS (
  SELECT fd.feed, fd.cadence, fd.due_days, d::DATE AS d
  FROM feeds fd JOIN first_day f USING (feed), as_of,
       LATERAL (SELECT unnest(range(f.first_date, as_of.as_of + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS d)),
expected AS (
  SELECT feed, cadence, due_days, ${unitOf('cadence', 'd')} AS period, max(${unitEndOf('cadence', 'd')}) AS period_end
  FROM days GROUP BY ALL),
file_days AS (
  -- the days a file holds rows for: a loaded file's in-period rows; a superseded file's rows are
  -- gone, its recorded date range stands in for them
  SELECT DISTINCT s.file_id, s.txn_date AS d FROM std_rows s JOIN files f USING (file_id)
  WHERE f.status = 'loaded' AND NOT s.out_of_period AND s.txn_date IS NOT NULL
  UNION
  SELECT f.file_id, unnest(range(f.min_date, f.max_date + INTERVAL 1 DAY, INTERVAL 1 DAY))::DATE
  FROM files f WHERE f.status = 'superseded' AND f.min_date IS NOT NULL),
arrivals AS (
  SELECT f.feed, ${unitOf('fd.cadence', 'x.d')} AS period, r.started_at
  FROM file_days x JOIN files f USING (file_id) JOIN feeds fd USING (feed) JOIN runs r ON r.run_id = f.run_id),
first_arrival AS (SELECT feed, period, min(started_at) AS first_received_at FROM arrivals GROUP BY ALL)
SELECT e.feed, e.cadence, e.period, e.period_end, e.due_days, e.period_end + e.due_days AS due_date,
       a.first_received_at, a.first_received_at IS NOT NULL AS received,
       coalesce(a.first_received_at::DATE <= e.period_end + e.due_days, false) AS on_time
FROM expected e LEFT JOIN first_arrival a USING (feed, period)
ORDER BY e.feed, e.period`;
