import type { Database } from '../../db/database.js';
import { InternalError } from '../../errors.js';
import { CLASSIFIED_TABLES, CLASSIFY_CLEANUP, CLASSIFY_STEPS } from './classify-sql.js';

export type TableCounts = Record<string, { rows: number; qty: number }>;

/**
 * Builds the flow tables and proves every loaded row landed in exactly one of them. One
 * transaction: the steps pass rows between them by std_rows' rowid, which names a row only within
 * one snapshot (a checkpoint between two statements may vacuum deleted rows and renumber the
 * rest); and a run stopped halfway leaves the last run's tables whole, not half of each.
 */
export async function runClassifyStage(db: Database): Promise<void> {
  await db.transaction('classify', async () => {
    for (const [step, sql] of Object.entries(CLASSIFY_STEPS)) await db.run(`classify: ${step}`, sql);
    for (const [step, sql] of Object.entries(CLASSIFY_CLEANUP)) await db.run(`classify: ${step}`, sql);
  });
  const counts = await countClassifiedTables(db);
  const landed = Object.values(counts).reduce((s, c) => s + c.rows, 0);
  const loaded = Number(await db.value('count std_rows', 'SELECT count(*) FROM std_rows'));
  if (landed !== loaded) {
    throw new InternalError(`classify lost rows: ${loaded} loaded but ${landed} landed in flow, purchase, inventory, sell-out and unresolved tables`);
  }
}

export async function countClassifiedTables(db: Database): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const table of CLASSIFIED_TABLES) {
    const row = await db.one<{ rows: number; qty: number }>(`count ${table}`, `SELECT count(*) AS rows, coalesce(sum(qty), 0) AS qty FROM ${table}`);
    counts[table] = { rows: Number(row?.rows ?? 0), qty: Number(row?.qty ?? 0) };
  }
  return counts;
}
