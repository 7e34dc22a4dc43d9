import { Database } from '../../../src/db/database.js';
import { installStandardiseMacros } from '../../../src/stages/standardise/macros.js';

/** A fresh in-memory DuckDB with the standardise macros installed. */
export async function openMacroDb(): Promise<Database> {
  const db = await Database.open(':memory:');
  await installStandardiseMacros(db);
  return db;
}

/** Applies one macro to one (bound) value. */
export async function apply(db: Database, macro: string, value: string | null): Promise<unknown> {
  return value === null
    ? db.value('test', `SELECT ${macro}(CAST(NULL AS VARCHAR))`)
    : db.value('test', `SELECT ${macro}(CAST($1 AS VARCHAR))`, [value]);
}
