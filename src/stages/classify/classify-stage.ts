import type { Database } from '../../db/database.js';
import { InternalError } from '../../errors.js';
import { monthsBuiltAgain, notKeptSql, type MonthPlan } from '../../db/kept-months.js';
import { confirmedPeriods } from '../confirm/attribution-snapshot.js';
import { CLASSIFIED_TABLES, CLASSIFY_CLEANUP, classifySteps } from './classify-sql.js';
import { forgetClassifiedMonths, planClassify } from './classified-months.js';
import { forgetAttributionOf } from '../attribute/attributed-months.js';

export type TableCounts = Record<string, { rows: number; qty: number }>;

/**
 * Builds the flow tables and proves every loaded row landed in exactly one of them. Months whose
 * rows could not come out otherwise keep them (classified-months.ts): the plan says which, and
 * the caller records the months once the locks stage is done with them (recordClassifiedMonths).
 * One transaction: the steps pass rows between them by std_rows' rowid, which names a row only
 * within one snapshot (a checkpoint between two statements may vacuum deleted rows and renumber
 * the rest); and a run stopped halfway leaves the last run's tables whole, not half of each.
 */
export async function runClassifyStage(db: Database): Promise<MonthPlan> {
  const plan = await db.transaction('classify', async () => {
    const months = await planClassify(db, await confirmedPeriods(db));
    await forgetClassifiedMonths(db);
    const rebuilt = monthsBuiltAgain(months);
    await forgetAttributionOf(db, rebuilt);
    for (const [step, sql] of classifySteps(rebuilt)) await db.run(`classify: ${step}`, sql);
    for (const [step, sql] of Object.entries(CLASSIFY_CLEANUP)) await db.run(`classify: ${step}`, sql);
    return months;
  });
  // The rows of the months classified now: a kept month was checked when it was classified, and
  // a confirmed one holds its confirmed rows since (the locks stage).
  const months = notKeptSql(plan.kept);
  const counts = await countClassifiedTables(db, months);
  const landed = Object.values(counts).reduce((s, c) => s + c.rows, 0);
  const loaded = Number(await db.value('count std_rows', `SELECT count(*) FROM std_rows WHERE ${months}`));
  if (landed !== loaded) {
    throw new InternalError(`classify lost rows: ${loaded} loaded but ${landed} landed in flow, purchase, inventory, sell-out and unresolved tables`);
  }
  return plan;
}

/** Rows and quantity per classified table, of the rows `where` picks (SQL on the table: every row by default). */
export async function countClassifiedTables(db: Database, where = 'true'): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const table of CLASSIFIED_TABLES) {
    const row = await db.one<{ rows: number; qty: number }>(`count ${table}`, `SELECT count(*) AS rows, coalesce(sum(qty), 0) AS qty FROM ${table} WHERE ${where}`);
    counts[table] = { rows: Number(row?.rows ?? 0), qty: Number(row?.qty ?? 0) };
  }
  return counts;
}
