import type { Database } from '../../db/database.js';
import { UsageError } from '../../errors.js';
import { snapshotAttribution } from './attribution-snapshot.js';

/** The flow levels commissions are paid from: these are frozen when a month is confirmed. */
export const LOCKED_LEVELS = ['primary', 'secondary', 'terminal'] as const;

export const PERIOD_LOCK_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS period_locks (
    period VARCHAR PRIMARY KEY,
    status VARCHAR NOT NULL,          -- confirmed | reopened
    confirmed_by VARCHAR, confirmed_at TIMESTAMP,
    reopened_by VARCHAR, reopened_at TIMESTAMP, reopen_reason VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS period_lock_log (
    period VARCHAR NOT NULL, action VARCHAR NOT NULL, actor VARCHAR, logged_at TIMESTAMP NOT NULL, reason VARCHAR
  )`,
  ...LOCKED_LEVELS.map((level) => `CREATE TABLE IF NOT EXISTS confirmed_flow_${level} AS SELECT * FROM flow_${level} LIMIT 0`),
];

export async function ensurePeriodLockSchema(db: Database): Promise<void> {
  for (const sql of PERIOD_LOCK_SCHEMA) await db.run('period lock schema', sql);
}

/**
 * 销量确认: freezes a month's flows, rep attribution and commission figures as they are now.
 * Later files, restatements and alias corrections for that month no longer change it; their
 * difference is booked as adjustments (and a changed rep as a reassignment adjustment).
 */
export async function confirmPeriod(db: Database, period: string, by: string, at: Date): Promise<{ rows: Record<string, number> }> {
  await ensurePeriodLockSchema(db);
  const existing = await db.one<{ status: string }>('lock status', 'SELECT status FROM period_locks WHERE period = $p', { p: period });
  if (existing?.status === 'confirmed') throw new UsageError(`${period} is already confirmed; reopen it first to confirm it again`);
  const rows: Record<string, number> = {};
  await db.transaction(`confirm ${period}`, async () => {
    for (const level of LOCKED_LEVELS) {
      await db.run('clear snapshot', `DELETE FROM confirmed_flow_${level} WHERE period = $p`, { p: period });
      await db.run('snapshot flows', `INSERT INTO confirmed_flow_${level} BY NAME SELECT * FROM flow_${level} WHERE period = $p`, { p: period });
      rows[level] = Number(await db.value('count snapshot', `SELECT count(*) FROM confirmed_flow_${level} WHERE period = $p`, { p: period }));
    }
    rows.attributed_terminal = await snapshotAttribution(db, period);
    await db.run(
      'lock period',
      `INSERT OR REPLACE INTO period_locks (period, status, confirmed_by, confirmed_at) VALUES ($p, 'confirmed', $by, $at::TIMESTAMP)`,
      { p: period, by, at: at.toISOString() },
    );
    await db.run('log lock', `INSERT INTO period_lock_log VALUES ($p, 'confirm', $by, $at::TIMESTAMP, NULL)`, { p: period, by, at: at.toISOString() });
  });
  return { rows };
}

/** Reopening is possible, never silent: who, when and why are kept in period_lock_log. */
export async function reopenPeriod(db: Database, period: string, by: string, reason: string, at: Date): Promise<void> {
  await ensurePeriodLockSchema(db);
  if (!reason.trim()) throw new UsageError('reopen needs --reason');
  const existing = await db.one<{ status: string }>('lock status', 'SELECT status FROM period_locks WHERE period = $p', { p: period });
  if (existing?.status !== 'confirmed') throw new UsageError(`${period} is not confirmed`);
  await db.transaction(`reopen ${period}`, async () => {
    await db.run(
      'unlock period',
      `UPDATE period_locks SET status = 'reopened', reopened_by = $by, reopened_at = $at::TIMESTAMP, reopen_reason = $reason WHERE period = $p`,
      { p: period, by, at: at.toISOString(), reason },
    );
    await db.run('log unlock', `INSERT INTO period_lock_log VALUES ($p, 'reopen', $by, $at::TIMESTAMP, $reason)`, { p: period, by, at: at.toISOString(), reason });
  });
}
