import type { Database } from '../../db/database.js';
import { notKeptSql } from '../../db/kept-months.js';
import { firstOpenMonthSql, LOCKED_PERIODS_SQL } from './attribution-snapshot.js';
import { LOCKED_LEVELS, ensurePeriodLockSchema } from './period-locks.js';

/**
 * After classify: confirmed months get back exactly the flows that were confirmed, and what the
 * data now says differently is booked in `adjustments`, tagged with the month it belongs to and
 * the first open month after it, where it is paid. Rebuilt every run from the snapshots, so it
 * is deterministic and survives re-runs; except the months classify kept (`kept`,
 * classified-months.ts): their flows are already the confirmed ones, and their adjustments are
 * the last run's, made from the same rows.
 */
export async function runLockStage(db: Database, kept: string[] = []): Promise<{ lockedPeriods: string[]; adjustments: number }> {
  await ensurePeriodLockSchema(db);
  const locked = (await db.all<{ period: string }>('locked periods', "SELECT period FROM period_locks WHERE status = 'confirmed' ORDER BY period")).map(
    (r) => r.period,
  );
  const notKept = notKeptSql(kept);
  if (kept.length > 0) await db.run('adjustments: months classified again', `DELETE FROM adjustments WHERE ${notKept}`);
  else {
    await db.run(
      'adjustments table',
      `CREATE OR REPLACE TABLE adjustments (
      level VARCHAR, period VARCHAR, booked_in VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR,
      qty DOUBLE, amount DOUBLE, confirmed_qty DOUBLE, current_qty DOUBLE)`,
    );
  }
  if (locked.length === 0) return { lockedPeriods: [], adjustments: Number(await db.value('count adjustments', 'SELECT count(*) FROM adjustments')) };
  const lockedJson = JSON.stringify(locked);
  for (const level of LOCKED_LEVELS) {
    await db.run(
      `adjustments ${level}`,
      `INSERT INTO adjustments
       WITH locked AS (SELECT period FROM (${LOCKED_PERIODS_SQL}) t(period)),
       redone AS (SELECT period FROM locked WHERE ${notKept}),
       current AS (
         SELECT period, seller_code, buyer_code, sku, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount
         FROM flow_${level} WHERE period IN (SELECT period FROM redone) GROUP BY ALL),
       paid AS (
         SELECT period, seller_code, buyer_code, sku, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount
         FROM confirmed_flow_${level} WHERE period IN (SELECT period FROM redone) GROUP BY ALL)
       SELECT '${level}', period,
              ${firstOpenMonthSql('period', 'SELECT period FROM locked')} AS booked_in,
              seller_code, buyer_code, sku,
              coalesce(c.qty, 0) - coalesce(p.qty, 0), coalesce(c.amount, 0) - coalesce(p.amount, 0), coalesce(p.qty, 0), coalesce(c.qty, 0)
       FROM current c FULL JOIN paid p USING (period, seller_code, buyer_code, sku)
       WHERE abs(coalesce(c.qty, 0) - coalesce(p.qty, 0)) > 1e-9 OR abs(coalesce(c.amount, 0) - coalesce(p.amount, 0)) > 1e-6
       ORDER BY period, seller_code, buyer_code, sku`,
      { locked: lockedJson },
    );
    const restored = `period IN (${LOCKED_PERIODS_SQL}) AND ${notKept}`;
    await db.run(`restore ${level}`, `DELETE FROM flow_${level} WHERE ${restored}`, { locked: lockedJson });
    await db.run(`restore ${level}`, `INSERT INTO flow_${level} BY NAME SELECT * FROM confirmed_flow_${level} WHERE ${restored}`, { locked: lockedJson });
  }
  const adjustments = Number(await db.value('count adjustments', 'SELECT count(*) FROM adjustments'));
  return { lockedPeriods: locked, adjustments };
}
