/**
 * The classified months left as they are. Classify rebuilt every month's flow tables from every
 * loaded row each run (~18 s per 10M-row month), though on a night with history only the
 * current month has new rows. A month's rows in the flow tables, and its adjustments (the locks
 * stage, which runs on classify's rows of confirmed months), are a function of:
 *   - its loaded rows with what resolve decided about them (resolvedRowsSelect: codes, statuses,
 *     the buyer's type, unit factors, the file's path): the resolution tables and masters count
 *     only where they change one of the month's rows. Taken from records of each loaded file
 *     and the keys its rows use, not by reading the rows again (loaded-month-contents.ts);
 *   - the confirmed months (where an adjustment is booked) and the month's confirmed flows;
 *   - the code that classifies and applies the locks, and DuckDB's version (its hash()).
 * Each month is recorded with a fingerprint of those (db/kept-months.ts) once the locks stage has
 * finished: a confirmed month's flows are its confirmed rows by then. A month whose fingerprint is
 * unchanged keeps its rows and adjustments; the others are classified again.
 */
import type { Database } from '../../db/database.js';
import { forgetMonths, planMonths, recordMonths, type MonthPlan } from '../../db/kept-months.js';
import { periodContents, type RowsContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { LOCKED_LEVELS } from '../confirm/period-locks.js';
import { CLASSIFIED_TABLES } from './classify-sql.js';
import { loadedMonthContents } from './loaded-month-contents.js';

export const CLASSIFIED_MONTHS_TABLE = 'classified_months';

/** The code the kept rows depend on: this folder, the locks stage, the fingerprint and the month-by-month writes. */
const CLASSIFY_CODE = { dirs: ['.'], files: ['../confirm/apply-locks', '../confirm/period-locks', '../../db/rows-content', '../../db/kept-months'] };
const CLASSIFY_CODE_HASH = codeFingerprint(import.meta.url, CLASSIFY_CODE); // as the module loads (code-fingerprint.ts)

/** Which months must be classified this run; `locked` is the confirmed months. */
export async function planClassify(db: Database, locked: string[]): Promise<MonthPlan> {
  const confirmed: Map<string, RowsContent>[] = [];
  for (const level of LOCKED_LEVELS) {
    const table = `confirmed_flow_${level}`;
    // created by the first locks stage or confirm: until then no month has confirmed rows
    confirmed.push((await db.tableExists(table)) ? await periodContents(db, `classify fingerprint: ${table}`, `SELECT * FROM ${table}`) : new Map());
  }
  return planMonths(db, CLASSIFIED_MONTHS_TABLE, {
    shared: [CLASSIFY_CODE_HASH, locked],
    months: await loadedMonthContents(db),
    perMonth: confirmed,
    keptIn: [...CLASSIFIED_TABLES, 'adjustments'],
  });
}

/** Clears the records: in classify's transaction, before any classified row is deleted or written. */
export const forgetClassifiedMonths = (db: Database): Promise<void> => forgetMonths(db, CLASSIFIED_MONTHS_TABLE);

/** Records every month's fingerprint: after the locks stage has written the months' adjustments and restored their confirmed flows. */
export const recordClassifiedMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, CLASSIFIED_MONTHS_TABLE, plan);
