import type { Database } from '../../db/database.js';
import { InternalError } from '../../errors.js';
import { CLASSIFIED_TABLES, CLASSIFY_STEPS } from './classify-sql.js';

export type TableCounts = Record<string, { rows: number; qty: number }>;

/** Builds the flow tables and proves every loaded row landed in exactly one of them. */
export async function runClassifyStage(db: Database): Promise<void> {
  for (const [step, sql] of Object.entries(CLASSIFY_STEPS)) await db.run(`classify: ${step}`, sql);
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
